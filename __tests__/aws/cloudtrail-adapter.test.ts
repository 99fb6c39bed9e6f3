import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudTrailAdapter } from '../../src/aws/cloudtrail.js';
import { RateLimiter } from '../../src/aws/rate-limit.js';
import type { Level, ResolvedImage, RuleId } from '../../src/model.js';
import { RULE_IDS } from '../../src/model.js';
import { RULES } from '../../src/rules/catalog.js';
import { uploaderDetections } from '../../src/rules/uploader.js';
import {
  FakeClock,
  gatedImage,
  FakeCloudTrail,
  type IndexMode,
  roleIdentity,
  setAwsTestEnv,
} from './cloudtrail-helpers.js';

setAwsTestEnv();

const NOW = Date.parse('2024-05-21T10:10:00Z');
const PUSHED = new Date('2024-05-21T10:00:00Z');
const DAY = 86_400_000;
const REPO_ARN = 'arn:aws:ecr:eu-west-1:123456789012:repository/app';

const image = (over: Partial<ResolvedImage> = {}): ResolvedImage => gatedImage(PUSHED, over);

function setup(index: IndexMode = 'arn', listResources = true, maxHistoryPages?: number) {
  const clock = new FakeClock(NOW);
  const trail = new FakeCloudTrail(clock, { index, listResources });
  const client = new CloudTrailClient({ region: 'eu-west-1' });
  mockClient(client).on(LookupEventsCommand).callsFake(trail.lookup);
  const limiter = new RateLimiter({ limit: 2, windowMs: 1000, now: clock.now, sleep: clock.sleep });
  const adapter = new CloudTrailAdapter({
    clientFor: () => client,
    now: clock.now,
    sleep: clock.sleep,
    limiter,
    ...(maxHistoryPages ? { maxHistoryPages } : {}),
  });
  return { clock, trail, adapter };
}

/** Our push plus three earlier daily pushes by the same CI role, and noise in other repos. */
function seed(trail: FakeCloudTrail): void {
  trail.addPush({
    id: 'ours',
    time: PUSHED,
    repository: 'app',
    tag: 'v1',
    digest: 'sha256:gated',
    identity: roleIdentity('ci-push', 'run-100'),
  });
  for (let day = 1; day <= 3; day += 1) {
    trail.addPush({
      id: `earlier-${day}`,
      time: new Date(PUSHED.getTime() - day * DAY),
      repository: 'app',
      tag: 'v1',
      digest: `sha256:old${day}`,
      identity: roleIdentity('ci-push', `run-${100 - day}`),
    });
    trail.addPush({
      id: `other-repo-${day}`,
      time: new Date(PUSHED.getTime() - day * DAY + 60_000),
      repository: 'other',
      tag: 'v1',
      digest: `sha256:x${day}`,
      identity: roleIdentity('someone', 's'),
    });
  }
}

const options = { timeoutMs: 60_000, historyDays: 30 };

