import type { Settings } from '../inputs/settings.js';
import type { Report } from '../model.js';
import { EvaluationError } from '../engine.js';
import { TOOL_NAME, VERSION } from '../version.js';

/**
 * The report of a run that could not be evaluated (bad input, denied access, unknown
 * repository): result `fail`, the reason in `error`, so the JSON report and the outputs exist
 * for every run and a later step never reads a stale file.
 */
export function errorReport(
  message: string,
  settings: Settings | null,
  now = new Date(),
  error?: unknown,
): Report {
  const spent = error instanceof EvaluationError ? error : null;
  return {
    schemaVersion: 2,
    tool: { name: TOOL_NAME, version: VERSION },
    generatedAt: now.toISOString(),
    mode: settings?.mode ?? 'enforce',
    result: 'fail',
    reasons: [`the gate could not evaluate: ${message}`],
    riskScore: 0,
    riskThreshold: settings?.riskThreshold ?? null,
    images: [],
    detections: [],
    ignored: [],
    warnings: [],
    calls: spent?.calls ?? { ecr: 0, cloudtrail: 0 },
    durationMs: spent?.durationMs ?? 0,
    // Nothing was verified; with the check on that is `unverified`, never `skipped`.
    uploaderStatus: settings?.uploaderCheck === false ? 'skipped' : 'unverified',
    error: message,
  };
}
