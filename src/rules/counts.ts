import { SEVERITIES, type Detection, type Severity } from '../model.js';
import { SEVERITY_RULE } from './catalog.js';

export type SeverityCounts = Record<Lowercase<Severity>, number>;

export const emptyCounts = (): SeverityCounts => ({
  critical: 0,
  high: 0,
  medium: 0,
  low: 0,
  informational: 0,
  undefined: 0,
});

/** Distinct findings per severity after ignores: one per non-ignored finding row. */
export function countBySeverity(detections: readonly Detection[]): SeverityCounts {
  const counts = emptyCounts();
  for (const severity of SEVERITIES) {
    const rule = SEVERITY_RULE[severity];
    counts[rule as Lowercase<Severity>] = detections.filter(
      (d) => d.rule === rule && !d.ignored,
    ).length;
  }
  return counts;
}

export function addCounts(a: SeverityCounts, b: SeverityCounts): SeverityCounts {
  const sum = emptyCounts();
  for (const key of Object.keys(sum) as Array<keyof SeverityCounts>) sum[key] = a[key] + b[key];
  return sum;
}
