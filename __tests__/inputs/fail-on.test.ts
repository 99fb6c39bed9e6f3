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
      'unknown-uploader',
      'tag-overwrite',
      'cross-account-uploader',
      'scan-incomplete',
    ]);
  });

  test('replaces the fail set: rules taken out of it drop to warn, others keep their level', () => {
    const { levels } = settingsWith({ 'fail-on': 'critical' });
    expect(levels).toEqual({
      critical: 'fail',
      high: 'warn',
      medium: 'warn',
      low: 'notice',
      informational: 'off',
      undefined: 'notice',
      'unknown-uploader': 'warn',
      'tag-overwrite': 'warn',
      'cross-account-uploader': 'warn',
      'unverified-uploader': 'warn',
      'outside-business-hours': 'off',
      'scan-incomplete': 'warn',
    });
  });

  test('is a set, not a threshold: `medium` alone does not keep critical and high failing', () => {
    const { levels } = settingsWith({ 'fail-on': 'medium' });
    expect(failing(levels)).toEqual(['medium']);
    expect(levels.critical).toBe('warn');
  });

  test('commas, newlines, spaces and capitals are all fine; an off rule listed fails', () => {
    const { levels } = settingsWith({
      'fail-on': 'CRITICAL, high\nunknown-uploader\n\ninformational,',
    });
    expect(failing(levels)).toEqual(['critical', 'high', 'informational', 'unknown-uploader']);
  });

  test('none: no rule fails the gate', () => {
    const { levels } = settingsWith({ 'fail-on': 'none' });
    expect(failing(levels)).toEqual([]);
    expect(levels['scan-incomplete']).toBe('warn');
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
    expect(failing(levels)).toEqual(['outside-business-hours']);
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
  });

  test('resolveLevels keeps non-fail policy levels when fail-on is set', () => {
    const levels = resolveLevels({ low: 'warn', informational: 'notice' }, ['high']);
    expect(levels).toMatchObject({
      low: 'warn',
      informational: 'notice',
      high: 'fail',
      critical: 'warn',
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
