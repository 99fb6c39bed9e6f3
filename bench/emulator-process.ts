// The emulator in its own process, so the CPU it spends serving pages is not charged to the gate
// (the two still share the machine's cores). Driven over its HTTP control endpoints.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedRequest, Scenario } from '../emulator/index.js';

export interface EmulatorProcess {
  url: string;
  /** Restarts the scenario's clock, quotas and log; resolves with the new origin (epoch ms). */
  reset(): Promise<number>;
  requests(): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;

async function control<T>(url: string, path: string, method: 'GET' | 'POST'): Promise<T> {
  const response = await fetch(`${url}${path}`, { method, signal: AbortSignal.timeout(60_000) });
  const body = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(`emulator ${path}: ${body.error ?? response.status}`);
  return body;
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`emulator did not start within ${READY_TIMEOUT_MS} ms: ${err}`));
    }, READY_TIMEOUT_MS);
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /EMULATOR_URL=(\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited (${String(code)}) before it was ready: ${err}`));
    });
  });
}

/** Writes the scenario to `dir` and serves it from `emulator/cli.ts` in a child process. */
export async function startEmulatorProcess(
  scenario: Scenario,
  dir: string,
): Promise<EmulatorProcess> {
  const file = join(dir, 'scenario.json');
  writeFileSync(file, JSON.stringify(scenario));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'emulator/cli.ts', '--scenario', file],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = await waitForUrl(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    reset: async () => {
      await control(url, '/_emulator/reset', 'POST');
      const health = await control<{ startedAtMs: number }>(url, '/_emulator/health', 'GET');
      return health.startedAtMs;
    },
    requests: () => control<RecordedRequest[]>(url, '/_emulator/requests', 'GET'),
    close: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
