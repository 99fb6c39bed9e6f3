// The report of one evaluated run: rules applied to every image, ignores, warnings, the verdict.
// Pure: the engine (and the sweep) hand it what AWS answered; nothing here calls AWS.
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
import { decide } from './gate.js';
import { findingDetections, scanIncompleteDetection } from './rules/findings.js';
import { applyIgnores, ignoreWarnings } from './rules/ignores.js';
import { tagMovedDetection, uploaderDetections } from './rules/uploader.js';
import { countBySeverity } from './rules/counts.js';
import { UNRESOLVED, gatedTagsFirst } from './resolve-all.js';
import { dedupeWarnings, forImage, scanNoteCode } from './warnings.js';
import { TOOL_NAME, VERSION } from './version.js';
import type { IgnoreRule } from './inputs/settings.js';
import { compareImage, finishCompare, type ReferenceRead } from './compare.js';

/** One image as the engine evaluated it: what ECR and CloudTrail answered. */
export interface Evaluated {
  image: ResolvedImage;
  scan: ScanOutcome;
  evidence: UploaderEvidence | null;
}

export function buildReport(
  settings: Settings,
  evaluated: readonly Evaluated[],
  meta: { now: Date; durationMs: number; calls: Report['calls']; reference?: ReferenceRead },
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
      // OpenVEX statements name their image by purl (rules/ignores.ts appliesToImage).
      image: {
        repository: image.repository,
        digests: [image.imageDigest, ...(image.indexDigest ? [image.indexDigest] : [])],
        host: `${image.registryId}.dkr.ecr.${image.region}.amazonaws.com${image.region.startsWith('cn-') ? '.cn' : ''}`,
      },
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
        ...(item.source === undefined ? {} : { source: item.source }),
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
    let comparison: ImageReport['compare'];
    if (meta.reference) {
      const applied = compareImage(meta.reference, image, scan, own, settings.compareUnchanged);
      comparison = applied.comparison;
      if (applied.warning) warnings.push(forImage(image, applied.warning));
    }
    for (const note of scan.notes ?? []) {
      warnings.push(forImage(image, { code: scanNoteCode(note), message: note }));
    }

    const verdict = decide(own, null);
    const report = imageReport(image, scan, evidence, uploaderStatus, own, verdict, settings);
    images.push(comparison ? { ...report, compare: comparison } : report);
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
  const compared = meta.reference
    ? finishCompare(meta.reference, images, settings.compareUnchanged)
    : null;
  if (compared) verdict.reasons.push(compared.reason);

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
    ...(compared ? { compareTo: compared.compareTo } : {}),
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
