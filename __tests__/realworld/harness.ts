// Runs one real-data case through the bundle against the emulator and checks its written verdict.
// Needs nothing from ../shared (the cases built from documented shapes use it too).
import type { Emulator, Scenario } from '../../emulator/index.js';
import { suiteEmulator } from '../suite-emulator.js';
import type { Detection } from '../../src/model.js';
import { runAction, type ActionRun } from '../e2e/run-action.js';

/** The verdict the SPEC implies, written down before the case was ever run. */
export interface Expected {
  result: 'pass' | 'warn' | 'fail';
  /** Detection rows per rule (rules not named: none, except the ones listed in `anyOther`). */
  rules: Record<string, number>;
  uploaderStatus?: string | string[];
  outputs?: Record<string, string>;
}

export interface RunCase {
  scenario: Scenario;
  inputs: Record<string, string>;
  env?: Record<string, string>;
  killAfterMs?: number;
}

export async function runCase(emulator: Emulator, c: RunCase): Promise<ActionRun> {
  emulator.reset(c.scenario);
  return runAction({
    endpoint: emulator.url,
    inputs: { 'pr-comment': 'false', ...c.inputs },
    ...(c.env ? { env: c.env } : {}),
    ...(c.killAfterMs ? { killAfterMs: c.killAfterMs } : {}),
  });
}

/** Checks a run against its written verdict; the message carries the log when it does not hold. */
export function expectVerdict(run: ActionRun, expected: Expected): void {
  const report = run.report();
  const detections = (report.detections as Detection[]).filter((d) => !d.ignored);
  const counts: Record<string, number> = {};
  for (const d of detections) counts[d.rule] = (counts[d.rule] ?? 0) + 1;
  const context = `\nlog:\n${run.stdout.slice(-3000)}\nstderr:\n${run.stderr.slice(-1000)}`;
  expect({ result: run.outputs.result, rules: counts, context }).toEqual({
    result: expected.result,
    rules: expected.rules,
    context,
  });
  expect(run.code).toBe(expected.result === 'fail' ? 1 : 0);
  if (expected.uploaderStatus !== undefined) {
    const allowed = ([] as string[]).concat(expected.uploaderStatus);
    expect(allowed).toContain(run.outputs['uploader-status']);
  }
  if (expected.outputs) expect(run.outputs).toMatchObject(expected.outputs);
}

/** One emulator per suite, started empty: every case resets it to its own world. */
export const emptySuiteEmulator = (): (() => Emulator) =>
  suiteEmulator({ accountId: '1', region: 'eu-central-1', repositories: [], images: [] });
