// Issue 19 §3 through the CLI bundle: scanner text with GitHub `##[` / `::` commands, Azure
// `##vso[` commands and raw terminal controls reaches stdout inert in every format, the JSON
// still parses to the same data, and --report-file keeps it exact. The process exits once the
// verdict is out (item 4): the run is bounded well under the kill timer.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@jest/globals';
import { oneAppImage, suiteEmulator } from '../suite-emulator.js';
import { baseEnv } from '../e2e/run-action.js';
import { GOOD_IMAGE } from './bad-input-cases.js';

const CLI = resolve('dist/cli/index.js');
const HOSTILE =
  '##[error]x\n::set-env name=A::b\n##vso[task.setvariable variable=X]y \u001b[2J\u009b31m\u0085';

const emulator = suiteEmulator(
  oneAppImage({ findings: [{ name: 'CVE-2024-0001', severity: 'HIGH', description: HOSTILE }] }),
);

function runCli(args: string[]): Promise<{ code: number; stdout: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'erg-cli-'));
  const env = Object.fromEntries(
    Object.entries(baseEnv(emulator().url, dir)).filter(
      ([k]) => !k.startsWith('GITHUB_') && !k.startsWith('RUNNER_'),
    ),
  );
  const child = spawn(process.execPath, [CLI, ...args], { env, cwd: dir });
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((done) =>
    child.on('close', (code) => {
      clearTimeout(killer);
      done({ code: code ?? -1, stdout, dir });
    }),
  );
}

const COMMON = ['--image', GOOD_IMAGE, '--no-uploader-check'];

function inert(stdout: string): void {
  expect(stdout).not.toContain('##[');
  expect(stdout).not.toContain('##vso[');
  expect(stdout).not.toMatch(/^\s*::/m);
  // eslint-disable-next-line no-control-regex -- the controls are what the test looks for
  expect(stdout).not.toMatch(/[\u001b\u007f-\u009f]/);
}

test.each(['json', 'sarif'])(
  '--format %s: inert on stdout, same data',
  async (format) => {
    const r = await runCli([...COMMON, '--format', format, '--report-file', 'r.json']);
    inert(r.stdout);
    // SARIF shows controls as [U+001B] by design; JSON carries the scanner's text as it is.
    const data = JSON.stringify(JSON.parse(r.stdout));
    if (format === 'json') expect(data).toContain(JSON.stringify(HOSTILE).slice(1, -1));
    // The file keeps the exact text.
    expect(readFileSync(join(r.dir, 'r.json'), 'utf8')).toContain(
      JSON.stringify(HOSTILE)
        .slice(1, -1)
        .replace(/\\u009b/, '\u009b')
        .replace(/\\u0085/, '\u0085'),
    );
  },
  90_000,
);

test.each(['text', 'markdown'])(
  '--format %s: inert on stdout',
  async (format) => {
    const r = await runCli([...COMMON, '--format', format]);
    expect(r.stdout).toContain('CVE-2024-0001');
    inert(r.stdout);
  },
  90_000,
);
