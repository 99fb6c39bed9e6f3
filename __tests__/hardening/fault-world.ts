// Builds the world of one fault case (an emulator scenario, the GitHub stand-in, the runner's
// environment), runs the committed bundle in it and collects what a reviewer needs to judge it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  githubActionsRole,
  multiArchImage,
  putImageRecord,
  singleImage,
  startEmulator,
  type CloudTrailEventSpec,
  type FaultSpec,
  type ImageSpec,
  type RecordedRequest,
  type ScanSpec,
  type Scenario,
} from '../../emulator/index.js';
import { startGithubEmulator, type FailureSwitch } from '../../emulator/github.js';
import type { GateResult, RuleId, UploaderStatus } from '../../src/model.js';
import { prCommentMarker } from '../../src/report/pr-comment.js';
import { runAction, type ActionRun } from '../e2e/run-action.js';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-central-1';
export const REPOSITORY = 'app';
export const TAG = 'v1';
export const IMAGE = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${REPOSITORY}:${TAG}`;
export const PUSHER_ROLE = `arn:aws:iam::${ACCOUNT}:role/github-actions-ecr-push`;

export type Area = 'ECR' | 'CloudTrail' | 'GitHub';

/** Everything about the world a case runs in, as data (the doc is generated from it). */
export interface FaultSetup {
  /** Scan of the gated image; default COMPLETE with one MEDIUM finding. `null`: never scanned. */
  scan?: ScanSpec | null;
  scanType?: 'BASIC' | 'ENHANCED';
  /** Gate an OCI image index of two platforms instead of one manifest. */
  multiArch?: boolean;
  /** The PutImage of the gated image in CloudTrail: recorded (default), missing, or late. */
  push?: 'recorded' | 'missing' | { visibleAfterMs: number };
  /** Pushes to other repositories just after ours: they fill the first LookupEvents page. */
  crowd?: number;
  faults?: FaultSpec[];
  /** Cap of a `hang` fault; default 60 s, longer than any timeout of the gate. */
  hangMs?: number;
  /** How far the AWS side's clock is ahead of the runner's (negative: behind). */
  clockSkewMs?: number;
  /** GitHub stand-in: answers normally (default) or fails as described. */
  github?: FailureSwitch;
  /** Contents of GITHUB_EVENT_PATH; default a pull_request payload for PR #7. */
  eventPayload?: string;
  /** The sticky comment of an earlier run is already on the PR: this run updates it. */
  earlierComment?: boolean;
}

export interface Expected {
  code: 0 | 1;
  result: GateResult;
  /** Exactly the rules with a detection in the report. */
  rules: RuleId[];
  /** Text the log must contain (annotation escaping undone). */
  log?: string;
  scanStatus?: string;
  uploaderStatus?: UploaderStatus;
  /** The run could not be evaluated at all: the report carries `error`. */
  error?: boolean;
  /** GitHub cases: comments on the pull request afterwards. */
  comments?: number;
  /** GitHub cases: whether the earlier run's comment was replaced by this run's report. */
  updated?: boolean;
}

export interface FaultCase {
  id: string;
  area: Area;
  /** What goes wrong, in a few words (the "fault" column of docs/reliability.md). */
  fault: string;
  setup: FaultSetup;
  /** Inputs on top of the area's defaults. */
  inputs?: Record<string, string>;
  expect: Expected;
}

/** Short timeouts keep the corpus quick; every case ends by itself well inside them. */
export const AREA_INPUTS: Record<Area, Record<string, string>> = {
  ECR: { 'scan-timeout': '6', 'uploader-check': 'false', 'pr-comment': 'false' },
  CloudTrail: {
    'scan-timeout': '6',
    'uploader-timeout': '4',
    'uploader-history-days': '30',
    'pr-comment': 'false',
  },
  GitHub: {
    'scan-timeout': '6',
    'uploader-check': 'false',
    'pr-comment': 'true',
    'github-token': 'test-token',
    // A fixed key, so the earlier run's comment below carries the marker this run looks for.
    'comment-key': 'fault-world',
  },
};

export const inputsOf = (c: FaultCase): Record<string, string> => ({
  image: IMAGE,
  ...AREA_INPUTS[c.area],
  ...c.inputs,
});

const MEDIUM_SCAN: ScanSpec = {
  findings: [{ name: 'CVE-2024-0001', severity: 'MEDIUM', description: 'a medium finding' }],
};

function gatedImages(setup: FaultSetup, pushedAt: number): { images: ImageSpec[]; pushed: string } {
  const scan = setup.scan === undefined ? MEDIUM_SCAN : setup.scan;
  if (setup.multiArch) {
    const multi = multiArchImage({
      repository: REPOSITORY,
      tag: TAG,
      pushedAt,
      ...(scan ? { scan } : {}),
    });
    return { images: multi.images, pushed: multi.indexDigest };
  }
  const image = singleImage({
    repository: REPOSITORY,
    tags: [TAG],
    pushedAt,
    ...(scan ? { scan } : {}),
  });
  return { images: [image], pushed: image.digest };
}

/** The scenario of a case; `nowMs` is the AWS side's clock at start. */
export function scenarioOf(setup: FaultSetup, nowMs: number): Scenario {
  // With a crowd, our push is 90 s old so the crowd's newer pushes can come first in the window.
  const pushedAtSec = Math.floor(nowMs / 1000) - (setup.crowd ? 90 : 0);
  const { images, pushed } = gatedImages(setup, pushedAtSec);
  const events: CloudTrailEventSpec[] = [];
  const push = setup.push ?? 'recorded';
  if (push !== 'missing') {
    events.push({
      record: putImageRecord({
        identity: githubActionsRole(ACCOUNT, 'github-actions-ecr-push', 4242),
        region: REGION,
        registryId: ACCOUNT,
        repository: REPOSITORY,
        digest: pushed,
        tag: TAG,
        eventTime: pushedAtSec,
      }),
      ...(typeof push === 'object' ? { visibleAfterMs: push.visibleAfterMs } : {}),
    });
  }
  for (let i = 0; i < (setup.crowd ?? 0); i++) {
    events.push({
      record: putImageRecord({
        identity: githubActionsRole(ACCOUNT, 'another-team', 100 + i),
        region: REGION,
        registryId: ACCOUNT,
        repository: `crowd-${i % 7}`,
        digest: `sha256:${(i + 1).toString(16).padStart(64, '0')}`,
        tag: `build-${i}`,
        eventTime: pushedAtSec + 1 + (i % 50),
      }),
    });
  }
  return {
    accountId: ACCOUNT,
    region: REGION,
    repositories: [
      { name: REPOSITORY, registryId: ACCOUNT, scanType: setup.scanType ?? 'BASIC' },
      ...Array.from({ length: 7 }, (_, i) => ({ name: `crowd-${i}`, registryId: ACCOUNT })),
    ],
    images,
    cloudTrail: { events },
    faults: setup.faults ?? [],
    hangMs: setup.hangMs ?? 60_000,
  };
}

export interface CaseRun {
  run: ActionRun;
  /** GitHub cases: the bodies of the comments on the PR afterwards. */
  commentBodies: string[];
  requests: readonly RecordedRequest[];
  /** Comments on the pull request after the run (GitHub cases), else 0. */
  comments: number;
  /** The process was still running at the hard stop: the gate hung. */
  killed: boolean;
}

const seconds = (text: string | undefined, fallback: number): number => {
  const value = Number(text);
  return Number.isFinite(value) ? value : fallback;
};

/** Runs one case against a fresh emulator (and GitHub stand-in for GitHub cases). */
export async function runCase(c: FaultCase): Promise<CaseRun> {
  const skew = c.setup.clockSkewMs ?? 0;
  const clock = () => Date.now() + skew;
  const emulator = await startEmulator(scenarioOf(c.setup, clock()), { clock });
  const github = c.area === 'GitHub' ? await startGithubEmulator() : null;
  try {
    if (github && c.setup.earlierComment) {
      const marker = prCommentMarker('job:fault-world');
      github.addComment({ owner: 'acme', repo: 'shop', issue: 7, body: `${marker}\nearlier run` });
    }
    if (github && c.setup.github) github.fail(c.setup.github);
    const inputs = inputsOf(c);
    const env: Record<string, string> = {};
    if (github) {
      const dir = mkdtempSync(join(tmpdir(), 'erg-event-'));
      const eventPath = join(dir, 'event.json');
      writeFileSync(
        eventPath,
        c.setup.eventPayload ?? JSON.stringify({ pull_request: { number: 7 } }),
      );
      Object.assign(env, {
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_REPOSITORY: 'acme/shop',
        GITHUB_API_URL: github.url,
      });
    }
    // The gate's own bounds: its timeouts plus the grace for abandoned calls, the 60 s budget of
    // the reads around a found push, and process start. Far past it means it hung.
    const uploaderSeconds =
      inputs['uploader-check'] === 'false' ? 0 : seconds(inputs['uploader-timeout'], 300);
    const budgetSeconds = seconds(inputs['scan-timeout'], 600) + uploaderSeconds + 90;
    const run = await runAction({
      endpoint: emulator.url,
      inputs,
      env,
      killAfterMs: budgetSeconds * 1000,
    });
    return {
      run,
      requests: [...emulator.requests],
      comments: github ? github.commentsOn('acme', 'shop', 7).length : 0,
      commentBodies: github ? github.commentsOn('acme', 'shop', 7).map((c) => c.body) : [],
      killed: run.code === -1,
    };
  } finally {
    await emulator.close();
    await github?.close();
  }
}

/** Runs `fn` over `items`, at most `limit` at a time, results in order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
