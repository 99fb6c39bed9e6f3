// The real critical path (issue 13 §2): each gate starts right after its push and waits for the
// scan to complete and the PutImage record to become visible, both drawn from the emulator's
// delay models (emulator/delays.ts), scaled down (gate-crowd.ts says what that changes). Reports
// p50/p95 of (verdict − both visible) and LookupEvents calls per gate per 5 s while waiting.
//
//   node --import tsx bench/critical-path.ts [--gates 32] [--batch 8] [--scale 20] [--seed 1]
//        [--latency 40] [--scan basic-scan|enhanced-scan] [--bundle dist/index.js] [--json FILE]
//
// Gates run in batches so the run takes minutes, not hours. A batch shares one emulator account,
// so its LookupEvents quota is set to 2 calls/s per gate of the batch: each gate is measured as
// if alone in its account (the crowded case is many-gates.ts).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { DelayPreset } from '../emulator/delays.js';
import { startEmulatorProcess } from './emulator-process.js';
import {
  type GateResult,
  crowdScenario,
  integerArg,
  runCrowd,
  waitingRate,
  wrongGates,
} from './gate-crowd.js';
import { DEFAULT_BUNDLE } from './gate-process.js';
import { median, percentile } from './stats.js';

export interface CriticalPathOptions {
  gates: number;
  batch: number;
  scale: number;
  seed: number;
  latencyMs: number;
  scan: DelayPreset;
  bundle: string;
  workDir: string;
}

export interface CriticalPathSummary {
  options: Omit<CriticalPathOptions, 'workDir'>;
  gates: number;
  wrong: number;
  lagP50S: number;
  lagP95S: number;
  lagMaxS: number;
  /** LookupEvents calls per gate per 5 s while waiting: all, and without each gate's first. */
  callsPer5sAll: number;
  callsPer5sSteady: number;
  waitedS: number;
  throttled: number;
  startupP50Ms: number;
  results: GateResult[];
}

export async function runCriticalPath(options: CriticalPathOptions): Promise<CriticalPathSummary> {
  mkdirSync(options.workDir, { recursive: true });
  const results: GateResult[] = [];
  const startup: number[] = [];
  for (let first = 0; first < options.gates; first += options.batch) {
    const size = Math.min(options.batch, options.gates - first);
    // A different seed per batch: every gate draws its own delays.
    const { scenario, gates } = crowdScenario({
      gates: size,
      seed: options.seed * 1_000 + first,
      scale: options.scale,
      scan: options.scan,
      cloudTrail: 'cloudtrail',
      latencyMs: options.latencyMs,
      lookupsPerSecond: 2 * size,
      history: 3,
    });
    const emulator = await startEmulatorProcess(scenario, options.workDir);
    try {
      const run = await runCrowd(emulator, gates, {
        bundle: options.bundle,
        workDir: options.workDir,
        killAfterMs: 600_000,
      });
      results.push(...run.results.map((r) => ({ ...r, index: r.index + first })));
      startup.push(...run.startupMs);
      process.stderr.write(
        `critical-path: gates ${first + 1}-${first + size} done, lags ${run.results
          .map((r) => (r.lagMs / 1000).toFixed(1))
          .join(' ')} s\n`,
      );
    } finally {
      await emulator.close();
    }
  }
  const lags = results.map((r) => r.lagMs / 1000);
  const rate = waitingRate(results);
  return {
    options: {
      gates: options.gates,
      batch: options.batch,
      scale: options.scale,
      seed: options.seed,
      latencyMs: options.latencyMs,
      scan: options.scan,
      bundle: options.bundle,
    },
    gates: results.length,
    wrong: wrongGates(results).length,
    lagP50S: percentile(lags, 50),
    lagP95S: percentile(lags, 95),
    lagMaxS: Math.max(...lags),
    callsPer5sAll: rate.all,
    callsPer5sSteady: rate.steady,
    waitedS: rate.waitedS,
    throttled: results.reduce((sum, r) => sum + r.throttled, 0),
    startupP50Ms: median(startup),
    results,
  };
}

export function criticalPathTable(s: CriticalPathSummary): string {
  const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '–');
  return [
    `Critical path (${s.options.scan}, CloudTrail log-normal mean 300 s σ 0.5; delays ÷ ${s.options.scale}; gate timers real)`,
    '',
    '| gates | wrong | verdict − both visible p50 | p95 | max | LookupEvents / 5 s waiting (all / after the first) | waited s | throttled | start-up p50 ms |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${s.gates} | ${s.wrong} | ${f(s.lagP50S)} s | ${f(s.lagP95S)} s | ${f(s.lagMaxS)} s | ${f(s.callsPer5sAll, 2)} / ${f(s.callsPer5sSteady, 2)} | ${f(s.waitedS, 0)} | ${s.throttled} | ${f(s.startupP50Ms, 0)} |`,
  ].join('\n');
}

export function parseCriticalPathArgs(argv: string[]): CriticalPathOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      gates: { type: 'string', default: '32' },
      batch: { type: 'string', default: '8' },
      scale: { type: 'string', default: '20' },
      seed: { type: 'string', default: '1' },
      latency: { type: 'string', default: '40' },
      scan: { type: 'string', default: 'basic-scan' },
      bundle: { type: 'string', default: DEFAULT_BUNDLE },
      json: { type: 'string' },
      work: { type: 'string' },
    },
    strict: true,
  });
  const int = integerArg;
  if (values.scan !== 'basic-scan' && values.scan !== 'enhanced-scan') {
    throw new Error(
      `--scan: ${String(values.scan)} is not valid. Expected basic-scan | enhanced-scan.`,
    );
  }
  return {
    gates: int('gates', values.gates, 1),
    batch: int('batch', values.batch, 1),
    scale: int('scale', values.scale, 1),
    seed: int('seed', values.seed, 0),
    latencyMs: int('latency', values.latency, 0),
    scan: values.scan,
    bundle: resolve(values.bundle ?? DEFAULT_BUNDLE),
    workDir: resolve(values.work ?? join('bench', '.runs', `critical-${Date.now()}`)),
  };
}

async function main(argv: string[]): Promise<number> {
  let options: CriticalPathOptions;
  try {
    options = parseCriticalPathArgs(argv);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const summary = await runCriticalPath(options);
  process.stdout.write(`${criticalPathTable(summary)}\n`);
  const json = argv.includes('--json') ? argv[argv.indexOf('--json') + 1] : undefined;
  if (json) writeFileSync(json, `${JSON.stringify(summary, null, 2)}\n`);
  for (const r of wrongGates(summary.results)) {
    process.stderr.write(
      `gate ${r.index}: exit ${r.code}, uploader-status ${r.uploaderStatus}\n${r.logTail}\n`,
    );
  }
  if (summary.wrong === 0) rmSync(options.workDir, { recursive: true, force: true });
  return summary.wrong === 0 ? 0 : 1;
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
