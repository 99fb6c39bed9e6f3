// Page one of the scan asked beside DescribeImages (aws/scan-pages.ts, issue 13): used only when
// ECR's answer names the digest the resolve found; every other answer is dropped and the read
// goes by digest as before. ECR answers a read by tag with the digest it described
// (../shared/data/realworld/ecr-scan-responses.json, `scratch-image-failed-null-findings`:
// AWS CLI output for imageTag=0.1.21 carries imageId.imageDigest).
import {
  DescribeImageScanFindingsCommand,
  DescribeImagesCommand,
  ECRClient,
  GetRegistryScanningConfigurationCommand,
  type DescribeImageScanFindingsCommandInput,
  type DescribeImageScanFindingsCommandOutput,
} from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { EcrAdapter } from '../../src/aws/ecr.js';
import type { ImageTarget } from '../../src/model.js';
import { DIGEST, REGISTRY, awsError, fakeClock, registryScanning } from './ecr-test-kit.js';

const ecr = mockClient(ECRClient);
const OTHER = `sha256:${'b'.repeat(64)}`;
const target: ImageTarget = {
  raw: `${REGISTRY}.dkr.ecr.eu-west-1.amazonaws.com/team/app:v1`,
  repository: 'team/app',
  registryId: REGISTRY,
  tag: 'v1',
};

function adapter(): EcrAdapter {
  const clock = fakeClock();
  return new EcrAdapter({
    clientFor: (region) => new ECRClient({ region }),
    now: clock.now,
    sleep: clock.sleep,
    random: clock.random,
  });
}

function finding(name: string) {
  return {
    name,
    severity: 'HIGH' as const,
    attributes: [{ key: 'package_name', value: 'openssl' }],
  };
}

/** A COMPLETE page describing `digest`, `count` findings named after `prefix`. */
function page(
  digest: string | undefined,
  prefix: string,
  count: number,
  nextToken?: string,
): DescribeImageScanFindingsCommandOutput {
  return {
    $metadata: {},
    ...(digest ? { imageId: { imageDigest: digest, imageTag: 'v1' } } : {}),
    imageScanStatus: { status: 'COMPLETE' },
    imageScanFindings: {
      imageScanCompletedAt: new Date('2026-12-01T00:00:00Z'),
      findings: Array.from({ length: count }, (_, i) => finding(`${prefix}-${i}`)),
    },
    ...(nextToken ? { nextToken } : {}),
  };
}

type Answer = (
  input: DescribeImageScanFindingsCommandInput,
) => DescribeImageScanFindingsCommandOutput;
const reads: DescribeImageScanFindingsCommandInput[] = [];
let describeImagesAnswered = false;
let typeAskedEarly: boolean | undefined;

function world(answer: Answer): void {
  ecr.reset();
  reads.length = 0;
  describeImagesAnswered = false;
  ecr.on(DescribeImagesCommand).callsFake(async () => {
    // Answers after a turn of the event loop: a read asked beside it is already out.
    await new Promise((resolve) => setTimeout(resolve, 5));
    describeImagesAnswered = true;
    return {
      imageDetails: [
        {
          registryId: REGISTRY,
          repositoryName: 'team/app',
          imageDigest: DIGEST,
          imageTags: ['v1'],
          imageManifestMediaType: 'application/vnd.oci.image.manifest.v1+json',
        },
      ],
    };
  });
  typeAskedEarly = undefined;
  ecr.on(GetRegistryScanningConfigurationCommand).callsFake(() => {
    typeAskedEarly ??= !describeImagesAnswered;
    return registryScanning('BASIC');
  });
  ecr
    .on(DescribeImageScanFindingsCommand)
    .callsFake((input: DescribeImageScanFindingsCommandInput) => {
      reads.push({ ...input, ...(describeImagesAnswered ? {} : { early: true }) } as never);
      return answer(input);
    });
}

async function gate() {
  const ecrAdapter = adapter();
  const [image] = await ecrAdapter.resolve(target, 'eu-west-1', { readScanEarly: true });
  if (!image) throw new Error('not resolved');
  return ecrAdapter.waitForScan(image, { timeoutMs: 60_000, settleMs: 0 });
}

const ids = () =>
  reads.map((r) => ({
    ...(r.imageId?.imageTag ? { tag: r.imageId.imageTag } : { digest: r.imageId?.imageDigest }),
    ...(r.nextToken ? { token: r.nextToken } : {}),
    ...((r as { early?: boolean }).early ? { early: true } : {}),
  }));

