// Sweep mode (issue 15): the seed detections as a scheduled, account-wide watch. Every PutImage of
// the window is read per region, grouped into the seed's rows and judged by the uploader rules;
// every distinct pushed manifest is then gated by the scan rules, all in one report.
import type { Settings } from './inputs/settings.js';
import { windowAt } from './inputs/sweep-window.js';
import type {
  Detection,
  PushEvent,
  Report,
  ReportWarning,
  SweepReport,
  UploadRow,
} from './model.js';
import type { BaselineRead, EcrPort, SweepPort, SweepRead } from './ports.js';
import { limitConcurrency, mapLimit } from './concurrency.js';
import { decide } from './gate.js';
import { type SweepEvaluated, gatePushed, unreadRow } from './sweep-gate.js';
import { dedupeByEventId, judgeSweep, repositoryKey } from './rules/sweep-rows.js';
import { dedupeWarnings } from './warnings.js';

export interface SweepDeps {
  ecr: EcrPort;
  sweep: SweepPort;
  now?: () => Date;
}

export type { SweepEvaluated } from './sweep-gate.js';

/** What engine.ts's buildReport needs to finish a sweep's report. */
export interface SweepParts {
  evaluated: SweepEvaluated[];
  detections: Detection[];
  warnings: ReportWarning[];
  sweep: SweepReport;
}

const CONCURRENCY = 4;

const imageKey = (p: { region: string; registryId: string; repository: string }, digest: string) =>
  `${repositoryKey(p)}@${digest}`;