describe('finding the push and calibrating the ResourceName lookup', () => {
  test('Resources name the repository ARN: one find call, one proven ResourceName read', async () => {
    const { trail, adapter } = setup('arn');
    seed(trail);
    const evidence = await adapter.investigate(image(), options);

    expect(evidence.state).toBe('found');
    expect(evidence.push?.eventId).toBe('ours');
    expect(evidence.push?.principal.key).toBe('arn:aws:iam::123456789012:role/ci-push');
    expect(evidence.history.map((p) => p.eventId).sort()).toEqual([
      'earlier-1',
      'earlier-2',
      'earlier-3',
    ]);
    expect(evidence.historyComplete).toBe(true);
    expect(trail.attributesUsed()).toEqual(['EventName=PutImage', `ResourceName=${REPO_ARN}`]);
    expect(evidence.stats).toMatchObject({ calls: 2, pages: 2, malformed: 0, throttled: 0 });
    expect(evidence.stats.strategy).toContain(`ResourceName=${REPO_ARN}`);
    expect(adapter.callCount()).toBe(2);

    // The find window is narrow around pushedAt; the ResourceName window contains the push.
    const [find, history] = trail.requests;
    expect(find?.input.StartTime?.getTime()).toBeGreaterThanOrEqual(PUSHED.getTime() - 5 * 60_000);
    expect(find?.input.EndTime?.getTime()).toBeLessThanOrEqual(PUSHED.getTime() + 5 * 60_000);
    expect(history?.input.StartTime?.getTime()).toBe(PUSHED.getTime() - 30 * DAY);
    expect(history?.input.EndTime?.getTime()).toBe(NOW);
    expect(find?.input.MaxResults).toBe(50);
  });

  test('Resources name the repository by name: that is what is looked up', async () => {
    const { trail, adapter } = setup('name');
    seed(trail);
    const evidence = await adapter.investigate(image(), options);
    expect(evidence.history).toHaveLength(3);
    expect(trail.attributesUsed()).toEqual(['EventName=PutImage', 'ResourceName=app']);
  });

  test('no Resources listed: tries the ARN, then the name, and remembers which worked', async () => {
    const { trail, adapter } = setup('name', false);
    seed(trail);
    trail.addPush({
      id: 'other-ours',
      time: PUSHED,
      repository: 'other',
      tag: 'v2',
      digest: 'sha256:o',
      identity: roleIdentity('ci-push', 'run-100'),
    });
    const first = await adapter.investigate(image(), options);
    expect(first.history).toHaveLength(3);
    expect(trail.attributesUsed()).toEqual([
      'EventName=PutImage',
      `ResourceName=${REPO_ARN}`,
      'ResourceName=app',
    ]);

    // The second repository goes straight to the proven form: no wasted probe.
    const before = trail.requests.length;
    const second = await adapter.investigate(
      image({
        repository: 'other',
        imageDigest: 'sha256:o',
        target: { raw: 'other:v2', repository: 'other', tag: 'v2' },
      }),
      options,
    );
    expect(second.state).toBe('found');
    expect(second.history.map((p) => p.eventId).sort()).toEqual([
      'other-repo-1',
      'other-repo-2',
      'other-repo-3',
    ]);
    expect(trail.attributesUsed().slice(before)).toEqual(['ResourceName=other']);
  });

  test('ResourceName unusable: falls back to EventName=PutImage, filtered client-side', async () => {
    const { trail, adapter } = setup('none', false);
    seed(trail);
    const evidence = await adapter.investigate(image(), options);
    expect(evidence.history.map((p) => p.eventId).sort()).toEqual([
      'earlier-1',
      'earlier-2',
      'earlier-3',
    ]);
    expect(evidence.history.every((p) => p.repository === 'app')).toBe(true);
    expect(trail.attributesUsed()).toEqual([
      'EventName=PutImage',
      `ResourceName=${REPO_ARN}`,
      'ResourceName=app',
      'EventName=PutImage',
    ]);
    expect(evidence.stats.strategy).toContain('around the push: EventName=PutImage');
  });

  test('the push already read for an earlier image costs no find call', async () => {
    const { trail, adapter } = setup('arn');
    seed(trail);
    await adapter.investigate(image(), options);
    const before = trail.requests.length;
    // An earlier push of the same repository was in the baseline read.
    const evidence = await adapter.investigate(
      image({ imageDigest: 'sha256:old1', pushedAt: new Date(PUSHED.getTime() - DAY) }),
      { timeoutMs: 0, historyDays: 0 },
    );
    expect(evidence.push?.eventId).toBe('earlier-1');
    // Only the tag window after that push is read.
    expect(trail.attributesUsed().slice(before)).toEqual([`ResourceName=${REPO_ARN}`]);
  });
});

