import { UserError } from '../../src/errors.js';
import { checkFailOn, resolveLevels } from '../../src/inputs/levels.js';
import { parseSettings } from '../../src/inputs/parse.js';
import type { RawInputs } from '../../src/inputs/settings.js';
import { RULE_IDS, type Level, type RuleId } from '../../src/model.js';
import { parsePolicy } from '../../src/policy/parse.js';
import { emptyPolicy, type Policy } from '../../src/policy/policy.js';

const ENV = { AWS_REGION: 'us-east-1' };
const FILE = '.github/ecr-risk-gate.yml';

const settingsWith = (raw: RawInputs, policy: Policy | null = null) =>
  parseSettings({ image: 'app:1', ...raw }, ENV, policy);

const failing = (levels: Record<RuleId, Level>): RuleId[] =>
  RULE_IDS.filter((id) => levels[id] === 'fail');

describe('fail-on', () => {
  test('default fail set (SPEC section 2)', () => {
    expect(failing(settingsWith({}).levels)).toEqual([
      'critical',
      'high',
      'exploitable',
      'unknown-uploader',
      'tag-overwrite',
      'cross-account-uploader',
      'scan-incomplete',
    ]);
  });

  // Table in the style of docker/build-push-action's context tests: [name, fail-on, levels that
  // differ from the defaults]. Expected levels written from SPEC section 1 (updated), not from
  // the code's output: a severity word is a threshold, families not named keep their defaults,
  // rules of a named family left out drop from fail to warn, `none` turns every fail off.
  const DEFAULTS: Record<RuleId, Level> = {
    critical: 'fail',
    high: 'fail',
    medium: 'warn',
    low: 'notice',
    informational: 'off',
    undefined: 'notice',
    exploitable: 'fail',
    'unknown-uploader': 'fail',
    'tag-overwrite': 'fail',
    'cross-account-uploader': 'fail',
    'unverified-uploader': 'warn',
    'outside-business-hours': 'off',
    'scan-incomplete': 'fail',
  };
  test.each<[string, string, Partial<Record<RuleId, Level>>]>([
    [
      'critical: threshold at the top, high drops to warn',
      'critical',
      { high: 'warn', exploitable: 'warn' },
    ],
    [
      "high = critical + high (the peers' reading; the old set semantics demoted critical)",
      'high',
      // exploitable is in the severity family (README): naming a severity alone drops it to warn.
      { exploitable: 'warn' },
    ],
    ['medium = critical + high + medium', 'medium', { medium: 'fail', exploitable: 'warn' }],
    ['low', 'low', { medium: 'fail', low: 'fail', exploitable: 'warn' }],
    [
      'informational: every severity but undefined',
      'informational',
      { medium: 'fail', low: 'fail', informational: 'fail', exploitable: 'warn' },
    ],
    [
      'undefined fails only when named; it is no threshold',
      'undefined',
      { critical: 'warn', high: 'warn', undefined: 'fail', exploitable: 'warn' },
    ],
    ['high + undefined', 'high,undefined', { undefined: 'fail', exploitable: 'warn' }],
    [
      'an uploader rule replaces the uploader family only; severities keep their defaults',
      'unknown-uploader',
      { 'tag-overwrite': 'warn', 'cross-account-uploader': 'warn' },
    ],
    [
      'unverified-uploader named: the rest of the uploader family drops to warn',
      'unverified-uploader',
      {
        'unverified-uploader': 'fail',
        'unknown-uploader': 'warn',
        'tag-overwrite': 'warn',
        'cross-account-uploader': 'warn',
      },
    ],
    ['scan-incomplete alone changes nothing', 'scan-incomplete', {}],
    [
      'exploitable alone: the other finding rules drop to warn',
      'exploitable',
      { critical: 'warn', high: 'warn' },
    ],
    ['critical + exploitable keeps exploits failing', 'critical,exploitable', { high: 'warn' }],
    [
      'severity + uploader families named; scan-incomplete keeps failing',
      'critical\nunknown-uploader',
      {
        high: 'warn',
        exploitable: 'warn',
        'tag-overwrite': 'warn',
        'cross-account-uploader': 'warn',
      },
    ],
    [
      'none: nothing fails by rule',
      'none',
      {
        critical: 'warn',
        high: 'warn',
        exploitable: 'warn',
        'unknown-uploader': 'warn',
        'tag-overwrite': 'warn',
        'cross-account-uploader': 'warn',
        'scan-incomplete': 'warn',
      },
    ],
    [
      'capitals, spaces and a threshold named twice',
      ' HIGH , critical,high ',
      { exploitable: 'warn' },
    ],
  ])('%s (fail-on: %j)', (_name, failOn, changed) => {
    expect(settingsWith({ 'fail-on': failOn }).levels).toEqual({ ...DEFAULTS, ...changed });
  });

  test('the old meaning of `fail-on: high` (high only) is written with a policy level', () => {
    const policy = parsePolicy('rules:\n  critical: warn\n', FILE);
    const { levels } = settingsWith({ 'fail-on': 'high' }, policy);
    // critical is named by the threshold, so fail-on promotes it: the migration note says to use
    // `rules:` levels with no severity word in fail-on for a set that is not a threshold.
    expect(levels.critical).toBe('fail');
    const setOnly = settingsWith(
      {},
      parsePolicy('rules:\n  critical: warn\n  high: fail\n', FILE),
    ).levels;
    expect(failing(setOnly)).toEqual([
      'high',
      'exploitable',
      'unknown-uploader',
      'tag-overwrite',
      'cross-account-uploader',
      'scan-incomplete',
    ]);
  });

  test('commas, newlines, spaces and capitals are all fine; an off rule listed fails', () => {
    const { levels } = settingsWith({
      'fail-on': 'CRITICAL, high\nunknown-uploader\n\ninformational,',
    });
    expect(failing(levels)).toEqual([
      'critical',
      'high',
      'medium',
      'low',
      'informational',
      'unknown-uploader',
      'scan-incomplete',
    ]);
  });

  test.each([
    ['none, critical', '"none" cannot be combined with rule ids'],
    ['crit', 'unknown rule id "crit"'],
    ['critical,hihg,severe', 'unknown rule ids "hihg", "severe"'],
  ])('%j is an error listing the valid ids', (failOn, problem) => {
    expect(() => settingsWith({ 'fail-on': failOn })).toThrow(UserError);
    expect(() => settingsWith({ 'fail-on': failOn })).toThrow(problem);
    expect(() => settingsWith({ 'fail-on': failOn })).toThrow(RULE_IDS.join(', '));
  });

  test('checkFailOn: empty means not set', () => {
    expect(checkFailOn('')).toEqual({ ok: true, value: null });
    expect(checkFailOn('  \n# only a comment\n')).toEqual({ ok: true, value: null });
  });

  test('outside-business-hours in fail-on needs hours from the policy file', () => {
    expect(() => settingsWith({ 'fail-on': 'outside-business-hours' })).toThrow(
      /Input 'fail-on': outside-business-hours needs business hours/,
    );
    const policy = parsePolicy(
      'rules:\n  outside-business-hours: { hours: "09:00-17:00" }\n',
      FILE,
    );
    const { levels } = settingsWith({ 'fail-on': 'outside-business-hours' }, policy);
    expect(failing(levels)).toEqual([
      'critical',
      'high',
      'exploitable',
      'outside-business-hours',
      'scan-incomplete',
    ]);
  });
});

