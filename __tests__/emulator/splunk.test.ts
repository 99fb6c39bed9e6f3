import { readFileSync } from 'node:fs';
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { DescribeImageScanFindingsCommand, DescribeImagesCommand } from '@aws-sdk/client-ecr';
import {
  SPLUNK_SCAN_FILE,
  splunkScanScenario,
  splunkUploadScenario,
} from '../../emulator/builders.js';
import { startEmulator, type Emulator } from '../../emulator/server.js';
import { cloudTrailClient, ecrClient, T0 } from './kit.js';

const started: Emulator[] = [];
afterAll(async () => {
  for (const emulator of started) await emulator.close();
});
async function serve(...args: Parameters<typeof startEmulator>) {
  const emulator = await startEmulator(...args);
  started.push(emulator);
  return emulator;
}

test('the recorded scan is served with its 104 findings and epoch-second times', async () => {
  const emulator = await serve(splunkScanScenario({ rebase: false }));
  const response = await ecrClient(emulator, { region: 'eu-central-1' }).send(
    new DescribeImageScanFindingsCommand({
      repositoryName: 'devsecops/cat_dog_client',
      imageId: {
        imageDigest: 'sha256:a27d73188718a511a1ec1ec788826674b21e097f29873dde734a4dedfbfab1c6',
      },
      maxResults: 1000,
    }),
  );
  const findings = response.imageScanFindings?.findings ?? [];
  expect(findings).toHaveLength(104);
  expect(response.imageScanFindings?.findingSeverityCounts).toEqual({
    HIGH: 2,
    MEDIUM: 14,
    LOW: 22,
    INFORMATIONAL: 63,
    UNDEFINED: 3,
  });
  expect(response.imageScanFindings?.imageScanCompletedAt).toEqual(
    new Date('2021-08-11T11:30:16Z'),
  );
  expect(response.imageScanFindings?.vulnerabilitySourceUpdatedAt).toEqual(
    new Date('2021-08-11T01:17:52Z'),
  );
  // Served exactly as recorded.
  const recorded = JSON.parse(readFileSync(SPLUNK_SCAN_FILE, 'utf8')) as {
    responseElements: { imageScanFindings: { findings: unknown[] } };
  };
  expect(findings).toEqual(recorded.responseElements.imageScanFindings.findings);
});

test('rebased, the scan scenario happens around the emulator start', async () => {
  const emulator = await serve(splunkScanScenario(), { clock: () => T0 });
  const images = await ecrClient(emulator).send(
    new DescribeImagesCommand({ repositoryName: 'devsecops/cat_dog_client' }),
  );
  const pushedAt = images.imageDetails?.[0]?.imagePushedAt?.getTime() ?? 0;
  // Recorded: pushed (30 s before the 11:30:16 scan) 22 min 41 s before the 11:52:27 read.
  expect(T0 - pushedAt).toBe((22 * 60 + 41) * 1000);
  const events = await cloudTrailClient(emulator).send(
    new LookupEventsCommand({
      LookupAttributes: [
        { AttributeKey: 'ResourceName', AttributeValue: 'devsecops/cat_dog_client' },
      ],
    }),
  );
  expect(events.Events?.map((e) => e.EventName)).toEqual(['DescribeImageScanFindings', 'PutImage']);
  expect(events.Events?.[1]?.EventTime?.getTime()).toBe(pushedAt);
});

test('the recorded cross-account upload is served, its malformed ARN as recorded', async () => {
  const emulator = await serve(splunkUploadScenario({ rebase: false }));
  const ecr = ecrClient(emulator);
  const image = await ecr.send(
    new DescribeImagesCommand({
      repositoryName: 'devsecops/cat_dog_server',
      registryId: '111111111112',
      imageIds: [{ imageTag: 'latest' }],
    }),
  );
  expect(image.imageDetails?.[0]?.imageDigest).toBe(
    'sha256:b7798f35949cc1a2d435c9ac59ab69e857fe635a359c96e4f56a8498ce02019c',
  );
  expect(image.imageDetails?.[0]?.imagePushedAt).toEqual(new Date('2021-08-18T23:17:30Z'));
  const lookup = (AttributeValue: string) =>
    cloudTrailClient(emulator).send(
      new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue }],
      }),
    );
  const byName = await lookup('devsecops/cat_dog_server');
  expect(byName.Events?.map((e) => e.Username)).toEqual(['test']);
  // The record's resources[0].ARN carries a 13-digit account id: the well-formed ARN finds nothing.
  const byArn = await lookup(
    'arn:aws:ecr:eu-central-1:111111111112:repository/devsecops/cat_dog_server',
  );
  expect(byArn.Events).toEqual([]);
});
