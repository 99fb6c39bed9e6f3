import { readFileSync } from 'node:fs';
import { parsePushRecord } from '../../src/aws/cloudtrail-record.js';
import type { BusinessHours } from '../../src/inputs/settings.js';
import type { Level, PushEvent, ResolvedImage, RuleId, UploaderEvidence } from '../../src/model.js';
import { RULE_IDS } from '../../src/model.js';
import { RULES } from '../../src/rules/catalog.js';
import { principalFromIdentity } from '../../src/rules/identity.js';
import {
  baselinePushes,
  SAME_PUSH_GAP_MS,
  uploaderDetections,
  type UploaderRulesInput,
} from '../../src/rules/uploader.js';
import { sharedPath } from '../shared-data.js';

const levels = Object.fromEntries(RULE_IDS.map((id) => [id, RULES[id].defaultLevel])) as Record<
  RuleId,
  Level
>;

const recorded = parsePushRecord(
  JSON.parse(readFileSync(sharedPath('splunk/aws_ecr_container_upload_first_event.json'), 'utf8')),
);
if (recorded.kind !== 'push') throw new Error('fixture did not parse');
const splunkPush = recorded.push;

const splunkImage: ResolvedImage = {
  target: {
    raw: 'devsecops/cat_dog_server:latest',
    repository: 'devsecops/cat_dog_server',
    tag: 'latest',
  },
  registryId: '111111111112',
  region: 'eu-central-1',
  repository: 'devsecops/cat_dog_server',
  imageDigest: splunkPush.digest ?? '',
  imageTags: ['latest'],
  pushedAt: new Date('2021-08-18T23:17:30Z'),
};

const stats = { strategy: 'test', calls: 0, pages: 0, events: 0, malformed: 0, throttled: 0 };

const found = (push: PushEvent, rest: Partial<UploaderEvidence> = {}): UploaderEvidence => ({
  state: 'found',
  push,
  tagPushes: [],
  history: [],
  historyComplete: true,
  stats,
  ...rest,
});

const judge = (over: Partial<UploaderRulesInput>) =>
  uploaderDetections({
    image: splunkImage,
    imageIndex: 0,
    evidence: found(splunkPush),
    knownUploaders: [],
    historyDays: 30,
    levels,
    businessHours: null,
    ...over,
  });

// An image in the registry's own account, so cross-account stays quiet unless asked for.
const ACCOUNT = '123456789012';
const image: ResolvedImage = {
  target: { raw: 'app:v1', repository: 'app', tag: 'v1' },
  registryId: ACCOUNT,
  region: 'eu-west-1',
  repository: 'app',
  imageDigest: 'sha256:aaaa',
  imageTags: ['v1'],
  pushedAt: new Date('2024-05-21T10:00:00Z'),
};

const roleIdentity = (name: string, session: string, account = ACCOUNT) => ({
  type: 'AssumedRole',
  arn: `arn:aws:sts::${account}:assumed-role/${name}/${session}`,
  accountId: account,
  sessionContext: {
    sessionIssuer: {
      type: 'Role',
      arn: `arn:aws:iam::${account}:role/${name}`,
      accountId: account,
      userName: name,
    },
  },
});

let counter = 0;
const pushBy = (identity: unknown, at: string, over: Partial<PushEvent> = {}): PushEvent => {
  const principal = principalFromIdentity(identity);
  counter += 1;
  return {
    eventId: `event-${counter}`,
    eventTime: new Date(at),
    region: 'eu-west-1',
    registryId: ACCOUNT,
    repository: 'app',
    tag: 'v1',
    digest: 'sha256:aaaa',
    principal,
    userName: principal.name,
    sourceIp: 'AWS Internal',
    ...over,
  };
};

const appJudge = (evidence: UploaderEvidence, over: Partial<UploaderRulesInput> = {}) =>
  uploaderDetections({
    image,
    imageIndex: 2,
    evidence,
    knownUploaders: [],
    historyDays: 30,
    levels,
    businessHours: null,
    ...over,
  });

const rules = (detections: { rule: RuleId }[]) => detections.map((d) => d.rule).sort();

