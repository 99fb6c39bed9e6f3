// Many gates in one account (issue 13 §3): N gate processes (the bundle) at once against one
// emulator account and region, whose LookupEvents limiter is shared: 2 calls per second per
// account and region, as CloudTrail documents ("The rate of lookup requests is limited to two per
// second, per account, per Region. If this limit is exceeded, a throttling error occurs.",
// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html). Each
// gate gates its own push. Target: all verified, none failed by throttling, p95 of
// (verdict − both visible) ≤ 20 s.
//
//   node --import tsx bench/many-gates.ts [--gates 30] [--scale 20] [--seed 1] [--latency 40]
//        [--bundle dist/index.js] [--json FILE]
//
// 30 Node processes on a shared 2-core machine: their start-up (spawn → first AWS request) is
// measured and reported on its own, since it lands in the lag of a gate whose push is visible
// before the gate is ready.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
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
import { percentile } from './stats.js';

export interface ManyGatesOptions {
  gates: number;
  scale: number;
  seed: number;
  latencyMs: number;
  bundle: string;
  workDir: string;
}

export interface ManyGatesSummary {
  gates: number;
  scale: number;
  verified: number;
  wrong: number;
  lagP50S: number;
  lagP95S: number;
  lagMaxS: number;
  lookupCalls: number;
  throttled: number;
  /** Accepted LookupEvents per second over the run (the account allows 2). */
  acceptedPerS: number;
  callsPer5sAll: number;
  startupP50Ms: number;
  startupP95Ms: number;
  results: GateResult[];
}

export async function runManyGates(options: ManyGatesOptions): Promise<ManyGatesSummary> {
  mkdirSync(options.workDir, { recursive: true });
  const { scenario, gates } = crowdScenario({
    gates: options.gates,
    seed: options.seed,
    scale: options.scale,
    scan: 'basic-scan',
    cloudTrail: 'cloudtrail',
    latencyMs: options.latencyMs,
    lookupsPerSecond: 2,
    history: 3,
  });
  const emulator = await startEmulatorProcess(scenario, options.workDir);
  try {
    const run = await runCrowd(emulator, gates, {
      bundle: options.bundle,
      workDir: options.workDir,
      killAfterMs: 900_000,
    });
    const { results } = run;
    const lags = results.map((r) => r.lagMs / 1000);
    const lookupCalls = results.reduce((sum, r) => sum + r.lookupCalls, 0);
    const throttled = results.reduce((sum, r) => sum + r.throttled, 0);
    const spanS =
      (Math.max(...results.map((r) => r.exitedMs)) - Math.min(...results.map((r) => r.spawnedMs))) /
      1000;
    return {
      gates: results.length,
      scale: options.scale,
      verified: results.filter((r) => r.uploaderStatus === 'known').length,
      wrong: wrongGates(results).length,
      lagP50S: percentile(lags, 50),
      lagP95S: percentile(lags, 95),
      lagMaxS: Math.max(...lags),
      lookupCalls,
      throttled,
      acceptedPerS: (lookupCalls - throttled) / spanS,
      callsPer5sAll: waitingRate(results).all,
      startupP50Ms: percentile(run.startupMs, 50),
      startupP95Ms: percentile(run.startupMs, 95),
      results,
    };
  } finally {
    await emulator.close();
  }
}

export function manyGatesTable(s: ManyGatesSummary): string {
  const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '–');
  return [
    `${s.gates} gates, one account and region (LookupEvents 2/s shared; delays ÷ ${s.scale}; gate timers real)`,
    '',
    '| gates | verified | wrong | verdict − both visible p50 | p95 | max | LookupEvents (throttled) | accepted / s | per gate per 5 s waiting | start-up p50 / p95 ms |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${s.gates} | ${s.verified} | ${s.wrong} | ${f(s.lagP50S)} s | ${f(s.lagP95S)} s | ${f(s.lagMaxS)} s | ${s.lookupCalls} (${s.throttled}) | ${f(s.acceptedPerS, 2)} | ${f(s.callsPer5sAll, 2)} | ${f(s.startupP50Ms, 0)} / ${f(s.startupP95Ms, 0)} |`,
  ].join('\n');
}

export function parseManyGatesArgs(argv: string[]): ManyGatesOptions & { json?: string } {
  const { values } = parseArgs({
    args: argv,
    options: {
      gates: { type: 'string', default: '30' },
      scale: { type: 'string', default: '20' },
      seed: { type: 'string', default: '1' },
      latency: { type: 'string', default: '40' },
      bundle: { type: 'string', default: DEFAULT_BUNDLE },
      json: { type: 'string' },
      work: { type: 'string' },
    },
    strict: true,
  });
  const int = integerArg;
  return {
    gates: int('gates', values.gates, 1),
    scale: int('scale', values.scale, 1),
    seed: int('seed', values.seed, 0),
    latencyMs: int('latency', values.latency, 0),
    bundle: resolve(values.bundle ?? DEFAULT_BUNDLE),
    workDir: resolve(values.work ?? join('bench', '.runs', `many-${Date.now()}`)),
    ...(values.json ? { json: values.json } : {}),
  };
}

async function main(argv: string[]): Promise<number> {
  let options: ReturnType<typeof parseManyGatesArgs>;
  try {
    options = parseManyGatesArgs(argv);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const summary = await runManyGates(options);
  process.stdout.write(`${manyGatesTable(summary)}\n`);
  if (options.json) writeFileSync(options.json, `${JSON.stringify(summary, null, 2)}\n`);
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
