// Tag/digest → the manifests to gate. A single-platform image costs one DescribeImages; an image
// index costs one more BatchGetImage (to read the index) and one DescribeImages for its platforms.
import type { BatchGetImageCommandOutput, ImageDetail, ImageIdentifier } from '@aws-sdk/client-ecr';
import { UserError } from '../errors.js';
import type { ImageTarget, ResolvedImage } from '../model.js';
import { awsErrorName, translateAwsError, type AwsErrorContext } from './aws-errors.js';
import type { EcrCalls } from './ecr-calls.js';
import {
  ACCEPTED_MEDIA_TYPES,
  isIndexMediaType,
  parseImageIndex,
  type PlatformManifest,
} from './manifest.js';

// DescribeImages takes at most 100 image ids per call.
const IDS_PER_CALL = 100;
// Docker's own default when a reference names neither tag nor digest.
const DEFAULT_TAG = 'latest';

interface Scope {
  calls: EcrCalls;
  region: string;
  repositoryName: string;
  registryId?: string;
  context: AwsErrorContext;
}

function scopeFor(calls: EcrCalls, target: ImageTarget, region: string): Scope {
  const context: AwsErrorContext = {
    service: 'ecr',
    operation: 'DescribeImages',
    region,
    repository: target.repository,
  };
  if (target.registryId) context.registryId = target.registryId;
  if (target.tag) context.imageTag = target.tag;
  if (target.digest) context.imageDigest = target.digest;
  return {
    calls,
    region,
    repositoryName: target.repository,
    ...(target.registryId ? { registryId: target.registryId } : {}),
    context,
  };
}

function base(scope: Scope) {
  return {
    repositoryName: scope.repositoryName,
    ...(scope.registryId ? { registryId: scope.registryId } : {}),
  };
}

async function describe(scope: Scope, imageIds: ImageIdentifier[]): Promise<ImageDetail[]> {
  try {
    const out = await scope.calls.describeImages(scope.region, { ...base(scope), imageIds });
    return out.imageDetails ?? [];
  } catch (error) {
    throw translateAwsError(error, { ...scope.context, operation: 'DescribeImages' });
  }
}

/** Where the tag points now, or undefined when the tag no longer exists. */
async function currentDigestOfTag(scope: Scope, tag: string): Promise<string | undefined> {
  try {
    const out = await scope.calls.describeImages(scope.region, {
      ...base(scope),
      imageIds: [{ imageTag: tag }],
    });
    return out.imageDetails?.[0]?.imageDigest;
  } catch (error) {
    if (awsErrorName(error) === 'ImageNotFoundException') return undefined;
    throw translateAwsError(error, {
      ...scope.context,
      operation: 'DescribeImages',
      imageTag: tag,
    });
  }
}

async function readIndex(scope: Scope, indexDigest: string): Promise<PlatformManifest[]> {
  const context = { ...scope.context, operation: 'BatchGetImage', imageDigest: indexDigest };
  let out: BatchGetImageCommandOutput;
  try {
    out = await scope.calls.batchGetImage(scope.region, {
      ...base(scope),
      imageIds: [{ imageDigest: indexDigest }],
      acceptedMediaTypes: [...ACCEPTED_MEDIA_TYPES],
    });
  } catch (error) {
    throw translateAwsError(error, context);
  }
  const manifest = out.images?.[0]?.imageManifest;
  if (!manifest) {
    const failure = out.failures?.[0];
    const reason = failure
      ? `${failure.failureCode ?? 'failure'}: ${failure.failureReason ?? 'no reason given'}`
      : 'no manifest returned';
    throw new UserError(
      `Could not read image index ${indexDigest} in repository '${scope.repositoryName}' ` +
        `(${scope.region}) with ecr:BatchGetImage (${reason}).`,
      'aws',
    );
  }
  let parsed;
  try {
    parsed = parseImageIndex(manifest);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new UserError(
      `Image ${indexDigest} in repository '${scope.repositoryName}' is labelled an image index ` +
        `but ${why}.`,
      'aws',
    );
  }
  if (parsed.manifests.length === 0) {
    throw new UserError(
      `Image index ${indexDigest} in repository '${scope.repositoryName}' has no platform ` +
        `manifest to gate (${parsed.attestations} attestation(s)` +
        `${parsed.skipped.length > 0 ? `, skipped: ${parsed.skipped.join('; ')}` : ''}).`,
      'aws',
    );
  }
  return parsed.manifests;
}