describe('acceptance: the recorded Splunk push, known-uploaders naming another principal', () => {
  const result = judge({ knownUploaders: ['arn:aws:iam::111111111112:role/ci-push'] });

  test('status unknown with one unknown-uploader row in the seed shape', () => {
    expect(result.status).toBe('unknown');
    const rows = result.detections.filter((d) => d.rule === 'unknown-uploader');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      rule: 'unknown-uploader',
      level: 'fail',
      severity: 'high',
      riskScore: 49,
      impact: 70,
      confidence: 70,
      message: 'Container uploaded from unknown user test',
      ignored: false,
      imageIndex: 0,
      phase: 'release',
      user: 'test',
      userName: 'test',
      src_ip: 'AWS Internal',
      imageTag: 'latest',
      registryId: '111111111112',
      image: 'devsecops/cat_dog_server',
      awsRegion: 'eu-central-1',
      eventName: 'PutImage',
      eventSource: 'ecr.amazonaws.com',
      firstTime: '2021-08-18T23:17:30',
      lastTime: '2021-08-18T23:17:30',
      principal: 'arn:aws:iam::111111111111:user/test',
    });
  });

  test('plus a cross-account-uploader row: pusher 111111111111, registry 111111111112', () => {
    const rows = result.detections.filter((d) => d.rule === 'cross-account-uploader');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      level: 'fail',
      riskScore: 63,
      message: 'Container uploaded from another account by test',
      user: 'test',
      registryId: '111111111112',
    });
    expect(rows[0]?.detail).toContain('111111111111');
    expect(rules(result.detections)).toEqual(['cross-account-uploader', 'unknown-uploader']);
  });
});

