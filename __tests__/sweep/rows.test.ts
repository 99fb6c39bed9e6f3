// Issue 15 §1: the seed rows and the uploader rules on them, pure.
import { RULES } from '../../src/rules/catalog.js';
import { groupPushes, judgeSweep } from '../../src/rules/sweep-rows.js';
import type { Level, PushEvent, RuleId } from '../../src/model.js';

const T0 = Date.parse('2026-12-04T11:00:00Z');
const LEVELS = Object.fromEntries(
  Object.values(RULES).map((r) => [r.id, r.defaultLevel]),
) as Record<RuleId, Level>;

function push(id: string, minute: number, who: string, extra: Partial<PushEvent> = {}): PushEvent {
  const account = extra.principal?.accountId ?? '123456789012';
  const arn = `arn:aws:iam::${account}:role/${who}`;
  return {
    eventId: id,
    eventTime: new Date(T0 + minute * 60_000),
    region: 'eu-west-1',
    registryId: '123456789012',
    repository: 'app',
    tag: 'latest',
    digest: `sha256:${id}`,
    principal: { key: arn, arn, type: 'AssumedRole', accountId: account, name: who },
    userName: who,
    sourceIp: 'AWS Internal',
    ...extra,
  };
}

/** A push by digest: CloudTrail records no imageTag. */
function untagged(p: PushEvent): PushEvent {
  const copy = { ...p };
  delete copy.tag;
  return copy;
}

const judge = (pushes: PushEvent[], known: string[] = []) =>
  judgeSweep({
    pushes,
    baselines: new Map(),
    knownUploaders: known,
    historyDays: 30,
    levels: LEVELS,
    businessHours: null,
    imageIndexOf: () => 0,
  });

test('rows group by the SPL fields: a push by digest is its own row without imageTag', () => {
  const groups = groupPushes([
    push('a', 0, 'ci'),
    push('b', 5, 'ci'),
    push('c', 6, 'ci', { tag: 'v2' }),
    untagged(push('d', 7, 'ci')),
    push('e', 8, 'ci', { region: 'us-east-1' }),
  ]);
  expect(groups.map((g) => g.map((p) => p.eventId))).toEqual([['a', 'b'], ['c'], ['d'], ['e']]);
  const { rows } = judge([push('a', 0, 'ci'), push('b', 5, 'ci'), untagged(push('d', 7, 'ci'))]);
  expect(rows.map((r) => [r.imageTag, r.count, r.firstTime, r.lastTime])).toEqual([
    ['latest', 2, '2026-12-04T11:00:00', '2026-12-04T11:05:00'],
    [undefined, 1, '2026-12-04T11:07:00', '2026-12-04T11:07:00'],
  ]);
});

test('the same principal re-pushing its tag is routine; another principal pushing it is an overwrite', () => {
  const ci = 'arn:aws:iam::123456789012:role/ci';
  const routine = judge([push('a', 0, 'ci'), push('b', 5, 'ci')], [ci]);
  expect(routine.detections).toEqual([]);
  const overwritten = judge([push('a', 0, 'ci'), push('b', 5, 'intruder')], [ci]);
  const rules = overwritten.detections.map((d) => d.rule).sort();
  expect(rules).toEqual(['tag-overwrite', 'unknown-uploader']);
  expect(overwritten.detections.find((d) => d.rule === 'unknown-uploader')?.message).toBe(
    'Container uploaded from unknown user intruder',
  );
});

test('a pusher from another account is cross-account, with the row span as firstTime/lastTime', () => {
  const other = push('x', 3, 'deployer', {
    principal: {
      key: 'arn:aws:iam::999999999999:role/deployer',
      type: 'AssumedRole',
      accountId: '999999999999',
      name: 'deployer',
    },
  });
  const { detections } = judge(
    [other, { ...other, eventId: 'y', eventTime: new Date(T0 + 9 * 60_000) }],
    ['arn:aws:iam::999999999999:role/deployer'],
  );
  expect(detections.map((d) => [d.rule, d.firstTime, d.lastTime])).toEqual([
    ['cross-account-uploader', '2026-12-04T11:03:00', '2026-12-04T11:09:00'],
  ]);
});
