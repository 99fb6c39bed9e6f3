// Runs the committed bundle as the Actions runner does: inputs as INPUT_* variables, outputs and
// the job summary through the files named by GITHUB_OUTPUT / GITHUB_STEP_SUMMARY.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  dir: string;
  report: () => Record<string, unknown>;
  /** From the last line the step printed to the process's end: what lingers after the verdict. */
  lingerMs: number;
}

export interface ActionRunOptions {
  inputs: Record<string, string>;
  endpoint: string;
  env?: Record<string, string>;
  /** Hard stop for a hung process; the gate's own timeouts must end it long before. */
  killAfterMs?: number;
  node?: string;
}

export const BUNDLE = resolve('dist/index.js');

/** Parses the GITHUB_OUTPUT file format (`name<<DELIM` … `DELIM`, or `name=value`). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string];
      const value: string[] = [];
      while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i] ?? '');
      outputs[name] = value.join('\n');
    } else if (line.includes('=')) {
      const at = line.indexOf('=');
      outputs[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return outputs;
}

export function baseEnv(endpoint: string, dir: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    AWS_REGION: 'eu-central-1',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'test-secret',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_ECR: endpoint,
    AWS_ENDPOINT_URL_CLOUDTRAIL: endpoint,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: dir,
    RUNNER_TEMP: dir,
    GITHUB_RUN_ID: '4242',
    GITHUB_EVENT_NAME: 'push',
  };
}

export async function runAction(options: ActionRunOptions): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'erg-e2e-'));
  const outputFile = join(dir, 'output.txt');
  const summaryFile = join(dir, 'summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: Record<string, string> = {
    ...baseEnv(options.endpoint, dir),
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    ...options.env,
  };
  for (const [name, value] of Object.entries(options.inputs)) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  const child = spawn(options.node ?? process.execPath, [BUNDLE], { env, cwd: dir });
  let stdout = '';
  let stderr = '';
  let lastOutputAt = Date.now();
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    lastOutputAt = Date.now();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 120_000);
  const code = await new Promise<number>((done) => child.on('close', (c) => done(c ?? -1)));
  const lingerMs = Date.now() - lastOutputAt;
  clearTimeout(killer);
  const outputs = parseOutputFile(readFileSync(outputFile, 'utf8'));
  return {
    code,
    stdout,
    stderr,
    outputs,
    summary: readFileSync(summaryFile, 'utf8'),
    dir,
    lingerMs,
    report: () => {
      const path = outputs['report-file'];
      if (!path || !existsSync(path)) throw new Error(`no report file; stdout:\n${stdout}`);
      return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    },
  };
}

/** Workflow commands the runner would execute from this log (`::name ...::`). */
export function workflowCommands(log: string): string[] {
  return log
    .split(/\r?\n/)
    .filter((line) => line.trimStart().startsWith('::') || line.includes('##['));
}
