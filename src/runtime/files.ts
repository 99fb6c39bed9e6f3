import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** Where the JSON report goes when `report-file` is empty: RUNNER_TEMP, else the OS temp dir. */
export function defaultReportPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.RUNNER_TEMP || tmpdir();
  const run = [env.GITHUB_RUN_ID, env.GITHUB_RUN_ATTEMPT, env.GITHUB_ACTION]
    .filter(Boolean)
    .join('-');
  return join(base, `ecr-risk-gate-report${run ? `-${run}` : `-${process.pid}`}.json`);
}

/** Writes a file, creating its folder; returns the absolute path written. */
export function writeOutputFile(path: string, content: string): string {
  const absolute = resolve(path);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, content);
  return absolute;
}
