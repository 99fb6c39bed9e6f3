// Many gates, one account (issue 13 §3), through the bundle: 8 gate processes at once, each
// gating its own push, against one emulator account whose LookupEvents quota they share (set to
// 1 call/s here, half of CloudTrail's 2, so 8 gates crowd it like 16 would). Not timed: asserts
// what each gate concluded and how many calls it spent, never how long it took.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmulatorProcess, type EmulatorProcess } from '../../bench/emulator-process.js';
import { crowdScenario, runCrowd, type CrowdRun } from '../../bench/gate-crowd.js';

const GATES = 8;
let work: string;
let emulator: EmulatorProcess;
let run: CrowdRun;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'shared-limiter-'));
  const { scenario, gates } = crowdScenario({
    gates: GATES,
    seed: 5,
    // CloudTrail's 5-minute mean ÷ 20: records visible after ~15 s; basic scans after ~1 s.
    scale: 20,
    scan: 'basic-scan',
    cloudTrail: 'cloudtrail',
    latencyMs: 5,
    lookupsPerSecond: 1,
    history: 3,
  });
  emulator = await startEmulatorProcess(scenario, work);
  run = await runCrowd(emulator, gates, {
    bundle: resolve('dist/index.js'),
    workDir: work,
    killAfterMs: 200_000,
  });
}, 240_000);

afterAll(async () => {
  await emulator?.close();
  rmSync(work, { recursive: true, force: true });
});

test('every gate verifies its uploader although the account throttled them', () => {
  // The quota was really contended: without throttled calls this test proves nothing.
  expect(run.results.reduce((sum, r) => sum + r.throttled, 0)).toBeGreaterThan(0);
  for (const result of run.results) {
    expect({ gate: result.index, code: result.code, status: result.uploaderStatus }).toEqual({
      gate: result.index,
      code: 0,
      status: 'known',
    });
    expect(result.logTail).not.toMatch(/kept throttling/);
  }
});

test('while waiting, a gate gets at most one answer per 4.5 s (the 5 s pace, jitter floor)', () => {
  for (const result of run.results) {
    // The first poll at 0 s, then an answered poll every ≥ 4.5 s; throttled polls are retried
    // sooner (they do not use the quota) but are not answers.
    const most = 1 + Math.ceil(result.waitingMs / 4_500);
    expect(result.answeredWhileWaiting).toBeLessThanOrEqual(most);
    expect(result.callsWhileWaiting).toBeGreaterThanOrEqual(result.answeredWhileWaiting);
  }
  // At least one gate really waited, or the bound above checked nothing.
  expect(run.results.some((r) => r.answeredWhileWaiting >= 2)).toBe(true);
});
