import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { DescribeImagesCommand } from '@aws-sdk/client-ecr';
import { startEmulator, type Emulator } from '../../emulator/server.js';
import { cloudTrailClient, digest, ecrClient, manualClock, rejectionOf, scenario } from './kit.js';

const clock = manualClock();
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator(
    scenario({
      images: [{ repository: 'app', digest: digest(1), tags: ['v1'] }],
      cloudTrail: { events: [] },
    }),
    { clock: clock.now },
  );
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const post = (target: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${emulator.url}/`, {
    method: 'POST',
    headers: {
      'X-Amz-Target': target,
      'Content-Type': 'application/x-amz-json-1.1',
      Authorization: 'AWS4-HMAC-SHA256 Credential=test/20240501/eu-central-1/ecr/aws4_request',
      ...headers,
    },
    body,
  });

test('every call is recorded with its service, operation, parameters, time and outcome', async () => {
  await ecrClient(emulator).send(
    new DescribeImagesCommand({ repositoryName: 'app', imageIds: [{ imageTag: 'v1' }] }),
  );
  clock.advance(1500);
  await rejectionOf(
    ecrClient(emulator).send(new DescribeImagesCommand({ repositoryName: 'nope' })),
  );
  await cloudTrailClient(emulator).send(
    new LookupEventsCommand({
      LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'PutImage' }],
    }),
  );
  expect(emulator.requests).toMatchObject([
    {
      service: 'ecr',
      operation: 'DescribeImages',
      params: { repositoryName: 'app', imageIds: [{ imageTag: 'v1' }] },
      time: emulator.startedAtMs,
      status: 200,
    },
    {
      service: 'ecr',
      operation: 'DescribeImages',
      time: emulator.startedAtMs + 1500,
      status: 400,
      errorType: 'RepositoryNotFoundException',
    },
    { service: 'cloudtrail', operation: 'LookupEvents', status: 200 },
  ]);
  expect(emulator.requests[0]?.errorType).toBeUndefined();
  expect(emulator.count()).toBe(3);
  expect(emulator.count('DescribeImages')).toBe(2);
  emulator.reset();
  expect(emulator.requests).toHaveLength(0);
});

test('responses carry the awsJson headers, and errors the error type', async () => {
  const ok = await post(
    'AmazonEC2ContainerRegistry_V20150921.DescribeImages',
    '{"repositoryName":"app"}',
  );
  expect(ok.status).toBe(200);
  expect(ok.headers.get('content-type')).toBe('application/x-amz-json-1.1');
  expect(ok.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  const bad = await post(
    'AmazonEC2ContainerRegistry_V20150921.DescribeImages',
    '{"repositoryName":"x"}',
  );
  expect(bad.status).toBe(400);
  expect(bad.headers.get('x-amzn-errortype')).toBe('RepositoryNotFoundException');
  expect(bad.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  expect(await bad.json()).toEqual({
    __type: 'RepositoryNotFoundException',
    message: "The repository with name 'x' does not exist in the registry with id '123456789012'",
  });
});

test('epoch-second timestamps on the wire', async () => {
  const ok = await post(
    'AmazonEC2ContainerRegistry_V20150921.DescribeImages',
    '{"repositoryName":"app"}',
  );
  const body = (await ok.json()) as { imageDetails: { imagePushedAt: unknown }[] };
  expect(body.imageDetails[0]?.imagePushedAt).toBe(emulator.startedAtMs / 1000);
});

test('CloudTrail accepts the long target form too', async () => {
  const response = await post(
    'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents',
    '{"LookupAttributes":[{"AttributeKey":"EventName","AttributeValue":"PutImage"}]}',
  );
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ Events: [] });
});

test('unknown targets, unsigned calls and broken JSON are refused', async () => {
  const unknown = await post('AmazonEC2ContainerRegistry_V20150921.DeleteRepository', '{}');
  expect(unknown.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
  const unsigned = await post('AmazonEC2ContainerRegistry_V20150921.DescribeImages', '{}', {
    Authorization: '',
  });
  expect(unsigned.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
  const broken = await post('AmazonEC2ContainerRegistry_V20150921.DescribeImages', '{"repo');
  expect(broken.headers.get('x-amzn-errortype')).toBe('SerializationException');
  expect(emulator.requests.map((r) => r.errorType)).toEqual([
    'UnknownOperationException',
    'MissingAuthenticationTokenException',
    'SerializationException',
  ]);
});

test('the control endpoints expose the log and reset the scenario', async () => {
  await post('AmazonEC2ContainerRegistry_V20150921.DescribeImages', '{"repositoryName":"app"}');
  const log = (await (await fetch(`${emulator.url}/_emulator/requests`)).json()) as unknown[];
  expect(log).toHaveLength(1);
  const replaced = await fetch(`${emulator.url}/_emulator/reset`, {
    method: 'POST',
    body: JSON.stringify(scenario({ repositories: [{ name: 'fresh' }] })),
  });
  expect(replaced.status).toBe(200);
  expect(emulator.requests).toHaveLength(0);
  const fresh = await post(
    'AmazonEC2ContainerRegistry_V20150921.DescribeImages',
    '{"repositoryName":"fresh"}',
  );
  expect(fresh.status).toBe(200);
  const refused = await fetch(`${emulator.url}/_emulator/reset`, {
    method: 'POST',
    body: JSON.stringify({ ...scenario(), accountId: 'nope' }),
  });
  expect(refused.status).toBe(400);
  expect(((await refused.json()) as { error: string }).error).toContain('accountId');
});