describe('statuses', () => {
  test('known: listed by name; no unknown-uploader, cross-account still fires', () => {
    const result = judge({ knownUploaders: ['test'] });
    expect(result.status).toBe('known');
    expect(result.matchedEntry).toBe('test');
    expect(rules(result.detections)).toEqual(['cross-account-uploader']);
  });

  test('no-baseline: first push, no list → a warning, no failure', () => {
    const result = judge({});
    expect(result.status).toBe('no-baseline');
    expect(rules(result.detections)).toEqual(['cross-account-uploader']);
    expect(result.warnings.map((w) => w.code)).toEqual(['no-baseline']);
  });

  test('baseline off and no list: nothing to compare with → no-baseline warning', () => {
    const result = judge({ historyDays: 0 });
    expect(result.status).toBe('no-baseline');
    expect(result.warnings[0]?.message).toContain('uploader-history-days is 0');
  });

  test('baseline off with a list that does not name the pusher → unknown', () => {
    expect(judge({ historyDays: 0, knownUploaders: ['other'] }).status).toBe('unknown');
  });

  test('a CI role pushing daily for 20 days under new session names is seen', () => {
    const history = Array.from({ length: 20 }, (_, day) =>
      pushBy(
        roleIdentity('ci-push', `GitHubActions-${1000 + day}`),
        new Date(Date.parse('2024-05-01T10:00:00Z') + day * 86_400_000).toISOString(),
      ),
    );
    const today = pushBy(roleIdentity('ci-push', 'GitHubActions-2000'), '2024-05-21T10:00:00Z');
    const result = appJudge(found(today, { history }));
    expect(result.status).toBe('seen');
    expect(result.detections).toEqual([]);
    expect(result.warnings).toEqual([]);

    const newcomer = pushBy(roleIdentity('intruder', 'x'), '2024-05-21T10:00:00Z');
    const second = appJudge(found(newcomer, { history }));
    expect(second.status).toBe('unknown');
    expect(rules(second.detections)).toEqual(['unknown-uploader']);
    expect(second.detections[0]?.message).toBe('Container uploaded from unknown user intruder');
    expect(second.detections[0]?.imageIndex).toBe(2);
  });

  test('pushes older than the window do not count', () => {
    const old = pushBy(roleIdentity('ci-push', 's'), '2024-04-01T10:00:00Z');
    const today = pushBy(roleIdentity('ci-push', 't'), '2024-05-21T10:00:00Z');
    expect(appJudge(found(today, { history: [old] }), { historyDays: 30 }).status).toBe(
      'no-baseline',
    );
    expect(appJudge(found(today, { history: [old] }), { historyDays: 90 }).status).toBe('seen');
  });

  test('sibling pushes of the same push (index platforms) do not make the pusher seen', () => {
    const newcomer = roleIdentity('new-role', 'run-1');
    // Platform manifests are pushed without a tag, seconds before the index.
    const child = pushBy(newcomer, '2024-05-21T09:59:50Z', { digest: 'sha256:child' });
    delete child.tag;
    const index = pushBy(newcomer, '2024-05-21T10:00:00Z', { digest: 'sha256:index' });
    expect(baselinePushes(index, [child], 30)).toEqual([]);
    expect(appJudge(found(index, { history: [child] })).status).toBe('no-baseline');
    // ... but a push by the same principal well before is a baseline.
    const earlier = pushBy(
      newcomer,
      new Date(Date.parse('2024-05-21T10:00:00Z') - SAME_PUSH_GAP_MS - 1000).toISOString(),
    );
    expect(appJudge(found(index, { history: [earlier] })).status).toBe('seen');
  });

  test('unverified: not found in time → one unverified-uploader row at level warn', () => {
    const result = appJudge({
      state: 'not-found',
      reason: 'no PutImage within 30 s',
      tagPushes: [],
      history: [],
      historyComplete: false,
      stats,
    });
    expect(result.status).toBe('unverified');
    expect(result.detections).toHaveLength(1);
    expect(result.detections[0]).toMatchObject({
      rule: 'unverified-uploader',
      level: 'warn',
      riskScore: 15,
      message: 'Uploader of image app:v1 could not be verified',
      detail: 'no PutImage within 30 s',
      image: 'app',
      imageTag: 'v1',
      registryId: ACCOUNT,
      firstTime: '2024-05-21T10:00:00',
    });
  });

  test('unverified: CloudTrail unreadable', () => {
    const result = appJudge({
      state: 'error',
      reason: 'AWS denied cloudtrail:LookupEvents',
      tagPushes: [],
      history: [],
      historyComplete: false,
      stats,
    });
    expect(result.status).toBe('unverified');
    expect(result.detections[0]?.detail).toContain('cloudtrail:LookupEvents');
  });

  test('skipped: no rows, a skipped warning', () => {
    const result = appJudge({
      state: 'skipped',
      reason: 'uploader-check is false',
      tagPushes: [],
      history: [],
      historyComplete: true,
      stats,
    });
    expect(result.status).toBe('skipped');
    expect(result.detections).toEqual([]);
    expect(result.warnings.map((w) => w.code)).toEqual(['skipped']);
  });

  test('a baseline cut short that found nobody is unverified (fails closed), saying how far back it reached', () => {
    // Not "first push": the days that were not read may hold other pushers.
    const today = pushBy(roleIdentity('ci-push', 't'), '2024-05-21T10:00:00Z');
    const result = appJudge(
      found(today, {
        historyComplete: false,
        historyReachesBack: new Date('2024-05-15T00:00:00Z'),
      }),
    );
    expect(result.status).toBe('unverified');
    expect(rules(result.detections)).toEqual(['unverified-uploader']);
    expect(result.detections[0]?.detail).toContain('2024-05-15T00:00:00.000Z');
    expect(result.warnings.map((w) => w.code)).not.toContain('no-baseline');
  });

  test('a baseline cut short that holds other pushers still makes a stranger unknown', () => {
    const today = pushBy(roleIdentity('stranger', 't'), '2024-05-21T10:00:00Z');
    const other = pushBy(roleIdentity('ci-push', 'u'), '2024-05-20T10:00:00Z');
    const result = appJudge(
      found(today, {
        history: [other],
        historyComplete: false,
        historyReachesBack: new Date('2024-05-15T00:00:00Z'),
      }),
    );
    expect(result.status).toBe('unknown');
    expect(rules(result.detections)).toContain('unknown-uploader');
    const partial = result.warnings.find((w) => w.code === 'baseline-partial');
    expect(partial?.message).toContain('2024-05-15T00:00:00.000Z');
  });

  test('levels come from the settings', () => {
    const result = judge({
      knownUploaders: ['x'],
      levels: { ...levels, 'unknown-uploader': 'warn' },
    });
    expect(result.detections.find((d) => d.rule === 'unknown-uploader')?.level).toBe('warn');
  });
});

