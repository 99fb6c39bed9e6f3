// Runs the committed bundle the way the Actions runner does (inputs as INPUT_* variables, outputs
// through GITHUB_OUTPUT) and measures it from outside: wall time from spawn to exit, and, through
// a preloaded module, the child's own CPU time and peak RSS.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

/** The committed action bundle; `--bundle` measures another build (`node scripts/bundle.mjs DIR`). */
export const DEFAULT_BUNDLE = resolve('dist/index.js');
const PRELOAD = pathToFileURL(resolve('bench/rusage-preload.mjs')).href;

export interface ChildUsage {
  /** user + system CPU, ms. */
  cpuMs: number;
  maxRssMb: number;
}

export interface GateRun {
  /** The run's own directory (report, summary, SARIF): remove it once measured. */
  dir: string;
  code: number;
  /** Date.now() just before spawn: compared with the emulator's request times. */
  spawnedAt: number;
  wallMs: number;
  usage: ChildUsage | null;
  outputs: Record<string, string>;
  /** The end of the log, for a run that went wrong. */
  logTail: string;
}

export interface GateRunOptions {
  endpoint: string;
  inputs: Record<string, string>;
  workDir: string;
  killAfterMs: number;
  /** Extra Node options for the gate, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** Default: dist/index.js. */
  bundle?: string;
}

/** `name<<DELIM` … `DELIM` and `name=value` lines of a GITHUB_OUTPUT file. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc?.[1] && heredoc[2]) {
      const value: string[] = [];
      while (++i < lines.length && lines[i] !== heredoc[2]) value.push(lines[i] ?? '');
      outputs[heredoc[1]] = value.join('\n');
    } else if (line.includes('=')) {
      const at = line.indexOf('=');
      outputs[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return outputs;
}

function gateEnv(options: GateRunOptions, dir: string): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    AWS_REGION: 'eu-central-1',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'bench-secret',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_ECR: options.endpoint,
    AWS_ENDPOINT_URL_CLOUDTRAIL: options.endpoint,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: dir,
    RUNNER_TEMP: dir,
    GITHUB_RUN_ID: '4242',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_OUTPUT: join(dir, 'output.txt'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    BENCH_RUSAGE_FILE: join(dir, 'rusage.json'),
  };
  // Every surface is rendered: SARIF too.
  const inputs = { 'sarif-file': join(dir, 'results.sarif'), ...options.inputs };
  for (const [name, value] of Object.entries(inputs)) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  return env;
}

function readUsage(file: string): ChildUsage | null {
  if (!existsSync(file)) return null;
  const raw = JSON.parse(readFileSync(file, 'utf8')) as {
    userUs: number;
    systemUs: number;
    maxRssKb: number;
  };
  return { cpuMs: (raw.userUs + raw.systemUs) / 1000, maxRssMb: raw.maxRssKb / 1024 };
}

/** Spawns `node [args]` and resolves with its wall time from spawn to exit. */
export function timeSpawn(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; killAfterMs: number },
): Promise<{ code: number; spawnedAt: number; wallMs: number; log: string }> {
  return new Promise((done) => {
    const spawnedAt = Date.now();
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      ...(options.env ? { env: options.env } : {}),
      ...(options.cwd ? { cwd: options.cwd } : {}),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    // Only the tail is kept: a 20,000-finding log is not worth holding in memory.
    const keep = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-8_000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let wallMs = Number.NaN;
    let code = -1;
    const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
    child.once('exit', (c) => {
      wallMs = performance.now() - started;
      code = c ?? -1;
      clearTimeout(killer);
    });
    child.once('close', () => done({ code, spawnedAt, wallMs, log }));
  });
}

/** One run of the bundle against the emulator at `endpoint`. */
export async function runGate(options: GateRunOptions): Promise<GateRun> {
  const dir = mkdtempSync(join(options.workDir, 'gate-'));
  const env = gateEnv(options, dir);
  writeFileSync(env.GITHUB_OUTPUT as string, '');
  writeFileSync(env.GITHUB_STEP_SUMMARY as string, '');
  const run = await timeSpawn(
    [...(options.nodeArgs ?? []), '--import', PRELOAD, options.bundle ?? DEFAULT_BUNDLE],
    {
      env,
      cwd: dir,
      killAfterMs: options.killAfterMs,
    },
  );
  return {
    dir,
    code: run.code,
    spawnedAt: run.spawnedAt,
    wallMs: run.wallMs,
    usage: readUsage(env.BENCH_RUSAGE_FILE as string),
    outputs: parseOutputFile(readFileSync(env.GITHUB_OUTPUT as string, 'utf8')),
    logTail: run.log,
  };
}

/** Median-worthy samples of Node's own start-up: `node -e ""`, spawned the same way. */
export async function nodeStartupMs(workDir: string): Promise<number> {
  const run = await timeSpawn(['-e', ''], { cwd: workDir, killAfterMs: 30_000 });
  return run.wallMs;
}
