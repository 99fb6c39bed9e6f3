// What a bench run found (`bench/results.json`) and the text printed for it.
import type { BaselineSummary } from './baseline/compare.js';
import { baselineTable } from './baseline/compare.js';
import type { RunMeasure } from './measure.js';
import type { MicroResult } from './micro-result.js';
import type { BenchOptions } from './options.js';
import type { NoticeSummary } from './poll-model.js';
import {
  bundleLine,
  microTable,
  scenarioTable,
  targetTable,
  type ScenarioSummary,
  type Target,
} from './summary.js';

export interface BenchResults {
  generatedAt: string;
  machine: {
    cpus: number;
    cpuModel: string;
    node: string;
    platform: string;
    /** 1-minute load average before and after: the cores are shared with whatever else runs. */
    loadBefore: number;
    loadAfter: number;
  };
  options: Pick<BenchOptions, 'runs' | 'latencyMs' | 'only' | 'scanWaitMs' | 'micro' | 'smoke'> & {
    bundle: string;
  };
  bundle: { bytes: number; gzipBytes: number };
  nodeStartupMs: number;
  scenarios: Array<ScenarioSummary & { runsDetail: RunMeasure[] }>;
  micro: MicroResult | null;
  pollModel: NoticeSummary | null;
  targets: Target[];
  /** Gate against the baseline script, per scenario (not in the smoke run). */
  baseline?: BaselineSummary[];
}

export function renderResults(results: BenchResults): string {
  const o = results.options;
  const lines = [
    `Node ${results.machine.node}, ${results.machine.cpus} × ${results.machine.cpuModel}; ` +
      `latency ${o.latencyMs} ms a call; ${o.runs} run${o.runs === 1 ? '' : 's'} per scenario, medians; ` +
      `node -e "" ${Math.round(results.nodeStartupMs)} ms; load average ` +
      `${results.machine.loadBefore.toFixed(1)} before, ${results.machine.loadAfter.toFixed(1)} after.`,
    '',
    scenarioTable(results.scenarios),
    '',
  ];
  if (results.baseline && results.baseline.length > 0) {
    lines.push(
      'Against the baseline script (bench/baseline/: the SDK paginator, count, print), bundled like the gate, alternating:',
      '',
      baselineTable(results.baseline),
      '',
    );
  }
  if (results.micro) {
    lines.push(
      `In-process, ${results.micro.findings.toLocaleString('en-US')} findings (CPU ms per stage, first pass; peak RSS ${Math.round(results.micro.peakRssMb)} MB):`,
      '',
      microTable(results.micro),
      '',
    );
  }
  lines.push(bundleLine(results.bundle), '', targetTable(results.targets));
  return lines.join('\n');
}
