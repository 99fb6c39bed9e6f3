import { createHash } from 'node:crypto';
import { BatchGetImageCommand, DescribeImagesCommand } from '@aws-sdk/client-ecr';
import { multiArchImage, singleImage } from '../../emulator/builders.js';
import { startEmulator, type Emulator } from '../../emulator/server.js';
import { ACCOUNT, ecrClient, rejectionOf, scenario } from './kit.js';

const buildx = multiArchImage({
  repository: 'web',
  tag: 'v2',
  platforms: ['linux/amd64', 'linux/arm64/v8'],
  scan: { findings: [] },
});
const plain = singleImage({ repository: 'web', tags: ['v1', 'stable'], pushedAt: 1_700_000_000 });
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator(
    scenario({
      repositories: [{ name: 'web' }, { name: 'shared', registryId: '999999999999' }],
      images: [
        ...buildx.images,
        plain,
        ...Array.from({ length: 5 }, (_, i) =>
          singleImage({ repository: 'shared', tags: [`t${i}`], seed: `shared-${i}` }),
        ),
      ],
    }),
  );
});
afterAll(() => emulator.close());

test('DescribeImages finds an image by tag or digest and serves its details', async () => {
  const client = ecrClient(emulator);
  const byTag = await client.send(
    new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'stable' }] }),
  );
  const byDigest = await client.send(
    new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageDigest: plain.digest }] }),
  );
  expect(byTag.imageDetails).toEqual(byDigest.imageDetails);
  const detail = byTag.imageDetails?.[0];
  expect(detail?.imageDigest).toBe(plain.digest);
  expect(detail?.imageTags).toEqual(['v1', 'stable']);
  expect(detail?.registryId).toBe(ACCOUNT);
  expect(detail?.imagePushedAt).toEqual(new Date(1_700_000_000_000));
  expect(detail?.imageManifestMediaType).toBe(
    'application/vnd.docker.distribution.manifest.v2+json',
  );
});

test('unknown images and repositories answer the errors ECR names', async () => {
  const client = ecrClient(emulator);
  const noImage = await rejectionOf(
    client.send(
      new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'nope' }] }),
    ),
  );
  expect(noImage.name).toBe('ImageNotFoundException');
  expect(noImage.$metadata?.httpStatusCode).toBe(400);
  // A tag and a digest of two different images do not identify an image.
  const mismatch = await rejectionOf(
    client.send(
      new DescribeImagesCommand({
        repositoryName: 'web',
        imageIds: [{ imageTag: 'v1', imageDigest: buildx.indexDigest }],
      }),
    ),
  );
  expect(mismatch.name).toBe('ImageNotFoundException');
  const noRepository = await rejectionOf(
    client.send(new DescribeImagesCommand({ repositoryName: 'nothing-here' })),
  );
  expect(noRepository.name).toBe('RepositoryNotFoundException');
  // The repository exists, but in another registry than the caller's default one.
  const otherRegistry = await rejectionOf(
    client.send(new DescribeImagesCommand({ repositoryName: 'shared' })),
  );
  expect(otherRegistry.name).toBe('RepositoryNotFoundException');
});

test('DescribeImages lists a repository page by page', async () => {
  const client = ecrClient(emulator);
  const first = await client.send(
    new DescribeImagesCommand({
      repositoryName: 'shared',
      registryId: '999999999999',
      maxResults: 3,
    }),
  );
  const second = await client.send(
    new DescribeImagesCommand({
      repositoryName: 'shared',
      registryId: '999999999999',
      maxResults: 3,
      nextToken: first.nextToken,
    }),
  );
  expect(first.imageDetails).toHaveLength(3);
  expect(second.imageDetails).toHaveLength(2);
  expect(second.nextToken).toBeUndefined();
  const tags = [...(first.imageDetails ?? []), ...(second.imageDetails ?? [])].flatMap(
    (d) => d.imageTags ?? [],
  );
  expect(tags.sort()).toEqual(['t0', 't1', 't2', 't3', 't4']);
});

test('BatchGetImage serves an image index with platforms and attestation manifests', async () => {
  const response = await ecrClient(emulator).send(
    new BatchGetImageCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'v2' }] }),
  );
  expect(response.failures).toEqual([]);
  const image = response.images?.[0];
  expect(image?.imageId).toEqual({ imageDigest: buildx.indexDigest, imageTag: 'v2' });
  expect(image?.imageManifestMediaType).toBe('application/vnd.oci.image.index.v1+json');
  const manifest = JSON.parse(image?.imageManifest ?? '{}') as {
    manifests: {
      digest: string;
      platform: { architecture: string; os: string; variant?: string };
      annotations?: Record<string, string>;
    }[];
  };
  const platforms = manifest.manifests.filter(
    (m) => m.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest',
  );
  expect(platforms.map((m) => m.platform)).toEqual([
    { os: 'linux', architecture: 'amd64' },
    { os: 'linux', architecture: 'arm64', variant: 'v8' },
  ]);
  expect(platforms.map((m) => m.digest)).toEqual([
    buildx.platformDigests['linux/amd64'],
    buildx.platformDigests['linux/arm64/v8'],
  ]);
  const attestations = manifest.manifests.filter((m) => m.annotations);
  expect(attestations).toHaveLength(2);
  for (const a of attestations) {
    expect(a.platform).toEqual({ architecture: 'unknown', os: 'unknown' });
    expect(platforms.map((p) => p.digest)).toContain(
      a.annotations?.['vnd.docker.reference.digest'],
    );
  }
  // The digests are those of the manifest texts, as in a real registry.
  const sha = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;
  expect(sha(image?.imageManifest ?? '')).toBe(buildx.indexDigest);
});

test('BatchGetImage reports missing images as failures, not errors', async () => {
  const amd64 = buildx.platformDigests['linux/amd64'] ?? '';
  const response = await ecrClient(emulator).send(
    new BatchGetImageCommand({
      repositoryName: 'web',
      imageIds: [{ imageDigest: amd64 }, { imageTag: 'gone' }],
    }),
  );
  expect(response.images?.map((i) => i.imageId?.imageDigest)).toEqual([amd64]);
  expect(response.failures).toEqual([
    {
      imageId: { imageTag: 'gone' },
      failureCode: 'ImageNotFound',
      failureReason: 'Requested image not found',
    },
  ]);
  const child = JSON.parse(response.images?.[0]?.imageManifest ?? '{}') as { mediaType?: string };
  expect(child.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
});
