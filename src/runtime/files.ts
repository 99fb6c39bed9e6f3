import { mkdir, writeFile } from 'node:fs/promises';
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

/**
 * Writes a file, creating its folder; returns the absolute path written. Asynchronous, so tens of
 * MB of report go to disk on the thread pool while the next surface is rendered.
 */
export async function writeOutputFile(path: string, content: string): Promise<string> {
  const absolute = resolve(path);
  await mkdir(dirname(absolute), { recursive: true });
  await writeFile(absolute, content);
  return absolute;
}