describe('tag-overwrite', () => {
  const ci = roleIdentity('ci-push', 'run-1');
  const ours = pushBy(ci, '2024-05-21T10:00:00Z');

  test('the tag pushed again by another principal after our push', () => {
    const other = pushBy(roleIdentity('someone', 'x'), '2024-05-21T10:05:00Z', {
      digest: 'sha256:bbbb',
    });
    const result = appJudge(found(ours, { tagPushes: [other] }), { knownUploaders: ['ci-push'] });
    expect(result.status).toBe('known');
    expect(rules(result.detections)).toEqual(['tag-overwrite']);
    expect(result.detections[0]).toMatchObject({
      level: 'fail',
      riskScore: 56,
      message: 'Tag v1 in repository app was pushed by someone',
      user: 'someone',
      imageTag: 'v1',
      principal: 'arn:aws:iam::123456789012:role/someone',
      firstTime: '2024-05-21T10:05:00',
    });
    expect(result.detections[0]?.detail).toContain('sha256:bbbb');
  });

  test('two overwrites by one principal are one row spanning both times', () => {
    const a = pushBy(roleIdentity('someone', 'x'), '2024-05-21T10:05:00Z', { digest: 'sha256:b' });
    const b = pushBy(roleIdentity('someone', 'y'), '2024-05-21T10:09:00Z', { digest: 'sha256:c' });
    const result = appJudge(found(ours, { tagPushes: [b, a] }), { knownUploaders: ['ci-push'] });
    expect(result.detections).toHaveLength(1);
    expect(result.detections[0]).toMatchObject({
      firstTime: '2024-05-21T10:05:00',
      lastTime: '2024-05-21T10:09:00',
    });
  });

  test('the same principal re-pushing the same digest is not an overwrite', () => {
    const again = pushBy(roleIdentity('ci-push', 'run-2'), '2024-05-21T10:01:00Z');
    const result = appJudge(found(ours, { tagPushes: [again] }), { knownUploaders: ['ci-push'] });
    expect(result.detections).toEqual([]);
  });

  test('the same principal moving the tag to another digest is an overwrite', () => {
    const moved = pushBy(roleIdentity('ci-push', 'run-2'), '2024-05-21T10:01:00Z', {
      digest: 'sha256:newer',
    });
    const result = appJudge(found(ours, { tagPushes: [moved] }), { knownUploaders: ['ci-push'] });
    expect(rules(result.detections)).toEqual(['tag-overwrite']);
  });

  test('pushes of another tag are not about the gated tag', () => {
    const other = pushBy(roleIdentity('someone', 'x'), '2024-05-21T10:05:00Z', { tag: 'v2' });
    const result = appJudge(found(ours, { tagPushes: [other] }), { knownUploaders: ['ci-push'] });
    expect(result.detections).toEqual([]);
  });

  test('the tag now pointing at another digest (from ECR) with no recorded push', () => {
    const result = appJudge(found(ours), {
      knownUploaders: ['ci-push'],
      image: { ...image, tagMovedTo: 'sha256:elsewhere' },
    });
    expect(rules(result.detections)).toEqual(['tag-overwrite']);
    expect(result.detections[0]?.detail).toContain('sha256:elsewhere');
  });

  test('a tag pointing at the index of the gated platform manifest has not moved', () => {
    const result = appJudge(found(ours, { tagNowPointsAt: 'sha256:index' }), {
      knownUploaders: ['ci-push'],
      image: { ...image, imageDigest: 'sha256:child', indexDigest: 'sha256:index' },
    });
    expect(result.detections).toEqual([]);
  });
});

describe('outside-business-hours', () => {
  const berlin: BusinessHours = {
    startMinute: 8 * 60,
    endMinute: 20 * 60,
    days: [1, 2, 3, 4, 5],
    timezone: 'Europe/Berlin',
  };

  test('fires only when business hours are configured', () => {
    expect(judge({ knownUploaders: ['test'] }).detections.map((d) => d.rule)).not.toContain(
      'outside-business-hours',
    );
    const result = judge({
      knownUploaders: ['test'],
      businessHours: berlin,
      levels: { ...levels, 'outside-business-hours': 'warn' },
    });
    const row = result.detections.find((d) => d.rule === 'outside-business-hours');
    expect(row).toMatchObject({
      level: 'warn',
      riskScore: 49,
      message: 'Container uploaded outside business hours from test',
    });
    expect(row?.detail).toContain('Thu 01:17 Europe/Berlin');
  });

  test('a push inside business hours does not fire', () => {
    const noon = { ...splunkPush, eventTime: new Date('2021-08-18T10:00:00Z') };
    const result = judge({
      evidence: found(noon),
      knownUploaders: ['test'],
      businessHours: berlin,
    });
    expect(result.detections.map((d) => d.rule)).toEqual(['cross-account-uploader']);
  });

  test('an invalid time zone is a warning, not a crash', () => {
    const result = judge({
      knownUploaders: ['test'],
      businessHours: { ...berlin, timezone: 'Mars/Olympus' },
    });
    expect(result.detections.map((d) => d.rule)).toEqual(['cross-account-uploader']);
    expect(result.warnings[0]?.message).toContain('Mars/Olympus');
  });
});

