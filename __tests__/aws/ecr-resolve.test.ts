import {
  BatchGetImageCommand,
  DescribeImagesCommand,
  ECRClient,
  type DescribeImagesCommandInput,
} from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { EcrAdapter } from '../../src/aws/ecr.js';
import { UserError } from '../../src/errors.js';
import { DOCKER_MANIFEST, OCI_INDEX, OCI_MANIFEST } from '../../src/aws/manifest.js';
import type { ImageTarget } from '../../src/model.js';
import { adapterWith, awsError, fakeClock, REGISTRY } from './ecr-test-kit.js';

const ecr = mockClient(ECRClient);
beforeEach(() => ecr.reset());

const $metadata = {};
const d = (c: string) => `sha256:${c.repeat(64)}`;
const INDEX = d('1');
const AMD64 = d('2');
const ARM64 = d('3');
const ATTEST_A = d('4');
const ATTEST_B = d('5');
const PUSHED = new Date('2024-05-01T10:00:00Z');

const target = (over: Partial<ImageTarget> = {}): ImageTarget => ({
  raw: 'team/app:v1',
  repository: 'team/app',
  tag: 'v1',
  ...over,
});

const buildxIndex = JSON.stringify({
  schemaVersion: 2,
  mediaType: OCI_INDEX,
  manifests: [
    {
      mediaType: OCI_MANIFEST,
      digest: AMD64,
      size: 1,
      platform: { architecture: 'amd64', os: 'linux' },
    },
    {
      mediaType: OCI_MANIFEST,
      digest: ARM64,
      size: 1,
      platform: { architecture: 'arm64', os: 'linux', variant: 'v8' },
    },
    {
      mediaType: OCI_MANIFEST,
      digest: ATTEST_A,
      size: 1,
      annotations: {
        'vnd.docker.reference.digest': AMD64,
        'vnd.docker.reference.type': 'attestation-manifest',
      },
      platform: { architecture: 'unknown', os: 'unknown' },
    },
    {
      mediaType: OCI_MANIFEST,
      digest: ATTEST_B,
      size: 1,
      annotations: {
        'vnd.docker.reference.digest': ARM64,
        'vnd.docker.reference.type': 'attestation-manifest',
      },
      platform: { architecture: 'unknown', os: 'unknown' },
    },
  ],
});

