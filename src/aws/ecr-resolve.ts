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
  type Attestation,
  parseImageIndex,
  type PlatformManifest,
} from './manifest.js';

/**
 * Resolving one image normally takes one to three calls well under a second. This deadline, with
 * an abort signal on every call, stops a DescribeImages that hangs or trickles its body one byte
 * a second (the SDK's requestTimeout stops at the headers): issue 19 §3, docs/reliability.md.
 */
export const RESOLVE_TIMEOUT_MS = 60_000;
/** Indexes inside indexes are followed this deep; deeper ones are named and fail closed. */
const MAX_INDEX_DEPTH = 3;

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
  signal: AbortSignal;
  timeoutMs: number;
  raw: string;
}

export interface ResolveOptions {
  timeoutMs: number;
}

function scopeFor(
  calls: EcrCalls,
  target: ImageTarget,
  region: string,
  options: ResolveOptions,
): Scope {
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
    signal: AbortSignal.timeout(Math.max(0, options.timeoutMs)),
    timeoutMs: options.timeoutMs,
    raw: target.raw,
  };
}

/** A call error as the user should read it: the resolve deadline first, then AWS's own. */
function failure(scope: Scope, error: unknown, context: AwsErrorContext): Error {
  if (scope.signal.aborted) {
    return new UserError(
      `Image ${scope.raw} was not gated: ECR ${context.operation} did not finish within the ` +
        `${scope.timeoutMs >= 1000 ? `${Math.round(scope.timeoutMs / 1000)} s` : `${scope.timeoutMs} ms`} allowed for resolving an image (in ${scope.region}).`,
      'aws',
    );
  }
  return translateAwsError(error, context);
}

/**
 * DescribeImages must answer for what was asked. An answer for another repository, registry or
 * digest (a proxy, a mock, a bug) is refused: gating it would vouch for an image nobody asked
 * about (issue 18 §2.5).
 */
function checkAnswer(scope: Scope, detail: ImageDetail, id: ImageIdentifier): void {
  const problems: string[] = [];
  if (detail.repositoryName !== undefined && detail.repositoryName !== scope.repositoryName)
    problems.push(`repository '${String(detail.repositoryName).slice(0, 256)}'`);
  if (scope.registryId && detail.registryId !== undefined && detail.registryId !== scope.registryId)
    problems.push(`registry ${String(detail.registryId).slice(0, 64)}`);
  if (id.imageDigest && detail.imageDigest !== id.imageDigest)
    problems.push(`digest ${String(detail.imageDigest).slice(0, 100)}`);
  if (id.imageTag && detail.imageTags && !detail.imageTags.includes(id.imageTag))
    problems.push(`an image without tag '${id.imageTag}'`);
  if (problems.length === 0) return;
  const asked = id.imageDigest ?? `tag '${id.imageTag ?? ''}'`;
  throw new UserError(
    `Image ${scope.raw} was not gated: ECR DescribeImages, asked for ${asked} in repository ` +
      `'${scope.repositoryName}', answered for ${problems.join(', ')}; the answer was refused.`,
    'aws',
  );
}

function base(scope: Scope) {
  return {
    repositoryName: scope.repositoryName,
    ...(scope.registryId ? { registryId: scope.registryId } : {}),
  };
}

