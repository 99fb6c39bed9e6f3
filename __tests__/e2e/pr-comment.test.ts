// Issue 4 acceptance through the bundle: one sticky comment per image, updated in place; a 403 is a
// warning that leaves the result alone.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { singleImage, startEmulator, type Emulator } from '../../emulator/index.js';
import { startGithubEmulator, type GithubEmulator } from '../../emulator/github.js';
import { ACCOUNT, HOST, REGION } from './scenarios.js';
import { runAction } from './run-action.js';

// Twelve services for the annotation budget (issue 12 section 2).
const SERVICES = Array.from({ length: 12 }, (_, i) => `svc-${String(i).padStart(2, '0')}`);
const NAMES = ['api', 'worker', ...SERVICES];
let aws: Emulator;
let github: GithubEmulator;
let event: string;

beforeAll(async () => {
  aws = await startEmulator({
    accountId: ACCOUNT,
    region: REGION,
    repositories: NAMES.map((name) => ({
      name,
      registryId: ACCOUNT,
      scanType: 'BASIC' as const,
    })),
    images: NAMES.map((name) =>
      singleImage({
        repository: name,
        tags: ['v1'],
        scan: {
          findings: [
            {
              name: 'CVE-2024-7',
              severity: 'HIGH',
              description: 'heap overflow <script>alert(1)</script> @org/team',
            },
          ],
        },
      }),
    ),
  });
  github = await startGithubEmulator();
  event = join(mkdtempSync(join(tmpdir(), 'erg-event-')), 'event.json');
  writeFileSync(event, JSON.stringify({ number: 17, pull_request: { number: 17 } }));
});
afterAll(async () => {
  await aws.close();
  await github.close();
});

const gate = (images: string[]) =>
  runAction({
    endpoint: aws.url,
    inputs: {
      image: images.map((name) => `${HOST}/${name}:v1`).join('\n'),
      'uploader-check': 'false',
      'github-token': 'ghs_test',
    },
    env: {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event,
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_API_URL: github.url,
    },
  });

test('one create, then only updates on re-runs; a job gating other images gets its own comment with a section per image; 403 is a warning', async () => {
  const first = await gate(['api']);
  expect(first.code).toBe(1);
  expect(github.commentsOn('acme', 'shop', 17)).toHaveLength(1);
  const posts = () =>
    github.requests.filter((r) => r.method === 'POST' && r.path !== '/graphql').length;
  const patches = () => github.requests.filter((r) => r.method === 'PATCH').length;
  expect([posts(), patches()]).toEqual([1, 0]);

  await gate(['api']);
  await gate(['api']);
  expect(github.commentsOn('acme', 'shop', 17)).toHaveLength(1);
  expect([posts(), patches()]).toEqual([1, 2]);

  await gate(['api', 'worker']);
  const comments = github.commentsOn('acme', 'shop', 17);
  expect(comments).toHaveLength(2);
  // One comment per job (issue 12 section 4): api and worker share the second one.
  expect([posts(), patches()]).toEqual([2, 2]);
  expect(comments[1]?.body).toMatch(/api[\s\S]*worker/);
  for (const comment of comments) {
    expect(comment.body).not.toContain('<script>');
    expect(comment.body).not.toMatch(/(^|[^\w`])@org\/team/);
  }

  github.fail({ status: 403, message: 'Resource not accessible by integration' });
  const denied = await gate(['api']);
  github.fail(null);
  expect(denied.code).toBe(1);
  expect(denied.outputs.result).toBe('fail');
  const warnings = denied.stdout.split('\n').filter((l) => l.startsWith('::warning'));
  expect(warnings.join('\n')).toMatch(/pull-requests: write/);
});

test('annotations sit on the Dockerfile FROM line; a missing Dockerfile is a warning, not a failure', async () => {
  const workspace = mkdtempSync(join(tmpdir(), 'erg-ws-'));
  writeFileSync(
    join(workspace, 'Dockerfile'),
    '# syntax=docker/dockerfile:1\nFROM node:20 AS build\nRUN make\nFROM gcr.io/distroless/nodejs20\nCOPY --from=build /app /app\n',
  );
  const inputs = { image: `${HOST}/api:v1`, 'uploader-check': 'false', 'pr-comment': 'false' };
  const anchored = await runAction({
    endpoint: aws.url,
    inputs: { ...inputs, dockerfile: 'Dockerfile' },
    env: { GITHUB_WORKSPACE: workspace },
  });
  const errors = anchored.stdout.split('\n').filter((l) => l.startsWith('::error '));
  expect(errors.length).toBeGreaterThan(0);
  for (const line of errors) expect(line).toMatch(/^::error [^:]*file=Dockerfile,line=4(,|::)/);

  const missing = await runAction({
    endpoint: aws.url,
    inputs: { ...inputs, dockerfile: 'nope/Dockerfile' },
    env: { GITHUB_WORKSPACE: workspace },
  });
  expect(missing.outputs.result).toBe('fail');
  expect(missing.stdout).toMatch(
    /^::warning::Input 'dockerfile': "nope\/Dockerfile" could not be read/m,
  );
});

test('12 failing images and a failing PR comment: at most 10 annotations a level, the verdict among them; the token is masked first', async () => {
  github.fail({ status: 403, message: 'Resource not accessible by integration' });
  const run = await gate(SERVICES);
  github.fail(null);
  expect(run.code).toBe(1);
  expect(run.outputs.result).toBe('fail');
  const lines = run.stdout.split('\n');
  const errors = lines.filter((l) => l.startsWith('::error'));
  const warnings = lines.filter((l) => l.startsWith('::warning'));
  expect(errors.length).toBeLessThanOrEqual(10);
  expect(warnings.length).toBeLessThanOrEqual(10);
  // The verdict line (setFailed) survives GitHub's cut, and says what was left out.
  expect(errors.some((l) => /^::error::ecr-risk-gate: /.test(l))).toBe(true);
  expect(errors.join('\n')).toMatch(/more error annotations left out/);
  expect(warnings.join('\n')).toMatch(/pull-requests: write/);
  // core.setSecret before any GitHub call and before any other workflow command.
  const commands = lines.filter((l) => l.startsWith('::'));
  expect(commands[0]).toBe('::add-mask::ghs_test');
});
