// The adapter against the real SDK deserialiser: a local HTTP server answers in ECR's JSON 1.1
// wire format (epoch-second timestamps, `__type` error names), so name-based error handling and
// Date conversion are checked on what the SDK really produces, not on hand-made objects.
import { ECRClient } from '@aws-sdk/client-ecr';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EcrAdapter } from '../../src/aws/ecr.js';
import { countBySeverity } from '../../src/aws/findings.js';
import { UserError } from '../../src/errors.js';
import { fakeClock, image } from './ecr-test-kit.js';
import { sharedPath } from '../shared-data.js';

interface Reply {
  status: number;
  body: unknown;
  /** The operation it answers (x-amz-target suffix); default DescribeImageScanFindings. The
   * registry's scan type is asked beside the first read, so replies are queued per operation. */
  operation?: string;
}

const FINDINGS_OP = 'DescribeImageScanFindings';

const recorded = JSON.parse(
  readFileSync(sharedPath('splunk/aws_ecr_scanning_findings_events.json'), 'utf8'),
) as { responseElements: { imageScanFindings: { findings: unknown[] } } };

// CloudTrail printed the times as text; the API sends epoch seconds (see SOURCES.md).
const splunkComplete: Reply = {
  status: 200,
  body: {
    registryId: '111111111111',
    repositoryName: 'devsecops/cat_dog_client',
    imageId: { imageDigest: image().imageDigest },
    imageScanStatus: { status: 'COMPLETE', description: 'The scan was completed successfully.' },
    imageScanFindings: {
      imageScanCompletedAt: Date.parse('2021-08-11T11:30:16Z') / 1000,
      vulnerabilitySourceUpdatedAt: Date.parse('2021-08-11T01:17:52Z') / 1000,
      findingSeverityCounts: { HIGH: 2, MEDIUM: 14, INFORMATIONAL: 63, LOW: 22, UNDEFINED: 3 },
      findings: recorded.responseElements.imageScanFindings.findings,
    },
  },
};

let server: Server;
let port = 0;
let replies: Reply[] = [];
const targets: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    targets.push(String(req.headers['x-amz-target']));
    req.resume();
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target']).split('.').pop();
      const at = replies.findIndex((r) => (r.operation ?? FINDINGS_OP) === operation);
      const reply =
        at < 0 ? { status: 500, body: { __type: 'ServerException' } } : replies.splice(at, 1)[0]!;
      res.writeHead(reply.status, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  replies = [];
  targets.length = 0;
});

function adapter(): EcrAdapter {
  const clock = fakeClock();
  return new EcrAdapter({
    clientFor: (region) =>
      new ECRClient({
        region,
        endpoint: `http://127.0.0.1:${port}`,
        maxAttempts: 1,
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      }),
    now: clock.now,
    sleep: clock.sleep,
    random: clock.random,
  });
}

test('ScanNotFound then the recorded Splunk response: 104 findings, times as Dates', async () => {
  replies = [
    {
      status: 400,
      body: { __type: 'ScanNotFoundException', message: 'Image scan does not exist' },
    },
    splunkComplete,
    {
      operation: 'GetRegistryScanningConfiguration',
      status: 200,
      body: { registryId: '111111111111', scanningConfiguration: { scanType: 'BASIC', rules: [] } },
    },
  ];
  const outcome = await adapter().waitForScan(image(), { timeoutMs: 60_000 });
  // The registry's scan type is asked once, beside the first read (scan-wait.ts), not after it.
  expect([...targets].sort()).toEqual([
    'AmazonEC2ContainerRegistry_V20150921.DescribeImageScanFindings',
    'AmazonEC2ContainerRegistry_V20150921.DescribeImageScanFindings',
    'AmazonEC2ContainerRegistry_V20150921.GetRegistryScanningConfiguration',
  ]);
  expect(
    targets.indexOf('AmazonEC2ContainerRegistry_V20150921.GetRegistryScanningConfiguration'),
  ).toBeLessThan(2);
  expect(outcome).toMatchObject({ status: 'COMPLETE', usable: true, type: 'BASIC', calls: 2 });
  expect(outcome.completedAt).toEqual(new Date('2021-08-11T11:30:16Z'));
  expect(countBySeverity(outcome.findings)).toEqual({
    CRITICAL: 0,
    HIGH: 2,
    MEDIUM: 14,
    LOW: 22,
    INFORMATIONAL: 63,
    UNDEFINED: 3,
  });
});

