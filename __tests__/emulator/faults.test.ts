import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { DescribeImagesCommand, DescribeImageScanFindingsCommand } from '@aws-sdk/client-ecr';
import { startEmulator, type Emulator } from '../../emulator/server.js';
import type { FaultSpec, Scenario } from '../../emulator/scenario.js';
import { cloudTrailClient, digest, ecrClient, rejectionOf, scenario } from './kit.js';

const sleeps: number[] = [];
let emulator: Emulator;

const base = (faults: FaultSpec[], extra: Partial<Scenario> = {}): Scenario =>
  scenario({
    images: [{ repository: 'app', digest: digest(1), tags: ['v1'], scan: { findings: [] } }],
    cloudTrail: { events: [], lookupsPerSecond: 0 },
    faults,
    ...extra,
  });

beforeAll(async () => {
  emulator = await startEmulator(base([]), {
    // Latency is recorded, not waited for.
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
});
afterAll(() => emulator.close());
beforeEach(() => {
  sleeps.length = 0;
});

const describe1 = (options: { requestTimeoutMs?: number } = {}) =>
  ecrClient(emulator, options).send(
    new DescribeImagesCommand({ repositoryName: 'app', imageIds: [{ imageTag: 'v1' }] }),
  );
const findings = () =>
  ecrClient(emulator).send(
    new DescribeImageScanFindingsCommand({ repositoryName: 'app', imageId: { imageTag: 'v1' } }),
  );
const lookup = () =>
  cloudTrailClient(emulator).send(
    new LookupEventsCommand({
      LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'PutImage' }],
    }),
  );

test.each([
  ['throttle', 'ThrottlingException', 400],
  ['http500', 'ServerException', 500],
  ['http503', 'ServiceUnavailable', 503],
  ['accessDenied', 'AccessDeniedException', 400],
  ['expiredToken', 'ExpiredTokenException', 400],
] as const)('%s answers %s with HTTP %i', async (kind, name, status) => {
  emulator.reset(base([{ kind, operation: 'DescribeImages' }]));
  const error = await rejectionOf(describe1());
  expect(error.name).toBe(name);
  expect(error.$metadata?.httpStatusCode).toBe(status);
  expect(emulator.requests[0]).toMatchObject({ fault: kind, status, errorType: name });
  // Other operations are not selected.
  await expect(findings()).resolves.toBeDefined();
});

test('CloudTrail faults use CloudTrail names', async () => {
  emulator.reset(
    base([
      { kind: 'http500', service: 'cloudtrail' },
      { kind: 'accessDenied', service: 'ecr' },
    ]),
  );
  expect((await rejectionOf(lookup())).name).toBe('InternalFailure');
  const denied = await rejectionOf(findings());
  expect(denied.name).toBe('AccessDeniedException');
  expect(denied.message).toContain('ecr:DescribeImageScanFindings');
});

test('an error fault answers the given type, status and message', async () => {
  emulator.reset(
    base([{ kind: 'error', errorType: 'KmsException', status: 400, message: 'kms says no' }]),
  );
  const error = await rejectionOf(describe1());
  expect(error.name).toBe('KmsException');
  expect(error.message).toBe('kms says no');
});

test('faults select calls by number, or a run of them with from and count', async () => {
  emulator.reset(
    base([
      { kind: 'throttle', operation: 'DescribeImages', calls: [2, 4] },
      { kind: 'http503', operation: 'DescribeImageScanFindings', from: 2, count: 2 },
    ]),
  );
  const outcome = async (call: () => Promise<unknown>) =>
    call().then(
      () => 'ok',
      (error: unknown) => (error instanceof Error ? error.name : 'non-error'),
    );
  const images: string[] = [];
  const scans: string[] = [];
  for (let i = 0; i < 5; i++) {
    images.push(await outcome(describe1));
    scans.push(await outcome(findings));
  }
  expect(images).toEqual(['ok', 'ThrottlingException', 'ok', 'ThrottlingException', 'ok']);
  expect(scans).toEqual(['ok', 'ServiceUnavailable', 'ServiceUnavailable', 'ok', 'ok']);
});

test('latency faults and the global latency add up per call', async () => {
  emulator.reset(
    base([{ kind: 'latency', operation: 'DescribeImages', latencyMs: 250, count: 1 }], {
      latencyMs: 20,
    }),
  );
  await describe1();
  await describe1();
  await lookup();
  expect(sleeps).toEqual([270, 20, 20]);
});

test('a connection reset drops the request without an answer', async () => {
  emulator.reset(base([{ kind: 'reset', count: 1 }]));
  await expect(describe1()).rejects.toThrow();
  expect(emulator.requests[0]).toMatchObject({ fault: 'reset', status: 0 });
  await expect(describe1()).resolves.toBeDefined();
});

test('malformed and truncated bodies make the SDK fail', async () => {
  emulator.reset(
    base([
      { kind: 'malformed', calls: [1] },
      { kind: 'truncated', calls: [2] },
    ]),
  );
  await expect(describe1()).rejects.toThrow();
  await expect(describe1()).rejects.toThrow();
  expect(emulator.requests.map((r) => r.fault)).toEqual(['malformed', 'truncated']);
  await expect(describe1()).resolves.toBeDefined();
});

test('a hang is answered by nothing until the client gives up', async () => {
  emulator.reset(base([{ kind: 'hang', count: 1 }]));
  const error = await rejectionOf(describe1({ requestTimeoutMs: 200 }));
  expect(error.name).toBe('TimeoutError');
  expect(emulator.requests[0]).toMatchObject({ fault: 'hang', status: 0 });
});

test('a hang ends by itself after hangMs, dropping the connection', async () => {
  emulator.reset(base([{ kind: 'hang', count: 1 }], { hangMs: 50 }));
  const error = await rejectionOf(describe1({ requestTimeoutMs: 20_000 }));
  expect(error.name).not.toBe('TimeoutError');
});

test('setFaults replaces the faults without restarting the scenario', async () => {
  emulator.reset(base([]));
  await describe1();
  emulator.setFaults([{ kind: 'expiredToken' }]);
  expect((await rejectionOf(describe1())).name).toBe('ExpiredTokenException');
  expect(emulator.count('DescribeImages')).toBe(2);
});
