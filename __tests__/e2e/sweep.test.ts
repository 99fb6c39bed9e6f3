// Issue 15 acceptance: the sweep through the action bundle and the CLI bundle against the
// emulator. A push by an unknown principal outside CI inside the window fails with the seed's
// message; pushes by a known principal or one seen in the baseline pass.
import {
  githubActionsRole,
  iamUser,
  putImageRecord,
  singleImage,
  startEmulator,
  type Emulator,
  type Scenario,
} from '../../emulator/index.js';
import type { Report } from '../../src/model.js';
import { runAction } from './run-action.js';
import { runCli } from './run-cli.js';

const ACCOUNT = '123456789012';
const REGION = 'eu-central-1';
const CI_ROLE = `arn:aws:iam::${ACCOUNT}:role/github-actions-ecr-push`;
const MINUTE = 60_000;
const DONE = { timeline: [{ status: 'COMPLETE' as const }], findings: [] };

/** `app` pushed by CI 30 minutes ago, `tools` by alice (who pushed it 3 days ago too), and `extra` by `pusher`. */
function scenario(pusher: 'alice' | 'mallory'): Scenario {
  const now = Date.now();
  const iso = (minutesAgo: number) => new Date(now - minutesAgo * MINUTE).toISOString();
  const app = singleImage({
    repository: 'app',
    tags: ['v1'],
    seed: 'app',
    pushedAt: iso(30),
    scan: DONE,
  });
  const tools = singleImage({
    repository: 'tools',
    tags: ['v2'],
    seed: 'tools',
    pushedAt: iso(25),
    scan: DONE,
  });
  const extra = singleImage({
    repository: 'tools',
    tags: ['hotfix'],
    seed: 'extra',
    pushedAt: iso(20),
    scan: DONE,
  });
  const at = (minutesAgo: number) => new Date(now - minutesAgo * MINUTE);
  const push = (
    image: typeof app,
    identity: ReturnType<typeof iamUser>,
    minutesAgo: number,
    id: string,
  ) => ({
    record: putImageRecord({
      identity,
      region: REGION,
      registryId: ACCOUNT,
      repository: image.repository,
      digest: image.digest,
      tag: image.tags?.[0] ?? 'latest',
      eventTime: at(minutesAgo),
      eventId: `00000000-0000-4000-8000-${id.padStart(12, '0')}`,
    }),
  });
  return {
    accountId: ACCOUNT,
    region: REGION,
    repositories: [
      { name: 'app', scanType: 'BASIC' },
      { name: 'tools', scanType: 'BASIC' },
    ],
    images: [app, tools, extra],
    cloudTrail: {
      events: [
        push(app, githubActionsRole(ACCOUNT, 'github-actions-ecr-push', 7), 30, '1'),
        push(tools, iamUser(ACCOUNT, 'alice'), 3 * 24 * 60, '2'), // the baseline
        push(tools, iamUser(ACCOUNT, 'alice'), 25, '3'),
        push(extra, iamUser(ACCOUNT, pusher), 20, '4'),
        push(extra, iamUser(ACCOUNT, 'mallory'), 5, '5'), // after the window's end: not read
      ],
    },
  };
}

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator(scenario('alice'));
});
afterAll(() => emulator.close());

const INPUTS = {
  sweep: '70m..10m',
  region: REGION,
  'known-uploaders': CI_ROLE,
  'pr-comment': 'false',
};

test('action bundle: an unknown pusher in the window fails with the seed message', async () => {
  emulator.reset(scenario('mallory'));
  const run = await runAction({ endpoint: emulator.url, inputs: INPUTS });
  const report = run.report() as unknown as Report;
  expect(run.outputs.result).toBe('fail');
  expect(run.code).toBe(1);
  const unknown = report.detections.filter((d) => d.rule === 'unknown-uploader');
  expect(unknown.map((d) => d.message)).toEqual(['Container uploaded from unknown user mallory']);
  expect(run.summary).toContain('Pushers that need a look (1 of 3 rows)');
  expect(run.stdout).toContain('Container uploaded from unknown user mallory');
  expect(report.sweep?.rows.map((r) => [r.user, r.status]).sort()).toEqual([
    ['alice', 'seen'],
    ['github-actions-ecr-push', 'known'],
    ['mallory', 'unknown'],
  ]);
});

test('action bundle: known and baseline pushers pass', async () => {
  emulator.reset(scenario('alice'));
  const run = await runAction({ endpoint: emulator.url, inputs: INPUTS });
  expect(run.outputs.result).toBe('pass');
  expect(run.code).toBe(0);
  const report = run.report() as unknown as Report;
  expect(report.sweep?.events).toBe(3);
  expect(report.images).toHaveLength(3);
});

test('CLI bundle: ecr-risk-gate sweep --window fails on the unknown pusher, passes otherwise', async () => {
  const args = ['sweep', '--window', '70m..10m', '--region', REGION, '--known-uploaders', CI_ROLE];
  emulator.reset(scenario('mallory'));
  const failing = await runCli([...args, '--format', 'json'], emulator.url);
  expect(failing.code).toBe(1);
  const report = JSON.parse(failing.stdout) as Report;
  expect(report.detections.find((d) => d.rule === 'unknown-uploader')?.message).toBe(
    'Container uploaded from unknown user mallory',
  );
  emulator.reset(scenario('alice'));
  const passing = await runCli(args, emulator.url);
  expect(passing.code).toBe(0);
  expect(passing.stdout).toContain('PASS');
}, 120_000);
