import type { Settings } from '../inputs/settings.js';
import type { Report } from '../model.js';
import { TOOL_NAME, VERSION } from '../version.js';

/**
 * The report of a run that could not be evaluated (bad input, denied access, unknown
 * repository): result `fail`, the reason in `error`, so the JSON report and the outputs exist
 * for every run and a later step never reads a stale file.
 */
export function errorReport(message: string, settings: Settings | null, now = new Date()): Report {
  return {
    schemaVersion: 1,
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
    calls: { ecr: 0, cloudtrail: 0 },
    durationMs: 0,
    error: message,
  };
}
