import { UserError } from '../../src/errors.js';
import { parsePolicy } from '../../src/policy/parse.js';
import { emptyPolicy } from '../../src/policy/policy.js';

const FILE = '.github/ecr-risk-gate.yml';

function errorOf(text: string): string {
  try {
    parsePolicy(text, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as UserError).message;
  }
  throw new Error('expected a UserError, nothing was thrown');
}

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('parsePolicy: valid files', () => {
  test('the SPEC example', () => {
    const policy = parsePolicy(
      lines(
        'ignore:                       # each needs a reason',
        '  - id: CVE-2021-3326',
        '    package: glibc            # optional: only this package',
        '    reason: not reachable from our entrypoint',
        '    expires: 2027-01-31',
        'known-uploaders:',
        '  - arn:aws:iam::123456789012:role/github-actions-ecr-push',
        'rules:                        # level per rule id, or an object',
        '  medium: notice',
        '  outside-business-hours: { level: warn, hours: "08:00-20:00", days: mon-fri, timezone: Europe/Berlin }',
        'risk-threshold: 150',
        'ignore-unfixed: false',
      ),
      FILE,
    );
    expect(policy).toEqual({
      file: FILE,
      ignores: [
        {
          id: 'CVE-2021-3326',
          package: 'glibc',
          reason: 'not reachable from our entrypoint',
          expires: '2027-01-31',
          source: `${FILE}:2`,
        },
      ],
      knownUploaders: ['arn:aws:iam::123456789012:role/github-actions-ecr-push'],
      rules: { medium: 'notice', 'outside-business-hours': 'warn' },
      businessHours: {
        startMinute: 8 * 60,
        endMinute: 20 * 60,
        days: [1, 2, 3, 4, 5],
        timezone: 'Europe/Berlin',
      },
      riskThreshold: 150,
      ignoreUnfixed: false,
      compareUnchanged: null,
    });
  });

  test.each(['', '# only a comment\n', '---\n', 'ignore:\nrules:\n'])(
    '%j is an empty policy',
    (text) => {
      expect(parsePolicy(text, FILE)).toEqual(emptyPolicy(FILE));
    },
  );

  test('each ignore entry records the line it was written on', () => {
    const policy = parsePolicy(
      lines(
        'ignore:',
        '  - id: CVE-1',
        '    reason: a',
        '',
        '  # the next one is scoped',
        '  - { id: CVE-2, package: openssl, reason: b }',
      ),
      FILE,
    );
    expect(policy.ignores.map((i) => i.source)).toEqual([`${FILE}:2`, `${FILE}:6`]);
  });

  test('quoted and unquoted dates are the same', () => {
    const policy = parsePolicy(
      lines(
        'ignore:',
        '  - {id: A, reason: r, expires: "2027-01-31"}',
        '  - {id: B, reason: r, expires: 2027-01-31}',
      ),
      FILE,
    );
    expect(policy.ignores.map((i) => i.expires)).toEqual(['2027-01-31', '2027-01-31']);
  });

  test('business hours: hours without level means warn; days and timezone default to mon-fri, UTC', () => {
    const policy = parsePolicy(
      lines('rules:', '  outside-business-hours:', '    hours: 07:30-18:00'),
      FILE,
    );
    expect(policy.rules['outside-business-hours']).toBe('warn');
    expect(policy.businessHours).toEqual({
      startMinute: 450,
      endMinute: 1080,
      days: [1, 2, 3, 4, 5],
      timezone: 'UTC',
    });
  });

  test.each([
    ['mon,wed,fri', [1, 3, 5]],
    ['[mon, wed, fri]', [1, 3, 5]],
    ['sat-sun', [0, 6]],
    ['fri-mon', [0, 1, 5, 6]],
    ['mon-wed,fri', [1, 2, 3, 5]],
  ])('days %s', (days, expected) => {
    const policy = parsePolicy(
      lines('rules:', '  outside-business-hours:', '    hours: "09:00-17:00"', `    days: ${days}`),
      FILE,
    );
    expect(policy.businessHours?.days).toEqual(expected);
  });

  test('an overnight range is kept as written (the rule owns it to the day it starts)', () => {
    const policy = parsePolicy(
      lines('rules:', '  outside-business-hours: { hours: "22:00-06:00" }'),
      FILE,
    );
    expect(policy.businessHours).toMatchObject({ startMinute: 1320, endMinute: 360 });
  });

  test('outside-business-hours: off needs no hours', () => {
    const policy = parsePolicy(lines('rules:', '  outside-business-hours: off'), FILE);
    expect(policy.rules['outside-business-hours']).toBe('off');
    expect(policy.businessHours).toBeNull();
  });

  test('other rules accept the object form with a level', () => {
    expect(parsePolicy(lines('rules:', '  high: { level: warn }'), FILE).rules).toEqual({
      high: 'warn',
    });
  });

  test('ignore-unfixed written as yes (a string in YAML 1.2) and a single known uploader', () => {
    const policy = parsePolicy(lines('ignore-unfixed: yes', 'known-uploaders: release-bot'), FILE);
    expect(policy.ignoreUnfixed).toBe(true);
    expect(policy.knownUploaders).toEqual(['release-bot']);
  });

  test('session ARNs in the file stay session ARNs (that session only, SPEC 1)', () => {
    const policy = parsePolicy(
      lines('known-uploaders:', '  - arn:aws:sts::123456789012:assumed-role/ci/GitHubActions'),
      FILE,
    );
    expect(policy.knownUploaders).toEqual([
      'arn:aws:sts::123456789012:assumed-role/ci/GitHubActions',
    ]);
  });
});

