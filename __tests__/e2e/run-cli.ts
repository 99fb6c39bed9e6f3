// The CLI bundle as a user runs it, against the emulator: one helper for every e2e suite.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { baseEnv } from './run-action.js';

export const CLI = resolve('dist/cli/index.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `dist/cli/index.js args…` in a fresh folder with the emulator's endpoints and no GitHub
 * variables at all (the CLI must not need them); killed after 60 s so a hang fails the test.
 * `command` replaces the node invocation (e.g. a shell wrapper around it).
 */
export function runCli(
  args: string[],
  endpoint: string,
  command?: (args: string[]) => [string, string[]],
): Promise<CliRun> {
  const dir = mkdtempSync(join(tmpdir(), 'erg-cli-'));
  const env = Object.fromEntries(
    Object.entries(baseEnv(endpoint, dir)).filter(
      ([k]) => !k.startsWith('GITHUB_') && !k.startsWith('RUNNER_'),
    ),
  );
  const [file, argv] = command ? command(args) : [process.execPath, [CLI, ...args]];
  const child = spawn(file, argv, { env: { ...env, TERM: 'xterm' }, cwd: dir });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((done) =>
    child.on('close', (code) => {
      clearTimeout(killer);
      done({ code: code ?? -1, stdout, stderr });
    }),
  );
}