describe('issue 18 §3: verdicts when CloudTrail only half answered', () => {
  const stranger = pushBy(roleIdentity('stranger', 'x'), '2024-05-21T10:00:00Z');
  const historyError =
    'the push was found, but the pushes around it could not be read (LookupEvents ResourceName=app from …): CloudTrail answered LookupEvents in eu-west-1 with HTTP 503';

  test('a failed history read makes a stranger unverified, never no-baseline', () => {
    const result = appJudge(
      found(stranger, { historyComplete: false, historyError, reason: historyError }),
    );
    expect(result.status).toBe('unverified');
    expect(rules(result.detections)).toEqual(['unverified-uploader']);
    expect(result.detections[0]?.detail).toBe(historyError);
    expect(result.detections[0]?.principal).toBe('arn:aws:iam::123456789012:role/stranger');
    expect(result.warnings.map((w) => w.code)).not.toContain('no-baseline');
  });

  test('a known uploader stays known, but the unread tag window is unverified', () => {
    const result = appJudge(found(stranger, { historyComplete: false, historyError }), {
      knownUploaders: ['stranger'],
    });
    expect(result.status).toBe('known');
    expect(rules(result.detections)).toEqual(['unverified-uploader']);
  });

  test('tag-overwrite fires from ECR alone when CloudTrail could not be read', () => {
    const result = appJudge(
      {
        state: 'error',
        reason: 'throttled',
        tagPushes: [],
        history: [],
        historyComplete: false,
        stats,
      },
      { image: { ...image, tagMovedTo: 'sha256:elsewhere' } },
    );
    expect(rules(result.detections)).toEqual(['tag-overwrite', 'unverified-uploader']);
    const row = result.detections.find((d) => d.rule === 'tag-overwrite');
    expect(row).toMatchObject({ level: 'fail', imageTag: 'v1', imageDigest: 'sha256:aaaa' });
    expect(row?.detail).toContain('now points at sha256:elsewhere');
  });

  test('tag-overwrite fires from ECR alone when the push is not in CloudTrail yet', () => {
    const result = appJudge(
      { state: 'not-found', tagPushes: [], history: [], historyComplete: false, stats },
      { image: { ...image, tagMovedTo: 'sha256:elsewhere' } },
    );
    expect(rules(result.detections)).toEqual(['tag-overwrite', 'unverified-uploader']);
  });

  test('no tag-overwrite when ECR saw no move', () => {
    const result = appJudge({
      state: 'not-found',
      tagPushes: [],
      history: [],
      historyComplete: false,
      stats,
    });
    expect(rules(result.detections)).toEqual(['unverified-uploader']);
  });

  test('no-baseline for an old push names only the days CloudTrail still held', () => {
    // Pushed 85 days before the run: CloudTrail (90 days) held 5 days before it, not 30.
    const old = pushBy(roleIdentity('ci-push', 'r'), '2024-05-21T10:00:00Z');
    const result = appJudge(found(old, { historyReachesBack: new Date('2024-05-16T10:10:00Z') }));
    expect(result.status).toBe('no-baseline');
    const message = result.warnings.find((w) => w.code === 'no-baseline')?.message ?? '';
    expect(message).not.toContain('in the 30 days');
    expect(message).toContain('4 days before it that CloudTrail still holds');
    expect(message).toContain('30 were asked for');
  });

  test('no-baseline with the full window read says the days asked for', () => {
    const recent = pushBy(roleIdentity('ci-push', 'r'), '2024-05-21T10:00:00Z');
    const result = appJudge(
      found(recent, { historyReachesBack: new Date('2024-04-21T10:00:00Z') }),
    );
    const message = result.warnings.find((w) => w.code === 'no-baseline')?.message ?? '';
    expect(message).toContain('in the 30 days before it');
  });
});
