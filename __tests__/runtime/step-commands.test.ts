// step-commands.ts repeats @actions/core's one-line wrappers over the toolkit's own command modules
// (to leave out its OIDC client and undici). What reaches the runner must be what @actions/core
// itself writes: the same stdout lines, the same GITHUB_OUTPUT records, the same exit code.
import * as core from '@actions/core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stepCommands, type StepCommands } from '../../src/runtime/step-commands.js';

type Commands = Omit<StepCommands, 'summary'>;

/** Runs `use` against `commands`, returning stdout, the output file and the exit code. */
function capture(commands: Commands, use: (c: Commands) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'step-commands-'));
  const outputFile = join(dir, 'output');
  writeFileSync(outputFile, '');
  const saved = { output: process.env.GITHUB_OUTPUT, exitCode: process.exitCode };
  const written: string[] = [];
  const write = process.stdout.write;
  process.env.GITHUB_OUTPUT = outputFile;
  process.exitCode = undefined;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    use(commands);
  } finally {
    process.stdout.write = write;
  }
  const exitCode = process.exitCode;
  process.exitCode = saved.exitCode;
  if (saved.output === undefined) delete process.env.GITHUB_OUTPUT;
  else process.env.GITHUB_OUTPUT = saved.output;
  // Each record's heredoc delimiter is random (ghadelimiter_<uuid>): compared as a placeholder.
  const output = readFileSync(outputFile, 'utf8').replace(/ghadelimiter_[0-9a-f-]+/g, 'DELIM');
  rmSync(dir, { recursive: true, force: true });
  return { stdout: written.join(''), output, exitCode };
}

const script = (c: Commands) => {
  c.info('plain line: 100% done, a:b, %0A stays');
  c.notice('note\nsecond line', { title: 'Title: with, commas', file: 'Dockerfile', startLine: 3 });
  c.warning('warn % and \r\n', { title: 'w' });
  c.error('an error::with colons', { file: 'a,b:c.txt', startLine: 1, endLine: 2 });
  c.setSecret('s3cr3t');
  c.setOutput('result', 'fail');
  c.setOutput('report', 'line one\nline two');
  c.setOutput('risk-score', 100);
  c.setFailed('ecr-risk-gate: CRITICAL findings (2)');
};

test('every command writes what @actions/core writes', () => {
  const ours = capture(stepCommands, script);
  const theirs = capture(core, script);
  expect(ours.stdout).toBe(theirs.stdout);
  expect(ours.output).toBe(theirs.output);
  expect(ours.exitCode).toBe(1);
  expect(theirs.exitCode).toBe(1);
  // Not vacuous: the annotations and outputs are there.
  expect(ours.stdout).toContain(
    '::error file=a%2Cb%3Ac.txt,line=1,endLine=2::an error::with colons',
  );
  expect(ours.output).toContain('report<<DELIM\nline one\nline two\nDELIM');
});

test('without GITHUB_OUTPUT an output is the set-output command, as @actions/core does', () => {
  const run = (c: Commands) => {
    delete process.env.GITHUB_OUTPUT;
    c.setOutput('result', 'pass');
  };
  const ours = capture(stepCommands, run);
  const theirs = capture(core, run);
  expect(ours.stdout).toBe(theirs.stdout);
  expect(ours.stdout).toContain('::set-output name=result::pass');
});
