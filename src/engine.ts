import { UserError } from './errors.js';
import type { Settings } from './inputs/settings.js';
import type {
  Detection,
  IgnoredFinding,
  ImageReport,
  Report,
  ReportWarning,
  ResolvedImage,
  ScanOutcome,
  UploaderEvidence,
  UploaderStatus,
} from './model.js';
import type { EcrPort, ProgressSink, UploaderPort } from './ports.js';
import { decide } from './gate.js';
import { findingDetections, scanIncompleteDetection } from './rules/findings.js';
import { applyIgnores, ignoreWarnings } from './rules/ignores.js';
import { tagMovedDetection, uploaderDetections } from './rules/uploader.js';
import { countBySeverity } from './rules/counts.js';
import { mapLimit } from './concurrency.js';
import { UNRESOLVED, gatedTagsFirst, mergeSameManifest, resolveAll } from './resolve-all.js';
import { dedupeWarnings, forImage, scanNoteCode } from './warnings.js';
import { TOOL_NAME, VERSION } from './version.js';
import type { IgnoreRule } from './inputs/settings.js';

export interface EngineDeps {
  ecr: EcrPort;
  /** null when `uploader-check` is false: no CloudTrail call at all. */
  uploader: UploaderPort | null;
  now?: () => Date;
  onProgress?: ProgressSink;
}

// Enough to overlap the waits of a release's images without bursting ECR's per-account limits.
const IMAGE_CONCURRENCY = 4;

