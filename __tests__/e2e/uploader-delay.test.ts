// Issue 3 acceptance: CloudTrail shows the push only after 40 s. Real time on purpose: the gate's
// own polling and deadline are what is under test, so neither side's clock is faked.
import {
  githubActionsRole,
  putImageRecord,
  singleImage,
  startEmulator,
  type Emulator,
  type Scenario,
} from '../../emulator/index.js';
import type { Detection } from '../../src/model.js';
import { runAction } from './run-action.js';

const ACCOUNT = '123456789012';
const REPO = 'services/late';
const IMAGE = `${ACCOUNT}.dkr.ecr.eu-central-1.amazonaws.com/${REPO}:v1`;

function latePush(visibleAfterMs: number): Scenario {
  const now = Math.floor(Date.now() / 1000);
  const image = singleImage({ repository: REPO, tags: ['v1'], pushedAt: now });
  const record = putImageRecord({
    identity: githubActionsRole(ACCOUNT, 'github-actions-ecr-push', 1),
    region: 'eu-central-1',
    registryId: ACCOUNT,
    repository: REPO,
    digest: image.digest,
    tag: 'v1',
    eventTime: now,
  });
  return {
    accountId: ACCOUNT,
    region: 'eu-central-1',
    repositories: [{ name: REPO, registryId: ACCOUNT, scanType: 'BASIC' }],
    images: [{ ...image, scan: { findings: [] } }],
    cloudTrail: { events: [{ record, visibleAfterMs }] },
  };
}

let emulators: Emulator[] = [];
afterAll(async () => {
  await Promise.all(emulators.map((e) => e.close()));
});

test('the gate waits for a push that shows up after 40 s, and gives up at uploader-timeout', async () => {
  // Both runs at once: the suite pays the 40 s wait once.
  const [late, short] = await Promise.all([
    startEmulator(latePush(40_000)),
    startEmulator(latePush(40_000)),
  ]);
  emulators = [late, short];
  const known = `arn:aws:iam::${ACCOUNT}:role/github-actions-ecr-push`;
  const inputs = { image: IMAGE, 'pr-comment': 'false', 'known-uploaders': known };
  const [found, gaveUp] = await Promise.all([
    runAction({ endpoint: late.url, inputs: { ...inputs, 'uploader-timeout': '120' } }),
    runAction({ endpoint: short.url, inputs: { ...inputs, 'uploader-timeout': '15' } }),
  ]);

  expect(found.outputs).toMatchObject({
    'uploader-status': 'known',
    uploader: known,
    result: 'pass',
  });
  const lookups = late.requests.filter((r) => r.service === 'cloudtrail');
  expect(lookups.length).toBeGreaterThan(1);
  expect((lookups.at(-1)?.time ?? 0) - late.startedAtMs).toBeGreaterThanOrEqual(40_000);

  expect(gaveUp.outputs).toMatchObject({ 'uploader-status': 'unverified', result: 'warn' });
  const row = (gaveUp.report().detections as Detection[]).find(
    (d) => d.rule === 'unverified-uploader',
  );
  expect(row).toMatchObject({ level: 'warn', riskScore: 15 });
  expect(row?.message).toContain(`Uploader of image ${REPO}`);
  expect(gaveUp.code).toBe(0);
}, 150_000);
