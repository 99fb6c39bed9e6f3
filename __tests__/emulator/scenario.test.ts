import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeImagesCommand } from '@aws-sdk/client-ecr';
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { basicFindings, iamUser, multiArchImage, putImageRecord } from '../../emulator/builders.js';
import { loadScenario, parseScenario, ScenarioError } from '../../emulator/load.js';
import { startEmulator } from '../../emulator/server.js';
import type { Scenario } from '../../emulator/scenario.js';
import { ACCOUNT, cloudTrailClient, digest, ecrClient, REGION, scenario, T0 } from './kit.js';

const messageOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
  throw new Error('expected a ScenarioError');
};

test('shape errors name the field, the value and what is accepted', () => {
  const bad = (patch: Record<string, unknown>) =>
    messageOf(() => parseScenario({ ...scenario(), ...patch }));
  expect(bad({ accountId: '12' })).toBe(
    'scenario.accountId: "12" is not valid. Expected 12 digits.',
  );
  expect(bad({ images: [{ repository: 'app', digest: 'sha256:abc' }] })).toBe(
    'scenario.images[0].digest: "sha256:abc" is not valid. Expected "sha256:" followed by 64 lowercase hex digits.',
  );
  expect(
    bad({
      images: [{ repository: 'app', digest: digest(1), scan: { timeline: [{ status: 'DONE' }] } }],
    }),
  ).toContain(
    'scenario.images[0].scan.timeline[0].status: "DONE" is not valid. Expected ACTIVE | COMPLETE',
  );
  expect(bad({ faults: [{ kind: 'explode' }] })).toContain('scenario.faults[0].kind: "explode"');
  expect(bad({ cloudTrail: { events: [{ record: { eventName: 'PutImage' } }] } })).toBe(
    'scenario.cloudTrail.events[0].record.eventTime is missing.',
  );
});

test('inconsistent scenarios are refused when served', async () => {
  const refused = async (s: Scenario) => {
    const error = await startEmulator(s).then(
      async (e) => {
        await e.close();
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ScenarioError);
    return error instanceof Error ? error.message : '';
  };
  expect(
    await refused(scenario({ images: [{ repository: 'ghost', digest: digest(1) }] })),
  ).toContain('images[0].repository: "ghost" is not in repositories');
  expect(
    await refused(
      scenario({
        images: [{ repository: 'app', digest: digest(1), index: [{ digest: digest(2) }] }],
      }),
    ),
  ).toContain('images[0].index[0].digest');
  expect(
    await refused(
      scenario({
        repositories: [{ name: 'app', scanType: 'ENHANCED' }],
        images: [{ repository: 'app', digest: digest(1), scan: { findings: basicFindings(1) } }],
      }),
    ),
  ).toContain('basic findings need a BASIC repository');
  expect(
    await refused(
      scenario({
        images: [
          { repository: 'app', digest: digest(1), tags: ['v1'] },
          { repository: 'app', digest: digest(2), tags: ['v1'] },
        ],
      }),
    ),
  ).toContain('tag "v1" already points at another image');
});

test('a scenario built in code survives a JSON file and is served the same', async () => {
  const buildx = multiArchImage({
    repository: 'app',
    tag: 'v1',
    scan: { findings: basicFindings(12) },
  });
  const built = scenario({
    images: buildx.images,
    cloudTrail: {
      events: [
        {
          record: putImageRecord({
            identity: iamUser(ACCOUNT, 'alice'),
            region: REGION,
            registryId: ACCOUNT,
            repository: 'app',
            digest: buildx.indexDigest,
            tag: 'v1',
            eventTime: '2024-05-01T11:00:00Z',
          }),
        },
      ],
    },
    faults: [{ kind: 'latency', latencyMs: 1, operation: 'DescribeImages' }],
  });
  const file = join(mkdtempSync(join(tmpdir(), 'emulator-')), 'scenario.json');
  writeFileSync(file, JSON.stringify(built));
  const loaded = loadScenario(file);
  expect(loaded).toEqual(built);
  const emulator = await startEmulator(loaded);
  try {
    const images = await ecrClient(emulator).send(
      new DescribeImagesCommand({ repositoryName: 'app' }),
    );
    expect(images.imageDetails).toHaveLength(buildx.images.length);
  } finally {
    await emulator.close();
  }
});

test('unreadable files are named in the error', () => {
  expect(messageOf(() => loadScenario('/nonexistent/scenario.json'))).toContain(
    'Scenario file /nonexistent/scenario.json cannot be read',
  );
  const file = join(mkdtempSync(join(tmpdir(), 'emulator-')), 'broken.json');
  writeFileSync(file, '{"accountId": ');
  expect(messageOf(() => loadScenario(file))).toContain(`Scenario file ${file} is not valid JSON`);
});

test('timeBase moves recorded times to the emulator start', async () => {
  const recorded = '2021-08-18T23:17:30Z';
  const emulator = await startEmulator(
    scenario({
      timeBase: recorded,
      images: [
        { repository: 'app', digest: digest(1), tags: ['v1'], pushedAt: '2021-08-18T23:07:30Z' },
      ],
      cloudTrail: {
        events: [
          {
            record: putImageRecord({
              identity: iamUser(ACCOUNT, 'alice'),
              region: REGION,
              registryId: ACCOUNT,
              repository: 'app',
              digest: digest(1),
              tag: 'v1',
              eventTime: recorded,
            }),
          },
        ],
        lookupsPerSecond: 0,
      },
    }),
    { clock: () => T0 },
  );
  try {
    const image = await ecrClient(emulator).send(
      new DescribeImagesCommand({ repositoryName: 'app' }),
    );
    expect(image.imageDetails?.[0]?.imagePushedAt).toEqual(new Date(T0 - 600_000));
    const events = await cloudTrailClient(emulator).send(
      new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: 'app' }],
      }),
    );
    const event = events.Events?.[0];
    expect(event?.EventTime).toEqual(new Date(T0));
    const record = JSON.parse(event?.CloudTrailEvent ?? '{}') as { eventTime: string };
    expect(record.eventTime).toBe(new Date(T0).toISOString().replace('.000Z', 'Z'));
  } finally {
    await emulator.close();
  }
});
