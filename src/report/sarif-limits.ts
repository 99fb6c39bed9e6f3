/**
 * Keeping a SARIF log within GitHub's limits (25,000 results per run, 10 MB gzipped): ranking
 * what survives, estimating the compressed size without compressing tens of MB twice.
 */
import { gzipSync } from 'node:zlib';
import type { Detection } from '../model.js';
import type { Candidate } from './sarif-entries.js';
import { severityOfRule, severityRank } from './format.js';
import type { PieceList } from './sarif-pieces.js';

/** A log as its serialised pieces. */
export interface Assembled {
  chunks: string[];
  /** UTF-16 units in all chunks. */
  length: number;
}

/** Every run's results and rules built once; a run keeps a prefix of them. */
export interface Pieces {
  /** Serialised once: the log is assembled from these strings, never serialised whole. */
  results: PieceList;
  rules: PieceList;
  /** rulesFor[k]: how many rules the first k results need (rules come in first-use order). */
  rulesFor: number[];
  /** UTF-16 units a result adds, with the rule it introduces and the separators. */
  costs: number[];
}

/**
 * The gzipped size of the log, or a bound on it that settles the question cheaply. Three bytes a
 * UTF-16 unit bounds the raw UTF-8 size, which bounds the gzipped size (plus a header). Then the
 * sampled estimate: when even twice the estimate is within `limit`, compressing 28 MB (20,000
 * findings) to confirm it is not worth ~150 ms (the content is scanner and image data, not text
 * picked to fool an evenly spread sample; and were a log still over GitHub's limit, the upload
 * step would fail visibly, with the verdict and the JSON report unaffected). Then the exact raw
 * size. Only a log near the limit is compressed, at level 1 first (it compresses less than the
 * default level GitHub's upload uses, so a level-1 size within the limit settles it).
 */
export function compressedSize(log: Assembled, ratio: number, limit: number): number {
  const settled = sizeFromLength(log.length, ratio, limit);
  if (settled !== null) return settled;
  const raw = log.chunks.reduce((n, c) => n + Buffer.byteLength(c, 'utf8'), 0);
  if (raw <= limit - 1024) return raw;
  const text = log.chunks.join('');
  const quick = gzipSync(text, { level: 1 }).length;
  return quick <= limit ? quick : gzipSync(text).length;
}

/** The first two steps of `compressedSize`, which need the log's length only; else null. */
export function sizeFromLength(length: number, ratio: number, limit: number): number | null {
  if (3 * length <= limit - 1024) return length;
  if (2 * ratio * length <= limit) return ratio * length;
  return null;
}

/**
 * All candidates of all runs, most important first. Each run is already in (coarse key, then
 * `compareDetections`) order, so sorting by (key, run, position) keeps every run's
 * own order and is cheap for tens of thousands of results.
 */
export function globalOrder(
  runs: ReadonlyArray<readonly Candidate[]>,
): Array<{ run: number; pos: number }> {
  const all = runs.flatMap((candidates, run) =>
    candidates.map((c, pos) => ({ run, pos, key: coarseKey(c.detection) })),
  );
  if (runs.length > 1) all.sort((a, b) => a.key - b.key || a.run - b.run || a.pos - b.pos);
  return all;
}

/**
 * What survives the limits: uploader and scan detections first (few, and they gate), then
 * findings by severity and CVSS, ignored last, as one number. The level does not matter here:
 * dropping goes by severity.
 */
export function coarseKey(d: Detection): number {
  const severity = severityOfRule(d.rule);
  const weight = severity ? severityRank(severity) + 1 : 0;
  const cvss =
    d.cvss !== undefined && Number.isFinite(d.cvss) ? Math.min(10, Math.max(0, d.cvss)) : -1;
  return (Number(d.ignored) * 10 + weight) * 1000 + (100 - Math.round(cvss * 10));
}

/**
 * Keeps candidates in global priority order while the estimated compressed size allows, so the
 * lowest severities are the ones dropped; a run at the per-run count limit just stops growing.
 */
export function select(
  order: ReadonlyArray<{ run: number; pos: number }>,
  costs: ReadonlyArray<readonly number[]>,
  maxResults: number,
  rawBudget: number,
): number[] {
  const keep = costs.map(() => 0);
  let used = 0;
  for (const { run, pos } of order) {
    const count = keep[run] ?? 0;
    if (count !== pos || count >= maxResults) continue;
    const cost = costs[run]?.[pos] ?? 0;
    if (used + cost > rawBudget) break;
    used += cost;
    keep[run] = count + 1;
  }
  return keep;
}

/**
 * Gzipped bytes per UTF-16 unit, measured on up to ~2,000 pieces (≤ 1 MB) spread evenly over the
 * whole log, with a 10 % margin. Spread samples compress no better than the contiguous log
 * (less shared context), so the estimate errs high.
 */
export function sampleRatio(built: readonly Pieces[]): number {
  const total = built.reduce((sum, b) => sum + b.results.count, 0);
  const step = sampleStep(total);
  const sample: string[] = [];
  let units = 0;
  let seen = 0;
  for (const b of built) {
    for (let i = 0; i < b.results.count && units < SAMPLE_UNITS; i += 1, seen += 1) {
      if (seen % step !== 0) continue;
      const first = b.rulesFor[i] ?? 0;
      const introduces = (b.rulesFor[i + 1] ?? 0) > first;
      const piece = b.results.get(i) + (introduces ? b.rules.get(first) : '');
      sample.push(piece);
      units += piece.length;
    }
  }
  return ratioOf(sample, units);
}

/** The sample stops growing once it holds this many UTF-16 units. */
export const SAMPLE_UNITS = 1_000_000;

/** Every how many results one goes into the sample. */
export const sampleStep = (total: number): number => Math.max(1, Math.floor(total / 2000));

/** Gzipped bytes per unit of the sample (`units` long), with the margin; 3 for no sample. */
export function ratioOf(sample: readonly string[], units: number): number {
  return units === 0 ? 3 : Math.min(3, (gzipSync(sample.join(',')).length / units) * 1.1);
}
