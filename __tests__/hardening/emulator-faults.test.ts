// The emulator features the fault corpus added: `respond` and `patch` faults (answers with wrong
// types, repeated or endless tokens) and the GitHub stand-in's broken answers.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  parseScenario,
  singleImage,
  startEmulator,
  type Emulator,
  type FaultSpec,
  type Scenario,
} from '../../emulator/index.js';
import { mergePatch, withCallNumber } from '../../emulator/faults.js';
import { startGithubEmulator, type GithubEmulator } from '../../emulator/github.js';

const image = singleImage({ repository: 'app', tags: ['v1'], scan: {} });
const scenario = (faults: FaultSpec[]): Scenario => ({
  accountId: '123456789012',
  region: 'eu-central-1',
  repositories: [{ name: 'app' }],
  images: [image],
  faults,
});

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator(scenario([]));
});
afterAll(() => emulator.close());

/** One raw awsJson call, as the SDK would send it (signature not checked by the emulator). */
async function call(operation: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(emulator.url, {
    method: 'POST',
    headers: {
      'x-amz-target': `AmazonEC2ContainerRegistry_V20150921.${operation}`,
      'content-type': 'application/x-amz-json-1.1',
      authorization: 'AWS4-HMAC-SHA256 Credential=test/20240101/eu-central-1/ecr/aws4_request',
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

const describeImages = () =>
  call('DescribeImages', { repositoryName: 'app', imageIds: [{ imageTag: 'v1' }] });

describe('respond', () => {
  test('answers its body, with {call} numbered, whatever the request says', async () => {
    emulator.reset(
      scenario([
        {
          kind: 'respond',
          operation: 'DescribeImageScanFindings',
          body: { nextToken: 'page-{call}', n: 1 },
        },
      ]),
    );
    const bogus = { repositoryName: 'nope', imageId: { imageTag: 'x' }, nextToken: 'not-a-token' };
    const first = await call('DescribeImageScanFindings', bogus);
    const second = await call('DescribeImageScanFindings', bogus);
    expect(first).toEqual({ status: 200, json: { nextToken: 'page-1', n: 1 } });
    expect(second.json).toEqual({ nextToken: 'page-2', n: 1 });
    expect(emulator.requests.map((r) => r.fault)).toEqual(['respond', 'respond']);
  });
});

describe('patch', () => {
  test('merges into the real answer: objects merge, null deletes, arrays replace', async () => {
    emulator.reset(
      scenario([
        {
          kind: 'patch',
          operation: 'DescribeImages',
          calls: [1],
          patch: { imageDetails: [{ imageDigest: 42 }], nextToken: 'call-{call}', failures: null },
        },
      ]),
    );
    const patched = await describeImages();
    expect(patched.json).toEqual({ imageDetails: [{ imageDigest: 42 }], nextToken: 'call-1' });
    const real = (await describeImages()).json as { imageDetails: Array<{ imageDigest: string }> };
    expect(real.imageDetails[0]?.imageDigest).toBe(image.digest);
  });

  test('an error answer stays an error (nothing to patch)', async () => {
    emulator.reset(scenario([{ kind: 'patch', patch: { x: 1 } }]));
    const missing = await call('DescribeImages', {
      repositoryName: 'other',
      imageIds: [{ imageTag: 'v1' }],
    });
    expect(missing.status).toBe(400);
  });

  test('RFC 7396 merge patch and call numbering, as functions', () => {
    expect(mergePatch({ a: 'b', c: { d: 'e', f: 'g' } }, { a: 'z', c: { f: null } })).toEqual({
      a: 'z',
      c: { d: 'e' },
    });
    expect(mergePatch({ a: [1, 2] }, { a: [3] })).toEqual({ a: [3] });
    expect(mergePatch('text', { a: 1 })).toEqual({ a: 1 });
    expect(withCallNumber({ t: ['x-{call}', { y: '{call}{call}' }], n: 5 }, 7)).toEqual({
      t: ['x-7', { y: '77' }],
      n: 5,
    });
  });
});

describe('scenario checks', () => {
  test('body and patch are any JSON in a scenario file; respond and patch need them', async () => {
    expect(() =>
      parseScenario(
        scenario([
          { kind: 'respond', body: [1, 'x', null] },
          { kind: 'patch', patch: 'x' },
        ]),
      ),
    ).not.toThrow();
    await expect(startEmulator(scenario([{ kind: 'respond' }]))).rejects.toThrow(
      'faults[0].body is missing',
    );
    await expect(startEmulator(scenario([{ kind: 'patch' }]))).rejects.toThrow(
      'faults[0].patch is missing',
    );
  });
});

describe('GitHub stand-in, broken answers', () => {
  let github: GithubEmulator;
  beforeAll(async () => {
    github = await startGithubEmulator();
  });
  afterAll(() => github.close());
  const list = () =>
    fetch(`${github.url}/repos/acme/shop/issues/7/comments`, {
      headers: { authorization: 'token t' },
    });

  test('malformed: 200 with text that is not JSON', async () => {
    github.fail({ broken: 'malformed' });
    const response = await list();
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow();
  });

  test('reset and hang drop the connection', async () => {
    github.fail({ broken: 'reset' });
    await expect(list()).rejects.toThrow();
    github.fail({ broken: 'hang', hangMs: 50 });
    await expect(list()).rejects.toThrow();
  });

  test('a status with its own message and headers (rate limits)', async () => {
    github.fail({ status: 429, message: 'secondary rate limit', headers: { 'retry-after': '60' } });
    const response = await list();
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('60');
    expect(await response.json()).toMatchObject({ message: 'secondary rate limit' });
    github.fail(null);
    expect((await list()).status).toBe(200);
  });
});