describe('precedence: catalog defaults, then policy rules, then fail-on', () => {
  test('policy rules change levels', () => {
    const policy = parsePolicy('rules:\n  medium: fail\n  critical: warn\n  low: off\n', FILE);
    const { levels } = settingsWith({}, policy);
    expect(levels).toMatchObject({ medium: 'fail', critical: 'warn', low: 'off', high: 'fail' });
  });

  test('fail-on comes last: it demotes a rule the policy made fail and promotes one it turned off', () => {
    const policy = parsePolicy('rules:\n  medium: fail\n  critical: off\n', FILE);
    const { levels } = settingsWith({ 'fail-on': 'critical' }, policy);
    expect(levels).toMatchObject({ critical: 'fail', medium: 'warn', high: 'warn' });
    // the uploader family was not named: a policy level there stands
    const kept = settingsWith(
      { 'fail-on': 'critical' },
      parsePolicy('rules:\n  unverified-uploader: fail\n', FILE),
    ).levels;
    expect(kept['unverified-uploader']).toBe('fail');
  });

  test('resolveLevels keeps non-fail policy levels when fail-on is set', () => {
    const levels = resolveLevels({ low: 'warn', informational: 'notice' }, ['critical']);
    expect(levels).toMatchObject({
      low: 'warn',
      informational: 'notice',
      critical: 'fail',
      high: 'warn',
    });
  });

  test('risk-threshold: the input wins over the policy; the policy applies when the input is empty', () => {
    const policy = { ...emptyPolicy(FILE), riskThreshold: 150 };
    expect(settingsWith({ 'risk-threshold': '60' }, policy).riskThreshold).toBe(60);
    expect(settingsWith({ 'risk-threshold': '' }, policy).riskThreshold).toBe(150);
    expect(settingsWith({}, null).riskThreshold).toBeNull();
  });

  test('known-uploaders: input and policy lists are merged without duplicates', () => {
    const policy = parsePolicy(
      'known-uploaders:\n  - arn:aws:iam::123456789012:role/ci\n  - release-bot\n',
      FILE,
    );
    const settings = settingsWith(
      {
        'known-uploaders':
          'arn:aws:iam::123456789012:user/alice\narn:aws:iam::123456789012:role/ci',
      },
      policy,
    );
    expect(settings.knownUploaders).toEqual([
      'arn:aws:iam::123456789012:user/alice',
      'arn:aws:iam::123456789012:role/ci',
      'release-bot',
    ]);
  });

  test('ignores, ignore-unfixed, business hours and the file name come from the policy', () => {
    const policy = parsePolicy(
      [
        'ignore:',
        '  - id: CVE-2021-3326',
        '    reason: not reachable',
        'ignore-unfixed: true',
        'rules:',
        '  outside-business-hours: { level: notice, hours: "08:00-20:00", days: mon-fri, timezone: Europe/Berlin }',
      ].join('\n'),
      FILE,
    );
    const settings = settingsWith({}, policy);
    expect(settings.ignores).toEqual([
      { id: 'CVE-2021-3326', reason: 'not reachable', source: `${FILE}:2` },
    ]);
    expect(settings.ignoreUnfixed).toBe(true);
    expect(settings.policyFile).toBe(FILE);
    expect(settings.levels['outside-business-hours']).toBe('notice');
    expect(settings.businessHours).toEqual({
      startMinute: 480,
      endMinute: 1200,
      days: [1, 2, 3, 4, 5],
      timezone: 'Europe/Berlin',
    });
  });
});
