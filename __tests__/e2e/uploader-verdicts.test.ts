// Issue 18 §3 and §5, issue 19 §3 (uploader parts), through the bundle against the emulator.
// Every expected verdict is written from SPEC 1/2 before the run: a history that could not be
// read is `unverified`, a session-ARN entry allows that session only, ECR alone proves a moved tag.
import {
  assumedRole,
  githubActionsRole,
  putImageRecord,
  singleImage,
  ssoRole,
  startEmulator,
  type Emulator,
  type FaultSpec,
  type Scenario,
} from '../../emulator/index.js';
import type { Detection } from '../../src/model.js';
import { runAction } from './run-action.js';

const ACCOUNT = '123456789012';
const REGION = 'eu-central-1';
const REPO = 'services/api';
const HOST = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`;
const DAY = 86_400;
const STRICT =
  'critical,high,unknown-uploader,tag-overwrite,cross-account-uploader,unverified-uploader,scan-incomplete';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({
    accountId: ACCOUNT,
    region: REGION,
    repositories: [],
    images: [],
  });
});
afterAll(() => emulator.close());

const rulesOf = (report: Record<string, unknown>) =>
  (report.detections as Detection[]).map((d) => d.rule).sort();
const rowsOf = (report: Record<string, unknown>, rule: string) =>
  (report.detections as Detection[]).filter((d) => d.rule === rule);

/** `pusher` pushes `v2` to a repository the CI role pushed to 5 days ago. */
function world(
  pusher: unknown,
  options: { faults?: FaultSpec[]; history?: boolean; extraImages?: Scenario['images'] } = {},
): Scenario {
  const now = Math.floor(Date.now() / 1000);
  const image = singleImage({ repository: REPO, tags: ['v2'], pushedAt: now - 5, seed: 'v2' });
  const earlier = putImageRecord({
    identity: githubActionsRole(ACCOUNT, 'github-actions-ecr-push', 1),
    region: REGION,
    registryId: ACCOUNT,
    repository: REPO,
    digest: `sha256:${'1'.repeat(64)}`,
    tag: 'v1',
    eventTime: now - 5 * DAY,
  });
  const push = putImageRecord({
    identity: pusher as Parameters<typeof putImageRecord>[0]['identity'],
    region: REGION,
    registryId: ACCOUNT,
    repository: REPO,
    digest: image.digest,
    tag: 'v2',
    eventTime: now - 5,
  });
  return {
    accountId: ACCOUNT,
    region: REGION,
    repositories: [{ name: REPO, registryId: ACCOUNT, scanType: 'BASIC' }],
    images: [{ ...image, scan: { findings: [] } }, ...(options.extraImages ?? [])],
    cloudTrail: {
      events: [...(options.history === false ? [] : [{ record: earlier }]), { record: push }],
    },
    ...(options.faults ? { faults: options.faults } : {}),
  };
}

const gate = (inputs: Record<string, string> = {}, killAfterMs?: number) =>
  runAction({
    endpoint: emulator.url,
    inputs: { image: `${HOST}/${REPO}:v2`, 'pr-comment': 'false', ...inputs },
    ...(killAfterMs ? { killAfterMs } : {}),
  });

describe('known-uploaders entries (issue 18 §3.1, §3.2)', () => {
  const alice = ssoRole(ACCOUNT, 'DevAdmin', 'alice@example.com');
  const mallory = ssoRole(ACCOUNT, 'DevAdmin', 'mallory@example.com');
  const aliceSession = alice.arn ?? '';

  test('a per-person SSO session ARN does not let another person of the permission set in', async () => {
    emulator.reset(world(mallory));
    const run = await gate({ 'known-uploaders': aliceSession });
    expect(run.outputs['uploader-status']).toBe('unknown');
    expect(rulesOf(run.report())).toEqual(['unknown-uploader']);
    expect(run.outputs.result).toBe('fail');
    expect(run.code).toBe(1);
  });

  test('the same entry lets that person in', async () => {
    emulator.reset(world(alice));
    const run = await gate({ 'known-uploaders': aliceSession });
    expect(run.outputs['uploader-status']).toBe('known');
    expect(run.outputs.result).toBe('pass');
  });

  test('the uploader the gate printed is accepted verbatim and matches (sts user form)', async () => {
    // AWS's own ECR PutImage example records an IAM user as arn:aws:sts::…:user/NAME
    // (https://docs.aws.amazon.com/AmazonECR/latest/userguide/logging-using-cloudtrail.html).
    const mary = {
      type: 'IAMUser',
      principalId: 'AIDACKCEVSQ6C2EXAMPLE',
      arn: `arn:aws:sts::${ACCOUNT}:user/Mary_Major`,
      accountId: ACCOUNT,
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      userName: 'Mary_Major',
    };
    emulator.reset(world(mary));
    const first = await gate();
    expect(first.outputs.uploader).toBe(`arn:aws:sts::${ACCOUNT}:user/Mary_Major`);
    emulator.reset(world(mary));
    const again = await gate({ 'known-uploaders': first.outputs.uploader ?? '' });
    expect(again.code).toBe(0);
    expect(again.outputs['uploader-status']).toBe('known');
  });

  test('a federated-user ARN is accepted as an entry', async () => {
    const bot = {
      type: 'FederatedUser',
      principalId: `${ACCOUNT}:ci-bot`,
      arn: `arn:aws:sts::${ACCOUNT}:federated-user/ci-bot`,
      accountId: ACCOUNT,
      accessKeyId: 'ASIAEXAMPLE',
    };
    emulator.reset(world(bot));
    const run = await gate({ 'known-uploaders': `arn:aws:sts::${ACCOUNT}:federated-user/ci-bot` });
    expect(run.outputs['uploader-status']).toBe('known');
    expect(run.code).toBe(0);
  });

  test('six * against a 100 kB role path: linear glob, the run ends normally', async () => {
    // The old glob compiled to `.*a.*a…` and backtracked for minutes on this (issue 19 §3).
    const longPath = assumedRole(ACCOUNT, 'deployer', 'run-7', { path: `/${'a/'.repeat(50_000)}` });
    emulator.reset(world(longPath));
    const entry = `arn:aws:iam::*:role/*a*a*a*a*a*${'a'.repeat(100)}Z`;
    const started = Date.now();
    const run = await gate({ 'known-uploaders': entry }, 60_000);
    expect(run.outputs['uploader-status']).toBe('unknown');
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 70_000);
});

describe('a history read that fails is unverified, never no-baseline (issue 18 §3.4)', () => {
  const stranger = githubActionsRole(ACCOUNT, 'stranger', 3);
  // Call 1 finds the push; every later LookupEvents call (the history read) fails.
  const cases: Array<[string, FaultSpec]> = [
    ['throttling', { kind: 'throttle', operation: 'LookupEvents', from: 2 }],
    ['HTTP 503', { kind: 'http503', operation: 'LookupEvents', from: 2 }],
  ];
  test.each(cases)(
    '%s: unverified-uploader fires and fails with it in fail-on',
    async (_l, fault) => {
      emulator.reset(world(stranger, { history: false, faults: [fault] }));
      const run = await gate({ 'fail-on': STRICT, 'uploader-timeout': '10' }, 90_000);
      expect(run.outputs['uploader-status']).toBe('unverified');
      expect(rulesOf(run.report())).toEqual(['unverified-uploader']);
      const [row] = rowsOf(run.report(), 'unverified-uploader');
      expect(row?.detail).toContain('the pushes around it could not be read (LookupEvents');
      expect(run.stdout).not.toContain('first push to');
      expect(run.code).toBe(1);
    },
    100_000,
  );

  test('a hanging history read ends within uploader-timeout plus the grace, not 60 s', async () => {
    emulator.reset(
      world(stranger, {
        history: false,
        faults: [{ kind: 'hang', operation: 'LookupEvents', from: 2 }],
      }),
    );
    const started = Date.now();
    const run = await gate({ 'uploader-timeout': '3' }, 90_000);
    const seconds = (Date.now() - started) / 1000;
    expect(run.outputs['uploader-status']).toBe('unverified');
    expect(rowsOf(run.report(), 'unverified-uploader')[0]?.detail).toContain(
      'CloudTrail did not answer in time',
    );
    // 3 s + 5 s grace + process start and ECR calls: far below the old 60 s history budget.
    expect(seconds).toBeLessThan(30);
  }, 100_000);
});

describe('tag-overwrite from ECR alone (issue 18 §3.3)', () => {
  // The gated digest lost tag v2 to another image: ECR shows the move without CloudTrail.
  function moved(faults?: FaultSpec[]): { scenario: Scenario; digest: string } {
    const now = Math.floor(Date.now() / 1000);
    const base = world(githubActionsRole(ACCOUNT, 'github-actions-ecr-push', 4), {
      ...(faults ? { faults } : {}),
      extraImages: [
        {
          ...singleImage({ repository: REPO, tags: ['v2'], pushedAt: now - 2, seed: 'other' }),
          scan: { findings: [] },
        },
      ],
    });
    const gated = base.images[0];
    if (!gated) throw new Error('no image');
    base.images[0] = { ...gated, tags: [] };
    return { scenario: base, digest: gated.digest };
  }

  test('with uploader-check false', async () => {
    const { scenario, digest } = moved();
    emulator.reset(scenario);
    const run = await runAction({
      endpoint: emulator.url,
      inputs: {
        image: `${HOST}/${REPO}:v2@${digest}`,
        'pr-comment': 'false',
        'uploader-check': 'false',
      },
    });
    expect(rulesOf(run.report())).toEqual(['tag-overwrite']);
    expect(rowsOf(run.report(), 'tag-overwrite')[0]?.detail).toContain('now points at sha256:');
    expect(run.outputs.result).toBe('fail');
    expect(run.code).toBe(1);
    expect(emulator.requests.filter((r) => r.service === 'cloudtrail')).toHaveLength(0);
  });

  test('with CloudTrail unreadable', async () => {
    const { scenario, digest } = moved([{ kind: 'accessDenied', operation: 'LookupEvents' }]);
    emulator.reset(scenario);
    const run = await runAction({
      endpoint: emulator.url,
      inputs: { image: `${HOST}/${REPO}:v2@${digest}`, 'pr-comment': 'false' },
    });
    expect(rulesOf(run.report())).toEqual(['tag-overwrite', 'unverified-uploader']);
    expect(run.code).toBe(1);
  });
});

describe('CloudTrail messages (issue 18 §5)', () => {
  test('an HTTP 500 error page is reported with its status, once "CloudTrail", one full stop', async () => {
    emulator.reset(
      world(githubActionsRole(ACCOUNT, 'github-actions-ecr-push', 5), {
        faults: [{ kind: 'malformed', status: 500, operation: 'LookupEvents' }],
      }),
    );
    const run = await gate({}, 90_000);
    const [row] = rowsOf(run.report(), 'unverified-uploader');
    expect(row?.detail).toContain('CloudTrail answered LookupEvents in eu-central-1 with HTTP 500');
    expect(row?.detail).not.toContain('SyntaxError');
    expect(row?.detail).not.toContain('could not be read: CloudTrail');
    expect(run.stdout + run.summary).not.toMatch(/CloudTrail\.\./);
    expect(run.summary).not.toMatch(/\.\.(\s|$)/);
  }, 100_000);

  test('uploader-timeout 0 with prompt answers never says CloudTrail did not answer in time', async () => {
    // Every call throttled at once: the back-off, not CloudTrail, uses the 5 s grace.
    emulator.reset(
      world(githubActionsRole(ACCOUNT, 'github-actions-ecr-push', 6), {
        faults: [{ kind: 'throttle', operation: 'LookupEvents' }],
      }),
    );
    const run = await gate({ 'uploader-timeout': '0' }, 90_000);
    expect(run.outputs['uploader-status']).toBe('unverified');
    expect(run.stdout + run.summary).not.toContain('did not answer in time');
  }, 100_000);
});
