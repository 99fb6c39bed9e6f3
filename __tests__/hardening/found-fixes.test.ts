// Fast regression tests for the bugs the corpora found (docs/reliability.md runs the same faults
// through the bundle): calls that hang past their deadline, unreadable answers, wrong field types,
// poisoned CloudTrail records, GitHub answers that are not what they seem, unclear messages.
import { describe, expect, test } from '@jest/globals';
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { isRetryableAwsError } from '../../src/aws/aws-errors.js';
import { translateAwsError } from '../../src/aws/aws-error-text.js';
import { CloudTrailAdapter } from '../../src/aws/cloudtrail.js';
import { parseTrailEvent } from '../../src/aws/cloudtrail-record.js';
import type { EcrCalls } from '../../src/aws/ecr-calls.js';
import { waitForScanOf } from '../../src/aws/scan-wait.js';
import { RateLimiter } from '../../src/aws/rate-limit.js';
import { parsePolicy } from '../../src/policy/parse.js';
import type { ResolvedImage } from '../../src/model.js';

process.env.AWS_REGION = 'eu-central-1';
process.env.AWS_ACCESS_KEY_ID = 'test';
process.env.AWS_SECRET_ACCESS_KEY = 'test';
process.env.AWS_EC2_METADATA_DISABLED = 'true';

const image: ResolvedImage = {
  target: { raw: 'app:v1', repository: 'app', tag: 'v1' },
  registryId: '123456789012',
  region: 'eu-central-1',
  repository: 'app',
  imageDigest: `sha256:${'a'.repeat(64)}`,
  imageTags: ['v1'],
  pushedAt: new Date(),
};

/** A call that never answers; it ends only when its signal aborts. */
function hanging<T>(signal?: AbortSignal): Promise<T> {
  return new Promise<T>((_, reject) => {
    signal?.addEventListener('abort', () =>
      reject(Object.assign(new Error('aborted'), { name: 'AbortError' })),
    );
  });
}

/** The deadline (plus grace) passes 20 ms into the first call, whatever the timeout says. */
const expiresSoon = () => AbortSignal.timeout(20);

describe('a call still unanswered after the deadline is abandoned', () => {
  test('scan wait: TIMEOUT naming the abandoned call, not a wait of 30 s × 6 attempts', async () => {
    const calls: EcrCalls = {
      describeImages: (_r, _i, signal) => hanging(signal),
      batchGetImage: (_r, _i, signal) => hanging(signal),
      describeImageScanFindings: (_r, _i, signal) => hanging(signal),
      startImageScan: (_r, _i, signal) => hanging(signal),
      count: () => 0,
    };
    const outcome = await waitForScanOf(
      {
        calls,
        sleep: () => Promise.resolve(),
        now: () => 0,
        random: () => 0.5,
        expireAfter: expiresSoon,
      },
      image,
      { timeoutMs: 600_000 },
    );
    expect(outcome.status).toBe('TIMEOUT');
    expect(outcome.usable).toBe(false);
    expect(outcome.description).toContain('still unanswered 5 s after the deadline');
  });

  test('CloudTrail: the push search ends as an error saying CloudTrail did not answer in time', async () => {
    const client = {
      send: (_c: unknown, o?: { abortSignal?: AbortSignal }) => hanging(o?.abortSignal),
    };
    const adapter = new CloudTrailAdapter({
      clientFor: () => client as unknown as CloudTrailClient,
      limiter: new RateLimiter({ limit: 100, windowMs: 1 }),
      expireAfter: expiresSoon,
    });
    const evidence = await adapter.investigate(image, { timeoutMs: 300_000, historyDays: 30 });
    expect(evidence.state).toBe('error');
    expect(evidence.reason).toContain('CloudTrail did not answer in time');
  });
});

describe('an answer the SDK cannot read', () => {
  const unreadable = Object.assign(
    new SyntaxError(
      'Unexpected end of JSON input\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.',
    ),
    { $metadata: { httpStatusCode: 200 } },
  );

  test('is worth another try, and is explained without the SDK developer hint', () => {
    expect(isRetryableAwsError(unreadable)).toBe(true);
    const message = translateAwsError(unreadable, {
      service: 'ecr',
      operation: 'DescribeImages',
      region: 'eu-central-1',
      repository: 'app',
    }).message;
    expect(message).toContain('with a response that could not be read');
    expect(message).not.toContain('$response');
  });
});

test('a CloudTrail record with {"toString": 1} in a field is a reason, not a TypeError', () => {
  const record = {
    eventName: 'PutImage',
    eventSource: { toString: 1 },
    eventTime: '2024-05-01T00:00:00Z',
  };
  expect(parseTrailEvent({ CloudTrailEvent: JSON.stringify(record) }).kind).toBe('ignored');
});

describe('policy messages stay one readable line', () => {
  test.each([
    ['a key with a line break', '"a\\nb": 1\n', '"a\\nb": unknown key'],
    ['a key with a line separator', '"\u2028ignore": 1\n', '"\\u2028ignore": unknown key'],
    ['a rule key with a NUL', 'rules:\n  "x\\u0000": warn\n', 'rules."x\\u0000"'],
    ['YAML quoting the text raw', '>-\u0000\n', '>-\\u0000'],
  ])('%s', (_label, yaml, expected) => {
    let message = '';
    try {
      parsePolicy(yaml, 'p.yml');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(expected);
    // eslint-disable-next-line no-control-regex -- the point: no raw control character
    expect(message).not.toMatch(/[\u0000-\u001F\u2028\u2029]/);
  });
});
