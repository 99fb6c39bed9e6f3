import type { RunMeasure } from '../../bench/measure.js';
import {
  type BaselinePair,
  baselineTable,
  checkBaselineTargets,
  summarizeBaseline,
} from '../../bench/baseline/compare.js';

function pair(gate: Partial<RunMeasure>, script: BaselinePair['script']): BaselinePair {
  return { gate: { problem: undefined, ...gate } as RunMeasure, script };
}

describe('gate against the baseline script', () => {
  it('medians of per-run ratios; broken runs left out', () => {
    const summary = summarizeBaseline('basic-100', 100, [
      pair(
        { wallMs: 300, cpuMs: 200, maxRssMb: 70, firstRequestMs: 120 },
        { wallMs: 200, cpuMs: 100, maxRssMb: 60, firstRequestMs: 100 },
      ),
      pair(
        { wallMs: 260, cpuMs: 200, maxRssMb: 70, firstRequestMs: 110 },
        { wallMs: 200, cpuMs: 100, maxRssMb: 60, firstRequestMs: 100 },
      ),
      pair(
        { wallMs: 9_999, cpuMs: 200, maxRssMb: 70, firstRequestMs: 110 },
        { wallMs: 1, cpuMs: 100, maxRssMb: 60, firstRequestMs: 100, problem: 'counted 0' },
      ),
    ]);
    expect(summary.runs).toBe(2);
    expect(summary.wallRatio).toBeCloseTo((1.5 + 1.3) / 2);
    expect(summary.startupRatio).toBeCloseTo(1.15);
    expect(baselineTable([summary])).toContain('1.40×');
  });

  it('targets: wall, CPU and RSS slopes between 5,000 and 50,000, start-up; misses reported', () => {
    const row = (id: string, findings: number, cpu: number, rss: number, wall = 1.2) => ({
      ...summarizeBaseline(id, findings, []),
      wallRatio: wall,
      gateCpuMs: cpu,
      gateRssMb: rss,
      startupRatio: 1.05,
    });
    const met = checkBaselineTargets([
      row('basic-5000', 5_000, 500, 80),
      row('basic-20000', 20_000, 900, 100),
      row('basic-50000', 50_000, 1_800, 140),
    ]);
    expect(met.map((t) => [t.id, t.met])).toEqual([
      ['script-wall', true],
      ['cpu-slope', true],
      ['rss', true],
      ['startup', true],
    ]);
    const missed = checkBaselineTargets([
      row('basic-5000', 5_000, 500, 80),
      row('basic-20000', 20_000, 2_000, 130, 1.9),
      row('basic-50000', 50_000, 5_000, 300),
    ]);
    expect(missed.map((t) => t.met)).toEqual([false, false, false, true]);
    expect(missed[1]?.measured).toBe('100.0 ms per 1,000');
  });
});
