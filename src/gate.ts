import type { Detection, GateResult, Mode } from './model.js';

export interface Verdict {
  result: GateResult;
  riskScore: number;
  /** Why, most decisive first; every line stands on its own in a log or a summary. */
  reasons: string[];
}

/**
 * Risk a detection adds: rules at level `off` and ignored rows are still reported but add none,
 * so turning a rule off (as `informational` is by default) keeps it from tripping the threshold.
 */
export const countsTowardRisk = (d: Detection): boolean =>
  !d.ignored && d.level !== 'off' && d.countsRisk !== false;

export const totalRisk = (detections: readonly Detection[]): number =>
  detections.filter(countsTowardRisk).reduce((sum, d) => sum + d.riskScore, 0);

/**
 * The gate: `fail` if any detection at level fail (not ignored) or the total risk reaches the
 * threshold; else `warn` if any warn; else `pass`. `mode` never changes the result, only whether
 * the step fails (see `shouldFailStep`).
 */
export function decide(detections: readonly Detection[], riskThreshold: number | null): Verdict {
  const active = detections.filter((d) => !d.ignored);
  const failing = active.filter((d) => d.level === 'fail');
  const warning = active.filter((d) => d.level === 'warn');
  const riskScore = totalRisk(detections);
  const reasons: string[] = [];
  if (failing.length > 0) reasons.push(`${describe(failing)} at level fail`);
  if (riskThreshold !== null && riskScore >= riskThreshold) {
    reasons.push(`total risk score ${riskScore} reached the risk-threshold of ${riskThreshold}`);
  }
  if (reasons.length > 0) return { result: 'fail', riskScore, reasons };
  if (warning.length > 0) {
    return { result: 'warn', riskScore, reasons: [`${describe(warning)} at level warn`] };
  }
  const notices = active.filter((d) => d.level === 'notice').length;
  const tail = notices > 0 ? ` (${plural(notices, 'notice')})` : '';
  return { result: 'pass', riskScore, reasons: [`no detection at level fail or warn${tail}`] };
}

export const shouldFailStep = (result: GateResult, mode: Mode): boolean =>
  mode === 'enforce' && result === 'fail';

/** `2 × high, 1 × unknown-uploader` in rule order of first appearance. */
function describe(detections: readonly Detection[]): string {
  const byRule = new Map<string, number>();
  for (const d of detections) byRule.set(d.rule, (byRule.get(d.rule) ?? 0) + 1);
  const parts = [...byRule].map(([rule, n]) => `${rule} (${n})`);
  return `${plural(detections.length, 'detection')}: ${parts.join(', ')}`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
