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

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The complete report as JSON (`schemaVersion: 1`), never truncated: size limits apply to the
 * other surfaces, never to this file. Keys come in a stable order whatever order the engine
 * built the objects in (the top level in reading order, nested objects sorted), so two runs
 * diff cleanly. Lone surrogates come out as `\udXXX` escapes, which is still valid JSON.
 */
export function renderJsonReport(report: Report): string {
  let root = true;
  const replacer = (_key: string, value: unknown): unknown => {
    if (!isPlainObject(value)) return value;
    const keys = Object.keys(value);
    const ordered = root
      ? [
          ...TOP_LEVEL_ORDER.filter((k) => k in value),
          ...keys.filter((k) => !TOP_LEVEL_ORDER.includes(k)).sort(),
        ]
      : keys.sort();
    root = false;
    const out: Record<string, unknown> = {};
    for (const k of ordered) out[k] = value[k];
    return out;
  };
  return `${JSON.stringify(report, replacer, 2)}\n`;
}
