// Gate against the baseline script (issue 13 §1): per-scenario medians, the table and the targets.
// Pure. Ratios are medians of per-run ratios: gate and script alternate, so load hits both.
import type { RunMeasure } from '../measure.js';
import { median } from '../stats.js';
import { markdownTable, mb, ms, ratio } from '../table.js';
import type { Target } from '../summary.js';

export interface ScriptMeasure {
  wallMs: number;
  cpuMs: number | null;
  maxRssMb: number | null;
  firstRequestMs: number;
  problem?: string;
}

export interface BaselinePair {
  gate: RunMeasure;
  script: ScriptMeasure;
}

export interface BaselineSummary {
  id: string;
  findings: number;
  runs: number;
  gateWallMs: number;
  scriptWallMs: number;
  wallRatio: number;
  gateCpuMs: number;
  scriptCpuMs: number;
  gateRssMb: number;
  scriptRssMb: number;
  gateFirstRequestMs: number;
  scriptFirstRequestMs: number;
  startupRatio: number;
}

export function summarizeBaseline(
  id: string,
  findings: number,
  pairs: readonly BaselinePair[],
): BaselineSummary {
  const sound = pairs.filter((p) => p.gate.problem === undefined && p.script.problem === undefined);
  const pick = (f: (p: BaselinePair) => number | null) =>
    median(sound.map(f).filter((v): v is number => v !== null && Number.isFinite(v)));
  return {
    id,
    findings,
    runs: sound.length,
    gateWallMs: pick((p) => p.gate.wallMs),
    scriptWallMs: pick((p) => p.script.wallMs),
    wallRatio: pick((p) => p.gate.wallMs / p.script.wallMs),
    gateCpuMs: pick((p) => p.gate.cpuMs),
    scriptCpuMs: pick((p) => p.script.cpuMs),
    gateRssMb: pick((p) => p.gate.maxRssMb),
    scriptRssMb: pick((p) => p.script.maxRssMb),
    gateFirstRequestMs: pick((p) => p.gate.firstRequestMs),
    scriptFirstRequestMs: pick((p) => p.script.firstRequestMs),
    startupRatio: pick((p) => p.gate.firstRequestMs / p.script.firstRequestMs),
  };
}

export function baselineTable(rows: readonly BaselineSummary[]): string {
  return markdownTable(
    [
      'scenario',
      'gate ms',
      'script ms',
      'gate ÷ script',
      'gate CPU ms',
      'script CPU ms',
      'gate RSS MB',
      'script RSS MB',
      'gate 1st req ms',
      'script 1st req ms',
      '1st req ÷',
    ],
    rows.map((r) => [
      r.id,
      ms(r.gateWallMs),
      ms(r.scriptWallMs),
      ratio(r.wallRatio),
      ms(r.gateCpuMs),
      ms(r.scriptCpuMs),
      mb(r.gateRssMb),
      mb(r.scriptRssMb),
      ms(r.gateFirstRequestMs),
      ms(r.scriptFirstRequestMs),
      ratio(r.startupRatio),
    ]),
    ['left', ...Array<'right'>(10).fill('right')],
  );
}

export const BASELINE_TARGETS = {
  wallRatio: 1.3,
  cpuMsPer1000: 30,
  rssAt20000Mb: 120,
  rssMbPer1000: 1.5,
  startupRatio: 1.1,
};

/** Per 1,000 findings between two scenarios (5,000 and 50,000 basic). */
function slope(
  rows: readonly BaselineSummary[],
  value: (r: BaselineSummary) => number,
): number | null {
  const low = rows.find((r) => r.id === 'basic-5000');
  const high = rows.find((r) => r.id === 'basic-50000');
  if (!low || !high || high.findings === low.findings) return null;
  return ((value(high) - value(low)) / (high.findings - low.findings)) * 1000;
}

/** Missed targets are reported, never failed. */
export function checkBaselineTargets(rows: readonly BaselineSummary[]): Target[] {
  const t = BASELINE_TARGETS;
  const targets: Target[] = [];
  const over = rows.filter((r) => r.wallRatio > t.wallRatio);
  const worst = [...rows].sort((a, b) => b.wallRatio - a.wallRatio)[0];
  targets.push({
    id: 'script-wall',
    description: `wall ≤ ${t.wallRatio} × the baseline script in every scenario`,
    measured: worst
      ? `worst ${ratio(worst.wallRatio)} (${worst.id}); over: ${over.map((r) => `${r.id} ${ratio(r.wallRatio)}`).join(', ') || 'none'}`
      : 'no scenario measured',
    met: rows.length > 0 && over.length === 0,
  });
  const cpu = slope(rows, (r) => r.gateCpuMs);
  targets.push({
    id: 'cpu-slope',
    description: `CPU past 5,000 findings ≤ ${t.cpuMsPer1000} ms per 1,000 (basic-5000 → basic-50000)`,
    measured:
      cpu === null
        ? 'not measured (needs basic-5000 and basic-50000)'
        : `${cpu.toFixed(1)} ms per 1,000`,
    met: cpu !== null && cpu <= t.cpuMsPer1000,
  });
  const at20000 = rows.find((r) => r.id === 'basic-20000');
  const rss = slope(rows, (r) => r.gateRssMb);
  targets.push({
    id: 'rss',
    description: `peak RSS at 20,000 ≤ ${t.rssAt20000Mb} MB, growing ≤ ${t.rssMbPer1000} MB per 1,000`,
    measured: `${at20000 ? `${mb(at20000.gateRssMb)} MB at 20,000` : '20,000 not measured'}; ${rss === null ? 'slope not measured' : `${rss.toFixed(2)} MB per 1,000`}`,
    met:
      at20000 !== undefined &&
      at20000.gateRssMb <= t.rssAt20000Mb &&
      rss !== null &&
      rss <= t.rssMbPer1000,
  });
  const slowStart = [...rows].sort((a, b) => b.startupRatio - a.startupRatio)[0];
  targets.push({
    id: 'startup',
    description: `start-up to the first request ≤ ${t.startupRatio} × the script's`,
    measured: slowStart
      ? `worst ${ratio(slowStart.startupRatio)} (${slowStart.id}: ${ms(slowStart.gateFirstRequestMs)} ms against ${ms(slowStart.scriptFirstRequestMs)} ms)`
      : 'no scenario measured',
    met: rows.length > 0 && rows.every((r) => r.startupRatio <= t.startupRatio),
  });
  return targets;
}
