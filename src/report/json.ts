import type { Finding, Report } from '../model.js';
import { descriptionFrom } from './json-read.js';

/** The JSON report's format version; see "Report schema v2" in README.md (v1: pretty, text twice). */
export const JSON_SCHEMA_VERSION = 2;

/** Top-level keys in reading order; anything else (a field added later) follows, sorted. */
const TOP_LEVEL_ORDER = [
  'schemaVersion',
  'tool',
  'generatedAt',
  'mode',
  'result',
  'reasons',
  'riskScore',
  'riskThreshold',
  'error',
  'images',
  'detections',
  'ignored',
  'warnings',
  'calls',
  'durationMs',
];

/**
 * The complete report as compact JSON (`schemaVersion: 2`), never truncated: size limits apply to
 * the other surfaces, never to this file. Every finding's text is written once: detection rows
 * carry it (`finding` = "<name>, <description>", as the seed), so an `images[].scan.findings`
 * entry whose text a row of its image already holds drops its `description` and names that row
 * instead (`detection`: index into `detections`); `expandJsonReport` (json-read.ts) puts it back.
 * Rows are written as the engine built them (spread, not listed), so fields other rules add flow
 * through. The top level comes in reading order; nested objects keep the engine's order, fixed per
 * field set, so two runs diff cleanly. Lone surrogates come out as `\udXXX` escapes (valid JSON).
 */
export function renderJsonReport(report: Report): string {
  return [...jsonReportChunks(report)].join('');
}

/**
 * The same text as `renderJsonReport`, produced lazily piece by piece, so a writer can render
 * and write the report (20,000 findings) a few hundred rows at a time instead of holding it whole.
 */
export function* jsonReportChunks(report: Report): Generator<string> {
  const fields = report as unknown as Record<string, unknown>;
  const ordered: Record<string, unknown> = {};
  for (const key of TOP_LEVEL_ORDER) if (key in fields) ordered[key] = fields[key];
  for (const key of Object.keys(fields).sort()) if (!(key in ordered)) ordered[key] = fields[key];
  ordered.schemaVersion = JSON_SCHEMA_VERSION;
  if (Array.isArray(report.images) && Array.isArray(report.detections)) {
    ordered.images = report.images.map((image, index) =>
      image?.scan && Array.isArray(image.scan.findings)
        ? { ...image, scan: { ...image.scan, findings: lazyFindings(report, index) } }
        : image,
    );
  }
  yield* streamValue(ordered, 0);
  yield '\n';
}

/** An image's findings with their text replaced by a row reference, made one batch at a time. */
function lazyFindings(report: Report, imageIndex: number): LazyList {
  let rows: Map<string, number> | undefined;
  const findings = report.images[imageIndex]?.scan.findings ?? [];
  return {
    length: findings.length,
    slice(from: number, to: number): unknown[] {
      rows ??= rowsOf(report, imageIndex);
      return findings.slice(from, to).map((finding) => referenced(report, finding, rows));
    },
  };
}

interface LazyList {
  length: number;
  slice(from: number, to: number): unknown[];
}

/** Row index by finding text for one image (the first row: an ignored part may have another). */
function rowsOf(report: Report, imageIndex: number): Map<string, number> {
  const rows = new Map<string, number>();
  report.detections.forEach((row, index) => {
    if (row.imageIndex === imageIndex && typeof row.finding === 'string' && !rows.has(row.finding))
      rows.set(row.finding, index);
  });
  return rows;
}