async function describeChildren(
  scope: Scope,
  manifests: readonly PlatformManifest[],
): Promise<Map<string, ImageDetail>> {
  const byDigest = new Map<string, ImageDetail>();
  for (let start = 0; start < manifests.length; start += IDS_PER_CALL) {
    const ids = manifests
      .slice(start, start + IDS_PER_CALL)
      .map((m): ImageIdentifier => ({ imageDigest: m.digest }));
    try {
      const out = await scope.calls.describeImages(scope.region, { ...base(scope), imageIds: ids });
      for (const detail of out.imageDetails ?? []) {
        if (detail.imageDigest) byDigest.set(detail.imageDigest, detail);
      }
    } catch (error) {
      // The platforms are gated all the same; they only lack their own tags and push time.
      if (awsErrorName(error) !== 'ImageNotFoundException') {
        throw translateAwsError(error, { ...scope.context, operation: 'DescribeImages' });
      }
    }
  }
  return byDigest;
}

function resolvedFrom(
  target: ImageTarget,
  scope: Scope,
  detail: ImageDetail,
  digest: string,
): ResolvedImage {
  const image: ResolvedImage = {
    target,
    registryId: detail.registryId ?? scope.registryId ?? '',
    region: scope.region,
    repository: detail.repositoryName ?? scope.repositoryName,
    imageDigest: digest,
    imageTags: [...(detail.imageTags ?? [])],
  };
  if (detail.imagePushedAt) image.pushedAt = detail.imagePushedAt;
  if (detail.imageManifestMediaType) image.manifestMediaType = detail.imageManifestMediaType;
  return image;
}

/**
 * Resolves one target. With both tag and digest the digest is gated (it is what was pushed) and
 * `tagMovedTo` records a tag that has since been pointed elsewhere.
 */
export async function resolveTarget(
  calls: EcrCalls,
  target: ImageTarget,
  defaultRegion: string,
): Promise<ResolvedImage[]> {
  const region = target.region ?? defaultRegion;
  const scope = scopeFor(calls, target, region);
  const tag = target.tag ?? (target.digest ? undefined : DEFAULT_TAG);
  if (tag && !target.tag) scope.context.imageTag = tag;
  const id: ImageIdentifier = target.digest ? { imageDigest: target.digest } : { imageTag: tag };

  const [detail] = await describe(scope, [id]);
  if (!detail?.imageDigest) {
    throw translateAwsError(
      Object.assign(new Error('DescribeImages returned no image'), {
        name: 'ImageNotFoundException',
      }),
      scope.context,
    );
  }
  const digest = detail.imageDigest;

  let tagMovedTo: string | undefined;
  if (target.tag && target.digest && !(detail.imageTags ?? []).includes(target.tag)) {
    const now = await currentDigestOfTag(scope, target.tag);
    if (now && now !== digest) tagMovedTo = now;
  }
  const withTagState = (image: ResolvedImage): ResolvedImage =>
    tagMovedTo ? { ...image, tagMovedTo } : image;

  if (
    !isIndexMediaType(detail.imageManifestMediaType) &&
    !isIndexMediaType(detail.artifactMediaType)
  ) {
    return [withTagState(resolvedFrom(target, scope, detail, digest))];
  }

  const manifests = await readIndex(scope, digest);
  const children = await describeChildren(scope, manifests);
  return manifests.map((manifest) => {
    const child = children.get(manifest.digest);
    const image = resolvedFrom(
      target,
      scope,
      child ?? { ...detail, imageTags: [] },
      manifest.digest,
    );
    if (!child?.imageManifestMediaType) {
      if (manifest.mediaType) image.manifestMediaType = manifest.mediaType;
      else delete image.manifestMediaType;
    }
    if (manifest.platform) image.platform = manifest.platform;
    image.indexDigest = digest;
    if (detail.imagePushedAt) image.indexPushedAt = detail.imagePushedAt;
    return withTagState(image);
  });
}