describe('resolve', () => {
  test('a single-platform image costs exactly one call', async () => {
    ecr.on(DescribeImagesCommand).resolves({
      $metadata,
      imageDetails: [
        {
          registryId: REGISTRY,
          repositoryName: 'team/app',
          imageDigest: AMD64,
          imageTags: ['v1', 'latest'],
          imagePushedAt: PUSHED,
          imageManifestMediaType: DOCKER_MANIFEST,
        },
      ],
    });
    const adapter = adapterWith(fakeClock());
    const images = await adapter.resolve(target({ registryId: REGISTRY }), 'eu-west-1');
    expect(adapter.callCount()).toBe(1);
    expect(images).toEqual([
      {
        target: target({ registryId: REGISTRY }),
        registryId: REGISTRY,
        region: 'eu-west-1',
        repository: 'team/app',
        imageDigest: AMD64,
        imageTags: ['v1', 'latest'],
        pushedAt: PUSHED,
        manifestMediaType: DOCKER_MANIFEST,
      },
    ]);
    expect(ecr.commandCalls(DescribeImagesCommand)[0]?.args[0].input).toEqual({
      registryId: REGISTRY,
      repositoryName: 'team/app',
      imageIds: [{ imageTag: 'v1' }],
    });
  });

  test("the target's region wins over the default one; no registryId is sent when none was given", async () => {
    ecr.on(DescribeImagesCommand).resolves({
      $metadata,
      imageDetails: [
        { registryId: REGISTRY, imageDigest: AMD64, imageManifestMediaType: OCI_MANIFEST },
      ],
    });
    const regions: string[] = [];
    const adapter = new EcrAdapter({
      clientFor: (region) => {
        regions.push(region);
        return new ECRClient({ region });
      },
    });
    const [img] = await adapter.resolve(
      { raw: 'team/app@…', repository: 'team/app', region: 'us-east-2', digest: AMD64 },
      'eu-west-1',
    );
    expect(regions).toEqual(['us-east-2']);
    expect(img?.region).toBe('us-east-2');
    expect(img?.registryId).toBe(REGISTRY);
    const input = ecr.commandCalls(DescribeImagesCommand)[0]?.args[0].input;
    expect(input).toEqual({ repositoryName: 'team/app', imageIds: [{ imageDigest: AMD64 }] });
  });

  test('an image index: 2 platforms + 2 attestations → 2 images, with 2 calls + 1', async () => {
    ecr.on(DescribeImagesCommand).callsFake((input: DescribeImagesCommandInput) => {
      const ids = input.imageIds ?? [];
      if (ids[0]?.imageTag === 'v1') {
        return {
          $metadata,
          imageDetails: [
            {
              registryId: REGISTRY,
              repositoryName: 'team/app',
              imageDigest: INDEX,
              imageTags: ['v1'],
              imagePushedAt: PUSHED,
              imageManifestMediaType: OCI_INDEX,
            },
          ],
        };
      }
      return {
        $metadata,
        imageDetails: ids.map((id, i) => ({
          registryId: REGISTRY,
          repositoryName: 'team/app',
          imageDigest: id.imageDigest,
          imageTags: [],
          imagePushedAt: new Date(PUSHED.getTime() - (i + 1) * 1000),
          imageManifestMediaType: OCI_MANIFEST,
        })),
      };
    });
    ecr.on(BatchGetImageCommand).resolves({
      $metadata,
      images: [
        {
          imageId: { imageDigest: INDEX },
          imageManifest: buildxIndex,
          imageManifestMediaType: OCI_INDEX,
        },
      ],
    });
    const adapter = adapterWith(fakeClock());
    const images = await adapter.resolve(target(), 'eu-west-1');

    expect(adapter.callCount()).toBe(3);
    expect(images.map((i) => [i.imageDigest, i.platform, i.indexDigest])).toEqual([
      [AMD64, 'linux/amd64', INDEX],
      [ARM64, 'linux/arm64/v8', INDEX],
    ]);
    expect(images[0]?.pushedAt).toEqual(new Date(PUSHED.getTime() - 1000));
    expect(images[1]?.manifestMediaType).toBe(OCI_MANIFEST);
    const batch = ecr.commandCalls(BatchGetImageCommand)[0]?.args[0].input;
    expect(batch?.imageIds).toEqual([{ imageDigest: INDEX }]);
    expect(batch?.acceptedMediaTypes).toEqual(expect.arrayContaining([OCI_INDEX, OCI_MANIFEST]));
    const children = ecr.commandCalls(DescribeImagesCommand)[1]?.args[0].input.imageIds;
    expect(children).toEqual([{ imageDigest: AMD64 }, { imageDigest: ARM64 }]);
  });

  test('index entries ECR cannot describe are not gated silently: each is named, fail closed (issue 18 §2.6)', async () => {
    ecr
      .on(DescribeImagesCommand)
      .resolvesOnce({
        $metadata,
        imageDetails: [
          {
            registryId: REGISTRY,
            imageDigest: INDEX,
            imagePushedAt: PUSHED,
            artifactMediaType: OCI_INDEX,
          },
        ],
      })
      .rejects(awsError('ImageNotFoundException'));
    ecr.on(BatchGetImageCommand).resolves({ $metadata, images: [{ imageManifest: buildxIndex }] });
    const images = await adapterWith(fakeClock()).resolve(target(), 'eu-west-1');
    expect(images.map((i) => i.platform)).toEqual(['linux/amd64', 'linux/arm64/v8']);
    expect(images[0]?.pushedAt).toEqual(PUSHED);
    expect(images[0]?.manifestMediaType).toBe(OCI_MANIFEST);
    expect(images.map((i) => i.notGated)).toEqual([
      `ECR could not describe manifest ${AMD64} of index ${INDEX} (DescribeImages did not return it)`,
      `ECR could not describe manifest ${ARM64} of index ${INDEX} (DescribeImages did not return it)`,
    ]);
  });

  test('an index with only attestations is an error naming the index', async () => {
    ecr.on(DescribeImagesCommand).resolves({
      $metadata,
      imageDetails: [
        { registryId: REGISTRY, imageDigest: INDEX, imageManifestMediaType: OCI_INDEX },
      ],
    });
    const only = JSON.parse(buildxIndex) as { manifests: unknown[] };
    ecr.on(BatchGetImageCommand).resolves({
      $metadata,
      images: [{ imageManifest: JSON.stringify({ ...only, manifests: only.manifests.slice(2) }) }],
    });
    await expect(adapterWith(fakeClock()).resolve(target(), 'eu-west-1')).rejects.toThrow(
      `Image index ${INDEX} in repository 'team/app' has no platform manifest to gate (2 attestation(s))`,
    );
  });

  test('BatchGetImage failures are reported with their code', async () => {
    ecr.on(DescribeImagesCommand).resolves({
      $metadata,
      imageDetails: [{ imageDigest: INDEX, imageManifestMediaType: OCI_INDEX }],
    });
    ecr.on(BatchGetImageCommand).resolves({
      $metadata,
      failures: [{ failureCode: 'ImageNotFound', failureReason: 'Requested image not found' }],
    });
    await expect(adapterWith(fakeClock()).resolve(target(), 'eu-west-1')).rejects.toThrow(
      /ecr:BatchGetImage \(ImageNotFound: Requested image not found\)/,
    );
  });

  describe('tag and digest together', () => {
    test('the tag still points at the digest: one call, no tagMovedTo', async () => {
      ecr.on(DescribeImagesCommand).resolves({
        $metadata,
        imageDetails: [
          { imageDigest: AMD64, imageTags: ['v1'], imageManifestMediaType: OCI_MANIFEST },
        ],
      });
      const adapter = adapterWith(fakeClock());
      const [img] = await adapter.resolve(target({ digest: AMD64 }), 'eu-west-1');
      expect(adapter.callCount()).toBe(1);
      expect(img?.imageDigest).toBe(AMD64);
      expect(img).not.toHaveProperty('tagMovedTo');
      expect(ecr.commandCalls(DescribeImagesCommand)[0]?.args[0].input.imageIds).toEqual([
        { imageDigest: AMD64 },
      ]);
    });

    test('the tag was moved: the digest is gated and tagMovedTo names the new digest', async () => {
      ecr
        .on(DescribeImagesCommand)
        .resolvesOnce({
          $metadata,
          imageDetails: [
            { imageDigest: AMD64, imageTags: [], imageManifestMediaType: OCI_MANIFEST },
          ],
        })
        .resolvesOnce({ $metadata, imageDetails: [{ imageDigest: ARM64, imageTags: ['v1'] }] });
      const [img] = await adapterWith(fakeClock()).resolve(target({ digest: AMD64 }), 'eu-west-1');
      expect(img?.imageDigest).toBe(AMD64);
      expect(img?.tagMovedTo).toBe(ARM64);
      expect(ecr.commandCalls(DescribeImagesCommand)[1]?.args[0].input.imageIds).toEqual([
        { imageTag: 'v1' },
      ]);
    });

    test('the tag was deleted: no tagMovedTo, no error', async () => {
      ecr
        .on(DescribeImagesCommand)
        .resolvesOnce({ $metadata, imageDetails: [{ imageDigest: AMD64, imageTags: [] }] })
        .rejectsOnce(awsError('ImageNotFoundException'));
      const [img] = await adapterWith(fakeClock()).resolve(target({ digest: AMD64 }), 'eu-west-1');
      expect(img?.tagMovedTo).toBeUndefined();
    });
  });

  test('neither tag nor digest means latest, as Docker does', async () => {
    ecr.on(DescribeImagesCommand).resolves({ $metadata, imageDetails: [{ imageDigest: AMD64 }] });
    await adapterWith(fakeClock()).resolve(
      { raw: 'team/app', repository: 'team/app' },
      'eu-west-1',
    );
    expect(ecr.commandCalls(DescribeImagesCommand)[0]?.args[0].input.imageIds).toEqual([
      { imageTag: 'latest' },
    ]);
  });

  test.each([
    [
      'ImageNotFoundException',
      "Image tag 'v1' was not found in repository 'team/app' (registry 123456789012, eu-west-1)",
    ],
    [
      'RepositoryNotFoundException',
      "Repository 'team/app' was not found in registry 123456789012 (eu-west-1)",
    ],
    [
      'AccessDeniedException',
      "AWS denied ecr:DescribeImages on repository 'team/app' (registry 123456789012, eu-west-1)",
    ],
  ])('%s becomes a UserError that names the image', async (name, message) => {
    ecr.on(DescribeImagesCommand).rejects(awsError(name));
    const resolving = adapterWith(fakeClock()).resolve(
      target({ registryId: REGISTRY }),
      'eu-west-1',
    );
    await expect(resolving).rejects.toBeInstanceOf(UserError);
    await expect(resolving).rejects.toThrow(message);
  });

  test('an empty DescribeImages answer is an image-not-found error', async () => {
    ecr.on(DescribeImagesCommand).resolves({ $metadata, imageDetails: [] });
    await expect(adapterWith(fakeClock()).resolve(target(), 'eu-west-1')).rejects.toThrow(
      "Image tag 'v1' was not found",
    );
  });
});

