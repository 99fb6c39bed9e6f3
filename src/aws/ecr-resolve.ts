// Tag/digest → the manifests to gate. A single-platform image costs one DescribeImages; an image
// index costs one more BatchGetImage (to read the index) and one DescribeImages for its platforms.
import type { ImageDetail, ImageIdentifier } from '@aws-sdk/client-ecr';
import { UserError } from '../errors.js';
import type { ImageTarget, ResolvedImage } from '../model.js';
import { awsErrorName } from './aws-errors.js';
import { translateAwsError } from './aws-error-text.js';
import type { EcrCalls } from './ecr-calls.js';
import { describeChildren, readIndex } from './ecr-index.js';
import {
  RESOLVE_TIMEOUT_MS,
  base,
  checkAnswer,
  describe,
  failure,
  scopeFor,
  type ResolveOptions,
  type Scope,
} from './ecr-scope.js';
import { isIndexMediaType, type PlatformManifest } from './manifest.js';

export { RESOLVE_TIMEOUT_MS, type ResolveOptions } from './ecr-scope.js';

// Docker's own default when a reference names neither tag nor digest.
const DEFAULT_TAG = 'latest';

/** The id a target is looked up by: its digest when it has one (that is what was pushed). */
export function targetImageId(target: ImageTarget): ImageIdentifier {
  return target.digest ? { imageDigest: target.digest } : { imageTag: target.tag ?? DEFAULT_TAG };
}

/** Where the tag points now, or undefined when the tag no longer exists. */
async function currentDigestOfTag(scope: Scope, tag: string): Promise<string | undefined> {
  try {
    const out = await scope.calls.describeImages(
      scope.region,
      { ...base(scope), imageIds: [{ imageTag: tag }] },
      scope.signal,
    );
    const detail = out.imageDetails?.[0];
    if (detail) checkAnswer(scope, detail, { imageTag: tag });
    return detail?.imageDigest;
  } catch (error) {
    if (error instanceof UserError) throw error;
    if (awsErrorName(error) === 'ImageNotFoundException' && !scope.signal.aborted) return undefined;
    throw failure(scope, error, {
      ...scope.context,
      operation: 'DescribeImages',
      imageTag: tag,
    });
  }
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
  options: ResolveOptions = { timeoutMs: RESOLVE_TIMEOUT_MS },
): Promise<ResolvedImage[]> {
  const region = target.region ?? defaultRegion;
  const scope = scopeFor(calls, target, region, options);
  const id = targetImageId(target);
  if (id.imageTag && !target.tag) scope.context.imageTag = id.imageTag;

  const [detail] = await describe(scope, [id]);
  if (!detail?.imageDigest) {
    throw translateAwsError(
      Object.assign(new Error('DescribeImages returned no image'), {
        name: 'ImageNotFoundException',
      }),
      scope.context,
    );
  }
  checkAnswer(scope, detail, id);
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

  const contents = await readIndex(scope, digest);
  const children = await describeChildren(scope, contents.manifests);
  const fromIndex = (manifest: PlatformManifest): ResolvedImage => {
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
    if (!child) {
      image.notGated = `ECR could not describe manifest ${manifest.digest} of index ${digest} (DescribeImages did not return it)`;
    }
    const attestations = contents.attestations
      .filter((a) => a.for === manifest.digest)
      .map((a) => a.digest);
    if (attestations.length > 0) image.attestations = attestations;
    return withTagState(image);
  };
  const images = contents.manifests.map(fromIndex);
  // Attestations that name no manifest of this index are listed with the first one.
  const placed = new Set(images.flatMap((image) => image.attestations ?? []));
  const loose = contents.attestations.map((a) => a.digest).filter((d) => !placed.has(d));
  const first = images[0];
  if (first && loose.length > 0) first.attestations = [...(first.attestations ?? []), ...loose];
  contents.notGated.forEach((why, position) => {
    const image = resolvedFrom(
      target,
      scope,
      { ...detail, imageTags: [] },
      `${digest}#${position}`,
    );
    delete image.manifestMediaType;
    image.indexDigest = digest;
    image.notGated = why;
    images.push(withTagState(image));
  });
  return images;
}
