import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { startGithubEmulator, type GithubEmulator } from '../../emulator/github.js';
import {
  publishPrComments,
  publishPrCommentsDetailed,
  type PullRequestContext,
} from '../../src/github/pr-comment.js';
import { prCommentMarker } from '../../src/report/pr-comment.js';
import {
  buildTestReport,
  multiImageReport,
  splunkFindings,
  splunkReport,
} from '../report/fixtures.js';

const PR: PullRequestContext = {
  eventName: 'pull_request',
  owner: 'acme',
  repo: 'shop',
  prNumber: 7,
};
const CLIENT_MARKER = prCommentMarker(
  '111111111111.dkr.ecr.eu-central-1.amazonaws.com/devsecops/cat_dog_client',
);

let gh: GithubEmulator;
beforeEach(async () => {
  gh = await startGithubEmulator();
});
afterEach(async () => {
  await gh.close();
});

// Most cases below are about one image's comment: `per-image` keys it by the image.
const publish = (report = splunkReport(), context: PullRequestContext = PR) =>
  publishPrCommentsDetailed(report, 'test-token', {
    context,
    baseUrl: gh.url,
    env: {},
    perImage: true,
  });

describe('sticky PR comment', () => {
  test('creates one comment, then only updates it when the same image is gated again', async () => {
    const first = await publish(splunkReport({ tags: ['build-1'] }));
    expect(first.warnings).toEqual([]);
    expect(first.published).toEqual([expect.objectContaining({ action: 'created' })]);

    const second = await publish(
      splunkReport({ tags: ['build-2'], digest: `sha256:${'c'.repeat(64)}` }),
    );
    const third = await publish(splunkReport({ tags: ['build-3'] }));
    expect(second.published.map((p) => p.action)).toEqual(['updated']);
    expect(third.published.map((p) => p.action)).toEqual(['updated']);

    const onPr = gh.commentsOn('acme', 'shop', 7);
    expect(onPr).toHaveLength(1);
    expect(onPr[0]?.body.startsWith(CLIENT_MARKER)).toBe(true);
    expect(onPr[0]?.body).toContain('build-3');
    expect(gh.requests.filter((r) => r.method === 'POST' && r.path !== '/graphql')).toHaveLength(1);
    expect(gh.requests.filter((r) => r.method === 'PATCH')).toHaveLength(2);
    expect(gh.requests.every((r) => r.authorization === 'token test-token')).toBe(true);
  });

  test('a second image gets its own comment; platforms of one index share one', async () => {
    const report = multiImageReport();
    const result = await publish(report);
    expect(result.warnings).toEqual([]);
    // Four image reports, three repositories: the two platforms of cat_dog_server share one.
    expect(result.published.map((p) => p.action)).toEqual(['created', 'created', 'created']);
    const again = await publish(report);
    expect(again.published.map((p) => p.action)).toEqual(['updated', 'updated', 'updated']);
    const bodies = gh.commentsOn('acme', 'shop', 7).map((c) => c.body);
    expect(bodies).toHaveLength(3);
    const server = bodies.find((b) => b.includes('cat_dog_server'));
    expect(server).toContain('linux/amd64');
    expect(server).toContain('linux/arm64');
  });

  test('finds its comment past the first page and never adds a second one', async () => {
    for (let i = 0; i < 150; i += 1) {
      gh.addComment({
        owner: 'acme',
        repo: 'shop',
        issue: 7,
        body: `chatter ${i}`,
        user: { login: 'dev', type: 'User' },
      });
    }
    const mine = gh.addComment({
      owner: 'acme',
      repo: 'shop',
      issue: 7,
      body: `${CLIENT_MARKER}\nold report`,
    });
    const result = await publish();
    expect(result.published).toEqual([{ key: expect.any(String), action: 'updated', id: mine.id }]);
    expect(gh.requests.filter((r) => r.method === 'GET').map((r) => r.query.page)).toEqual([
      '1',
      '2',
    ]);
    expect(gh.commentsOn('acme', 'shop', 7)).toHaveLength(151);
  });

  test("hijack: a person's comment that starts with the marker is never edited", async () => {
    const person = gh.addComment({
      owner: 'acme',
      repo: 'shop',
      issue: 7,
      body: `${CLIENT_MARKER}\nlooks bad`,
      user: { login: 'dev', type: 'User', id: 77 },
    });
    const first = await publish();
    expect(first.published.map((p) => p.action)).toEqual(['created']);
    expect(gh.edits).toEqual([]);
    // The next run edits its own comment, still never the person's.
    const second = await publish();
    expect(second.published).toEqual([
      expect.objectContaining({ action: 'updated', id: first.published[0]?.id }),
    ]);
    expect(gh.comments.find((c) => c.id === person.id)?.body).toBe(`${CLIENT_MARKER}\nlooks bad`);
    expect(gh.edits.map((e) => e.author)).toEqual(['github-actions[bot]']);
  });

  test('suppression: a marker planted first by someone else, even another bot, does not stop ours', async () => {
    const planted = [
      gh.addComment({
        owner: 'acme',
        repo: 'shop',
        issue: 7,
        body: `${CLIENT_MARKER}\nall good, nothing to see`,
        user: { login: 'mallory', type: 'User', id: 66 },
      }),
      gh.addComment({
        owner: 'acme',
        repo: 'shop',
        issue: 7,
        body: `${CLIENT_MARKER}\nfrom another app`,
        user: { login: 'other-app[bot]', type: 'Bot', id: 5555 },
      }),
    ];
    const result = await publish();
    expect(result.warnings).toEqual([]);
    expect(result.published.map((p) => p.action)).toEqual(['created']);
    expect(gh.edits).toEqual([]);
    const ours = gh
      .commentsOn('acme', 'shop', 7)
      .filter((c) => c.user.login === 'github-actions[bot]');
    expect(ours).toHaveLength(1);
    expect(ours[0]?.body).toContain('cat_dog_client');
    for (const p of planted) expect(gh.comments.find((c) => c.id === p.id)?.body).toBe(p.body);
    // The identity is resolved once per run, before any comment is read.
    const graphql = gh.requests.filter((r) => r.path === '/graphql');
    expect(graphql).toHaveLength(1);
    expect(gh.requests.indexOf(graphql[0] as (typeof gh.requests)[number])).toBe(0);
  });

  test("a personal token's own comment is updated; github-actions[bot]'s is not", async () => {
    gh.setIdentity('pat-token', { login: 'release-bot-user', type: 'User', id: 4242 });
    const actions = gh.addComment({
      owner: 'acme',
      repo: 'shop',
      issue: 7,
      body: `${CLIENT_MARKER}\nx`,
    });
    const mine = gh.addComment({
      owner: 'acme',
      repo: 'shop',
      issue: 7,
      body: `${CLIENT_MARKER}\nmine`,
      user: { login: 'release-bot-user', type: 'User', id: 4242 },
    });
    const result = await publishPrCommentsDetailed(splunkReport(), 'pat-token', {
      context: PR,
      baseUrl: gh.url,
      env: {},
      perImage: true,
    });
    expect(result.published).toEqual([expect.objectContaining({ action: 'updated', id: mine.id })]);
    expect(gh.comments.find((c) => c.id === actions.id)?.body).toBe(`${CLIENT_MARKER}\nx`);
  });

  test('an error body that echoes the request headers never reaches the warning', async () => {
    const token = 'ghs_SECRETsecretSECRET0123456789abcdef';
    gh.fail({
      status: 401,
      message: `Bad credentials. Request was: Authorization: token ${token} Cookie: a`,
    });
    const warnings = await publishPrComments(splunkReport(), token, {
      context: PR,
      baseUrl: gh.url,
      env: {},
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('401');
    expect(warnings[0]).not.toContain('SECRET');
    expect(warnings[0]).not.toMatch(/gh[pousr]_/);
  });

  test('a 403 (read-only fork token) is a warning naming the permission, never a throw', async () => {
    gh.fail({ status: 403 });
    const warnings = await publishPrComments(splunkReport(), 'test-token', {
      context: PR,
      baseUrl: gh.url,
      env: {},
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('pull-requests: write');
    expect(warnings[0]).toContain('403');
    expect(warnings[0]).toContain('result is unchanged');
    expect(gh.comments).toHaveLength(0);
  });

  test('a 403 on writing only (listing allowed) is also a warning', async () => {
    gh.fail({ status: 403, methods: ['POST', 'PATCH'] });
    const result = await publish();
    expect(result.warnings[0]).toMatch(/HTTP 403.*pull-requests: write/);
    expect(result.published).toEqual([]);
  });

  test('a 404 is a warning too', async () => {
    gh.fail({ status: 404 });
    const result = await publish();
    expect(result.warnings[0]).toMatch(/HTTP 404.*pull-requests: write/);
  });

  test('an unreachable API is a warning, not a crash', async () => {
    const url = gh.url;
    await gh.close();
    gh = await startGithubEmulator();
    const result = await publishPrCommentsDetailed(splunkReport(), 't', {
      context: PR,
      baseUrl: url,
      env: {},
      timeoutMs: 5000,
    });
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toContain('not written');
  });

  test('does nothing outside pull-request events', async () => {
    const result = await publish(splunkReport(), { ...PR, eventName: 'push', prNumber: null });
    expect(result.skipped).toContain('push');
    expect(gh.requests).toHaveLength(0);
  });

  test('pull_request_target is a pull-request event too', async () => {
    const result = await publish(splunkReport(), { ...PR, eventName: 'pull_request_target' });
    expect(result.published).toHaveLength(1);
  });

  test('honours GITHUB_API_URL (GitHub Enterprise Server) and reads the PR from the event file', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'ecr-gate-event-'));
    const eventPath = join(dir, 'event.json');
    writeFileSync(
      eventPath,
      JSON.stringify({ action: 'synchronize', pull_request: { number: 42 } }),
    );
    const result = await publishPrCommentsDetailed(splunkReport(), 'ghes-token', {
      env: {
        GITHUB_API_URL: `${gh.url}/api/v3`,
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_REPOSITORY: 'corp/app',
        GITHUB_EVENT_PATH: eventPath,
      },
    });
    expect(result.warnings).toEqual([]);
    expect(gh.commentsOn('corp', 'app', 42)).toHaveLength(1);
    expect(gh.requests.find((r) => r.path !== '/graphql')?.path).toBe(
      '/repos/corp/app/issues/42/comments',
    );
  });

  test('comment bodies stay under 65,536 characters for a big report', async () => {
    const findings = splunkFindings();
    const many = Array.from({ length: 40 }, (_, i) =>
      findings.map((f) => ({ ...f, id: `${f.id}-${i}`, name: `${f.name}-${i}` })),
    ).flat();
    const report = buildTestReport([{ findings: many }]);
    const result = await publish(report);
    expect(result.warnings).toEqual([]);
    expect(gh.comments[0]?.body.length).toBeLessThan(65_536);
  });
});

describe('matrix-safe comments (issue 12 sections 3 and 4)', () => {
  const JOB_ENV = {
    GITHUB_WORKFLOW: 'release',
    GITHUB_JOB: 'gate',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_RUN_ID: '123456',
    GITHUB_SERVER_URL: 'https://github.com',
  };
  const twelve = () =>
    buildTestReport(
      Array.from({ length: 12 }, (_, i) => ({
        repository: `team/svc-${String(i).padStart(2, '0')}`,
        findings: splunkFindings().slice(0, 3),
        uploaderStatus: 'known' as const,
      })),
    );

  test('one comment per job with a section per image, linking the workflow run', async () => {
    const result = await publishPrCommentsDetailed(twelve(), 'test-token', {
      context: PR,
      baseUrl: gh.url,
      env: JOB_ENV,
    });
    expect(result.warnings).toEqual([]);
    const comments = gh.commentsOn('acme', 'shop', 7);
    expect(comments).toHaveLength(1);
    const body = comments[0]?.body ?? '';
    for (let i = 0; i < 12; i += 1)
      expect(body).toContain(`team/svc-${String(i).padStart(2, '0')}`);
    expect(body).toContain('](https://github.com/acme/shop/actions/runs/123456)');
    // The same job again: updated in place.
    const again = await publishPrCommentsDetailed(twelve(), 'test-token', {
      context: PR,
      baseUrl: gh.url,
      env: JOB_ENV,
    });
    expect(again.published.map((p) => p.action)).toEqual(['updated']);
  });

  test('matrix legs gating different images keep their own comment; comment-key decides when set', async () => {
    const leg = (repository: string, commentKey?: string) =>
      publishPrCommentsDetailed(buildTestReport([{ repository, uploaderStatus: 'known' }]), 't', {
        context: PR,
        baseUrl: gh.url,
        env: JOB_ENV,
        ...(commentKey ? { commentKey } : {}),
      });
    await leg('team/api');
    await leg('team/web');
    await leg('team/api');
    expect(gh.commentsOn('acme', 'shop', 7)).toHaveLength(2);
    await leg('team/api', 'linux-arm64');
    await leg('team/api', 'linux-amd64');
    expect(gh.commentsOn('acme', 'shop', 7)).toHaveLength(4);
  });

  test('per-image asks for one comment per image', async () => {
    await publishPrCommentsDetailed(multiImageReport(), 'test-token', {
      context: PR,
      baseUrl: gh.url,
      env: JOB_ENV,
      perImage: true,
    });
    expect(gh.commentsOn('acme', 'shop', 7).length).toBeGreaterThan(1);
  });
});
