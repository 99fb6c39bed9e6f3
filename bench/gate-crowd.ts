// Gates started right after their push, against one emulator account and region: the scan's
// completion and the PutImage's visibility in LookupEvents are drawn from the delay models of
// emulator/delays.ts. Measures, per gate, push → verdict against the moment both were visible,
// and the LookupEvents calls it spent while waiting. Used by critical-path.ts (gates that do not
// crowd each other) and many-gates.ts (30 at once, one shared CloudTrail quota).
//
// Time: the emulator divides every drawn delay by `scale` (a 5-minute mean becomes 5 min ÷ scale)
// so a run takes seconds, not real minutes. The gate is NOT scaled: it polls on real timers, so
// every measured lag and call rate is in real seconds, exactly what a real run would see after
// the same visibility moment. What scaling changes is only how long the waits last, which shifts
// the "calls per 5 s while waiting" figure (the first call at 0 s weighs more in a short wait):
// it is reported both ways.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type CloudTrailEventSpec,
  type DelaySpec,
  type ImageSpec,
  type RecordedRequest,
  type RepositorySpec,
  type Scenario,
  basicFindings,
  githubActionsRole,
  putImageRecord,
  resolveDelays,
} from '../emulator/index.js';
import { digestOf } from '../emulator/builders/random.js';
import type { EmulatorProcess } from './emulator-process.js';
import { parseOutputFile, timeSpawn } from './gate-process.js';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-central-1';
const HOST = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`;
const ROLE = 'ci-push';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/${ROLE}`;
/** Recorded times are written against this instant; the emulator moves it to its start. */
const TIME_BASE = '2024-05-01T12:00:00Z';
const DAY_MS = 86_400_000;
const PRELOAD = pathToFileURL(resolve('bench/rusage-preload.mjs')).href;

export interface CrowdOptions {
  gates: number;
  seed: number;
  /** Every drawn delay is divided by this. */
  scale: number;
  scan: DelaySpec;
  cloudTrail: DelaySpec;
  latencyMs: number;
  /** The account's LookupEvents quota in the emulator (CloudTrail: 2). */
  lookupsPerSecond: number;
  /** Earlier pushes per repository (the baseline the gate reads after finding the push). */
  history: number;
}

export interface CrowdGate {
  index: number;
  repository: string;
  accessKeyId: string;
  /** ms after the emulator's origin. */
  visibleMs: number;
  scanMs: number;
}

const repositoryOf = (i: number) => `svc-${String(i).padStart(2, '0')}`;
const keyOf = (i: number) => `AKIDGATE${String(i).padStart(12, '0')}`;

/** One repository per gate, its push at the origin, history days before, delays drawn. */
export function crowdScenario(options: CrowdOptions): { scenario: Scenario; gates: CrowdGate[] } {
  const repositories: RepositorySpec[] = [];
  const images: ImageSpec[] = [];
  const events: CloudTrailEventSpec[] = [];
  const base = Date.parse(TIME_BASE);
  for (let i = 0; i < options.gates; i++) {
    const repository = repositoryOf(i);
    const digest = digestOf(`crowd/${options.seed}/${i}`);
    repositories.push({ name: repository, registryId: ACCOUNT });
    images.push({
      repository,
      digest,
      tags: ['v1'],
      pushedAt: TIME_BASE,
      scan: { completeAfter: options.scan, findings: basicFindings(5) },
    });
    const identity = githubActionsRole(ACCOUNT, ROLE, 9000 + i);
    const push = (at: number, d: string, tag: string) =>
      putImageRecord({
        identity,
        region: REGION,
        registryId: ACCOUNT,
        repository,
        digest: d,
        tag,
        eventTime: new Date(at),
      });
    events.push({ record: push(base, digest, 'v1'), visibleAfter: options.cloudTrail });
    for (let h = 1; h <= options.history; h++) {
      events.push({ record: push(base - h * DAY_MS, digestOf(`old/${i}/${h}`), `v0.${h}`) });
    }
  }
  const scenario: Scenario = {
    accountId: ACCOUNT,
    region: REGION,
    timeBase: TIME_BASE,
    latencyMs: options.latencyMs,
    delays: { seed: options.seed, scale: options.scale },
    repositories,
    images,
    cloudTrail: { events, lookupsPerSecond: options.lookupsPerSecond },
  };
  // The same draws the emulator makes (resolveDelays is deterministic), read back per gate.
  const resolved = resolveDelays(scenario);
  const gates = repositories.map((r, i): CrowdGate => {
    const timeline = resolved.images[i]?.scan?.timeline ?? [];
    const scanMs = timeline.slice(0, -1).reduce((sum, step) => sum + (step.forMs ?? 0), 0);
    const event = resolved.cloudTrail?.events.find(
      (e) =>
        e.visibleAfterMs !== undefined && e.record.requestParameters?.['repositoryName'] === r.name,
    );
    return {
      index: i,
      repository: r.name,
      accessKeyId: keyOf(i),
      visibleMs: event?.visibleAfterMs ?? 0,
      scanMs,
    };
  });
  return { scenario, gates };
}

export interface GateResult {
  index: number;
  code: number;
  /** ms after the emulator's origin. */
  spawnedMs: number;
  exitedMs: number;
  /** max(record visible, scan complete), ms after the origin. */
  bothVisibleMs: number;
  /** exit − both visible, ms (the verdict is out when the process has exited). */
  lagMs: number;
  uploaderStatus: string;
  /** LookupEvents calls before the push was visible (throttled ones included). */
  callsWhileWaiting: number;
  /** … of which CloudTrail answered (not throttled). */
  answeredWhileWaiting: number;
  /** How long it waited for the record: from its first LookupEvents call to visibility, ms. */
  waitingMs: number;
  lookupCalls: number;
  throttled: number;
  logTail: string;
}

