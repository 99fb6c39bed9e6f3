// One run of the bundled baseline script against the emulator, measured like the gate: wall from
// spawn to exit, CPU and peak RSS through the same preload.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchScenario } from '../scenarios.js';
import { timeSpawn } from '../gate-process.js';

const PRELOAD = pathToFileURL(resolve('bench/rusage-preload.mjs')).href;

export interface BaselineRun {
  code: number;
  spawnedAt: number;
  wallMs: number;
  cpuMs: number | null;
  maxRssMb: number | null;
  /** What the script printed: the number of findings it counted. */
  counted: number;
}

export function baselineTargets(bench: BenchScenario) {
  return bench.scenario.images.map((image) => ({
    repositoryName: image.repository,
    registryId: image.registryId ?? bench.scenario.accountId,
    imageDigest: image.digest,
  }));
}

export async function runBaseline(options: {
  bundle: string;
  endpoint: string;
  bench: BenchScenario;
  workDir: string;
}): Promise<BaselineRun> {
  const dir = mkdtempSync(join(options.workDir, 'script-'));
  const usageFile = join(dir, 'rusage.json');
  const run = await timeSpawn(['--import', PRELOAD, options.bundle], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      AWS_REGION: options.bench.scenario.region,
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'bench-secret',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ENDPOINT_URL_ECR: options.endpoint,
      BENCH_RUSAGE_FILE: usageFile,
      BASELINE_IMAGES: JSON.stringify(baselineTargets(options.bench)),
    },
    cwd: dir,
    killAfterMs: 180_000,
  });
  let cpuMs: number | null = null;
  let maxRssMb: number | null = null;
  try {
    const raw = JSON.parse(readFileSync(usageFile, 'utf8')) as {
      userUs: number;
      systemUs: number;
      maxRssKb: number;
    };
    cpuMs = (raw.userUs + raw.systemUs) / 1000;
    maxRssMb = raw.maxRssKb / 1024;
  } catch {
    // No usage file: the run is reported without CPU/RSS.
  }
  rmSync(dir, { recursive: true, force: true });
  return {
    code: run.code,
    spawnedAt: run.spawnedAt,
    wallMs: run.wallMs,
    cpuMs,
    maxRssMb,
    counted: Number.parseInt(run.log.trim().split('\n').at(-1) ?? '', 10),
  };
}
