// Issue 15 §2: the sweep's CloudTrail read — every page, failed calls are not pushes, the
// 2-calls/s pace, and a read that fails or is cut short says so instead of passing.
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudTrailSweepAdapter } from '../../src/aws/cloudtrail-sweep.js';
import { RateLimiter } from '../../src/aws/rate-limit.js';
import {
  FakeClock,
  FakeCloudTrail,
  putImageRecord,
  roleIdentity,
  setAwsTestEnv,
} from '../aws/cloudtrail-helpers.js';

setAwsTestEnv();

const NOW = Date.parse('2026-12-04T12:00:00Z');
const START = new Date(NOW - 70 * 60_000);
const END = new Date(NOW - 10 * 60_000);

function setup(pushes: number) {
  const clock = new FakeClock(NOW);
  const trail = new FakeCloudTrail(clock);
  for (let i = 0; i < pushes; i += 1) {
    trail.addPush({
      id: `e${i}`,
      time: new Date(NOW - 15 * 60_000 - i * 1000),
      repository: `repo-${i % 7}`,
      tag: 'v1',
      digest: `sha256:${i}`,
      identity: roleIdentity('ci', `run-${i}`),
    });
  }
  const client = new CloudTrailClient({ region: 'eu-west-1' });
  const mock = mockClient(client);
  mock.on(LookupEventsCommand).callsFake(trail.lookup);
  const adapter = new CloudTrailSweepAdapter({
    clientFor: () => client,
    sleep: clock.sleep,
    limiter: new RateLimiter({ limit: 2, windowMs: 1000, now: clock.now, sleep: clock.sleep }),
    expireAfter: () => new AbortController().signal,
  });
  return { clock, trail, adapter, mock };
}

test('every page of EventName=PutImage in the window, at 2 calls per second', async () => {
  const { clock, trail, adapter } = setup(260);
  const seen: number[] = [];
  const read = await adapter.readPushes('eu-west-1', START, END, {
    timeoutMs: 300_000,
    onPushes: (page) => seen.push(page.length),
  });
  expect(read.complete).toBe(true);
  expect(read.pushes).toHaveLength(260);
  expect(read.pages).toBe(6);
  expect(seen.reduce((a, b) => a + b, 0)).toBe(260);
  for (const { input } of trail.requests) {
    expect(input.LookupAttributes).toEqual([
      { AttributeKey: 'EventName', AttributeValue: 'PutImage' },
    ]);
    expect(input.StartTime).toEqual(START);
    expect(input.EndTime).toEqual(END);
  }
  // 6 calls at 2 per second: the last no earlier than 2 s after the first.
  const times = trail.requests.map((r) => r.at);
  expect((times[5] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(2000);
  expect(clock.now()).toBeGreaterThanOrEqual(NOW + 2000);
});

test('a failed PutImage (errorCode set) is not a push', async () => {
  const { trail, adapter } = setup(2);
  const failed = JSON.parse(
    putImageRecord({
      id: 'failed',
      time: new Date(NOW - 20 * 60_000),
      repository: 'repo-1',
      tag: 'v1',
      digest: 'sha256:x',
      identity: roleIdentity('intruder', 's'),
    }),
  ) as Record<string, unknown>;
  trail.events.push({
    id: 'failed',
    time: new Date(NOW - 20 * 60_000),
    name: 'PutImage',
    indexed: [],
    listResources: false,
    record: JSON.stringify({ ...failed, errorCode: 'ImageTagAlreadyExistsException' }),
    visibleAt: Number.NEGATIVE_INFINITY,
  });
  const read = await adapter.readPushes('eu-west-1', START, END, { timeoutMs: 60_000 });
  expect(read.pushes.map((p) => p.eventId).sort()).toEqual(['e0', 'e1']);
});

test('a read cut short by the page bound is incomplete and says what is missing', async () => {
  const { adapter } = setup(120);
  const read = await adapter.readPushes('eu-west-1', START, END, {
    timeoutMs: 60_000,
    maxPages: 2,
  });
  expect(read.complete).toBe(false);
  expect(read.error).toMatch(/cut short after 2 pages/);
});

test('a denied read is incomplete and names the cause, never a throw', async () => {
  const { adapter, mock } = setup(1);
  mock.on(LookupEventsCommand).rejects(
    Object.assign(new Error('User is not authorized to perform: cloudtrail:LookupEvents'), {
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 400 },
    }),
  );
  const read = await adapter.readPushes('eu-west-1', START, END, { timeoutMs: 60_000 });
  expect(read.complete).toBe(false);
  expect(read.error).toContain('eu-west-1');
  expect(read.error).toMatch(/LookupEvents|not authorized|denied/i);
});