describe('issue 18 §2.5: DescribeImages answering for another image is refused', () => {
  test.each([
    ['another digest', { imageDigest: ARM64, repositoryName: 'team/app' }],
    ['another repository', { imageDigest: AMD64, repositoryName: 'team/other' }],
    ['another registry', { imageDigest: AMD64, registryId: '999999999999' }],
  ])('%s', async (_name, detail) => {
    ecr.on(DescribeImagesCommand).resolves({ $metadata, imageDetails: [detail] });
    const outcome = adapterWith(fakeClock()).resolve(
      { raw: `team/app@${AMD64}`, repository: 'team/app', digest: AMD64, registryId: REGISTRY },
      'eu-west-1',
    );
    await expect(outcome).rejects.toThrow(UserError);
    await expect(outcome).rejects.toThrow(
      /was not gated: ECR DescribeImages, asked for sha256:2+ .*refused/,
    );
  });
});

describe('issue 18 §2.6: index entries are gated, or named and failed closed', () => {
  const indexOf = (manifests: unknown[]) => JSON.stringify({ mediaType: OCI_INDEX, manifests });
  const describeAll = () =>
    ecr.on(DescribeImagesCommand).callsFake((input: DescribeImagesCommandInput) => ({
      $metadata,
      imageDetails: (input.imageIds ?? []).map((id) =>
        id.imageTag
          ? { imageDigest: INDEX, imageTags: ['v1'], imageManifestMediaType: OCI_INDEX }
          : { imageDigest: id.imageDigest, imageManifestMediaType: OCI_MANIFEST },
      ),
    }));

  test('a nested index is followed and its platforms gated; unknown/unknown without the attestation annotation is gated', async () => {
    describeAll();
    const NESTED = d('6');
    ecr
      .on(BatchGetImageCommand)
      .resolvesOnce({
        $metadata,
        images: [
          {
            imageManifest: indexOf([
              {
                mediaType: OCI_MANIFEST,
                digest: AMD64,
                platform: { os: 'linux', architecture: 'amd64' },
              },
              { mediaType: OCI_INDEX, digest: NESTED },
              {
                mediaType: OCI_MANIFEST,
                digest: ATTEST_A,
                platform: { os: 'unknown', architecture: 'unknown' },
              },
            ]),
          },
        ],
      })
      .resolvesOnce({
        $metadata,
        images: [
          {
            imageManifest: indexOf([
              {
                mediaType: OCI_MANIFEST,
                digest: ARM64,
                platform: { os: 'linux', architecture: 'arm64' },
              },
            ]),
          },
        ],
      });
    const images = await adapterWith(fakeClock()).resolve(target(), 'eu-west-1');
    expect(images.map((i) => i.imageDigest).sort()).toEqual([AMD64, ARM64, ATTEST_A].sort());
    expect(images.every((i) => i.notGated === undefined)).toBe(true);
  });

  test('an entry without a valid digest is a not-gated image naming it; real attestations are listed', async () => {
    describeAll();
    ecr.on(BatchGetImageCommand).resolves({
      $metadata,
      images: [
        {
          imageManifest: indexOf([
            {
              mediaType: OCI_MANIFEST,
              digest: AMD64,
              platform: { os: 'linux', architecture: 'amd64' },
            },
            {
              mediaType: OCI_MANIFEST,
              digest: 'sha256:nothex!',
              platform: { os: 'linux', architecture: 'arm64' },
            },
            {
              mediaType: OCI_MANIFEST,
              digest: ATTEST_A,
              annotations: {
                'vnd.docker.reference.type': 'attestation-manifest',
                'vnd.docker.reference.digest': AMD64,
              },
              platform: { os: 'unknown', architecture: 'unknown' },
            },
          ]),
        },
      ],
    });
    const adapter = adapterWith(fakeClock());
    const images = await adapter.resolve(target(), 'eu-west-1');
    expect(images).toHaveLength(2);
    expect(images[0]?.attestations).toEqual([ATTEST_A]);
    expect(images[1]?.notGated).toBe(`index ${INDEX}: entry 1 has no valid digest`);
    const scan = await adapter.waitForScan(images[1]!, { timeoutMs: 60_000 });
    expect(scan).toMatchObject({ usable: false, status: 'NOT_GATED' });
    expect(scan.description).toContain('entry 1 has no valid digest');
  });
});

describe('issue 19 §3: resolving has a deadline and every call an abort signal', () => {
  test('a DescribeImages that never answers ends at the resolve deadline with a clear error', async () => {
    let signalled = false;
    const hanging = {
      send: (_command: unknown, options?: { abortSignal?: AbortSignal }) =>
        new Promise((_, reject) => {
          signalled = options?.abortSignal !== undefined;
          options?.abortSignal?.addEventListener('abort', () =>
            reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' })),
          );
        }),
    } as unknown as ECRClient;
    const adapter = new EcrAdapter({ clientFor: () => hanging, resolveTimeoutMs: 50 });
    const outcome = adapter.resolve(target(), 'eu-west-1');
    await expect(outcome).rejects.toThrow(
      /Image team\/app:v1 was not gated: ECR DescribeImages did not finish within the 50 ms allowed/,
    );
    expect(signalled).toBe(true);
  });
});
