// A handful of the bad-input corpus through the committed bundle: the one clear error reaches the
// log as the step's error, exit code 1, no stack trace, no AWS call, and the outputs and the JSON
// report are still written.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from '@jest/globals';
import { oneAppImage, suiteEmulator } from '../suite-emulator.js';
import { runAction } from '../e2e/run-action.js';
import { BAD_INPUTS, GOOD_IMAGE } from './bad-input-cases.js';
import { OUTPUT_NAMES, readableLog, stackLines } from './fault-checks.js';
import { mapLimit } from './fault-world.js';

const emulator = suiteEmulator(oneAppImage());

const policyDir = mkdtempSync(join(tmpdir(), 'erg-policy-'));
const policyFile = (name: string, text: string): string => {
  const path = join(policyDir, name);
  writeFileSync(path, text);
  return path;
};

interface BundleCase {
  id: string;
  inputs: Record<string, string>;
  env?: Record<string, string>;
  /** The start of the error the step fails with. */
  error: string;
  /** The start of the JSON report's error, when it differs (policy text stays in the log). */
  reportError?: string;
}

const fromCorpus = (id: string): BundleCase => {
  const c = BAD_INPUTS.find((entry) => entry.id === id);
  if (!c) throw new Error(`no bad-input case ${id}`);
  const inputs = Object.fromEntries(
    Object.entries({ image: GOOD_IMAGE, ...c.inputs }).map(([k, v]) => [k, v ?? '']),
  );
  return { id, inputs, ...(c.env ? { env: c.env } : {}), error: `${c.names}:` };
};

const CASES: BundleCase[] = [
  fromCorpus('scan-timeout-with-unit'),
  fromCorpus('image-scheme'),
  fromCorpus('image-bad-second-line'),
  fromCorpus('known-uploader-s3-arn'),
  fromCorpus('region-env-bad'),
  {
    id: 'policy-file-missing',
    inputs: { image: GOOD_IMAGE, 'policy-file': 'policies/not-there.yml' },
    error: `Input 'policy-file': "policies/not-there.yml" does not exist`,
  },
  {
    id: 'policy-file-unknown-key',
    inputs: {
      image: GOOD_IMAGE,
      'policy-file': policyFile('typo.yml', 'risk-threshold: 100\nignores:\n  - id: CVE-1\n'),
    },
    error: `${join(policyDir, 'typo.yml')}:2: ignores: unknown key`,
    reportError: `Input 'policy-file': ${JSON.stringify(join(policyDir, 'typo.yml'))} is not a valid policy on line 2`,
  },
];

const runs = new Map<string, Awaited<ReturnType<typeof runAction>>>();
beforeAll(async () => {
  await mapLimit(CASES, 4, async (c) => {
    runs.set(
      c.id,
      await runAction({ endpoint: emulator().url, inputs: c.inputs, env: { ...c.env } }),
    );
  });
}, 120_000);

test.each(CASES.map((c) => [c.id, c] as const))('%s', (_id, c) => {
  const run = runs.get(c.id);
  if (!run) throw new Error('not run');
  expect(run.code).toBe(1);
  // The step's error: the runner shows it as the failure annotation, escaping undone.
  const errors = run.stdout
    .split('\n')
    .filter((line) => line.startsWith('::error::'))
    .map((line) => readableLog(line.slice('::error::'.length)));
  expect(errors).toHaveLength(1);
  expect(errors[0]?.startsWith(c.error)).toBe(true);
  expect(stackLines(`${run.stdout}\n${run.stderr}`)).toEqual([]);
  expect(OUTPUT_NAMES.filter((name) => !(name in run.outputs))).toEqual([]);
  expect(run.outputs.result).toBe('fail');
  const report = run.report();
  expect(report.result).toBe('fail');
  expect(String(report.error).startsWith(c.reportError ?? c.error)).toBe(true);
});

test('no case made an AWS call: inputs are checked first', () => {
  expect(runs.size).toBe(CASES.length);
  expect(emulator().count()).toBe(0);
});
