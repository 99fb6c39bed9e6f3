// Many gates, one account (issue 13 §3), through the bundle: 8 gate processes at once, each
// gating its own push, against one emulator account whose LookupEvents quota they share (set to
// 1 call/s here, half of CloudTrail's 2, so 8 gates crowd it like 16 would). Not timed: asserts
// what each gate concluded and how many calls it spent, never how long it took.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmulatorProcess, type EmulatorProcess } from '../../bench/emulator-process.js';
import { crowdScenario, runCrowd, type CrowdRun } from '../../bench/gate-crowd.js';

jest.setTimeout(240_000);

const GATES = 8;
let work: string;
let emulator: EmulatorProcess;
let run: CrowdRun;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'shared-limiter-'));
  const { scenario, gates } = crowdScenario({
    gates: GATES,
    seed: 5,
    // CloudTrail's 5-minute mean ÷ 60: records visible after ~5 s; basic scans after ~0.3 s.
    scale: 60,
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
});

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

test('while waiting, a gate asks at most about once per 5 s (4.5 s at the jitter floor)', () => {
  for (const result of run.results) {
    // The first poll at 0 s, then one per ≥ 4.5 s at most; throttled polls only wait longer.
    const most = 1 + Math.ceil(result.waitingMs / 4_500);
    expect(result.callsWhileWaiting).toBeLessThanOrEqual(most);
  }
});
