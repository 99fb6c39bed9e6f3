// The real SDK client would retry inside one `send`, waiting its back-off on a timer it never
// clears when the call is aborted (issue 19 §3: abandoned retries kept the process alive after the
// verdict). LookupEvents turns the SDK's retries off and retries itself: every HTTP attempt takes
// its own limiter slot and its back-off is an abortable sleep. A real CloudTrailClient with an
// in-memory request handler (no network) shows it.
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { emptyStats, lookupOnce } from '../../src/aws/cloudtrail-lookup.js';
import { RateLimiter } from '../../src/aws/rate-limit.js';
import { FakeClock, setAwsTestEnv } from './cloudtrail-helpers.js';

setAwsTestEnv();

class CountingLimiter extends RateLimiter {
  acquired = 0;
  override acquire(key: string, signal?: AbortSignal): Promise<void> {
    this.acquired += 1;
    return super.acquire(key, signal);
  }
}

interface Token {
  getRetryCount(): number;
  getRetryDelay(): number;
}
const token = (count: number): Token => ({ getRetryCount: () => count, getRetryDelay: () => 0 });

/** Counts how often the SDK's retry strategy is asked for a retry: it must never be. */
let sdkRetriesAsked = 0;
const noDelayRetries = {
  mode: 'standard',
  acquireInitialRetryToken: async () => token(0),
  refreshRetryTokenForRetry: async (previous: Token) => {
    sdkRetriesAsked += 1;
    if (previous.getRetryCount() >= 2) throw new Error('no more attempts');
    return token(previous.getRetryCount() + 1);
  },
  recordSuccess: () => undefined,
};
beforeEach(() => {
  sdkRetriesAsked = 0;
});

function clientAnswering(statuses: number[]) {
  const requests: string[] = [];
  const client = new CloudTrailClient({
    region: 'eu-west-1',
    retryStrategy: noDelayRetries,
    requestHandler: {
      handle: async (request: { headers: Record<string, string> }) => {
        requests.push(request.headers['x-amz-target'] ?? '');
        const status = statuses[Math.min(requests.length - 1, statuses.length - 1)] ?? 200;
        const body =
          status === 200
            ? JSON.stringify({ Events: [] })
            : status === 400
              ? JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' })
              : JSON.stringify({ __type: 'InternalFailure', message: 'try again' });
        return {
          response: {
            statusCode: status,
            headers: { 'content-type': 'application/x-amz-json-1.1' },
            body: new TextEncoder().encode(body),
          },
        };
      },
    },
  });
  return { client, requests };
}

test('every attempt takes a limiter slot, and the SDK itself never retries', async () => {
  const clock = new FakeClock();
  const limiter = new CountingLimiter({
    limit: 2,
    windowMs: 1000,
    now: clock.now,
    sleep: clock.sleep,
  });
  const { client, requests } = clientAnswering([500, 500, 200]);
  const stats = emptyStats();
  const output = await lookupOnce(
    { client, region: 'eu-west-1', limiter, sleep: clock.sleep, stats },
    { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'PutImage' }] },
  );
  expect(output.Events).toEqual([]);
  expect(requests).toEqual([
    'CloudTrail_20131101.LookupEvents',
    'CloudTrail_20131101.LookupEvents',
    'CloudTrail_20131101.LookupEvents',
  ]);
  expect(limiter.acquired).toBe(3);
  expect(stats.calls).toBe(3);
  expect(sdkRetriesAsked).toBe(0);
  // Two back-offs of our own (500 ms, 1.5 s): abortable sleeps, no SDK timer.
  expect(clock.now()).toBe(2000);
});

test('throttling: our bounded back-off, never the SDK retry timer', async () => {
  const clock = new FakeClock();
  const limiter = new CountingLimiter({ now: clock.now, sleep: clock.sleep });
  const { client, requests } = clientAnswering([400]);
  const stats = emptyStats();
  const error = await lookupOnce(
    { client, region: 'eu-west-1', limiter, sleep: clock.sleep, stats },
    { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'PutImage' }] },
  ).catch((e: unknown) => e);
  expect((error as Error).name).toBe('ThrottlingException');
  expect(sdkRetriesAsked).toBe(0);
  // 1 + MAX_THROTTLE_RETRIES attempts, each one HTTP request.
  expect(requests).toHaveLength(21);
  expect(stats.throttled).toBe(21);
});

test('one attempt, one slot', async () => {
  const clock = new FakeClock();
  const limiter = new CountingLimiter({ now: clock.now, sleep: clock.sleep });
  const { client } = clientAnswering([200]);
  const stats = emptyStats();
  await lookupOnce(
    { client, region: 'eu-west-1', limiter, sleep: clock.sleep, stats },
    { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'PutImage' }] },
  );
  expect(limiter.acquired).toBe(1);
  expect(stats.calls).toBe(1);
});
