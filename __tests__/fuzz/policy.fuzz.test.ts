// Fuzzing the policy parser: whatever text sits in the policy file (random bytes, YAML token
// soup, edited valid policies, YAML of random structures, deep nesting, alias tricks), it
// returns a policy or throws a UserError whose every problem names the file and a line of it.
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { MAX_LISTED } from '../../src/policy/reader.js';
import { runs } from './runs.js';
import { stringify } from 'yaml';
import { UserError } from '../../src/errors.js';
import { parsePolicy } from '../../src/policy/parse.js';
import type { Policy } from '../../src/policy/policy.js';

const FILE = '.github/ecr-risk-gate.yml';
const RUNS = runs(300);

const VALID = [
  'ignore:',
  '  - id: CVE-2021-3326',
  '    package: glibc',
  '    reason: not reachable from our entrypoint',
  '    expires: 2027-01-31',
  'known-uploaders:',
  '  - arn:aws:iam::123456789012:role/github-actions-ecr-push',
  'rules:',
  '  medium: notice',
  '  outside-business-hours: { level: warn, hours: "08:00-20:00", days: mon-fri, timezone: Europe/Berlin }',
  'risk-threshold: 150',
  'ignore-unfixed: false',
  '',
].join('\n');

const PROBLEM_LINE = new RegExp(`^${FILE.replace(/\./g, '\\.')}:(\\d+): \\S`);
// eslint-disable-next-line no-control-regex -- a message must not carry raw control characters
const RAW_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u2028\u2029]/;

/** Parses; checks the contract on the way: a policy, or a UserError naming file and lines. */
function parseOrRefuse(text: string): Policy | null {
  try {
    return parsePolicy(text, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    const message = (error as UserError).message;
    const lines = message.startsWith(`Policy file ${FILE} has `)
      ? message
          .split('\n')
          .slice(1)
          .map((l) => l.replace(/^ {2}- /, ''))
      : [message];
    const lastLine = text.split(/\r\n|\r|\n/).length + 1;
    // One line per problem: a raw line break in a key or value must not split one. Past 50
    // problems the rest are counted on one last line (PolicyReader.listed).
    const count = message.startsWith('Policy file ')
      ? Number(/has (\d+) problems/.exec(message)?.[1])
      : 1;
    const more = count > MAX_LISTED ? lines.pop() : undefined;
    expect(lines.length).toBe(Math.min(count, MAX_LISTED));
    expect(more).toBe(count > MAX_LISTED ? `… and ${count - MAX_LISTED} more` : undefined);
    for (const line of lines) {
      expect([line, RAW_CONTROL.test(line)]).toEqual([line, false]);
      const match = PROBLEM_LINE.exec(line);
      expect([line, match !== null]).toEqual([line, true]);
      const n = Number(match?.[1]);
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(lastLine);
    }
    return null;
  }
}

const TOKENS = [
  'ignore:',
  'rules:',
  'known-uploaders:',
  'risk-threshold:',
  'ignore-unfixed:',
  '  - ',
  '- ',
  'id: ',
  'package: ',
  'reason: ',
  'expires: ',
  'CVE-2021-3326',
  'glibc',
  'not reachable',
  '2027-01-31',
  '2027-02-30',
  'medium: ',
  'notice',
  'fail',
  'outside-business-hours:',
  'level: warn',
  'hours: "08:00-20:00"',
  'days: mon-fri',
  'timezone: Europe/Berlin',
  'timezone: Mars/Base',
  'arn:aws:iam::123456789012:role/x',
  '150',
  '-1',
  'true',
  'maybe',
  '~',
  'null',
  '\n',
  '  ',
  '\t',
  '&a ',
  '*a',
  '<<: *a',
  '!!binary ',
  '!!map ',
  '!tag ',
  '? ',
  ': ',
  ', ',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '|',
  '>-',
  '# comment',
  '---',
  '...',
  '%YAML 1.2\n',
  '\uFEFF',
  '\r\n',
  '\u2028',
  '\u0000',
];
const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((t) => t.join(''));

const edited = fc
  .array(
    fc.tuple(fc.nat(), fc.nat(), fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 3 }))),
    {
      minLength: 1,
      maxLength: 5,
    },
  )
  .map((edits) =>
    edits.reduce((s, [at, drop, insert]) => {
      const i = at % (s.length + 1);
      return s.slice(0, i) + insert + s.slice(i + (drop % 4));
    }, VALID),
  );

const value = fc.oneof(
  fc.anything({ maxDepth: 2, maxKeys: 4 }),
  fc.constantFrom('CVE-1', 'glibc', 'warn', 'fail', '08:00-20:00', 'mon-fri', 'UTC', '2027-01-31'),
);
const structure = fc
  .dictionary(
    fc.oneof(
      fc.constantFrom('ignore', 'rules', 'known-uploaders', 'risk-threshold', 'ignore-unfixed'),
      fc.string(),
    ),
    fc.oneof(
      value,
      fc.array(
        fc.dictionary(
          fc.constantFrom('id', 'package', 'reason', 'expires', 'level', 'hours'),
          value,
        ),
      ),
    ),
  )
  .map((object) => {
    try {
      return stringify(object);
    } catch {
      return '';
    }
  });

describe('parsePolicy', () => {
  test('the valid example parses (the base the edits start from)', () => {
    expect(parsePolicy(VALID, FILE).ignores).toHaveLength(1);
  });

  test.each([
    ['any text', fc.string({ maxLength: 400 })],
    ['any bytes', fc.string({ unit: 'binary', maxLength: 200 })],
    ['YAML token soup', soup],
    ['edits of a valid policy', edited],
    ['YAML of random structures', structure],
  ] as const)('%s: a policy or a UserError naming file and line', (_label, arbitrary) => {
    fc.assert(
      fc.property(arbitrary, (text) => void parseOrRefuse(text)),
      RUNS,
    );
  });

  test.each([
    ['deep flow nesting', `ignore: ${'['.repeat(5000)}${']'.repeat(5000)}`],
    [
      'deep block nesting',
      Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}- x:`).join('\n'),
    ],
    ['an alias of its own anchor', 'known-uploaders: &a [*a]\n'],
    [
      'billion laughs',
      `a: &a ["lol","lol"]\n${Array.from({ length: 25 }, (_, i) => `b${i}: &a${i} [*${i === 0 ? 'a' : `a${i - 1}`}, *${i === 0 ? 'a' : `a${i - 1}`}]`).join('\n')}\nknown-uploaders: *a24\n`,
    ],
    ['a megabyte of one line', `reason: ${'x'.repeat(1_000_000)}`],
  ])('%s: refused with a line, quickly', (_label, text) => {
    expect(parseOrRefuse(text)).toBeNull();
  });
});
