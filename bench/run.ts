// `npm run bench`: how close the gate runs to the API round-trip floor (issue 7).
// Runs the committed bundle (dist/index.js) as a child process against the emulator (in its own
// process) with injected latency, over the scenarios of scenarios.ts; several runs, medians.
// Prints the tables and writes bench/results.json. See bench/README.md.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { startEmulatorProcess } from './emulator-process.js';
import { buildBaseline } from './baseline/build.js';
import {
  type BaselinePair,
  type BaselineSummary,
  checkBaselineTargets,
  type ScriptMeasure,
  summarizeBaseline,
} from './baseline/compare.js';
import { runBaseline } from './baseline/run-baseline.js';
import { nodeStartupMs, runGate } from './gate-process.js';
import { measureRun, type RunMeasure } from './measure.js';
import type { MicroResult } from './micro-result.js';
import { summarizeNotice } from './poll-model.js';
import { benchScenarios, smokeScenarios, type BenchScenario } from './scenarios.js';
import { median } from './stats.js';
import { TIMING_IDS, runTimingBenches, splitTimingArgs } from './timing.js';
import { type BenchOptions, USAGE, UsageError, parseOptions } from './options.js';
import { type BenchResults, renderResults } from './results.js';
import { checkTargets, summarizeScenario, type ScenarioSummary } from './summary.js';

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

const QUIET_WAIT_MS = 5 * 60_000;

/** Waits, bounded, for the machine to quieten down; says so when it did not. */
async function waitForQuiet(maxLoad: number | null): Promise<void> {
  if (maxLoad === null) return;
  const deadline = Date.now() + QUIET_WAIT_MS;
  while ((loadavg()[0] ?? 0) >= maxLoad) {
    if (Date.now() >= deadline) {
      log(
        `  load average still ${(loadavg()[0] ?? 0).toFixed(1)} after 5 minutes; measuring anyway`,
      );
      return;
    }
    await new Promise((done) => setTimeout(done, 5_000));
  }
}

async function measureStartup(workDir: string, samples: number): Promise<number> {
  await nodeStartupMs(workDir); // the first spawn pays for cold caches
  const times: number[] = [];
  for (let i = 0; i < samples; i++) times.push(await nodeStartupMs(workDir));
  return median(times);
}

async function benchScenario(
  bench: BenchScenario,
  options: BenchOptions,
  startups: number[],
  workDir: string,
  baselineBundle: string | null,
): Promise<{ summary: ScenarioSummary; runs: RunMeasure[]; pairs: BaselinePair[] }> {
  const dir = join(workDir, bench.id);
  mkdirSync(dir, { recursive: true });
  const emulator = await startEmulatorProcess(
    { ...bench.scenario, latencyMs: options.latencyMs },
    dir,
  );
  const killAfterMs = 180_000 + options.scanWaitMs;
  const runs: RunMeasure[] = [];
  const pairs: BaselinePair[] = [];
  try {
    // One unmeasured run first: the disk cache, not the gate, would otherwise decide run one.
    const warmups = options.smoke ? 0 : 1;
    for (let i = 0; i < warmups + options.runs; i++) {
      // Node's own start-up right before the run: on shared cores it drifts with the load, and
      // the floor of this run should carry what Node cost at this moment.
      const startupMs = await nodeStartupMs(dir);
      startups.push(startupMs);
      const startedAt = await emulator.reset();
      const gate = await runGate({
        endpoint: emulator.url,
        inputs: bench.inputs,
        workDir: dir,
        killAfterMs,
        bundle: options.bundle,
        ...(options.profileDir
          ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] }
          : {}),
      });
      const requests = await emulator.requests();
      const measured = measureRun({
        scenario: bench,
        requests,
        spawnedAt: gate.spawnedAt,
        emulatorStartedAt: startedAt,
        wallMs: gate.wallMs,
        cpuMs: gate.usage?.cpuMs ?? null,
        maxRssMb: gate.usage?.maxRssMb ?? null,
        code: gate.code,
        outputs: gate.outputs,
        latencyMs: options.latencyMs,
        startupMs,
      });
      if (measured.problem)
        log(`  ${bench.id}: run ${i} does not count: ${measured.problem}\n${gate.logTail}`);
      // A sound run's files are tens of MB with 20,000 findings; a broken one's are evidence.
      if (!measured.problem) rmSync(gate.dir, { recursive: true, force: true });
      // The baseline script right after the gate, same emulator state: they alternate.
      // Not where the scan is still running: the script does not wait, it would count nothing.
      const script =
        baselineBundle && !bench.waited
          ? await measureBaseline(baselineBundle, bench, emulator, dir)
          : null;
      if (i < warmups) continue;
      runs.push(measured);
      if (script) {
        pairs.push({ gate: measured, script });
        log(
          `  ${bench.id} script: wall ${Math.round(script.wallMs)} ms, first request ${Math.round(script.firstRequestMs)} ms, CPU ${Math.round(script.cpuMs ?? NaN)} ms${script.problem ? ` (does not count: ${script.problem})` : ''}`,
        );
      }
      log(
        `  ${bench.id} run ${runs.length}: wall ${Math.round(measured.wallMs)} ms, floor ${Math.round(measured.floor.ms)} ms, ${measured.calls.total} calls, CPU ${Math.round(measured.cpuMs ?? NaN)} ms`,
      );
    }
  } finally {
    await emulator.close();
    rmSync(join(dir, 'scenario.json'), { force: true });
  }
  return { summary: summarizeScenario(bench.id, bench.title, runs), runs, pairs };
}

