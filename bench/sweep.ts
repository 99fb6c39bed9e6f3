// Issue 15 §4: a busy account swept. 10,000 PutImage events in the window over 300 repositories
// (50 a page → 200 pages → a 100 s floor at CloudTrail's 2 LookupEvents calls per second per
// account and region). The action bundle runs against the emulator in its own process at the
// real pace (no scaled limiter: the gate's own limiter is what is measured). Checks: wall within
// 1.15 × the floor, peak RSS under 200 MB, and the rows equal to the truth the scenario holds.
//
//   npx tsx bench/sweep.ts [--events N] [--repositories N] [--work DIR]
//   npm run bench -- --only sweep
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import {
  githubActionsRole,
  iamUser,
  putImageRecord,
  singleImage,
  type CloudTrailRecord,
  type ImageSpec,
  type Scenario,
} from '../emulator/index.js';
import type { Report } from '../src/model.js';
import { startEmulatorProcess } from './emulator-process.js';
import { runGate } from './gate-process.js';

const ACCOUNT = '123456789012';
const REGION = 'eu-central-1';
const PAGE = 50;
const CALLS_PER_SECOND = 2;
const MINUTE = 60_000;
const CI_ROLES = ['github-actions-ecr-push', 'release-pipeline', 'nightly-build'];
/** Pushes by principals nobody listed: the rows the sweep must fail on. */
const UNKNOWN_PUSHES = 7;

export interface SweepBenchResult {
  events: number;
  repositories: number;
  pages: number;
  floorMs: number;
  wallMs: number;
  ratio: number;
  maxRssMb: number | null;
  rows: number;
  rowsCorrect: boolean;
  result: string;
  lookupCalls: number;
}

/** The scenario and, from the same records, the seed rows it must yield (user|tag|repo → count). */
export function busySweepScenario(events: number, repositories: number, now: number) {
  const images: ImageSpec[] = [];
  const digests: string[][] = [];
  for (let r = 0; r < repositories; r += 1) {
    const repository = `team-${r % 20}/service-${r}`;
    digests.push([]);
    for (let d = 0; d < 2; d += 1) {
      const image = singleImage({
        repository,
        tags: [`build-${d}`],
        seed: `${repository}#${d}`,
        pushedAt: new Date(now - 80 * MINUTE).toISOString(),
        scan: { timeline: [{ status: 'COMPLETE' }], findings: [] },
      });
      images.push(image);
      digests[r]?.push(image.digest);
    }
  }
  const records: CloudTrailRecord[] = [];
  const truth = new Map<string, number>();
  for (let i = 0; i < events; i += 1) {
    const r = (i * 7919) % repositories;
    const d = i % 2;
    const unknown = i < UNKNOWN_PUSHES;
    const user = unknown ? `laptop-${i}` : (CI_ROLES[i % CI_ROLES.length] ?? '');
    const identity = unknown ? iamUser(ACCOUNT, user) : githubActionsRole(ACCOUNT, user, 1000 + i);
    const repository = `team-${r % 20}/service-${r}`;
    const tag = `build-${d}`;
    // Spread over 12..68 minutes ago: inside 70m..10m even a minute after the scenario is built.
    const eventTime = new Date(now - 12 * MINUTE - Math.floor((i * 56 * MINUTE) / events));
    records.push(
      putImageRecord({
        identity,
        region: REGION,
        registryId: ACCOUNT,
        repository,
        digest: digests[r]?.[d] ?? '',
        tag,
        eventTime,
        eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      }),
    );
    const key = `${user}|${tag}|${repository}`;
    truth.set(key, (truth.get(key) ?? 0) + 1);
  }
  const scenario: Scenario = {
    accountId: ACCOUNT,
    region: REGION,
    repositories: Array.from({ length: repositories }, (_, r) => ({
      name: `team-${r % 20}/service-${r}`,
      scanType: 'BASIC' as const,
    })),
    images,
    cloudTrail: { events: records.map((record) => ({ record })) },
  };
  return { scenario, truth };
}