async function describe(scope: Scope, imageIds: ImageIdentifier[]): Promise<ImageDetail[]> {
  try {
    const out = await scope.calls.describeImages(
      scope.region,
      { ...base(scope), imageIds },
      scope.signal,
    );
    return out.imageDetails ?? [];
  } catch (error) {
    throw failure(scope, error, { ...scope.context, operation: 'DescribeImages' });
  }
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

interface IndexContents {
  manifests: PlatformManifest[];
  attestations: Attestation[];
  /** Entries that cannot be gated, each with why. */
  notGated: string[];
}

async function readIndex(
  scope: Scope,
  indexDigest: string,
  seen: Set<string> = new Set([indexDigest]),
): Promise<IndexContents> {
  const context = { ...scope.context, operation: 'BatchGetImage', imageDigest: indexDigest };
  let out: BatchGetImageCommandOutput;
  try {
    out = await scope.calls.batchGetImage(
      scope.region,
      {
        ...base(scope),
        imageIds: [{ imageDigest: indexDigest }],
        acceptedMediaTypes: [...ACCEPTED_MEDIA_TYPES],
      },
      scope.signal,
    );
  } catch (error) {
    throw failure(scope, error, context);
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
  const contents: IndexContents = {
    manifests: [...parsed.manifests],
    attestations: [...parsed.attestations],
    notGated: parsed.invalid.map((why) => `index ${indexDigest}: ${why}`),
  };
  for (const nested of parsed.nested) {
    // A nested index is gated through its own manifests, not skipped (issue 18 §2.6).
    if (seen.has(nested) || seen.size >= MAX_INDEX_DEPTH) {
      contents.notGated.push(
        `index ${indexDigest}: nested index ${nested} ${seen.has(nested) ? 'refers back to an index already read' : `is more than ${MAX_INDEX_DEPTH} levels deep`}`,
      );
      continue;
    }
    const inner = await readIndex(scope, nested, new Set([...seen, nested]));
    contents.manifests.push(...inner.manifests);
    contents.attestations.push(...inner.attestations);
    contents.notGated.push(...inner.notGated);
  }
  if (contents.manifests.length === 0 && contents.notGated.length === 0) {
    throw new UserError(
      `Image index ${indexDigest} in repository '${scope.repositoryName}' has no platform ` +
        `manifest to gate (${contents.attestations.length} attestation(s)).`,
      'aws',
    );
  }
  return contents;
}

async function describeChildren(
  scope: Scope,
  manifests: readonly PlatformManifest[],
): Promise<Map<string, ImageDetail>> {
  const byDigest = new Map<string, ImageDetail>();
  const describeSome = async (ids: ImageIdentifier[]): Promise<void> => {
    const asked = new Set(ids.map((id) => id.imageDigest));
    try {
      const out = await scope.calls.describeImages(
        scope.region,
        { ...base(scope), imageIds: ids },
        scope.signal,
      );
      for (const detail of out.imageDetails ?? []) {
        // An answer for a digest not asked, or another repository, describes nothing we gate.
        if (!detail.imageDigest || !asked.has(detail.imageDigest)) continue;
        checkAnswer(scope, detail, { imageDigest: detail.imageDigest });
        byDigest.set(detail.imageDigest, detail);
      }
    } catch (error) {
      if (error instanceof UserError) throw error;
      if (awsErrorName(error) !== 'ImageNotFoundException' || scope.signal.aborted) {
        throw failure(scope, error, { ...scope.context, operation: 'DescribeImages' });
      }
      // One missing id fails the whole call: find which, one by one. Those ECR cannot describe
      // are reported as not gated, by digest (resolveTarget); the others are gated.
      if (ids.length > 1) for (const id of ids) await describeSome([id]);
    }
  };
  for (let start = 0; start < manifests.length; start += IDS_PER_CALL) {
    await describeSome(
      manifests
        .slice(start, start + IDS_PER_CALL)
        .map((m): ImageIdentifier => ({ imageDigest: m.digest })),
    );
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
  options: ResolveOptions = { timeoutMs: RESOLVE_TIMEOUT_MS },
): Promise<ResolvedImage[]> {
  const region = target.region ?? defaultRegion;
  const scope = scopeFor(calls, target, region, options);
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
    const image = resolvedFrom(target, scope, { ...detail, imageTags: [] }, `${digest}#${position}`);
    delete image.manifestMediaType;
    image.indexDigest = digest;
    image.notGated = why;
    images.push(withTagState(image));
  });
  return images;
}