async function measureBaseline(
  bundle: string,
  bench: BenchScenario,
  emulator: Awaited<ReturnType<typeof startEmulatorProcess>>,
  dir: string,
): Promise<ScriptMeasure> {
  await emulator.reset();
  const run = await runBaseline({ bundle, endpoint: emulator.url, bench, workDir: dir });
  const requests = await emulator.requests();
  const first = requests.reduce((min, r) => Math.min(min, r.time), Number.POSITIVE_INFINITY);
  const problem =
    run.code !== 0
      ? `exit code ${run.code}`
      : run.counted !== bench.expectFindings
        ? `counted ${run.counted} findings, expected ${bench.expectFindings}`
        : undefined;
  return {
    wallMs: run.wallMs,
    cpuMs: run.cpuMs,
    maxRssMb: run.maxRssMb,
    firstRequestMs: Number.isFinite(first) ? first - run.spawnedAt : Number.NaN,
    ...(problem ? { problem } : {}),
  };
}

function runMicroProcess(findings: number): Promise<MicroResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'bench/micro.ts', '--findings', String(findings)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('close', (code) => {
      if (code !== 0) reject(new Error(`micro-benchmark failed (${String(code)}): ${err}`));
      else resolve(JSON.parse(out) as MicroResult);
    });
  });
}

function bundleSize(bundle: string): { bytes: number; gzipBytes: number } {
  const code = readFileSync(bundle);
  return { bytes: code.length, gzipBytes: gzipSync(code).length };
}

async function main(givenArgv: string[]): Promise<number> {
  // Issue 13 §2-3: critical-path and many-gates have their own files (bench/timing.ts).
  const timing = splitTimingArgs(givenArgv);
  const argv = timing.rest;
  // The sweep bench (issue 15) is its own file: `--only sweep` runs it alone.
  if (argv.includes('--only') && argv[argv.indexOf('--only') + 1] === 'sweep') {
    return (await import('./sweep.js')).sweepBenchMain(argv);
  }
  let options: BenchOptions;
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message ? `bench: ${error.message}\n` : ''}${USAGE}\n`);
    return error.message ? 2 : 0;
  }
  const workDir = options.workDir;
  mkdirSync(workDir, { recursive: true });
  if (timing.onlyTiming) {
    const t = await runTimingBenches(timing.timing, { ...options, workDir });
    process.stdout.write(`${t.text}\n`);
    return t.ok ? 0 : 1;
  }

  const loadBefore = loadavg()[0] ?? Number.NaN;
  const startups = [await measureStartup(workDir, options.smoke ? 3 : 9)];
  log(`node -e "": ${Math.round(startups[0] ?? Number.NaN)} ms`);
  const all = options.smoke
    ? smokeScenarios()
    : benchScenarios({ scanCompletesAfterMs: options.scanWaitMs });
  const chosen = options.only ? all.filter((s) => options.only?.includes(s.id)) : all;

  // The baseline script (issue 13 §1), bundled like the gate into the run's folder; not in the
  // smoke run, which must stay fast.
  const baselineBundle = options.smoke ? null : buildBaseline(workDir);
  const baseline: BaselineSummary[] = [];
  const scenarios: BenchResults['scenarios'] = [];
  for (const bench of chosen) {
    await waitForQuiet(options.maxLoad);
    log(`${bench.id}: ${bench.title} (load average ${(loadavg()[0] ?? 0).toFixed(1)})`);
    const { summary, runs, pairs } = await benchScenario(
      bench,
      options,
      startups,
      workDir,
      baselineBundle,
    );
    scenarios.push({ ...summary, runsDetail: runs });
    if (pairs.length > 0) baseline.push(summarizeBaseline(bench.id, bench.expectFindings, pairs));
  }

  const startupMs = median(startups);
  const micro = options.micro ? await runMicroProcess(options.smoke ? 1_000 : 20_000) : null;
  // The schedule as the gate runs it: first check after start-up and DescribeImages.
  const pollModel = summarizeNotice({
    fromMs: 10_000,
    toMs: 600_000,
    stepMs: options.smoke ? 10_000 : 250,
    firstCheckMs: startupMs + options.latencyMs,
    latencyMs: options.latencyMs,
  });
  const summaries = scenarios.map(({ runsDetail: _, ...s }) => s);
  const results: BenchResults = {
    generatedAt: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      loadBefore,
      loadAfter: loadavg()[0] ?? Number.NaN,
    },
    options: {
      runs: options.runs,
      latencyMs: options.latencyMs,
      only: options.only,
      scanWaitMs: options.scanWaitMs,
      micro: options.micro,
      smoke: options.smoke,
      bundle: relative(process.cwd(), options.bundle),
    },
    bundle: bundleSize(options.bundle),
    nodeStartupMs: startupMs,
    scenarios,
    micro,
    pollModel,
    targets: [
      ...checkTargets({ scenarios: summaries, nodeStartupMs: startupMs, micro, pollModel }),
      ...(baseline.length > 0 ? checkBaselineTargets(baseline) : []),
    ],
    ...(baseline.length > 0 ? { baseline } : {}),
  };
  writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${renderResults(results)}\n`);
  const broken = scenarios.filter((s) => s.problems.length > 0 || s.runs === 0);
  for (const s of broken) {
    log(`bench: ${s.id}: ${s.problems.length} run(s) did not count: ${s.problems.join('; ')}`);
  }
  let timingOk = true;
  if (!options.smoke && (options.only === null || timing.timing.length > 0)) {
    const ids = timing.timing.length > 0 ? timing.timing : [...TIMING_IDS];
    const t = await runTimingBenches(ids, { ...options, workDir });
    process.stdout.write(`\n${t.text}\n`);
    timingOk = t.ok;
  }
  // A run that gave a wrong answer is a bug, not a slow measurement: fail loudly. Missed targets
  // are information, not a failure of the benchmark.
  return broken.length > 0 || !timingOk ? 1 : 0;
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