test('an unmodelled AccessDeniedException is recognised by name and names the action', async () => {
  replies = [
    {
      status: 400,
      body: {
        __type: 'AccessDeniedException',
        Message:
          'User: arn:aws:sts::123456789012:assumed-role/gh/run is not authorized to perform: ' +
          'ecr:DescribeImageScanFindings on resource: arn:aws:ecr:eu-west-1:123456789012:repository/team/app',
      },
    },
  ];
  const wait = adapter().waitForScan(image(), { timeoutMs: 60_000 });
  await expect(wait).rejects.toBeInstanceOf(UserError);
  await expect(wait).rejects.toThrow(
    "AWS denied ecr:DescribeImageScanFindings on repository 'team/app' (registry 123456789012, eu-west-1)",
  );
});

test('an unmodelled ThrottlingException keeps the wait going', async () => {
  replies = [
    { status: 400, body: { __type: 'ThrottlingException', message: 'Rate exceeded' } },
    splunkComplete,
  ];
  const outcome = await adapter().waitForScan(image(), { timeoutMs: 60_000 });
  expect(outcome).toMatchObject({ status: 'COMPLETE', usable: true, calls: 2 });
});

test('DescribeImages on the wire: imagePushedAt becomes a Date', async () => {
  replies = [
    {
      operation: 'DescribeImages',
      status: 200,
      body: {
        imageDetails: [
          {
            registryId: '123456789012',
            repositoryName: 'team/app',
            imageDigest: image().imageDigest,
            imageTags: ['v1'],
            imagePushedAt: 1714557600,
            imageManifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json',
          },
        ],
      },
    },
  ];
  const [resolved] = await adapter().resolve(
    { raw: 'team/app:v1', repository: 'team/app', tag: 'v1' },
    'eu-west-1',
  );
  expect(resolved?.pushedAt).toEqual(new Date(1714557600 * 1000));
});

// The SDK's deserializer hands a member of the wrong JSON type through as it arrived (see
// src/aws/ecr-shapes.ts); such an answer is refused, naming the field, instead of crashing the run
// or gating a digest that reads "[object Object]".
describe('DescribeImages answers with fields of the wrong type are refused', () => {
  const good = {
    registryId: '123456789012',
    repositoryName: 'team/app',
    imageDigest: image().imageDigest,
    imageTags: ['v1'],
    imagePushedAt: 1714557600,
  };
  test.each<[string, Record<string, unknown>, string]>([
    [
      'a digest that is an object',
      { imageDigest: { toString: {} } },
      'imageDetails[0].imageDigest is {"toString":{}}, expected text',
    ],
    [
      'tags that are a number',
      { imageTags: 5 },
      'imageDetails[0].imageTags is 5, expected a list of text',
    ],
    [
      'a tag that is a number',
      { imageTags: ['v1', 7] },
      'imageDetails[0].imageTags is ["v1",7], expected a list of text',
    ],
    [
      'a repository name that is a list',
      { repositoryName: ['team/app'] },
      'imageDetails[0].repositoryName is ["team/app"], expected text',
    ],
  ])('%s', async (_what, change, named) => {
    replies = [
      {
        operation: 'DescribeImages',
        status: 200,
        body: { imageDetails: [{ ...good, ...change }] },
      },
    ];
    const error = await adapter()
      .resolve({ raw: 'team/app:v1', repository: 'team/app', tag: 'v1' }, 'eu-west-1')
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).kind).toBe('aws');
    expect((error as UserError).message).toContain('ECR answered ecr:DescribeImages');
    expect((error as UserError).message).toContain(named);
    expect((error as UserError).message).toContain('nothing was decided from it');
  });

  test('a list of details that is not a list', async () => {
    replies = [{ operation: 'DescribeImages', status: 200, body: { imageDetails: 'team/app' } }];
    await expect(
      adapter().resolve({ raw: 'team/app:v1', repository: 'team/app', tag: 'v1' }, 'eu-west-1'),
    ).rejects.toThrow('imageDetails is team/app, expected a list');
  });

  test('an index whose manifest is an object, not text, is refused the same way', async () => {
    replies = [
      {
        operation: 'DescribeImages',
        status: 200,
        body: {
          imageDetails: [
            { ...good, imageManifestMediaType: 'application/vnd.oci.image.index.v1+json' },
          ],
        },
      },
      {
        operation: 'BatchGetImage',
        status: 200,
        body: {
          images: [
            { imageId: { imageDigest: good.imageDigest }, imageManifest: { manifests: [] } },
          ],
        },
      },
    ];
    await expect(
      adapter().resolve({ raw: 'team/app:v1', repository: 'team/app', tag: 'v1' }, 'eu-west-1'),
    ).rejects.toThrow('images[0].imageManifest is {"manifests":[]}, expected text');
  });
});
