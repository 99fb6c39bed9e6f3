// Issue 4 acceptance through the bundle: one sticky comment per image, updated in place; a 403 is a
// warning that leaves the result alone.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { singleImage, startEmulator, type Emulator } from '../../emulator/index.js';
import { startGithubEmulator, type GithubEmulator } from '../../emulator/github.js';
import { ACCOUNT, HOST, REGION } from './scenarios.js';
import { runAction } from './run-action.js';

let aws: Emulator;
let github: GithubEmulator;
let event: string;

beforeAll(async () => {
  aws = await startEmulator({
    accountId: ACCOUNT,
    region: REGION,
    repositories: ['api', 'worker'].map((name) => ({
      name,
      registryId: ACCOUNT,
      scanType: 'BASIC' as const,
    })),
    images: ['api', 'worker'].map((name) =>
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

test('one create, then only updates on re-runs; a second image gets its own comment; 403 is a warning', async () => {
  const first = await gate(['api']);
  expect(first.code).toBe(1);
  expect(github.commentsOn('acme', 'shop', 17)).toHaveLength(1);
  const posts = () => github.requests.filter((r) => r.method === 'POST').length;
  const patches = () => github.requests.filter((r) => r.method === 'PATCH').length;
  expect([posts(), patches()]).toEqual([1, 0]);

  await gate(['api']);
  await gate(['api']);
  expect(github.commentsOn('acme', 'shop', 17)).toHaveLength(1);
  expect([posts(), patches()]).toEqual([1, 2]);

  await gate(['api', 'worker']);
  const comments = github.commentsOn('acme', 'shop', 17);
  expect(comments).toHaveLength(2);
  expect([posts(), patches()]).toEqual([2, 3]);
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
