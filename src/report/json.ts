import type { Report } from '../model.js';

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
 * The complete report as JSON (`schemaVersion: 1`), never truncated: size limits apply to the
 * other surfaces, never to this file. The top level comes in reading order whatever order the
 * report object has; nested objects keep the order the engine builds them in, which is fixed
 * per field set, so two runs diff cleanly. (Sorting every nested object with a replacer made
 * this 4× slower: 0.65 s instead of 0.15 s for 20,000 findings, bench/README.md.) Lone
 * surrogates come out as `\udXXX` escapes, which is still valid JSON.
 */
export function renderJsonReport(report: Report): string {
  return [...jsonReportChunks(report)].join('');
}

/**
 * The same text as `renderJsonReport`, produced lazily piece by piece, so a writer can render
 * and write 30 MB of report (20,000 findings) a megabyte at a time instead of holding it whole.
 */
export function* jsonReportChunks(report: Report): Generator<string> {
  const fields = report as unknown as Record<string, unknown>;
  const ordered: Record<string, unknown> = {};
  for (const key of TOP_LEVEL_ORDER) if (key in fields) ordered[key] = fields[key];
  for (const key of Object.keys(fields).sort()) if (!(key in ordered)) ordered[key] = fields[key];
  yield* streamValue(ordered, '', 0);
  yield '\n';
}

/** Containers this shallow are opened up, so the big arrays inside them (findings) stream. */
const OPEN_DEPTH = 4;
/** Arrays at least this long are serialised this many elements at a time. */
const BATCH_MIN = 64;
const BATCH = 500;
const INDENT = '  ';

type Container = Record<string, unknown> | unknown[];

/**
 * `JSON.stringify(value, null, 2)` as it would appear at `indent`, in pieces: shallow objects
 * key by key, long arrays 500 elements at a time (each batch one JSON.stringify, the fast path),
 * what JSON.stringify would skip skipped, `toJSON` honoured. `__tests__/report/json-outputs
 * .test.ts` checks it byte for byte.
 */
function* streamValue(value: unknown, indent: string, depth: number): Generator<string> {
  if (!opens(value, depth)) {
    yield reindent(JSON.stringify(value, null, 2), indent);
    return;
  }
  const inner = indent + INDENT;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    if (value.length >= BATCH_MIN) {
      for (let at = 0; at < value.length; at += BATCH) {
        // `[\n  a,\n  b\n]` → the elements' lines, already one level in.
        const text = JSON.stringify(value.slice(at, at + BATCH), null, 2);
        yield `${at === 0 ? '[' : ','}\n${indent}${reindent(text.slice(2, -2), indent)}`;
      }
    } else {
      for (const [i, item] of value.entries()) {
        yield `${i === 0 ? '[' : ','}\n${inner}`;
        const shown = jsonValue(item, String(i));
        yield* shown === undefined ? ['null'] : streamValue(shown, inner, depth + 1);
      }
    }
    yield `\n${indent}]`;
    return;
  }
  let first = true;
  for (const [key, raw] of Object.entries(value)) {
    const shown = jsonValue(raw, key);
    if (shown === undefined) continue;
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* streamValue(shown, inner, depth + 1);
  }
  yield first ? '{}' : `\n${indent}}`;
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

/** JSON text never holds a raw line break inside a string, so every `\n` starts a line. */
const reindent = (text: string, indent: string): string =>
  indent === '' ? text : text.replaceAll('\n', `\n${indent}`);