test('the early page describes the resolved digest: it is the read, one findings call in all', async () => {
  world(() => page(DIGEST, 'CVE-A', 3));
  const outcome = await gate();
  expect(ids()).toEqual([{ tag: 'v1', early: true }]);
  // The registry's scan type (needed once the scan is done) goes out with them too.
  expect(typeAskedEarly).toBe(true);
  expect(outcome).toMatchObject({ status: 'COMPLETE', usable: true, calls: 1 });
  expect(outcome.findings.map((f) => f.id)).toEqual(['CVE-A-0', 'CVE-A-1', 'CVE-A-2']);
});

test('further pages of a read by tag keep the tag their token was issued for', async () => {
  world((input) => (input.nextToken ? page(DIGEST, 'CVE-B', 2) : page(DIGEST, 'CVE-A', 2, 't1')));
  const outcome = await gate();
  expect(ids()).toEqual([
    { tag: 'v1', early: true },
    { tag: 'v1', token: 't1' },
  ]);
  expect(outcome.findings).toHaveLength(4);
  expect(outcome.calls).toBe(2);
});

test('the tag moved before the early read: its page is dropped, the resolved digest is read', async () => {
  world((input) => (input.imageId?.imageTag ? page(OTHER, 'MOVED', 5) : page(DIGEST, 'CVE-A', 1)));
  const outcome = await gate();
  expect(ids()).toEqual([{ tag: 'v1', early: true }, { digest: DIGEST }]);
  expect(outcome.findings.map((f) => f.id)).toEqual(['CVE-A-0']);
});

test('the tag moved in the middle of a read by tag: the read starts again by digest', async () => {
  world((input) => {
    if (input.imageId?.imageTag) {
      return input.nextToken ? page(OTHER, 'MOVED', 5) : page(DIGEST, 'CVE-A', 2, 't1');
    }
    return page(DIGEST, 'CVE-A', 3);
  });
  const outcome = await gate();
  expect(ids()).toEqual([
    { tag: 'v1', early: true },
    { tag: 'v1', token: 't1' },
    { digest: DIGEST },
  ]);
  expect(outcome.findings.map((f) => f.id)).toEqual(['CVE-A-0', 'CVE-A-1', 'CVE-A-2']);
  expect(outcome.usable).toBe(true);
});

test('a later page without imageId is held to page one by its token, not dropped', async () => {
  world((input) =>
    input.nextToken ? page(undefined, 'CVE-B', 1) : page(DIGEST, 'CVE-A', 1, 't1'),
  );
  const outcome = await gate();
  expect(ids()).toEqual([
    { tag: 'v1', early: true },
    { tag: 'v1', token: 't1' },
  ]);
  expect(outcome.findings.map((f) => f.id)).toEqual(['CVE-A-0', 'CVE-B-0']);
});

test('an answer that names no digest cannot be checked: dropped, read by digest', async () => {
  world((input) =>
    input.imageId?.imageTag ? page(undefined, 'UNKNOWN', 9) : page(DIGEST, 'CVE-A', 1),
  );
  const outcome = await gate();
  expect(ids()).toEqual([{ tag: 'v1', early: true }, { digest: DIGEST }]);
  expect(outcome.findings.map((f) => f.id)).toEqual(['CVE-A-0']);
});

test('a failed early read is dropped; the read by digest meets the state itself', async () => {
  let first = true;
  world(() => {
    if (first) {
      first = false;
      throw awsError('ScanNotFoundException');
    }
    return page(DIGEST, 'CVE-A', 1);
  });
  const outcome = await gate();
  expect(ids()).toEqual([{ tag: 'v1', early: true }, { digest: DIGEST }]);
  expect(outcome).toMatchObject({ status: 'COMPLETE', usable: true });
});

test('without readScanEarly the resolve asks nothing of the scan', async () => {
  world(() => page(DIGEST, 'CVE-A', 1));
  const ecrAdapter = adapter();
  const [image] = await ecrAdapter.resolve(target, 'eu-west-1');
  expect(reads).toHaveLength(0);
  await ecrAdapter.waitForScan(image!, { timeoutMs: 60_000, settleMs: 0 });
  expect(ids()).toEqual([{ digest: DIGEST }]);
});

test('an early read that never answers does not hold the wait past its own signal', async () => {
  world(() => page(DIGEST, 'CVE-A', 1));
  ecr.on(DescribeImageScanFindingsCommand).callsFake(
    () => new Promise(() => undefined), // black-holed: never answers
  );
  const ecrAdapter = adapter();
  const [image] = await ecrAdapter.resolve(target, 'eu-west-1', { readScanEarly: true });
  const stop = new AbortController();
  setTimeout(() => stop.abort(), 20);
  const started = Date.now();
  const outcome = await ecrAdapter.waitForScan(image!, {
    timeoutMs: 60_000,
    settleMs: 0,
    signal: stop.signal,
  });
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(outcome.status).toBe('CANCELLED');
  expect(outcome.usable).toBe(false);
});
