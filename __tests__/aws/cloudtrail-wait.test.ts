import {
  CloudTrailClient,
  LookupEventsCommand,
  type LookupEventsCommandInput,
} from '@aws-sdk/client-cloudtrail';
import { prng } from '../../emulator/builders/random.js';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudTrailAdapter } from '../../src/aws/cloudtrail.js';
import { RateLimiter } from '../../src/aws/rate-limit.js';
import type { Level, ResolvedImage, RuleId } from '../../src/model.js';
import { RULE_IDS } from '../../src/model.js';
import type { ProgressEvent } from '../../src/ports.js';
import { RULES } from '../../src/rules/catalog.js';
import { uploaderDetections } from '../../src/rules/uploader.js';
import {
  FakeClock,
  gatedImage,
  FakeCloudTrail,
  roleIdentity,
  setAwsTestEnv,
} from './cloudtrail-helpers.js';

setAwsTestEnv();

const START = Date.parse('2024-05-21T10:00:05Z');
const PUSHED = new Date('2024-05-21T10:00:00Z');

const image = (over: Partial<ResolvedImage> = {}): ResolvedImage => gatedImage(PUSHED, over);

/** The push becomes visible in CloudTrail `delayMs` after the gate starts looking. */
function setup(delayMs: number | null, pushedAt = PUSHED, random: () => number = () => 0.5) {
  const clock = new FakeClock(START);
  const trail = new FakeCloudTrail(clock);
  if (delayMs !== null) {
    trail.addPush(
      {
        id: 'ours',
        time: pushedAt,
        repository: 'app',
        tag: 'v1',
        digest: 'sha256:gated',
        identity: roleIdentity('ci-push', 'run-1'),
      },
      START + delayMs,
    );
  }
  const client = new CloudTrailClient({ region: 'eu-west-1' });
  mockClient(client).on(LookupEventsCommand).callsFake(trail.lookup);
  const adapter = new CloudTrailAdapter({
    clientFor: () => client,
    now: clock.now,
    sleep: clock.sleep,
    limiter: new RateLimiter({ limit: 2, windowMs: 1000, now: clock.now, sleep: clock.sleep }),
    // 0.5: the middle of the ±10 % poll jitter, so the poll is exactly every 5 s.
    random,
  });
  const progress: ProgressEvent[] = [];
  return { clock, trail, adapter, progress, onProgress: (e: ProgressEvent) => progress.push(e) };
}

const findCalls = (trail: FakeCloudTrail) =>
  trail.requests.filter((r) => r.input.LookupAttributes?.[0]?.AttributeKey === 'EventName');

test('the push appears after 38 s: the gate polls every 5 s and sees it within 5 s', async () => {
  const { clock, trail, adapter, progress, onProgress } = setup(38_000);
  const evidence = await adapter.investigate(image(), {
    timeoutMs: 300_000,
    historyDays: 30,
    onProgress,
  });
  expect(evidence.state).toBe('found');
  expect(evidence.push?.eventId).toBe('ours');
  // Polls at 0, 5, …, 40 s; the one at 40 s (2 s after it became visible) sees it.
  const at = [0, 5, 10, 15, 20, 25, 30, 35, 40].map((s) => s * 1000);
  expect(findCalls(trail).map((r) => r.at - START)).toEqual(at);
  expect(clock.sleeps.filter((ms) => ms >= 1_000)).toEqual(at.slice(1).map(() => 5_000));
  expect(progress.map((p) => p.elapsedMs)).toEqual(at.slice(0, -1));
  expect(progress.every((p) => p.phase === 'uploader')).toBe(true);
  expect(progress[0]?.waitingFor).toBe('PutImage event in CloudTrail');
  expect(progress[0]?.image).toContain('sha256:gated');
});

test('uploader-timeout shorter than the delay: not-found → unverified-uploader at level warn', async () => {
  const { clock, trail, adapter } = setup(40_000);
  const evidence = await adapter.investigate(image(), { timeoutMs: 30_000, historyDays: 30 });
  expect(evidence.state).toBe('not-found');
  expect(evidence.reason).toContain('after waiting 30 s');
  expect(evidence.reason).toContain('uploader-timeout');
  expect(findCalls(trail).map((r) => r.at - START)).toEqual(
    [0, 5, 10, 15, 20, 25, 30].map((s) => s * 1000),
  );
  // Never waits past the deadline.
  expect(clock.now() - START).toBe(30_000);

  const levels = Object.fromEntries(RULE_IDS.map((id) => [id, RULES[id].defaultLevel])) as Record<
    RuleId,
    Level
  >;
  const judged = uploaderDetections({
    image: image(),
    imageIndex: 0,
    evidence,
    knownUploaders: ['ci-push'],
    historyDays: 30,
    levels,
    businessHours: null,
  });
  expect(judged.status).toBe('unverified');
  expect(judged.detections).toHaveLength(1);
  expect(judged.detections[0]).toMatchObject({ rule: 'unverified-uploader', level: 'warn' });
});

