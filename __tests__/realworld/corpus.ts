// The real-world corpus (../shared/data/realworld, see its SOURCES.md), read in place, and the
// harness that runs one real-data case through the bundle against the emulator.
import type { Emulator, Scenario } from '../../emulator/index.js';
import type { Detection } from '../../src/model.js';
import { runAction, type ActionRun } from '../e2e/run-action.js';
import { readSharedJson } from '../shared-data.js';

export interface Entry {
  id: string;
  source: string;
  [payload: string]: unknown;
}

const cache = new Map<string, Entry[]>();
/** One entry of a corpus file by id; an id that is not there fails loudly (the corpus changed). */
export function entry(file: string, id: string): Entry {
  let list = cache.get(file);
  if (!list) {
    const value = readSharedJson<Entry | Entry[]>(`realworld/${file}`);
    list = Array.isArray(value) ? value : [value];
    cache.set(file, list);
  }
  const found = list.find((e) => e.id === id);
  if (!found) throw new Error(`realworld/${file} has no entry ${id}`);
  return found;
}

/** Every id of a corpus file, so a test can prove each record has a case. */
export function ids(file: string): string[] {
  const value = readSharedJson<Entry | Entry[]>(`realworld/${file}`);
  return (Array.isArray(value) ? value : [value]).map((e) => e.id);
}

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
