import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { parsePolicy, IGNORE_KEYS } from '../../src/policy/parse.js';
import { POLICY_KEYS } from '../../src/policy/policy.js';
import { RULE_IDS } from '../../src/model.js';

// Issue 14 §3: the published JSON Schema (docs/policy.schema.json) and the policy reader agree:
// valid files pass both, invalid ones fail both, and every key the reader knows is in the schema.
interface Schema {
  properties: Record<string, unknown> & {
    rules: { propertyNames: { enum: string[] }; properties: Record<string, unknown> };
  };
  definitions: { ignore: { properties: Record<string, unknown> } };
}
const schema = JSON.parse(readFileSync('docs/policy.schema.json', 'utf8')) as Schema;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const FILE = '.github/ecr-risk-gate.yml';

const readerAccepts = (text: string): boolean => {
  try {
    parsePolicy(text, FILE);
    return true;
  } catch {
    return false;
  }
};
const schemaAccepts = (text: string): boolean => validate(parse(text) ?? null) === true;

const VALID: Array<[string, string]> = [
  ['empty file', ''],
  [
    'the README example',
    [
      'ignore:',
      '  - id: CVE-2021-3326',
      '    package: glibc',
      '    reason: not reachable from our entrypoint',
      '    expires: 2027-01-31',
      '  - package: glibc',
      '    reason: base image glibc',
      '  - package: openssl',
      "    version: '<3.0.8'",
      '    reason: backported fix',
      'known-uploaders:',
      '  - arn:aws:iam::123456789012:role/github-actions-ecr-push',
      'rules:',
      '  medium: notice',
      '  exploitable: { level: warn }',
      '  outside-business-hours: { level: warn, hours: "08:00-20:00", days: mon-fri, timezone: Europe/Berlin }',
      'risk-threshold: 150',
      'ignore-unfixed: false',
    ].join('\n'),
  ],
  ['known-uploaders as one string', 'known-uploaders: ci-push'],
  [
    'a range of comparators',
    "ignore:\n  - package: zlib\n    version: '>=1.2, <1.3'\n    reason: r",
  ],
  ['business hours off', 'rules:\n  outside-business-hours: off'],
  ['ignore-unfixed yes', 'ignore-unfixed: "yes"'],
  ['compare: unchanged findings still fail', 'compare:\n  unchanged: fail'],
  ['compare: empty mapping', 'compare: {}'],
];

const INVALID: Array<[string, string]> = [
  ['unknown top key', 'ignores: []'],
  ['ignore without reason', 'ignore:\n  - id: CVE-1'],
  ['ignore with neither id nor package', 'ignore:\n  - reason: r'],
  ['version without package', "ignore:\n  - id: CVE-1\n    version: '<1'\n    reason: r"],
  ['unknown ignore key', 'ignore:\n  - id: CVE-1\n    reason: r\n    until: 2027-01-01'],
  ['expires not a date', 'ignore:\n  - id: CVE-1\n    reason: r\n    expires: soon'],
  ['id with spaces', 'ignore:\n  - id: CVE-1 CVE-2\n    reason: r'],
  ['a bad range', "ignore:\n  - package: zlib\n    version: '~> 1'\n    reason: r"],
  ['unknown rule', 'rules:\n  crit: fail'],
  ['bad level', 'rules:\n  high: block'],
  ['business hours without hours', 'rules:\n  outside-business-hours: warn'],
  ['negative threshold', 'risk-threshold: -1'],
  ['zero threshold', 'risk-threshold: 0'],
  ['ignore-unfixed maybe', 'ignore-unfixed: maybe'],
  ['ignore not a list', 'ignore: CVE-1'],
  ['root a list', '- a'],
  ['compare: not a level', 'compare:\n  unchanged: block'],
  ['compare: unknown key', 'compare:\n  new: fail'],
  ['compare: not a mapping', 'compare: warn'],
];

describe('policy JSON Schema and reader agree', () => {
  test.each(VALID)('valid: %s', (_name, text) => {
    expect([readerAccepts(text), schemaAccepts(text)]).toEqual([true, true]);
  });

  test.each(INVALID)('invalid: %s', (_name, text) => {
    expect([readerAccepts(text), schemaAccepts(text)]).toEqual([false, false]);
  });

  test('every key of the reader is in the schema, and no other', () => {
    expect(Object.keys(schema.properties).sort()).toEqual([...POLICY_KEYS].sort());
    expect(Object.keys(schema.definitions.ignore.properties).sort()).toEqual(
      [...IGNORE_KEYS].sort(),
    );
    expect(schema.properties.rules.propertyNames.enum).toEqual([...RULE_IDS]);
    expect(Object.keys(schema.properties.rules.properties).sort()).toEqual([...RULE_IDS].sort());
  });
});