test('the last wait is cut to the deadline', async () => {
  const { clock, trail, adapter } = setup(null);
  await adapter.investigate(image(), { timeoutMs: 12_000, historyDays: 30 });
  expect(clock.sleeps.filter((ms) => ms >= 1_000)).toEqual([5_000, 5_000, 2_000]);
  expect(findCalls(trail).map((r) => r.at - START)).toEqual([0, 5_000, 10_000, 12_000]);
});

test('a 300 s wait costs one LookupEvents call per 5 s on average, jittered', async () => {
  const { clock, trail, adapter } = setup(null, PUSHED, prng(11));
  await adapter.investigate(image(), { timeoutMs: 300_000, historyDays: 0 });
  expect(clock.now() - START).toBe(300_000);
  // The last wait is cut to the deadline.
  const waits = clock.sleeps.filter((ms) => ms >= 1_000).slice(0, -1);
  // ±10 %: no two gates started together keep asking together.
  expect(Math.min(...waits)).toBeGreaterThanOrEqual(4_500);
  expect(Math.max(...waits)).toBeLessThanOrEqual(5_500);
  expect(new Set(waits.map((w) => Math.round(w))).size).toBeGreaterThan(10);
  // 60 waits of 5 s on average, so 61 polls (the first at 0); a few more or fewer by jitter.
  expect(trail.requests.length).toBeGreaterThanOrEqual(58);
  expect(trail.requests.length).toBeLessThanOrEqual(64);
});

test('throttled while waiting: no fatal error, the polls back off, the push is found', async () => {
  const { clock, trail, adapter } = setup(60_000);
  const client = new CloudTrailClient({ region: 'eu-west-1' });
  // Every poll between 1 s and 45 s is throttled (other gates of the account).
  const throttledUntil = START + 45_000;
  let throttled = 0;
  mockClient(client)
    .on(LookupEventsCommand)
    .callsFake((input: LookupEventsCommandInput) => {
      const now = clock.now();
      if (now > START && now < throttledUntil) {
        throttled += 1;
        throw Object.assign(new Error('Rate exceeded'), {
          name: 'ThrottlingException',
          $metadata: { httpStatusCode: 400 },
        });
      }
      return trail.lookup(input);
    });
  const crowded = new CloudTrailAdapter({
    clientFor: () => client,
    now: clock.now,
    sleep: clock.sleep,
    limiter: new RateLimiter({ limit: 2, windowMs: 1000, now: clock.now, sleep: clock.sleep }),
    random: () => 0.5,
  });
  void adapter;
  const evidence = await crowded.investigate(image(), { timeoutMs: 300_000, historyDays: 0 });
  expect(evidence.state).toBe('found');
  expect(evidence.stats.throttled).toBe(throttled);
  // Random 0.5: a throttled poll is retried after half of 1 s, 2 s, then 4 s (so every 2 s
  // while the account stays busy: 5, 5.5, 6.5, 8.5, 10.5 … 44.5 s), one call each; meanwhile
  // the interval grew to its 20 s cap, and the first answered poll (46.5 s) eases it to 17.5 s.
  expect(throttled).toBe(22);
  const waits = clock.sleeps.filter((ms) => ms >= 100);
  expect(waits.slice(0, 5)).toEqual([5_000, 500, 1_000, 2_000, 2_000]);
  expect(Math.max(...waits.slice(1, -1))).toBe(2_000);
  expect(waits.at(-1)).toBe(17_500);
  expect(clock.now() - START).toBe(64_000);
});

test('an image pushed hours ago is looked for once, without waiting', async () => {
  const old = new Date(START - 3 * 3_600_000);
  const { clock, trail, adapter } = setup(null, old);
  const evidence = await adapter.investigate(image({ pushedAt: old }), {
    timeoutMs: 300_000,
    historyDays: 30,
  });
  expect(evidence.state).toBe('not-found');
  expect(evidence.reason).toContain(`around its push time ${old.toISOString()}`);
  expect(trail.requests).toHaveLength(1);
  expect(clock.now()).toBe(START);
});

test('timeout 0: one look, no wait', async () => {
  const { trail, adapter } = setup(10_000);
  const evidence = await adapter.investigate(image(), { timeoutMs: 0, historyDays: 30 });
  expect(evidence.state).toBe('not-found');
  expect(trail.requests).toHaveLength(1);
});

test('cancelled while waiting: an error state naming the cancellation, no throw', async () => {
  const { adapter } = setup(null);
  const controller = new AbortController();
  const pending = adapter.investigate(image(), {
    timeoutMs: 300_000,
    historyDays: 30,
    signal: controller.signal,
    onProgress: () => controller.abort(new Error('stop')),
  });
  const evidence = await pending;
  expect(evidence.state).toBe('error');
  expect(evidence.reason).toContain('cancelled');
});