export async function runSweepBench(
  options: { events?: number; repositories?: number; workDir?: string } = {},
): Promise<SweepBenchResult> {
  const events = options.events ?? 10_000;
  const repositories = options.repositories ?? 300;
  const workDir = resolve(options.workDir ?? join('bench', '.runs', `sweep-${Date.now()}`));
  mkdirSync(workDir, { recursive: true });
  const { scenario, truth } = busySweepScenario(events, repositories, Date.now());
  const emulator = await startEmulatorProcess(scenario, mkdtempSync(join(workDir, 'emu-')));
  try {
    const run = await runGate({
      endpoint: emulator.url,
      workDir,
      killAfterMs: 600_000,
      inputs: {
        sweep: '70m..10m',
        region: REGION,
        'known-uploaders': CI_ROLES.map((role) => `arn:aws:iam::${ACCOUNT}:role/${role}`).join(
          '\n',
        ),
        // The CI roles are listed: the per-repository baseline (300 more reads) is not needed.
        'uploader-history-days': '0',
        'pr-comment': 'false',
        'report-file': 'report.json',
      },
    });
    const report = JSON.parse(readFileSync(join(run.dir, 'report.json'), 'utf8')) as Report;
    const rows = report.sweep?.rows ?? [];
    const got = new Map(rows.map((row) => [`${row.user}|${row.imageTag}|${row.image}`, row.count]));
    const rowsCorrect =
      got.size === truth.size && [...truth].every(([key, count]) => got.get(key) === count);
    const pages = Math.ceil(events / PAGE);
    const floorMs = (pages / CALLS_PER_SECOND) * 1000;
    const requests = await emulator.requests();
    rmSync(run.dir, { recursive: true, force: true });
    return {
      events,
      repositories,
      pages,
      floorMs,
      wallMs: Math.round(run.wallMs),
      ratio: Math.round((run.wallMs / floorMs) * 1000) / 1000,
      maxRssMb: run.usage ? Math.round(run.usage.maxRssMb) : null,
      rows: rows.length,
      rowsCorrect,
      result: report.result,
      lookupCalls: requests.filter((r) => r.operation === 'LookupEvents').length,
    };
  } finally {
    await emulator.close();
  }
}

export function sweepBenchLine(r: SweepBenchResult): string {
  const ok = r.ratio <= 1.15 && (r.maxRssMb ?? 0) < 200 && r.rowsCorrect;
  return (
    `sweep: ${r.events} PutImage events, ${r.repositories} repositories, ${r.pages} pages; ` +
    `wall ${(r.wallMs / 1000).toFixed(1)} s = ${r.ratio.toFixed(3)} × the ${r.floorMs / 1000} s floor ` +
    `(target ≤ 1.15); peak RSS ${r.maxRssMb ?? '?'} MB (target < 200); ${r.lookupCalls} LookupEvents calls; ` +
    `${r.rows} rows ${r.rowsCorrect ? 'correct' : 'WRONG'}; result ${r.result} — ${ok ? 'OK' : 'MISSED'}`
  );
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      events: { type: 'string' },
      repositories: { type: 'string' },
      work: { type: 'string' },
      only: { type: 'string' },
    },
    strict: false,
  });
  const number = (v: unknown) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);
  const events = number(values.events);
  const repositories = number(values.repositories);
  const result = await runSweepBench({
    ...(events ? { events } : {}),
    ...(repositories ? { repositories } : {}),
    ...(typeof values.work === 'string' ? { workDir: values.work } : {}),
  });
  process.stdout.write(`${sweepBenchLine(result)}\n${JSON.stringify(result)}\n`);
  return result.ratio <= 1.15 && (result.maxRssMb ?? 0) < 200 && result.rowsCorrect ? 0 : 1;
}

export { main as sweepBenchMain };

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(2);
    },
  );
}