export interface CrowdRun {
  results: GateResult[];
  /** ms from spawn to the first AWS request of each gate (start-up under this load). */
  startupMs: number[];
}

function gateEnv(dir: string, endpoint: string, gate: CrowdGate): Record<string, string> {
  const inputs: Record<string, string> = {
    image: `${HOST}/${gate.repository}:v1`,
    'known-uploaders': ROLE_ARN,
    'uploader-timeout': '300',
    'scan-timeout': '900',
    'pr-comment': 'false',
    mode: 'audit',
  };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: gate.accessKeyId,
    AWS_SECRET_ACCESS_KEY: 'bench-secret',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_ECR: endpoint,
    AWS_ENDPOINT_URL_CLOUDTRAIL: endpoint,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: dir,
    RUNNER_TEMP: dir,
    GITHUB_RUN_ID: String(9000 + gate.index),
    GITHUB_EVENT_NAME: 'push',
    GITHUB_OUTPUT: join(dir, 'output.txt'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    BENCH_RUSAGE_FILE: join(dir, 'rusage.json'),
  };
  for (const [name, value] of Object.entries(inputs)) {
    env[`INPUT_${name.toUpperCase()}`] = value;
  }
  return env;
}

/** Resets the emulator and starts every gate at once, right after the pushes. */
export async function runCrowd(
  emulator: EmulatorProcess,
  gates: readonly CrowdGate[],
  options: { bundle: string; workDir: string; killAfterMs: number },
): Promise<CrowdRun> {
  mkdirSync(options.workDir, { recursive: true });
  const origin = await emulator.reset();
  const runs = await Promise.all(
    gates.map(async (gate) => {
      const dir = mkdtempSync(join(options.workDir, `gate-${gate.index}-`));
      const env = gateEnv(dir, emulator.url, gate);
      writeFileSync(env.GITHUB_OUTPUT as string, '');
      writeFileSync(env.GITHUB_STEP_SUMMARY as string, '');
      const run = await timeSpawn(['--import', PRELOAD, options.bundle], {
        env,
        cwd: dir,
        killAfterMs: options.killAfterMs,
      });
      const outputs = parseOutputFile(readFileSync(env.GITHUB_OUTPUT as string, 'utf8'));
      return { gate, run, outputs };
    }),
  );
  const requests = await emulator.requests();
  const results: GateResult[] = [];
  const startupMs: number[] = [];
  for (const { gate, run, outputs } of runs) {
    const mine = requests.filter((r) => r.accessKeyId === gate.accessKeyId);
    const spawnedMs = run.spawnedAt - origin;
    const first = mine[0];
    if (first) startupMs.push(first.time - run.spawnedAt);
    results.push(
      measureGate(
        gate,
        mine,
        { spawnedMs, wallMs: run.wallMs, code: run.code },
        outputs,
        origin,
        run.log,
      ),
    );
  }
  return { results, startupMs };
}

function measureGate(
  gate: CrowdGate,
  mine: readonly RecordedRequest[],
  run: { spawnedMs: number; wallMs: number; code: number },
  outputs: Record<string, string>,
  origin: number,
  log: string,
): GateResult {
  const lookups = mine.filter((r) => r.operation === 'LookupEvents');
  const visibleAt = origin + gate.visibleMs;
  const before = lookups.filter((r) => r.time < visibleAt);
  const firstLookup = lookups[0]?.time ?? visibleAt;
  const exitedMs = run.spawnedMs + run.wallMs;
  const bothVisibleMs = Math.max(gate.visibleMs, gate.scanMs);
  return {
    index: gate.index,
    code: run.code,
    spawnedMs: run.spawnedMs,
    exitedMs,
    bothVisibleMs,
    lagMs: exitedMs - bothVisibleMs,
    uploaderStatus: outputs['uploader-status'] ?? '',
    callsWhileWaiting: before.length,
    answeredWhileWaiting: before.filter((r) => r.errorType !== 'ThrottlingException').length,
    waitingMs: Math.max(0, visibleAt - firstLookup),
    lookupCalls: lookups.length,
    throttled: lookups.filter((r) => r.errorType === 'ThrottlingException').length,
    logTail: log.slice(-2_000),
  };
}

/**
 * LookupEvents calls per 5 s while waiting, over every gate that waited: all calls (the first,
 * at 0 s, included) and the steady rate (the first left out), both over the summed waiting time.
 */
export function waitingRate(results: readonly GateResult[]): {
  all: number;
  steady: number;
  waitedS: number;
} {
  const waited = results.filter((r) => r.waitingMs > 0);
  const ms = waited.reduce((sum, r) => sum + r.waitingMs, 0);
  const calls = waited.reduce((sum, r) => sum + r.callsWhileWaiting, 0);
  if (ms === 0) return { all: Number.NaN, steady: Number.NaN, waitedS: 0 };
  return {
    all: (calls / ms) * 5_000,
    steady: ((calls - waited.length) / ms) * 5_000,
    waitedS: ms / 1000,
  };
}

/** A gate whose answer is wrong makes the run invalid: a bug, not a measurement. */
export function wrongGates(results: readonly GateResult[]): GateResult[] {
  return results.filter((r) => r.code !== 0 || r.uploaderStatus !== 'known');
}

/** A whole-number bench flag at least `min`, or an error naming the flag and the value. */
export function integerArg(name: string, v: string | undefined, min: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) {
    throw new Error(`--${name}: ${String(v)} is not valid. Expected an integer ≥ ${min}.`);
  }
  return n;
}