describe('parsePolicy: every problem names the file, the line and the key', () => {
  test.each([
    [
      'impossible date (the brief example)',
      lines(
        'ignore:',
        '  - id: CVE-1',
        '    reason: a',
        '  - id: CVE-2',
        '    package: glibc',
        '    reason: b',
        '    expires: "2027-02-30"',
      ),
      `${FILE}:7: ignore[1].expires: "2027-02-30" is not valid: February 2027 has no day 30. Expected a date written YYYY-MM-DD`,
    ],
    [
      'not a date',
      lines('ignore:', '  - id: A', '    reason: r', '    expires: next week'),
      `${FILE}:4: ignore[0].expires: "next week" is not valid: not a date (YYYY-MM-DD)`,
    ],
    [
      'a number as date',
      lines('ignore:', '  - id: A', '    reason: r', '    expires: 20270131'),
      `${FILE}:4: ignore[0].expires: expected a date YYYY-MM-DD, got number "20270131"`,
    ],
    [
      'reason missing',
      lines('ignore:', '  - id: CVE-1'),
      `${FILE}:2: ignore[0]: reason is required`,
    ],
    [
      'id missing',
      lines('ignore:', '  - reason: r'),
      `${FILE}:2: ignore[0]: id or package is required`,
    ],
    [
      'reason empty',
      lines('ignore:', '  - id: A', '    reason: ""'),
      `${FILE}:3: ignore[0].reason: is empty`,
    ],
    [
      'reason without value',
      lines('ignore:', '  - id: A', '    reason:'),
      `${FILE}:3: ignore[0].reason: has no value`,
    ],
    [
      'id with spaces',
      lines('ignore:', '  - id: CVE 1', '    reason: r'),
      `${FILE}:2: ignore[0].id: "CVE 1" contains spaces`,
    ],
    [
      'unknown key in an entry',
      lines('ignore:', '  - id: A', '    reason: r', '    packages: glibc'),
      `${FILE}:4: ignore[0].packages: unknown key (did you mean package?)`,
    ],
    [
      'entry not a mapping',
      lines('ignore:', '  - CVE-2021-3326'),
      `${FILE}:2: ignore[0]: expected a mapping with id and reason, got string "CVE-2021-3326"`,
    ],
    [
      'ignore not a list',
      lines('ignore: CVE-2021-3326'),
      `${FILE}:1: ignore: expected a list of entries`,
    ],
    [
      'unknown top-level key',
      lines('ignores: []'),
      `${FILE}:1: ignores: unknown key (did you mean ignore?); expected one of ignore, known-uploaders, rules, risk-threshold, ignore-unfixed`,
    ],
    [
      'unknown rule id',
      lines('rules:', '  crit: fail'),
      `${FILE}:2: rules.crit: "crit" is not valid: unknown rule id. Expected a rule id: critical, high`,
    ],
    [
      'bad level',
      lines('rules:', '  medium: block'),
      `${FILE}:2: rules.medium: "block" is not valid. Expected one of fail, warn, notice, off.`,
    ],
    [
      'level missing in object',
      lines('rules:', '  medium: {}'),
      `${FILE}:2: rules.medium: level is required`,
    ],
    [
      'hours on a rule without hours',
      lines('rules:', '  medium: { level: warn, hours: "08:00-20:00" }'),
      `${FILE}:2: rules.medium.hours: unknown key`,
    ],
    [
      'business-hours level without hours',
      lines('rules:', '  outside-business-hours: warn'),
      `${FILE}:2: rules.outside-business-hours: warn needs business hours`,
    ],
    [
      'business-hours object without hours',
      lines('rules:', '  outside-business-hours:', '    level: fail', '    timezone: UTC'),
      `${FILE}:2: rules.outside-business-hours: hours is required`,
    ],
    [
      'bad timezone',
      lines(
        'rules:',
        '  outside-business-hours:',
        '    hours: "08:00-20:00"',
        '    timezone: Europe/Berlinn',
      ),
      `${FILE}:4: rules.outside-business-hours.timezone: "Europe/Berlinn" is not valid: unknown time zone`,
    ],
    [
      'bad hours',
      lines('rules:', '  outside-business-hours: { hours: 8-20 }'),
      `${FILE}:2: rules.outside-business-hours.hours: "8-20" is not valid. Expected a range HH:MM-HH:MM`,
    ],
    [
      'empty range',
      lines('rules:', '  outside-business-hours: { hours: "08:00-08:00" }'),
      'the range covers no time or the whole day',
    ],
    [
      'bad days',
      lines('rules:', '  outside-business-hours:', '    hours: "08:00-20:00"', '    days: mon-fry'),
      `${FILE}:4: rules.outside-business-hours.days: "mon-fry" is not valid: "mon-fry" is not a day or a range of days`,
    ],
    [
      'unknown key for business hours',
      lines('rules:', '  outside-business-hours:', '    hours: "08:00-20:00"', '    tz: UTC'),
      `${FILE}:4: rules.outside-business-hours.tz: unknown key`,
    ],
    [
      'negative risk-threshold',
      lines('risk-threshold: -5'),
      `${FILE}:1: risk-threshold: "-5" is not valid`,
    ],
    [
      'risk-threshold not a number',
      lines('risk-threshold: lots'),
      `${FILE}:1: risk-threshold: "lots" is not valid`,
    ],
    [
      'risk-threshold a list',
      lines('risk-threshold: [1]'),
      `${FILE}:1: risk-threshold: expected a positive number, got a list`,
    ],
    [
      'ignore-unfixed not a boolean',
      lines('ignore-unfixed: maybe'),
      `${FILE}:1: ignore-unfixed: "maybe" is not valid. Expected true or false`,
    ],
    [
      'known uploader not a principal',
      lines('known-uploaders:', '  - ci', '  - arn:aws:s3:::bucket'),
      `${FILE}:3: known-uploaders[1]: "arn:aws:s3:::bucket" is not valid: a s3 ARN is not a principal`,
    ],
    [
      'known uploader a mapping',
      lines('known-uploaders:', '  - name: ci'),
      `${FILE}:2: known-uploaders[0]: expected an ARN or a name, got a mapping`,
    ],
    ['YAML syntax error', lines('ignore:', '  - id: [CVE-1', 'rules: {}'), `${FILE}:3: YAML:`],
    [
      'duplicate key',
      lines('risk-threshold: 1', 'risk-threshold: 2'),
      `${FILE}:2: YAML: Map keys must be unique`,
    ],
    [
      'not a mapping',
      lines('- id: CVE-1'),
      `${FILE}:1: expected a mapping with the keys ignore, known-uploaders, rules, risk-threshold, ignore-unfixed, compare, got a list`,
    ],
  ])('%s', (_name, text, message) => {
    expect(errorOf(text)).toContain(message);
  });

  test('all problems are reported at once, in file order', () => {
    const message = errorOf(
      lines(
        'risk-threshold: none', // 1
        'ignore:', // 2
        '  - id: A', // 3
        '    expires: 2027-02-30', // 4
        'colour: red', // 5
      ),
    );
    const [header, ...items] = message.split('\n');
    expect(header).toBe(`Policy file ${FILE} has 4 problems:`);
    expect(items.map((l) => /:(\d+):/.exec(l)?.[1])).toEqual(['1', '3', '4', '5']);
  });
});
