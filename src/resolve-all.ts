import { errorMessage } from './errors.js';
import type { ImageTarget, ResolvedImage, ScanOutcome } from './model.js';
import { mapLimit } from './concurrency.js';

/** Status of an image whose reference could not be resolved to a manifest. */
export const UNRESOLVED = 'UNRESOLVED';

export interface ResolvedTarget {
  images: ResolvedImage[];
  /** Set when this target could not be resolved: it is gated as a fail-closed detection. */
  unresolved?: { image: ResolvedImage; scan: ScanOutcome };
}

/**
 * Resolves every target; one that fails does not discard the others (issue 18 §4.3): it becomes
 * a placeholder whose scan is unusable, so `scan-incomplete` fails closed naming why. When no
 * target resolves at all the first error is thrown: the run cannot be evaluated.
 */
export async function resolveAll(
  targets: readonly ImageTarget[],
  concurrency: number,
  resolve: (target: ImageTarget) => Promise<ResolvedImage[]>,
  region: string,
): Promise<ResolvedTarget[]> {
  const settled = await mapLimit(targets, concurrency, async (target) => {
    try {
      return { ok: true as const, images: await resolve(target) };
    } catch (error) {
      return { ok: false as const, error, target };
    }
  });
  const first = settled.find((s) => !s.ok);
  if (first && !first.ok && settled.every((s) => !s.ok)) throw first.error;
  return settled.map((s) =>
    s.ok
      ? { images: s.images }
      : { images: [], unresolved: placeholder(s.target, region, s.error) },
  );
}

function placeholder(
  target: ImageTarget,
  region: string,
  error: unknown,
): { image: ResolvedImage; scan: ScanOutcome } {
  return {
    image: {
      target,
      registryId: target.registryId ?? '',
      region: target.region ?? region,
      repository: target.repository,
      imageDigest: target.digest ?? '',
      imageTags: target.tag ? [target.tag] : [],
    },
    scan: {
      type: 'BASIC',
      status: UNRESOLVED,
      description: `the image could not be resolved, so it was not gated: ${errorMessage(error)}`,
      usable: false,
      findings: [],
      calls: 0,
    },
  };
}

/**
 * One manifest digest is gated once per run whatever names it (SPEC section 2): several tags,
 * a tag and a digest, one platform reached through two indexes. The first occurrence stays and
 * gains the others' tags, so findings, detections and risk count once.
 */
export function mergeSameManifest(images: readonly ResolvedImage[]): ResolvedImage[] {
  const byKey = new Map<string, ResolvedImage>();
  for (const image of images) {
    const key = `${image.region}/${image.registryId}/${image.repository}@${image.imageDigest}`;
    const kept = byKey.get(key);
    if (!kept) {
      byKey.set(key, { ...image, imageTags: [...image.imageTags] });
      continue;
    }
    const gated = [...(kept.gatedTags ?? tagOf(kept)), ...tagOf(image)];
    kept.gatedTags = [...new Set(gated)];
    for (const tag of image.imageTags) if (!kept.imageTags.includes(tag)) kept.imageTags.push(tag);
    if (!kept.tagMovedTo && image.tagMovedTo) kept.tagMovedTo = image.tagMovedTo;
  }
  return [...byKey.values()];
}

const tagOf = (image: ResolvedImage): string[] => (image.target.tag ? [image.target.tag] : []);

/**
 * Tags the user named come first: renderers label an image with its first tag, and ECR's order
 * (whatever tag it lists first) is not the tag the user gated.
 */
export function gatedTagsFirst(image: ResolvedImage): string[] {
  const named = image.gatedTags ?? (image.target.tag ? [image.target.tag] : []);
  return [...new Set([...named, ...image.imageTags])];
}
