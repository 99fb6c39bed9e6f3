import { errorMessage } from './errors.js';
import type { Settings } from './inputs/settings.js';
import type {
  CompareTo,
  Detection,
  ImageComparison,
  ImageTarget,
  Level,
  ReportWarning,
  ResolvedImage,
  ScanOutcome,
} from './model.js';
import type { EcrPort, ProgressSink } from './ports.js';
import { mapLimit } from './concurrency.js';
import { fixedFindings, markDetections, referenceKeys } from './rules/compare.js';

// `compare-to` (issue 14 §1): the reference image is read through the same EcrPort as the gated
// images (resolve + waitForScan), so its wait, paging and every scan status behave the same.
// A reference that cannot be read never makes the gate more lenient: its images fall back to
// absolute counts (every finding new) and the report says why.

export interface ReferenceManifest {
  image: ResolvedImage;
  scan: ScanOutcome | null;
  /** Why this manifest cannot serve as the reference (no usable scan, not gateable). */
  reason: string | null;
}

export interface ReferenceRead {
  target: ImageTarget;
  /** Digest the reference named (the index digest when it is one), null when unresolved. */
  digest: string | null;
  manifests: ReferenceManifest[];
  /** Set when the reference could not be resolved at all. */
  reason: string | null;
}

export interface ReferenceDeps {
  ecr: EcrPort;
  onProgress?: ProgressSink;
}

const CONCURRENCY = 4;

/** The reference read of a run (null without compare-to), started alongside the gated scans. */
export function startReference(
  settings: Settings,
  gated: readonly ResolvedImage[],
  deps: ReferenceDeps,
): Promise<ReferenceRead | null> {
  if (!settings.compareTo) return Promise.resolve(null);
  return readReference(
    settings.compareTo,
    gated,
    {
      region: settings.region,
      timeoutMs: settings.scanTimeoutSeconds * 1000,
      settleMs: settings.scanSettleSeconds * 1000,
    },
    deps,
  );
}

/**
 * The reference manifest a gated image is compared with: the same platform of an index, else the
 * single manifest. A string says why there is none.
 */
export function pickReference(
  read: ReferenceRead,
  image: ResolvedImage,
): ReferenceManifest | string {
  if (read.reason !== null) return read.reason;
  const { manifests } = read;
  if (manifests.length === 0) return 'it resolved to no image manifest';
  const only = manifests.length === 1 ? manifests[0] : undefined;
  if (image.platform !== undefined) {
    const same = manifests.find((m) => m.image.platform === image.platform);
    if (same) return same;
    // A single manifest of unknown platform is the best there is; one platform of an index that
    // is not this platform is another image (other binaries, other packages).
    if (only && only.image.platform === undefined) return only;
    return `it has no ${image.platform} manifest (it has ${platformsOf(read)})`;
  }
  if (only) return only;
  return `it is a multi-platform index (${platformsOf(read)}) and the gated image is a single manifest of unknown platform`;
}

const platformsOf = (read: ReferenceRead): string =>
  read.manifests.map((m) => m.image.platform ?? 'unknown').join(', ');

/** Resolves the reference and waits for the scans of the manifests the gated images need. Never throws. */
export async function readReference(
  target: ImageTarget,
  gated: readonly ResolvedImage[],
  options: { region: string; timeoutMs: number; settleMs: number },
  deps: ReferenceDeps,
): Promise<ReferenceRead> {
  let resolved: ResolvedImage[];
  try {
    resolved = await deps.ecr.resolve(target, options.region);
  } catch (error) {
    // Not found, denied, throttled past retries: all mean "no reference", never a crash.
    // The message ends a sentence of its own; ours continue after it.
    const reason = errorMessage(error).trim().replace(/\.+$/, '');
    return { target, digest: target.digest ?? null, manifests: [], reason };
  }
  const first = resolved[0];
  const read: ReferenceRead = {
    target,
    digest: first?.indexDigest ?? first?.imageDigest ?? target.digest ?? null,
    manifests: resolved.map((image) => ({
      image,
      scan: null,
      reason: image.notGated ?? null,
    })),
    reason: null,
  };
  const needed = new Set<ReferenceManifest>();
  for (const image of gated) {
    const picked = pickReference(read, image);
    if (typeof picked !== 'string' && picked.reason === null) needed.add(picked);
  }
  await mapLimit([...needed], CONCURRENCY, async (manifest) => {
    manifest.scan = await deps.ecr.waitForScan(manifest.image, {
      timeoutMs: options.timeoutMs,
      settleMs: options.settleMs,
      ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
    });
    if (!manifest.scan.usable) {
      const why = manifest.scan.description ? `: ${manifest.scan.description}` : '';
      manifest.reason = `it has no usable scan (${manifest.scan.status}${why})`;
    }
  });
  return read;
}