function referenced(
  report: Report,
  finding: Finding,
  rows: Map<string, number> | undefined,
): unknown {
  if (typeof finding !== 'object' || finding === null || typeof finding.name !== 'string')
    return finding;
  if (typeof finding.description !== 'string') return finding;
  // findingKey(finding), with what it decided kept: found under the key of a non-blank
  // description, the row's text is "<name>, <description>" and gives the description back.
  const blank = finding.description.trim() === '';
  const key = blank ? finding.name : `${finding.name}, ${finding.description}`;
  let row = rows?.get(key);
  const exact = row !== undefined && !blank;
  row ??= rows?.get(`${finding.name}, ${finding.description}`);
  if (row === undefined) return finding;
  if (!exact) {
    // Only when the row gives the text back exactly (a blank description would not).
    const text = report.detections[row]?.finding;
    if (text === undefined || descriptionFrom(text, finding.name) !== finding.description) {
      return finding;
    }
  }
  // Left out by JSON.stringify as undefined, in place: `delete` would turn every copy into a
  // dictionary-mode object, which JSON.stringify serialises on its slow path.
  return { ...finding, description: undefined, detection: row };
}

/** Containers this shallow are opened up, so the big arrays inside them (findings) stream. */
const OPEN_DEPTH = 4;
/**
 * Arrays at least this long are serialised this many elements at a time: a batch's text stays
 * under V8's large-object size (128 KiB) for the usual rows (~1 KB), so it dies young instead of
 * waiting in the large-object space for a full collection.
 */
const BATCH_MIN = 64;
const BATCH = 64;

type Container = Record<string, unknown> | unknown[] | LazyList;

const isLazy = (value: unknown): value is LazyList =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  typeof (value as LazyList).slice === 'function' &&
  typeof (value as LazyList).length === 'number';

/**
 * `JSON.stringify(value)` in pieces: shallow objects key by key, long arrays 500 elements at a
 * time (each batch one JSON.stringify, the fast path), what JSON.stringify would skip skipped,
 * `toJSON` honoured. `__tests__/report/json-outputs.test.ts` checks it byte for byte.
 */
function* streamValue(value: unknown, depth: number): Generator<string> {
  if (isLazy(value)) {
    if (value.length === 0) yield '[]';
    for (let at = 0; at < value.length; at += BATCH) {
      const text = JSON.stringify(value.slice(at, at + BATCH));
      // Apart, not concatenated: a slice of the flat text copies nothing; a rope of the two
      // would be copied whole when the writer reads it.
      yield at === 0 ? '[' : ',';
      yield text.slice(1, -1);
    }
    if (value.length > 0) yield ']';
    return;
  }
  if (!opens(value, depth)) {
    yield JSON.stringify(value);
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    if (value.length >= BATCH_MIN) {
      for (let at = 0; at < value.length; at += BATCH) {
        const text = JSON.stringify(value.slice(at, at + BATCH));
        // Apart, not concatenated: a slice of the flat text copies nothing; a rope of the two
        // would be copied whole when the writer reads it.
        yield at === 0 ? '[' : ',';
        yield text.slice(1, -1);
      }
    } else {
      for (const [i, item] of value.entries()) {
        yield i === 0 ? '[' : ',';
        const shown = jsonValue(item, String(i));
        yield* shown === undefined ? ['null'] : streamValue(shown, depth + 1);
      }
      yield ']';
      return;
    }
    yield ']';
    return;
  }
  let first = true;
  for (const [key, raw] of Object.entries(value)) {
    const shown = jsonValue(raw, key);
    if (shown === undefined) continue;
    yield `${first ? '{' : ','}${JSON.stringify(key)}:`;
    first = false;
    yield* streamValue(shown, depth + 1);
  }
  yield first ? '{}' : '}';
}

function opens(value: unknown, depth: number): value is Container {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return depth < OPEN_DEPTH || value.length >= BATCH_MIN;
  return depth < OPEN_DEPTH && !('toJSON' in value && typeof value.toJSON === 'function');
}

/** A value as JSON.stringify sees it: after `toJSON`; undefined where it would leave it out. */
function jsonValue(value: unknown, key: string): unknown {
  let shown = value;
  if (typeof shown === 'object' && shown !== null && 'toJSON' in shown) {
    const toJSON = (shown as { toJSON: unknown }).toJSON;
    if (typeof toJSON === 'function') shown = (toJSON as (key: string) => unknown).call(shown, key);
  }
  if (shown === undefined || typeof shown === 'function' || typeof shown === 'symbol') {
    return undefined;
  }
  return shown;
}
