import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudTrailAdapter } from '../../src/aws/cloudtrail.js';
import { RateLimiter } from '../../src/aws/rate-limit.js';
import type { ResolvedImage } from '../../src/model.js';
import {
  awsError,
  FakeClock,
  FakeCloudTrail,
  roleIdentity,
  setAwsTestEnv,
} from './cloudtrail-helpers.js';

setAwsTestEnv();

const START = Date.parse('2024-05-21T10:10:00Z');
const PUSHED = new Date('2024-05-21T10:00:00Z');

const image: ResolvedImage = {
  target: { raw: 'app:v1', repository: 'app', tag: 'v1' },
  registryId: '123456789012',
  region: 'eu-west-1',
  repository: 'app',
  imageDigest: 'sha256:gated',
  imageTags: ['v1'],
  pushedAt: PUSHED,
};

function setup() {
  const clock = new FakeClock(START);
  const trail = new FakeCloudTrail(clock);
  trail.addPush({
    id: 'ours',
    time: PUSHED,
    repository: 'app',
    tag: 'v1',
    digest: 'sha256:gated',
    identity: roleIdentity('ci-push', 'run-1'),
  });
  const client = new CloudTrailClient({ region: 'eu-west-1' });
  const mock = mockClient(client);
  const limiter = new RateLimiter({ limit: 2, windowMs: 1000, now: clock.now, sleep: clock.sleep });
  const adapter = new CloudTrailAdapter({
    clientFor: () => client,
    now: clock.now,
    sleep: clock.sleep,
    limiter,
    // The middle of every jitter range: back-offs are half their cap.
    random: () => 0.5,
  });
  return { clock, trail, mock, adapter };
}

const options = { timeoutMs: 60_000, historyDays: 30 };
const denied = () =>
  awsError(
    'AccessDeniedException',
    'User: arn:aws:sts::123456789012:assumed-role/gate/run is not authorized to perform: cloudtrail:LookupEvents because no identity-based policy allows the cloudtrail:LookupEvents action',
  );

test('AccessDenied → state error naming cloudtrail:LookupEvents, no retry, no throw', async () => {
  const { mock, adapter } = setup();
  mock.on(LookupEventsCommand).rejects(denied());
  const evidence = await adapter.investigate(image, options);
  expect(evidence.state).toBe('error');
  expect(evidence.reason).toContain('cloudtrail:LookupEvents');
  expect(evidence.reason).toMatch(/^CloudTrail could not be read/);
  expect(evidence.stats.calls).toBe(1);
  expect(mock.commandCalls(LookupEventsCommand)).toHaveLength(1);
});

test('ThrottlingException is survived with backoff; the region pauses for everyone', async () => {
  const { trail, mock, adapter } = setup();
  mock
    .on(LookupEventsCommand)
    .rejectsOnce(awsError('ThrottlingException', 'Rate exceeded'))
    .rejectsOnce(awsError('ThrottlingException', 'Rate exceeded'))
    .callsFake(trail.lookup);
  const evidence = await adapter.investigate(image, options);
  expect(evidence.state).toBe('found');
  expect(evidence.stats.throttled).toBe(2);
  expect(evidence.stats.calls).toBe(4);
  // The push may still appear (10 min old, 60 s to wait): a throttled poll is not retried at
  // once by the SDK but soon by the poll (random 0.5: half of 1 s, then half of 2 s).
  expect(trail.requests[0]?.at).toBe(START + 1_500);
});

test('throttled on every attempt: a bounded number of tries, then an error state', async () => {
  const { clock, mock, adapter } = setup();
  mock.on(LookupEventsCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
  const evidence = await adapter.investigate(image, options);
  expect(evidence.state).toBe('error');
  expect(evidence.reason).toContain('throttl');
  // Polls retried at 0.5, 1.5, 3.5 s, then every 2 s (half of the 4 s cap) to 59.5 s, and one
  // at the deadline (60 s): no poll was ever answered, so the throttling is the reason.
  expect(mock.commandCalls(LookupEventsCommand)).toHaveLength(33);
  expect(clock.now()).toBe(START + 60_000);
});

test('a server error is retried', async () => {
  const { trail, mock, adapter } = setup();
  mock
    .on(LookupEventsCommand)
    .rejectsOnce(awsError('InternalServerError', 'oops', 500))
    .callsFake(trail.lookup);
  const evidence = await adapter.investigate(image, options);
  expect(evidence.state).toBe('found');
  expect(evidence.stats.calls).toBe(3);
});

test('a validation error is not retried', async () => {
  const { mock, adapter } = setup();
  mock.on(LookupEventsCommand).rejects(awsError('InvalidTimeRangeException', 'bad range'));
  const evidence = await adapter.investigate(image, options);
  expect(evidence.state).toBe('error');
  expect(evidence.reason).toContain('InvalidTimeRangeException');
  expect(mock.commandCalls(LookupEventsCommand)).toHaveLength(1);
});

test('push found, baseline unreadable: still found, baseline marked incomplete', async () => {
  const { trail, mock, adapter } = setup();
  mock.on(LookupEventsCommand).callsFakeOnce(trail.lookup).rejects(denied());
  const evidence = await adapter.investigate(image, options);
  expect(evidence.state).toBe('found');
  expect(evidence.push?.eventId).toBe('ours');
  expect(evidence.historyComplete).toBe(false);
  expect(evidence.historyReachesBack).toEqual(PUSHED);
  expect(evidence.reason).toContain('cloudtrail:LookupEvents');
});
