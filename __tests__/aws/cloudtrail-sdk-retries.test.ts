// The real SDK client retries inside one `send`. Each of those HTTP attempts must take its own
// limiter slot, or the SDK's retries could exceed 2 calls per second. A real CloudTrailClient
// with an in-memory request handler (no network) shows every attempt passing the limiter.
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

/** Retries up to 3 attempts with no delay, so the test does not wait for the SDK's backoff. */
const noDelayRetries = {
  mode: 'standard',
  acquireInitialRetryToken: async () => token(0),
  refreshRetryTokenForRetry: async (previous: Token) => {
    if (previous.getRetryCount() >= 2) throw new Error('no more attempts');
    return token(previous.getRetryCount() + 1);
  },
  recordSuccess: () => undefined,
};

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

test('every SDK attempt inside one send takes a limiter slot', async () => {
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
  // Three attempts at 2 per second: the third waited for the window.
  expect(clock.now()).toBe(1000);
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
