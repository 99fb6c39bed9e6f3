// Issue 3 acceptance: who pushed it, through the committed bundle against the emulator.
import {
  accountPushHistory,
  githubActionsRole,
  putImageRecord,
  singleImage,
  splunkUploadScenario,
  startEmulator,
  type Emulator,
  type Scenario,
} from '../../emulator/index.js';
import type { Detection } from '../../src/model.js';
import { runAction } from './run-action.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({
    accountId: '123456789012',
    region: 'eu-central-1',
    repositories: [],
    images: [],
  });
});
afterAll(() => emulator.close());

const uploads = (report: Record<string, unknown>, rule: string) =>
  (report.detections as Detection[]).filter((d) => d.rule === rule);

test('the recorded Splunk PutImage: unknown-uploader with the seed row fields, and cross-account', async () => {
  emulator.reset(splunkUploadScenario({ rebase: false }));
  const run = await runAction({
    endpoint: emulator.url,
    inputs: {
      image: '111111111112.dkr.ecr.eu-central-1.amazonaws.com/devsecops/cat_dog_server:latest',
      'known-uploaders': 'arn:aws:iam::111111111112:role/release-pipeline',
      'pr-comment': 'false',
    },
  });
  const report = run.report();
  const [unknown, ...more] = uploads(report, 'unknown-uploader');
  expect(more).toHaveLength(0);
  expect(unknown).toMatchObject({
    message: 'Container uploaded from unknown user test',
    riskScore: 49,
    user: 'test',
    userName: 'test',
    src_ip: 'AWS Internal',
    imageTag: 'latest',
    registryId: '111111111112',
    image: 'devsecops/cat_dog_server',
    awsRegion: 'eu-central-1',
    eventName: 'PutImage',
    eventSource: 'ecr.amazonaws.com',
    phase: 'release',
    severity: 'high',
    firstTime: '2021-08-18T23:17:30',
    lastTime: '2021-08-18T23:17:30',
    level: 'fail',
  });
  const [cross] = uploads(report, 'cross-account-uploader');
  expect(cross).toMatchObject({ riskScore: 63, user: 'test', registryId: '111111111112' });
  expect(report.result).toBe('fail');
  expect(run.code).toBe(1);
  expect(run.outputs).toMatchObject({
    uploader: 'arn:aws:iam::111111111111:user/test',
    'uploader-status': 'unknown',
    result: 'fail',
  });
});

const REPO = 'services/api';
const ACCOUNT = '123456789012';
const HOST = `${ACCOUNT}.dkr.ecr.eu-central-1.amazonaws.com`;
const DAY = 86_400;

/** A CI role that pushed daily for 20 days under a new session name each time, then `pusher` pushes `v21`. */
function ciHistory(pusher: ReturnType<typeof githubActionsRole>, visibleAfterMs = 0): Scenario {
  const now = Math.floor(Date.now() / 1000);
  const image = singleImage({ repository: REPO, tags: ['v21'], pushedAt: now - 5, seed: 'v21' });
  const history = Array.from({ length: 20 }, (_, i) =>
    putImageRecord({
      identity: githubActionsRole(ACCOUNT, 'github-actions-ecr-push', 500 + i),
      region: 'eu-central-1',
      registryId: ACCOUNT,
      repository: REPO,
      digest: `sha256:${String(i).padStart(64, '0')}`,
      tag: `v${i + 1}`,
      eventTime: now - (20 - i) * DAY,
    }),
  );
  const push = putImageRecord({
    identity: pusher,
    region: 'eu-central-1',
    registryId: ACCOUNT,
    repository: REPO,
    digest: image.digest,
    tag: 'v21',
    eventTime: now - 5,
  });
  return {
    accountId: ACCOUNT,
    region: 'eu-central-1',
    repositories: [{ name: REPO, registryId: ACCOUNT, scanType: 'BASIC' }],
    images: [{ ...image, scan: { findings: [] } }],
    cloudTrail: {
      events: [...history.map((record) => ({ record })), { record: push, visibleAfterMs }],
    },
  };
}

const gateCi = (extra: Record<string, string> = {}) =>
  runAction({
    endpoint: emulator.url,
    inputs: { image: `${HOST}/${REPO}:v21`, 'pr-comment': 'false', ...extra },
  });

