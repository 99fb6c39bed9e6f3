// A busy account: 5,000 PutImage events across 200 repositories in the baseline window. The gate
// must stay at or under 2 LookupEvents calls per second and spend no more than 10% over the
// fewest calls its chosen strategy needs.
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudTrailAdapter } from '../../src/aws/cloudtrail.js';
import { RateLimiter } from '../../src/aws/rate-limit.js';
import type { ResolvedImage } from '../../src/model.js';
import {
  FakeClock,
  FakeCloudTrail,
  type IndexMode,
  roleIdentity,
  setAwsTestEnv,
} from './cloudtrail-helpers.js';

setAwsTestEnv();

const NOW = Date.parse('2024-05-21T10:10:00Z');
const PUSHED = Date.parse('2024-05-21T10:00:00Z');
const DAY = 86_400_000;
const WINDOW_DAYS = 30;
const TOTAL = 5000;
const REPOS = 200;
const GATED = ['repo-7', 'repo-42', 'repo-99', 'repo-150'];

function busyAccount(index: IndexMode, listResources: boolean) {
  const clock = new FakeClock(NOW);
  const trail = new FakeCloudTrail(clock, { index, listResources });
  // Spread over the 30 days before the pushes, never in the minutes around them.
  const span = WINDOW_DAYS * DAY - 10 * 60_000;
  for (let i = 0; i < TOTAL; i += 1) {
    trail.addPush({
      id: `noise-${i}`,
      time: new Date(PUSHED - 5 * 60_000 - Math.floor((i * span) / TOTAL)),
      repository: `repo-${i % REPOS}`,
      tag: 'latest',
      digest: `sha256:n${i}`,
      identity: roleIdentity(`team-${i % 7}`, `run-${i}`),
    });
  }
  GATED.forEach((repository, n) =>
    trail.addPush({
      id: `gated-${repository}`,
      time: new Date(PUSHED + n * 1000),
      repository,
      tag: 'v1',
      digest: `sha256:gated-${repository}`,
      identity: roleIdentity('ci-push', `run-x${n}`),
    }),
  );
  const client = new CloudTrailClient({ region: 'eu-west-1' });
  mockClient(client).on(LookupEventsCommand).callsFake(trail.lookup);
  const adapter = new CloudTrailAdapter({
    clientFor: () => client,
    now: clock.now,
    sleep: clock.sleep,
    limiter: new RateLimiter({ limit: 2, windowMs: 1000, now: clock.now, sleep: clock.sleep }),
  });
  return { trail, adapter, client };
}

const imageOf = (repository: string, n: number): ResolvedImage => ({
  target: { raw: `${repository}:v1`, repository, tag: 'v1' },
  registryId: '123456789012',
  region: 'eu-west-1',
  repository,
  imageDigest: `sha256:gated-${repository}`,
  imageTags: ['v1'],
  pushedAt: new Date(PUSHED + n * 1000),
});

const options = { timeoutMs: 300_000, historyDays: WINDOW_DAYS };
const pages = (events: number) => Math.max(1, Math.ceil(events / 50));

test('ResourceName proven on the push: the fewest calls (one find read for images pushed together), at most 2 per second', async () => {
  const { trail, adapter } = busyAccount('arn', true);
  const results = await Promise.all(
    GATED.map((repo, n) => adapter.investigate(imageOf(repo, n), options)),
  );

  for (const evidence of results) {
    expect(evidence.state).toBe('found');
    expect(evidence.historyComplete).toBe(true);
    expect(evidence.history).toHaveLength(TOTAL / REPOS);
  }
  // Fewest calls for this strategy: the find pages (everything in the narrow window around the
  // pushes, read once: the four were pushed together) plus the pages of each repository's own
  // events from the window start to now.
  const near = trail.events.filter((e) => Math.abs(e.time.getTime() - PUSHED) <= 2 * 60_000).length;
  const fewest = GATED.reduce((sum, repo, n) => {
    const pushed = PUSHED + n * 1000;
    const own = trail.events.filter(
      (e) =>
        e.record.includes(`"repositoryName":"${repo}"`) &&
        e.time.getTime() >= pushed - WINDOW_DAYS * DAY,
    );
    return sum + pages(own.length);
  }, pages(near));
  expect(adapter.callCount()).toBe(fewest);
  expect(trail.maxRequestsWithin(1000)).toBeLessThanOrEqual(2);
});

test('ResourceName unusable: EventName=PutImage bounded to 40 pages, within 10% of its fewest', async () => {
  const { trail, adapter } = busyAccount('none', false);
  const evidence = await adapter.investigate(imageOf('repo-7', 0), options);
  expect(evidence.state).toBe('found');
  expect(evidence.historyComplete).toBe(false);
  expect(evidence.historyReachesBack).toBeInstanceOf(Date);
  // Fewest for EventName: one find page and the 40-page bound for the baseline.
  const fewest = 1 + 40;
  expect(adapter.callCount()).toBeLessThanOrEqual(Math.floor(fewest * 1.1));
  expect(trail.maxRequestsWithin(1000)).toBeLessThanOrEqual(2);
});

test('a push that shows up late, four images polling at once: still at most 2 per second', async () => {
  const { trail, adapter } = busyAccount('arn', true);
  for (const event of trail.events.filter((e) => e.id.startsWith('gated-'))) {
    event.visibleAt = NOW + 45_000;
  }
  const results = await Promise.all(
    GATED.map((repo, n) => adapter.investigate(imageOf(repo, n), options)),
  );
  expect(results.every((r) => r.state === 'found')).toBe(true);
  expect(trail.maxRequestsWithin(1000)).toBeLessThanOrEqual(2);
});

test('a shared find read that fails: the image that waited for it reads for itself', async () => {
  const { trail, adapter, client } = busyAccount('arn', true);
  let first = true;
  mockClient(client)
    .on(LookupEventsCommand)
    .callsFake((input: Parameters<typeof trail.lookup>[0]) => {
      if (first) {
        first = false;
        throw Object.assign(new Error('User is not authorized'), {
          name: 'AccessDeniedException',
          $metadata: { httpStatusCode: 400 },
        });
      }
      return trail.lookup(input);
    });
  const [a, b] = await Promise.all([
    adapter.investigate(imageOf('repo-7', 0), options),
    adapter.investigate(imageOf('repo-42', 1), options),
  ]);
  expect(a.state).toBe('error');
  expect(b.state).toBe('found');
  expect(b.push?.eventId).toBe('gated-repo-42');
});

test('images pushed far apart each read their own window', async () => {
  const { trail, adapter } = busyAccount('arn', true);
  trail.addPush({
    id: 'gated-late',
    time: new Date(PUSHED + 5 * 60_000),
    repository: 'repo-late',
    tag: 'v1',
    digest: 'sha256:gated-repo-late',
    identity: roleIdentity('ci-push', 'run-late'),
  });
  const late: ResolvedImage = {
    ...imageOf('repo-late', 0),
    pushedAt: new Date(PUSHED + 5 * 60_000),
  };
  const [a, b] = await Promise.all([
    adapter.investigate(imageOf('repo-7', 0), options),
    adapter.investigate(late, options),
  ]);
  expect([a.state, b.state]).toEqual(['found', 'found']);
  const finds = trail.requests.filter(
    (r) => r.input.LookupAttributes?.[0]?.AttributeKey === 'EventName',
  );
  expect(finds).toHaveLength(2);
});
