// Minimal reports for the CLI tests: scores and levels from the rule catalog, the verdict from the
// real gate, so exit codes are checked against what the engine would produce.
import { decide } from '../../src/gate.js';
import type { Detection, Level, Mode, Report, RuleId } from '../../src/model.js';
import { RULES, riskScoreOf } from '../../src/rules/catalog.js';

export function detection(rule: RuleId, overrides: Partial<Detection> = {}): Detection {
  const spec = RULES[rule];
  return {
    rule,
    level: spec.defaultLevel,
    severity: spec.severity,
    riskScore: riskScoreOf(spec),
    impact: spec.impact,
    confidence: spec.confidence,
    message: `${rule} fired`,
    ignored: false,
    imageIndex: 0,
    phase: 'release',
    firstTime: '2024-05-01T10:00:00',
    lastTime: '2024-05-01T10:00:00',
    ...overrides,
  };
}

export const at = (rule: RuleId, level: Level, overrides: Partial<Detection> = {}): Detection =>
  detection(rule, { level, ...overrides });

export function report(
  detections: Detection[],
  options: { mode?: Mode; riskThreshold?: number | null; error?: string | null } = {},
): Report {
  const riskThreshold = options.riskThreshold ?? null;
  const verdict = decide(detections, riskThreshold);
  return {
    schemaVersion: 2,
    tool: { name: 'ecr-risk-gate', version: '0.1.0' },
    generatedAt: '2024-05-01T10:05:00.000Z',
    mode: options.mode ?? 'enforce',
    result: options.error ? 'fail' : verdict.result,
    reasons: verdict.reasons,
    riskScore: verdict.riskScore,
    riskThreshold,
    images: [],
    detections,
    ignored: [],
    warnings: [],
    calls: { ecr: 3, cloudtrail: 2 },
    durationMs: 1200,
    error: options.error ?? null,
  };
}