interface Evaluated {
  image: ResolvedImage;
  scan: ScanOutcome;
  evidence: UploaderEvidence | null;
}

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
        cloudtrail: deps.uploader?.callCount() ?? 0,
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
  const targets = await resolveAll(
    settings.images,
    IMAGE_CONCURRENCY,
    (target) => deps.ecr.resolve(target, settings.region),
    settings.region,
  );
  const resolved = mergeSameManifest(targets.flatMap((t) => t.images));

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

  return buildReport(settings, evaluated, {
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

export function buildReport(
  settings: Settings,
  evaluated: readonly Evaluated[],
  meta: { now: Date; durationMs: number; calls: Report['calls'] },
): Report {
  const detections: Detection[] = [];
  const ignored: IgnoredFinding[] = [];
  const warnings: ReportWarning[] = [];
  const usedIgnores = new Set<IgnoreRule>();
  const images: ImageReport[] = [];

  evaluated.forEach(({ image, scan, evidence }, imageIndex) => {
    const own: Detection[] = [];
    const applied = applyIgnores(scan.findings, settings.ignores, {
      ignoreUnfixed: settings.ignoreUnfixed,
      now: meta.now,
    });
    for (const rule of applied.used) usedIgnores.add(rule);
    for (const item of applied.ignored) {
      ignored.push({
        imageIndex,
        findingId: item.finding.id,
        severity: item.finding.severity,
        reason: item.reason,
        by: item.by,
        ...(item.package === undefined ? {} : { package: item.package }),
        ...(item.expires === undefined ? {} : { expires: item.expires }),
      });
    }

    // An image that could not be resolved was never checked: with the check on that is
    // unverified, not skipped.
    let uploaderStatus: UploaderStatus =
      settings.uploaderCheck && scan.status === UNRESOLVED ? 'unverified' : 'skipped';
    if (evidence) {
      const judged = uploaderDetections({
        image,
        imageIndex,
        evidence,
        knownUploaders: settings.knownUploaders,
        historyDays: settings.uploaderHistoryDays,
        levels: settings.levels,
        businessHours: settings.businessHours,
      });
      uploaderStatus = judged.status;
      own.push(...judged.detections);
      warnings.push(...judged.warnings.map((w) => forImage(image, w)));
    } else {
      // uploader-check false: ECR alone still proves a moved tag (issue 18 §3.3).
      const moved = tagMovedDetection(image, imageIndex, settings.levels);
      if (moved) own.push(moved);
    }

    const push = evidence?.push;
    // A loop, not push(...): 130,000 findings as call arguments overflow the stack (issue 19).
    for (const detection of findingDetections({
      image,
      imageIndex,
      scan,
      kept: applied.kept,
      ignored: applied.ignored,
      levels: settings.levels,
      ...(push ? { user: push.principal.name, srcIp: push.sourceIp } : {}),
    }))
      own.push(detection);
    const incomplete = scanIncompleteDetection({
      image,
      imageIndex,
      scan,
      levels: settings.levels,
      now: meta.now,
    });
    if (incomplete) own.push(incomplete);
    for (const note of scan.notes ?? []) {
      warnings.push(forImage(image, { code: scanNoteCode(note), message: note }));
    }

    const verdict = decide(own, null);
    images.push(imageReport(image, scan, evidence, uploaderStatus, own, verdict, settings));
    for (const detection of own) detections.push(detection);
  });

  for (const message of settings.skippedImages) warnings.push({ code: 'skipped', message });
  if (!settings.uploaderCheck) {
    warnings.push({
      code: 'skipped',
      message:
        'uploader-check is false: unknown-uploader, cross-account-uploader, unverified-uploader and outside-business-hours were not evaluated; tag-overwrite was judged from ECR alone (whether the gated tag now points at another digest)',
    });
  }
  warnings.push(...ignoreWarnings(settings.ignores, usedIgnores, meta.now));
  const verdict = decide(detections, settings.riskThreshold);

  return {
    schemaVersion: 2,
    tool: { name: TOOL_NAME, version: VERSION },
    generatedAt: meta.now.toISOString(),
    mode: settings.mode,
    result: verdict.result,
    reasons: verdict.reasons,
    riskScore: verdict.riskScore,
    riskThreshold: settings.riskThreshold,
    images,
    detections,
    ignored,
    warnings: dedupeWarnings(warnings),
    calls: meta.calls,
    durationMs: meta.durationMs,
    error: null,
  };
}

function imageReport(
  image: ResolvedImage,
  scan: ScanOutcome,
  evidence: UploaderEvidence | null,
  status: UploaderStatus,
  own: readonly Detection[],
  verdict: ReturnType<typeof decide>,
  settings: Settings,
): ImageReport {
  const push = evidence?.push;
  const seen = new Set((evidence?.history ?? []).map((e) => e.principal.key));
  return {
    input: image.target.raw,
    registryId: image.registryId,
    region: image.region,
    repository: image.repository,
    imageDigest: image.imageDigest,
    imageTags: gatedTagsFirst(image),
    pushedAt: image.pushedAt?.toISOString() ?? null,
    ...(image.platform ? { platform: image.platform } : {}),
    ...(image.indexDigest ? { indexDigest: image.indexDigest } : {}),
    result: verdict.result,
    riskScore: verdict.riskScore,
    scan: {
      type:
        (scan.status === 'NOT_FOUND' || scan.status === UNRESOLVED) && scan.findings.length === 0
          ? null
          : scan.type,
      status: scan.status,
      description: scan.description ?? null,
      completedAt: scan.completedAt?.toISOString() ?? null,
      counts: countBySeverity(own),
      findings: scan.findings,
    },
    uploader: {
      status,
      principal: push?.principal.key ?? null,
      type: push?.principal.type ?? null,
      accountId: push?.principal.accountId ?? null,
      eventTime: push?.eventTime.toISOString() ?? null,
      eventId: push?.eventId ?? null,
      userName: push?.userName ?? null,
      sessionName: push?.principal.sessionName ?? null,
      reason: evidence?.reason ?? null,
      baseline: {
        days: settings.uploaderHistoryDays,
        principals: seen.size,
        complete: evidence?.historyComplete ?? true,
        reachesBack: evidence?.historyReachesBack?.toISOString() ?? null,
      },
      lookup: evidence?.stats ?? null,
    },
  };
}