export interface AppliedComparison {
  comparison: ImageComparison;
  warning: ReportWarning | null;
}

/**
 * Marks the finding rows of one gated image against the reference and caps unchanged ones.
 * Without a usable reference every row is new: the gate falls back to absolute counts.
 */
export function compareImage(
  read: ReferenceRead,
  image: ResolvedImage,
  scan: ScanOutcome,
  detections: Detection[],
  unchangedCap: Level,
): AppliedComparison {
  const picked = pickReference(read, image);
  let reason = typeof picked === 'string' ? picked : picked.reason;
  const manifest = typeof picked === 'string' ? null : picked;
  // Compared with itself nothing could ever be new: a reference tag that already moved to the
  // gated image (`:prod` re-pointed before the gate ran) must not turn the gate off.
  if (reason === null && manifest?.image.imageDigest === image.imageDigest) {
    reason = `it is the gated image itself (${image.imageDigest}), so nothing could be new`;
  }
  const referenceScan = reason === null ? (manifest?.scan ?? null) : null;
  const counts = markDetections(
    detections,
    referenceScan ? referenceKeys(referenceScan.findings) : null,
    unchangedCap,
  );
  const comparison: ImageComparison = {
    status: referenceScan ? 'compared' : 'unreadable',
    digest: manifest?.image.imageDigest ?? null,
    reason: referenceScan ? null : (reason ?? 'it could not be read'),
    new: counts.new,
    unchanged: counts.unchanged,
    // Without a usable scan of the gated image nothing is known to be fixed.
    fixed: referenceScan && scan.usable ? fixedFindings(referenceScan.findings, scan.findings) : [],
  };
  let warning: ReportWarning | null = null;
  if (!referenceScan) {
    warning = {
      code: 'compare-to',
      message: `compare-to ${read.target.raw} could not be used: ${comparison.reason}. Every finding of this image was counted as new (absolute counts).`,
    };
  } else if (scan.usable && referenceScan.type !== scan.type) {
    // Basic (Clair) and enhanced (Inspector) scanners name packages and findings differently:
    // the comparison errs towards "new", which is safe but worth knowing when everything is new.
    warning = {
      code: 'compare-to',
      message: `compare-to ${read.target.raw} was scanned with ${referenceScan.type} scanning and this image with ${scan.type}: the scanners name findings and packages differently, so findings may show as new that are not.`,
    };
  }
  return { comparison, warning };
}

/** The run's `compareTo` from the per-image comparisons. */
export function compareSummary(
  read: ReferenceRead,
  comparisons: readonly ImageComparison[],
  unchangedCap: Level,
): CompareTo {
  const compared = comparisons.filter((c) => c.status === 'compared').length;
  const status =
    compared === comparisons.length && compared > 0
      ? 'compared'
      : compared === 0
        ? 'unreadable'
        : 'partial';
  const reason = read.reason ?? comparisons.find((c) => c.status === 'unreadable')?.reason ?? null;
  return {
    reference: read.target.raw,
    digest: read.digest,
    status,
    reason: status === 'compared' ? null : reason,
    unchanged: unchangedCap,
  };
}

/** The run's `compareTo` from its images, and the line it adds to the report's reasons. */
export function finishCompare(
  read: ReferenceRead,
  images: ReadonlyArray<{ compare?: ImageComparison }>,
  unchangedCap: Level,
): { compareTo: CompareTo; reason: string } {
  const comparisons = images.flatMap((i) => (i.compare ? [i.compare] : []));
  const compareTo = compareSummary(read, comparisons, unchangedCap);
  return { compareTo, reason: compareReason(compareTo, comparisons) };
}

/** One line for the report's reasons: what the comparison did to the verdict. */
export function compareReason(
  compareTo: CompareTo,
  comparisons: readonly ImageComparison[],
): string {
  const sum = (f: (c: ImageComparison) => number) => comparisons.reduce((n, c) => n + f(c), 0);
  const counted = `${sum((c) => c.new)} new, ${sum((c) => c.unchanged)} unchanged, ${sum((c) => c.fixed.length)} fixed`;
  if (compareTo.status === 'unreadable') {
    return `compare-to ${compareTo.reference} could not be read (${compareTo.reason ?? 'unknown reason'}): every finding counted as new`;
  }
  const partial =
    compareTo.status === 'partial'
      ? ' (some images could not be compared: their findings count as new)'
      : '';
  const capped =
    compareTo.unchanged === 'fail'
      ? 'unchanged findings keep their level'
      : `unchanged findings at most ${compareTo.unchanged}`;
  return `compared with ${compareTo.reference}: ${counted}; ${capped}${partial}`;
}
