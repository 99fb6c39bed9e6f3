// An image index → the platform manifests to gate. Nested indexes are followed; entries that
// cannot be gated are named (the gate fails closed on them); only attestations are left out.
import type { BatchGetImageCommandOutput, ImageDetail, ImageIdentifier } from '@aws-sdk/client-ecr';
import { UserError } from '../errors.js';
import { textOf } from '../text-of.js';
import { awsErrorName } from './aws-errors.js';
import { base, checkAnswer, failure, type Scope } from './ecr-scope.js';
import {
  ACCEPTED_MEDIA_TYPES,
  parseImageIndex,
  type Attestation,
  type PlatformManifest,
} from './manifest.js';

/** Indexes inside indexes are followed this deep; deeper ones are named and fail closed. */
const MAX_INDEX_DEPTH = 3;

// DescribeImages takes at most 100 image ids per call.
const IDS_PER_CALL = 100;

export interface IndexContents {
  manifests: PlatformManifest[];
  attestations: Attestation[];
  /** Entries that cannot be gated, each with why. */
  notGated: string[];
}

export async function readIndex(
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
    const why = textOf(error, 500);
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

export async function describeChildren(
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