/** Reads, groups and judges; the scans of every pushed manifest are waited for here too. */
export async function evaluateSweep(settings: Settings, deps: SweepDeps): Promise<SweepParts> {
  const window = settings.sweep;
  if (!window) throw new Error('evaluateSweep needs settings.sweep');
  const now = (deps.now ?? (() => new Date()))();
  const { start, end } = windowAt(window, now);
  // uploader-timeout bounds the whole CloudTrail phase (the window and every baseline), as it
  // bounds the find and history of a per-image run.
  const phaseEnd = Date.now() + settings.uploaderTimeoutSeconds * 1000;
  const readOptions = { timeoutMs: settings.uploaderTimeoutSeconds * 1000 };
  const left = () => ({ timeoutMs: Math.max(0, phaseEnd - Date.now()) });

  // Scans are waited for as pages arrive, not after the (paced) read: a busy account's read
  // takes minutes, and its scans are mostly long done. scan-timeout counts from the sweep's start.
  const deadline = Date.now() + settings.scanTimeoutSeconds * 1000;
  const gating = new Map<string, Promise<SweepEvaluated[]>>();
  const slot = limitConcurrency(CONCURRENCY);
  const gate = (push: PushEvent): Promise<SweepEvaluated[]> => {
    const key = imageKey(push, push.digest ?? '');
    let pending = gating.get(key);
    if (!pending) {
      pending = slot(() => gatePushed(push, settings, deps.ecr, deadline));
      // Awaited after the read; until then a denial must not count as an unhandled rejection.
      pending.catch(() => undefined);
      gating.set(key, pending);
    }
    return pending;
  };
  const onPushes = (page: readonly PushEvent[]) => {
    for (const push of page) if (push.digest) void gate(push);
  };

  const reads: SweepRead[] = await Promise.all(
    settings.regions.map((region) =>
      deps.sweep.readPushes(region, start, end, { ...readOptions, onPushes }),
    ),
  );
  const all = reads.flatMap((r) => r.pushes);
  const pushes = dedupeByEventId(all);

  // The baseline of each repository, read once, ending at its first push in the window.
  const firstByRepository = new Map<string, PushEvent>();
  for (const push of [...pushes].sort((a, b) => a.eventTime.getTime() - b.eventTime.getTime())) {
    if (!firstByRepository.has(repositoryKey(push)))
      firstByRepository.set(repositoryKey(push), push);
  }
  const baselines = new Map<string, BaselineRead>();
  await mapLimit([...firstByRepository], CONCURRENCY, async ([key, first]) => {
    baselines.set(key, await deps.sweep.readBaseline(first, settings.uploaderHistoryDays, left()));
  });

  // Every distinct pushed manifest, gated once.
  const targets = new Map<string, PushEvent>();
  for (const push of pushes) {
    if (push.digest) targets.set(imageKey(push, push.digest), push);
  }
  const keys = [...targets.keys()];
  // In the order of the deduplicated pushes, whatever order the regions' pages arrived in.
  const evaluated = await Promise.all([...targets.values()].map(gate));
  const flat = evaluated.flat();
  // Platforms of an index share the index's position: rows point at its first manifest.
  const firstIndex = new Map<string, number>();
  let position = 0;
  evaluated.forEach((images, i) => {
    const key = keys[i];
    if (key !== undefined) firstIndex.set(key, position);
    position += images.length;
  });

  const judged = judgeSweep({
    pushes,
    baselines,
    knownUploaders: settings.knownUploaders,
    historyDays: settings.uploaderHistoryDays,
    levels: settings.levels,
    businessHours: settings.businessHours,
    imageIndexOf: (push) => (push.digest ? (firstIndex.get(imageKey(push, push.digest)) ?? 0) : 0),
  });

  const detections = [...judged.detections];
  const warnings: ReportWarning[] = [];
  for (const read of reads) {
    if (!read.complete) detections.push(unreadRow(read, settings, start, end, now));
    if (read.malformed > 0) {
      warnings.push({
        code: 'other',
        message: `${read.malformed} PutImage record(s) of ${read.region} could not be read and were not checked`,
      });
      if (read.complete) {
        detections.push(
          unreadRow(
            { ...read, error: `${read.malformed} PutImage record(s) could not be read` },
            settings,
            start,
            end,
            now,
          ),
        );
      }
    }
  }
  for (const [key, baseline] of baselines) {
    if (baseline.error)
      warnings.push({ code: 'baseline-partial', message: `${key}: ${baseline.error}` });
  }
  for (const { image, scan } of flat) {
    if (scan.status === 'DELETED') {
      warnings.push({
        code: 'other',
        message: `${image.repository}@${image.imageDigest} (${image.region}) was deleted since its push: ECR answered ImageNotFoundException; its upload row is still judged`,
        image: `${image.repository}@${image.imageDigest}`,
      });
    }
  }

  return {
    evaluated: flat,
    detections,
    warnings: dedupeWarnings(warnings),
    sweep: {
      window: window.text,
      start: start.toISOString(),
      end: end.toISOString(),
      regions: settings.regions,
      events: pushes.length,
      duplicates: all.length - pushes.length,
      reads: reads.map((r) => ({
        region: r.region,
        complete: r.complete,
        error: r.error ?? null,
        pages: r.pages,
        pushes: r.pushes.length,
        malformed: r.malformed,
      })),
      rows: judged.rows,
    },
  };
}

/** The sweep's verdict on top of the per-image report: upload rows count like any detection. */
export function mergeSweep(
  report: Report,
  parts: SweepParts,
  riskThreshold: number | null,
): Report {
  const detections = [...parts.detections, ...report.detections];
  // Each image's uploader is the pusher of its latest push in the window (its row's judgement).
  const byDigest = new Map<string, UploadRow>();
  for (const row of parts.sweep.rows) {
    for (const digest of row.digests) {
      const key = `${row.awsRegion}/${row.registryId}/${row.image}@${digest}`;
      const kept = byDigest.get(key);
      if (!kept || kept.lastTime <= row.lastTime) byDigest.set(key, row);
    }
  }
  const images = report.images.map((image) => {
    const row = byDigest.get(
      `${image.region}/${image.registryId}/${image.repository}@${image.indexDigest ?? image.imageDigest}`,
    );
    if (!row) return image;
    return {
      ...image,
      uploader: {
        ...image.uploader,
        status: row.status,
        principal: row.principal,
        userName: row.userName,
      },
    };
  });
  const verdict = decide(detections, riskThreshold);
  return {
    ...report,
    result: verdict.result,
    reasons: verdict.reasons,
    riskScore: verdict.riskScore,
    images,
    detections,
    warnings: dedupeWarnings([...parts.warnings, ...report.warnings]),
    sweep: parts.sweep,
  };
}