describe('what is read around the push', () => {
  test('a baseline read stops at the page bound and says how far back it reaches', async () => {
    const { trail, adapter } = setup('none', false, 40);
    seed(trail);
    // 5,000 pushes to other repositories in the 30 days before.
    for (let i = 0; i < 5000; i += 1) {
      trail.addPush({
        id: `noise-${i}`,
        time: new Date(PUSHED.getTime() - 60_000 * 5 - i * 500_000),
        repository: `repo-${i % 200}`,
        tag: 'latest',
        digest: `sha256:n${i}`,
        identity: roleIdentity('others', 's'),
      });
    }
    const evidence = await adapter.investigate(image(), options);
    const fallbackCalls = trail
      .attributesUsed()
      .filter((a, i) => i > 0 && a === 'EventName=PutImage');
    expect(fallbackCalls).toHaveLength(40);
    expect(evidence.historyComplete).toBe(false);
    // Newest first: after 40 pages of 50 the oldest event read is the 2,000th newest in window.
    const inWindow = trail.events
      .filter((e) => e.time.getTime() >= PUSHED.getTime() - 30 * DAY)
      .sort((a, b) => b.time.getTime() - a.time.getTime());
    expect(evidence.historyReachesBack).toEqual(inWindow[1999]?.time);
  });

  test('baseline off and no tag: only the find call', async () => {
    const { trail, adapter } = setup('arn');
    seed(trail);
    const evidence = await adapter.investigate(
      image({ target: { raw: 'app@sha256:gated', repository: 'app', digest: 'sha256:gated' } }),
      { timeoutMs: 0, historyDays: 0 },
    );
    // The push itself set tag v1, so the tag window is still read.
    expect(evidence.state).toBe('found');
    expect(trail.requests).toHaveLength(2);

    const untagged = setup('arn');
    untagged.trail.addPush({
      id: 'child',
      time: PUSHED,
      repository: 'app',
      digest: 'sha256:child',
      identity: roleIdentity('ci-push', 'r'),
    });
    const child = await untagged.adapter.investigate(
      image({
        imageDigest: 'sha256:child',
        target: { raw: 'app@sha256:child', repository: 'app', digest: 'sha256:child' },
      }),
      { timeoutMs: 0, historyDays: 0 },
    );
    expect(child.state).toBe('found');
    expect(untagged.trail.requests).toHaveLength(1);
  });

  test('tag pushed again by another principal after our push → tag-overwrite', async () => {
    const { trail, adapter } = setup('arn');
    seed(trail);
    trail.addPush({
      id: 'overwrite',
      time: new Date(PUSHED.getTime() + 5 * 60_000),
      repository: 'app',
      tag: 'v1',
      digest: 'sha256:evil',
      identity: roleIdentity('intruder', 'x'),
    });
    const evidence = await adapter.investigate(image(), options);
    expect(evidence.tagPushes.map((p) => p.eventId)).toEqual(['overwrite']);
    expect(evidence.history.map((p) => p.eventId)).not.toContain('overwrite');

    const levels = Object.fromEntries(RULE_IDS.map((id) => [id, RULES[id].defaultLevel])) as Record<
      RuleId,
      Level
    >;
    const judged = uploaderDetections({
      image: image(),
      imageIndex: 0,
      evidence,
      knownUploaders: [],
      historyDays: 30,
      levels,
      businessHours: null,
    });
    expect(judged.status).toBe('seen');
    expect(judged.detections.map((d) => d.rule)).toEqual(['tag-overwrite']);
    expect(judged.detections[0]?.message).toBe('Tag v1 in repository app was pushed by intruder');
  });

  test('malformed records are skipped and counted once each', async () => {
    const { trail, adapter } = setup('arn');
    seed(trail);
    trail.events.push({
      id: 'broken',
      time: new Date(PUSHED.getTime() + 1000),
      name: 'PutImage',
      indexed: [REPO_ARN],
      listResources: true,
      record: '{"eventName": "PutImage", ',
      visibleAt: Number.NEGATIVE_INFINITY,
    });
    trail.addOther('layer', new Date(PUSHED.getTime() - 5000), 'CompleteLayerUpload', 'app');
    const evidence = await adapter.investigate(image(), options);
    expect(evidence.state).toBe('found');
    // Read by the find call and again by the baseline read: still one record.
    expect(evidence.stats.malformed).toBe(1);
    expect(evidence.history).toHaveLength(3);
  });

  test('the same digest pushed twice: the push nearest pushedAt is the one', async () => {
    const { trail, adapter } = setup('arn');
    seed(trail);
    trail.addPush({
      id: 'retag',
      time: new Date(PUSHED.getTime() + 90_000),
      repository: 'app',
      tag: 'prod',
      digest: 'sha256:gated',
      identity: roleIdentity('promoter', 'p'),
    });
    const evidence = await adapter.investigate(image(), options);
    expect(evidence.push?.eventId).toBe('ours');
  });
});
