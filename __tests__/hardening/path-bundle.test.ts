// Issue 19 §1 through the action bundle: every case of PATH_CASES, with the verdict, outputs and
// summary produced whatever the file problem, and nothing read outside the workspace shown.
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  lstatSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@jest/globals';
import { oneAppImage, suiteEmulator } from '../suite-emulator.js';
import { runAction, type ActionRun } from '../e2e/run-action.js';
import { GOOD_IMAGE } from './bad-input-cases.js';
import { PATH_CASES } from './path-cases.js';

const emulator = suiteEmulator(oneAppImage());

const SECRET = 'hunter2-SECRET-VALUE';

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'erg-ws-'));
  mkdirSync(join(dir, '.github'));
  return dir;
}

async function run(ws: string, inputs: Record<string, string>, env: Record<string, string> = {}) {
  return runAction({
    endpoint: emulator().url,
    // No CloudTrail history in this world: the uploader check would wait out its timeout.
    inputs: { image: GOOD_IMAGE, 'uploader-check': 'false', ...inputs },
    env: { GITHUB_WORKSPACE: ws, ...env },
    killAfterMs: 60_000,
  });
}

const everything = (r: ActionRun): string => `${r.stdout}\n${r.stderr}\n${r.summary}`;

/** A verdict was reached and every surface exists. */
function surfaces(r: ActionRun): void {
  expect(r.outputs.result).toBe('pass');
  expect(r.outputs['risk-score']).toBeDefined();
  expect(r.summary).toContain('ecr-risk-gate');
  expect(r.stdout).not.toMatch(/stopped unexpectedly/);
}

const CHECKS: Record<string, () => Promise<void>> = {
  'policy-symlink-out': async () => {
    const ws = workspace();
    const outside = join(mkdtempSync(join(tmpdir(), 'erg-out-')), 'creds');
    writeFileSync(outside, `TOKEN=${SECRET}\nnot: [yaml\n`);
    symlinkSync(outside, join(ws, '.github', 'ecr-risk-gate.yml'));
    const r = await run(ws, {});
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Input 'policy-file'");
    expect(r.stdout).toContain('outside the workspace');
    expect(everything(r)).not.toContain(SECRET);
    expect(JSON.stringify(r.report())).not.toContain(SECRET);
    expect(r.outputs.result).toBe('fail');
  },
  'policy-fifo': async () => {
    const ws = workspace();
    execFileSync('mkfifo', [join(ws, '.github', 'ecr-risk-gate.yml')]);
    const started = Date.now();
    const r = await run(ws, {});
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('not a regular file');
    expect(r.outputs.result).toBe('fail');
  },
  'policy-yaml-secret': async () => {
    const ws = workspace();
    writeFileSync(join(ws, 'policy.yml'), `risk-threshold: 10\nignores: ${SECRET}\n`);
    const r = await run(ws, { 'policy-file': 'policy.yml' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('policy.yml:2');
    expect(r.summary).not.toContain(SECRET);
    expect(JSON.stringify(r.report())).not.toContain(SECRET);
    expect(JSON.stringify(r.report())).toContain('line 2');
  },
  'dockerfile-dev-zero': async () => {
    const ws = workspace();
    symlinkSync('/dev/zero', join(ws, 'Dockerfile'));
    const r = await run(ws, { dockerfile: 'Dockerfile' });
    surfaces(r);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Input 'dockerfile'");
  },
  'report-file-github-env': async () => {
    const ws = workspace();
    const envFile = join(ws, 'github-env');
    writeFileSync(envFile, '');
    const r = await run(ws, { 'report-file': envFile }, { GITHUB_ENV: envFile });
    surfaces(r);
    expect(readFileSync(envFile, 'utf8')).toBe('');
    expect(r.stdout).toMatch(/::error::Input 'report-file': .*GITHUB_ENV/);
    expect(r.code).toBe(1);
  },
  'report-file-dev-stdout': async () => {
    const ws = workspace();
    const r = await run(ws, { 'report-file': '/dev/stdout' });
    surfaces(r);
    expect(r.stdout).toMatch(/::error::Input 'report-file': "\/dev\/stdout"/);
    expect(r.stdout).not.toContain('"schemaVersion"');
    expect(r.code).toBe(1);
  },
  'report-file-planted-symlink': async () => {
    const ws = workspace();
    const victim = join(mkdtempSync(join(tmpdir(), 'erg-out-')), 'victim');
    writeFileSync(victim, 'keep me');
    symlinkSync(victim, join(ws, 'report.json'));
    const r = await run(ws, { 'report-file': 'report.json' });
    surfaces(r);
    expect(r.code).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(lstatSync(join(ws, 'report.json')).isFile()).toBe(true);
    expect(r.report().result).toBe('pass');
  },
  'report-file-directory': async () => {
    const ws = workspace();
    mkdirSync(join(ws, 'out'));
    const r = await run(ws, { 'report-file': 'out' });
    surfaces(r);
    expect(r.stdout).toMatch(/::error::Input 'report-file': .*is a directory/);
    expect(r.code).toBe(1);
  },
  'sarif-equals-report': async () => {
    const ws = workspace();
    const r = await run(ws, { 'report-file': 'r.json', 'sarif-file': './r.json' });
    surfaces(r);
    expect(r.stdout).toMatch(/::error::Input 'sarif-file': .*same file as report-file/);
    expect(JSON.parse(readFileSync(join(ws, 'r.json'), 'utf8')).schemaVersion).toBe(2);
  },
};

test('every path case has a check', () => {
  expect(Object.keys(CHECKS).sort()).toEqual(PATH_CASES.map((c) => c.id).sort());
});

test.each(PATH_CASES.map((c) => [c.id, c] as const))(
  '%s',
  async (id) => {
    await CHECKS[id]?.();
  },
  90_000,
);
