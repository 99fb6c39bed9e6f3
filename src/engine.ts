import { UserError } from './errors.js';
import type { Settings } from './inputs/settings.js';
import type { Report, ResolvedImage, UploaderEvidence } from './model.js';
import type { EcrPort, ProgressSink, SweepPort, UploaderPort } from './ports.js';
import { mapLimit } from './concurrency.js';
import { mergeSameManifest, resolveAll } from './resolve-all.js';
import type { Evaluated } from './build-report.js';

// The rules and the report (build-report.ts), the sweep and compare-to are chunks of their own in
// the bundle: nothing of them runs before the first request, and parsing them first made
// start-up slower (issue 13 §1); the action prefetches them while the calls are in flight
// (main.ts). Imported one at a time: Jest's ESM loader fails on concurrent dynamic imports that
// share modules ("request for … is not in cache").

export interface EngineDeps {
  ecr: EcrPort;
  /** null when `uploader-check` is false: no CloudTrail call at all. */
  uploader: UploaderPort | null;
  now?: () => Date;
  onProgress?: ProgressSink;
  /** Sweep mode (settings.sweep): every PutImage of a window (issue 15). */
  sweep?: SweepPort | null;
}

// Enough to overlap the waits of a release's images without bursting ECR's per-account limits.
const IMAGE_CONCURRENCY = 4;

/**
 * One run of the gate, shared by the action and the CLI: resolve every image, wait for each scan
 * and (at the same time) for CloudTrail, apply the rules, decide. Throws `UserError` only when the
 * run cannot be evaluated at all (unknown repository, denied access, bad credentials).
 */
export async function evaluate(settings: Settings, deps: EngineDeps): Promise<Report> {
  const started = Date.now();
  try {
    return await evaluateRun(settings, deps, started);
  } catch (error) {
    // The report of a run that stopped still says what it cost (errorReport reads these).
    if (!(error instanceof UserError)) throw error;
    throw new EvaluationError(
      error,
      {
        ecr: deps.ecr.callCount(),
        cloudtrail: (deps.uploader?.callCount() ?? 0) + (deps.sweep?.callCount() ?? 0),
      },
      Date.now() - started,
    );
  }
}

/** A `UserError` that stopped a run, with the calls made and the time spent until then. */
export class EvaluationError extends UserError {
  constructor(
    cause: UserError,
    readonly calls: Report['calls'],
    readonly durationMs: number,
  ) {
    super(cause.message, cause.kind);
  }
}

async function evaluateRun(settings: Settings, deps: EngineDeps, started: number): Promise<Report> {
  const now = deps.now ?? (() => new Date());
  if (settings.sweep) {
    if (!deps.sweep)
      throw new UserError('sweep needs CloudTrail: uploader-check must not be false');
    const { evaluateSweep, mergeSweep } = await import('./sweep.js');
    const { buildReport } = await import('./build-report.js');
    const parts = await evaluateSweep(settings, { ecr: deps.ecr, sweep: deps.sweep, now });
    const report = buildReport(settings, parts.evaluated, {
      now: now(),
      durationMs: Date.now() - started,
      calls: { ecr: deps.ecr.callCount(), cloudtrail: deps.sweep.callCount() },
    });
    return mergeSweep(report, parts, settings.riskThreshold);
  }
  const targets = await resolveAll(
    settings.images,
    IMAGE_CONCURRENCY,
    // Each resolved image is waited for next: its first scan page goes out with the resolve.
    (target) => deps.ecr.resolve(target, settings.region, { readScanEarly: true }),
    settings.region,
  );
  const resolved = mergeSameManifest(targets.flatMap((t) => t.images));
  // compare-to: read alongside the gated scans (never rejects), waiting like any image.
  const reference = settings.compareTo
    ? (await import('./compare.js')).startReference(settings, resolved, deps)
    : Promise.resolve(null);

  const evidenceByPush = new Map<string, Promise<UploaderEvidence | null>>();
  const gated = await mapLimit(resolved, IMAGE_CONCURRENCY, async (image) => {
    const [scan, evidence] = await Promise.all([
      deps.ecr.waitForScan(image, {
        ...progressOptions(settings.scanTimeoutSeconds, deps),
        settleMs: settings.scanSettleSeconds * 1000,
      }),
      uploaderEvidence(image, settings, deps, evidenceByPush),
    ]);
    return { image, scan, evidence } satisfies Evaluated;
  });
  const unresolved = targets.flatMap((t) =>
    t.unresolved ? [{ ...t.unresolved, evidence: null }] : [],
  );
  const evaluated: Evaluated[] = [...gated, ...unresolved];
  const referenceRead = await reference;
  const { buildReport } = await import('./build-report.js');

  return buildReport(settings, evaluated, {
    ...(referenceRead ? { reference: referenceRead } : {}),
    now: now(),
    durationMs: Date.now() - started,
    calls: { ecr: deps.ecr.callCount(), cloudtrail: deps.uploader?.callCount() ?? 0 },
  });
}

function progressOptions(timeoutSeconds: number, deps: EngineDeps) {
  return {
    timeoutMs: timeoutSeconds * 1000,
    ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
  };
}

/**
 * Platforms of one image index were pushed together: the push of the index is what CloudTrail
 * attributes, so every platform shares one lookup instead of paying for it per platform.
 */
function uploaderEvidence(
  image: ResolvedImage,
  settings: Settings,
  deps: EngineDeps,
  cache: Map<string, Promise<UploaderEvidence | null>>,
): Promise<UploaderEvidence | null> {
  if (!deps.uploader) return Promise.resolve(null);
  const pushed = image.indexDigest ?? image.imageDigest;
  const key = `${image.region}/${image.registryId}/${image.repository}@${pushed}`;
  let pending = cache.get(key);
  if (!pending) {
    const target: ResolvedImage = image.indexDigest
      ? {
          ...image,
          imageDigest: image.indexDigest,
          ...(image.indexPushedAt ? { pushedAt: image.indexPushedAt } : {}),
        }
      : image;
    pending = deps.uploader.investigate(target, {
      ...progressOptions(settings.uploaderTimeoutSeconds, deps),
      historyDays: settings.uploaderHistoryDays,
    });
    cache.set(key, pending);
  }
  return pending;
}