test('a CI role seen daily under changing session names is seen; a new role is unknown', async () => {
  emulator.reset(ciHistory(githubActionsRole(ACCOUNT, 'github-actions-ecr-push', 999)));
  const seen = await gateCi();
  expect(seen.outputs).toMatchObject({
    result: 'pass',
    'uploader-status': 'seen',
    uploader: `arn:aws:iam::${ACCOUNT}:role/github-actions-ecr-push`,
  });
  expect(seen.code).toBe(0);

  emulator.reset(ciHistory(githubActionsRole(ACCOUNT, 'someone-elses-role', 1)));
  const unknown = await gateCi();
  expect(unknown.outputs).toMatchObject({ result: 'fail', 'uploader-status': 'unknown' });
  expect(uploads(unknown.report(), 'unknown-uploader')[0]?.message).toBe(
    'Container uploaded from unknown user someone-elses-role',
  );
});

test('the tag pushed again by another principal after our push: tag-overwrite', async () => {
  const scenario = ciHistory(githubActionsRole(ACCOUNT, 'github-actions-ecr-push', 999));
  const now = Math.floor(Date.now() / 1000);
  const overwrite = putImageRecord({
    identity: githubActionsRole(ACCOUNT, 'intruder', 7),
    region: 'eu-central-1',
    registryId: ACCOUNT,
    repository: REPO,
    digest: `sha256:${'f'.repeat(64)}`,
    tag: 'v21',
    eventTime: now - 2,
  });
  scenario.cloudTrail?.events?.push({ record: overwrite });
  emulator.reset(scenario);
  const run = await gateCi();
  const [row] = uploads(run.report(), 'tag-overwrite');
  expect(row?.message).toBe(`Tag v21 in repository ${REPO} was pushed by intruder`);
  expect(run.outputs.result).toBe('fail');
});

test('uploader-check false makes no CloudTrail call at all', async () => {
  emulator.reset(ciHistory(githubActionsRole(ACCOUNT, 'github-actions-ecr-push', 999)));
  const run = await gateCi({ 'uploader-check': 'false' });
  expect(run.outputs['uploader-status']).toBe('skipped');
  expect(emulator.requests.filter((r) => r.service === 'cloudtrail')).toHaveLength(0);
  expect(emulator.requests.filter((r) => r.service === 'ecr').length).toBeGreaterThan(0);
});

test('5,000 PutImage events across 200 repositories: at most 2 calls a second, calls near the minimum', async () => {
  const history = accountPushHistory({
    events: 5000,
    repositories: 200,
    accountId: ACCOUNT,
    region: 'eu-central-1',
  });
  const last = [...history.pushes].reverse().find((p) => p.tag !== undefined);
  if (!last) throw new Error('history has no tagged push');
  // The gated repository is the busy one: 200 more pushes by the CI role over the month.
  const now = Math.floor(Date.now() / 1000);
  for (let i = 0; i < 200; i++) {
    history.events.push({
      record: putImageRecord({
        identity: githubActionsRole(ACCOUNT, 'github-actions-ecr-push', 2000 + i),
        region: 'eu-central-1',
        registryId: ACCOUNT,
        repository: last.repository,
        digest: `sha256:${(i + 1).toString(16).padStart(64, 'a')}`,
        tag: `build-${i}`,
        eventTime: now - 3600 - i * 3 * 3600,
      }),
    });
  }
  emulator.reset({
    accountId: ACCOUNT,
    region: 'eu-central-1',
    repositories: history.repositories.map((r) => ({ ...r, registryId: ACCOUNT })),
    images: [
      {
        ...singleImage({
          repository: last.repository,
          tags: [last.tag ?? 'x'],
          pushedAt: last.eventTime,
        }),
        digest: last.digest,
        scan: { findings: [] },
      },
    ],
    cloudTrail: { events: history.events },
  });
  const run = await runAction({
    endpoint: emulator.url,
    inputs: { image: `${HOST}/${last.repository}:${last.tag}`, 'pr-comment': 'false' },
  });
  const calls = emulator.requests.filter((r) => r.service === 'cloudtrail');
  for (const call of calls) {
    const inWindow = calls.filter((c) => c.time >= call.time && c.time < call.time + 1000);
    expect(inWindow.length).toBeLessThanOrEqual(2);
  }
  expect(calls.every((c) => c.status === 200)).toBe(true);
  // Fewest for the lookup by repository: one to find the push, then the repository's events 50 a page.
  const events = history.events.filter(
    (e) =>
      (e.record.requestParameters as { repositoryName?: string } | undefined)?.repositoryName ===
      last.repository,
  );
  const minimum = 1 + Math.ceil(events.length / 50);
  expect(events.length).toBeGreaterThan(200);
  expect(calls.length).toBeLessThanOrEqual(Math.ceil(minimum * 1.1));
  expect(run.outputs['uploader-status']).toBe('seen');
});
