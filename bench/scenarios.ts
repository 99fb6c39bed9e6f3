// The benchmark's scenarios: what the emulator serves, the inputs the gate gets, and the floor
// model of the calls the information needs (see floor.ts). Sizes follow issue 7.
import {
  accountPushHistory,
  basicFindings,
  enhancedFindings,
  githubActionsRole,
  iamUser,
  putImageRecord,
  singleImage,
  type CloudTrailEventSpec,
  type ImageSpec,
  type RepositorySpec,
  type ScanSpec,
  type Scenario,
  type UserIdentity,
} from '../emulator/index.js';
import { pagesFor, scanPages, LOOKUP_PAGE, type FloorModel, type ImageChain } from './floor.js';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-central-1';
const HOST = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`;
/** Recorded times are written against this instant; the emulator moves it to its start. */
export const TIME_BASE_MS = Date.parse('2024-05-01T12:00:00Z');
const DAY_MS = 86_400_000;
/** The gate's default `uploader-history-days`. */
const HISTORY_DAYS = 30;

export interface WaitedScan {
  repository: string;
  /** When the scan completes, ms after the emulator's (re)start. */
  completesAfterMs: number;
}

export interface BenchScenario {
  id: string;
  title: string;
  /** `latencyMs` is set by the runner. */
  scenario: Scenario;
  inputs: Record<string, string>;
  /** `completesAtMs` of its scans count from the emulator's start; the runner rebases them. */
  floor: FloorModel;
  /** Distinct findings the gate must report (`findings-total`): a wrong run is not a measurement. */
  expectFindings: number;
  uploaderCheck: boolean;
  waited?: WaitedScan;
}

/** One gated image and what it brings to a scenario. */
interface Part {
  repository: RepositorySpec;
  image: ImageSpec;
  ref: string;
  chain: ImageChain;
  findings: number;
  waited?: WaitedScan;
}

function part(
  repository: string,
  scanType: 'BASIC' | 'ENHANCED',
  findings: number,
  completesAfterMs?: number,
): Part {
  const scan: ScanSpec =
    scanType === 'BASIC'
      ? { findings: basicFindings(findings) }
      : {
          enhancedFindings: enhancedFindings(findings, undefined, {
            accountId: ACCOUNT,
            region: REGION,
            repository,
          }),
        };
  if (completesAfterMs !== undefined) {
    scan.timeline = [
      { status: 'PENDING', forMs: Math.min(3_000, completesAfterMs) },
      { status: 'IN_PROGRESS', forMs: Math.max(0, completesAfterMs - 3_000) },
      { status: 'COMPLETE' },
    ];
  }
  return {
    repository: { name: repository, registryId: ACCOUNT, scanType },
    image: singleImage({ repository, tags: ['v1'], scan }),
    ref: `${HOST}/${repository}:v1`,
    chain: {
      resolveCalls: 1,
      scans: [
        {
          pages: scanPages(findings, scanType),
          ...(completesAfterMs === undefined ? {} : { completesAtMs: completesAfterMs }),
        },
      ],
    },
    findings,
    ...(completesAfterMs === undefined ? {} : { waited: { repository, completesAfterMs } }),
  };
}

const ciRole = (run: number): UserIdentity =>
  githubActionsRole(ACCOUNT, 'github-actions-ecr-push', run);

/** The PutImage of a gated image, at the time base (its `pushedAt` is the emulator start). */
function gatedPush(p: Part): CloudTrailEventSpec {
  return {
    record: putImageRecord({
      identity: ciRole(9000),
      region: REGION,
      registryId: ACCOUNT,
      repository: p.repository.name,
      digest: p.image.digest,
      tag: 'v1',
      eventTime: TIME_BASE_MS / 1000,
    }),
  };
}

/** `count` earlier pushes to `repository`, spread over the baseline window, oldest last. */
function history(repository: string, count: number): CloudTrailEventSpec[] {
  return Array.from({ length: count }, (_, i) => {
    const at = TIME_BASE_MS - 3_600_000 - Math.floor(((i + 1) / (count + 1)) * 29 * DAY_MS);
    const identity = i % 2 === 0 ? ciRole(1000 + i) : iamUser(ACCOUNT, 'alice');
    return {
      record: putImageRecord({
        identity,
        region: REGION,
        registryId: ACCOUNT,
        repository,
        digest: `sha256:${(i + 1).toString(16).padStart(64, 'a')}`,
        tag: `v0.${i}`,
        eventTime: at / 1000,
      }),
    };
  });
}

/** Pushes of other repositories in the account: EventName=PutImage reads wade through them. */
function accountNoise(events: number): CloudTrailEventSpec[] {
  if (events <= 0) return [];
  return accountPushHistory({
    events,
    repositories: 200,
    accountId: ACCOUNT,
    region: REGION,
    days: HISTORY_DAYS - 1,
    now: TIME_BASE_MS - 3_600_000,
    noiseShare: 0,
  }).events;
}

interface Assembly {
  id: string;
  title: string;
  parts: Part[];
  /** Earlier pushes per repository name (CloudTrail scenarios only). */
  histories?: Record<string, number>;
  /** Pushes to other repositories of the account. */
  accountEvents?: number;
}

function assemble(a: Assembly): BenchScenario {
  const uploaderCheck = a.histories !== undefined;
  const events: CloudTrailEventSpec[] = [];
  const historyPages: number[] = [];
  if (uploaderCheck) {
    for (const p of a.parts) {
      const earlier = a.histories?.[p.repository.name] ?? 0;
      events.push(gatedPush(p), ...history(p.repository.name, earlier));
      historyPages.push(pagesFor(earlier + 1, LOOKUP_PAGE));
    }
    events.push(...accountNoise(a.accountEvents ?? 0));
  }
  const repositories = [...a.parts.map((p) => p.repository)];
  const noiseRepos = new Set(
    events
      .map((e) => (e.record.requestParameters as { repositoryName?: string }).repositoryName ?? '')
      .filter((name) => name !== '' && !repositories.some((r) => r.name === name)),
  );
  for (const name of noiseRepos) repositories.push({ name, registryId: ACCOUNT });
  const waited = a.parts.find((p) => p.waited)?.waited;
  return {
    id: a.id,
    title: a.title,
    scenario: {
      accountId: ACCOUNT,
      region: REGION,
      timeBase: new Date(TIME_BASE_MS).toISOString(),
      repositories,
      images: a.parts.map((p) => p.image),
      ...(uploaderCheck ? { cloudTrail: { events, lookupsPerSecond: 2 } } : {}),
    },
    inputs: {
      image: a.parts.map((p) => p.ref).join('\n'),
      'uploader-check': String(uploaderCheck),
      'pr-comment': 'false',
      // Every surface is rendered; audit keeps the exit code about the run, not the findings.
      mode: 'audit',
    },
    floor: {
      images: a.parts.map((p) => p.chain),
      // Every gated push happened at the same moment: one EventName=PutImage page finds them all.
      ...(uploaderCheck ? { cloudTrail: { findPages: 1, historyPages } } : {}),
    },
    expectFindings: a.parts.reduce((sum, p) => sum + p.findings, 0),
    uploaderCheck,
    ...(waited ? { waited } : {}),
  };
}

export interface ScenarioOptions {
  /** When the waited scan completes, ms after the emulator (re)start. Default 12 s. */
  scanCompletesAfterMs?: number;
}

/** Every scenario of issue 7, in table order. */
export function benchScenarios(options: ScenarioOptions = {}): BenchScenario[] {
  const waitMs = options.scanCompletesAfterMs ?? 12_000;
  return [
    assemble({ id: 'basic-100', title: 'basic, 100 findings', parts: [part('app', 'BASIC', 100)] }),
    assemble({
      id: 'basic-1000',
      title: 'basic, 1,000 findings',
      parts: [part('app', 'BASIC', 1_000)],
    }),
    assemble({
      id: 'basic-5000',
      title: 'basic, 5,000 findings',
      parts: [part('big', 'BASIC', 5_000)],
    }),
    assemble({
      id: 'basic-20000',
      title: 'basic, 20,000 findings',
      parts: [part('big', 'BASIC', 20_000)],
    }),
    assemble({
      id: 'basic-50000',
      title: 'basic, 50,000 findings',
      parts: [part('big', 'BASIC', 50_000)],
    }),
    assemble({
      id: 'enhanced-5000',
      title: 'enhanced, 5,000 findings',
      parts: [part('inspected', 'ENHANCED', 5_000)],
    }),
    assemble({
      id: 'scan-wait',
      title: `scan completes ${waitMs / 1000} s in`,
      parts: [part('slow', 'BASIC', 100, waitMs)],
    }),
    assemble({
      id: 'cloudtrail-5000',
      title: 'CloudTrail: 5,000 pushes, 200 here',
      parts: [part('app', 'BASIC', 100)],
      histories: { app: 199 },
      accountEvents: 4_800,
    }),
    assemble({
      id: 'three-images',
      title: 'three images, one step',
      parts: [part('web', 'BASIC', 100), part('api', 'BASIC', 100), part('worker', 'BASIC', 100)],
      histories: { web: 10, api: 10, worker: 10 },
    }),
    assemble({
      id: 'all',
      title: 'all of them together',
      parts: [
        part('app', 'BASIC', 100),
        part('big', 'BASIC', 20_000),
        part('inspected', 'ENHANCED', 5_000),
        part('slow', 'BASIC', 100, waitMs),
      ],
      histories: { app: 199 },
      accountEvents: 4_800 - 3,
    }),
  ];
}

/** `--smoke`: small and quick, every code path of the runner still taken. */
export function smokeScenarios(): BenchScenario[] {
  return [
    assemble({ id: 'basic-100', title: 'basic, 100 findings', parts: [part('app', 'BASIC', 100)] }),
    assemble({
      id: 'two-images-trail',
      title: 'two images with CloudTrail',
      parts: [part('web', 'BASIC', 50), part('api', 'ENHANCED', 150)],
      histories: { web: 60, api: 0 },
      accountEvents: 100,
    }),
  ];
}
