// Issue 14 §1: the compare-to input and the policy's compare.unchanged, validated before any AWS
// call; and the pure marking rules (src/rules/compare.ts).
import { UserError } from '../../src/errors.js';
import { parseSettings } from '../../src/inputs/parse.js';
import type { Detection, Finding } from '../../src/model.js';
import { parsePolicy } from '../../src/policy/parse.js';
import { capLevel, fixedFindings, markDetections, referenceKeys } from '../../src/rules/compare.js';

const HOST = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error.message;
    throw error;
  }
  return '';
};

describe('compare-to input', () => {
  test('a short reference takes registry and region from the image host', () => {
    const s = parseSettings({ image: `${HOST}/api:v2`, 'compare-to': 'api:prod' }, {}, null);
    expect(s.compareTo).toEqual({
      raw: 'api:prod',
      repository: 'api',
      tag: 'prod',
      region: 'eu-west-1',
    });
    expect(s.compareUnchanged).toBe('warn');
  });

  test('a full reference keeps its own registry and region', () => {
    const other = `210987654321.dkr.ecr.us-east-1.amazonaws.com/api@sha256:${'d'.repeat(64)}`;
    const s = parseSettings({ image: `${HOST}/api:v2`, 'compare-to': other }, {}, null);
    expect(s.compareTo).toMatchObject({
      registryId: '210987654321',
      region: 'us-east-1',
      digest: `sha256:${'d'.repeat(64)}`,
    });
  });

  test.each([
    ['no tag or digest', 'api', /no tag and no digest/],
    ['two references', 'api:prod\napi:stage', /spaces|one image/],
    ['another registry', 'ghcr.io/acme/api:prod', /not an Amazon ECR registry/],
    ['an unexpanded expression', '${{ env.PROD }}', /expression|\$\{\{/],
  ])('%s: one clear error naming compare-to', (_name, value, problem) => {
    const message = errorOf(() =>
      parseSettings({ image: `${HOST}/api:v2`, 'compare-to': value }, {}, null),
    );
    expect(message).toMatch(/compare-to/);
    expect(message).toMatch(problem);
    expect(message).not.toMatch(/^\s+at /m);
  });
});

describe('policy compare.unchanged', () => {
  test.each(['fail', 'warn', 'notice', 'off'] as const)('%s', (level) => {
    expect(parsePolicy(`compare:\n  unchanged: ${level}\n`, 'p.yml').compareUnchanged).toBe(level);
  });

  test('the policy setting reaches the settings', () => {
    const policy = parsePolicy('compare: { unchanged: fail }\n', 'p.yml');
    expect(parseSettings({ image: `${HOST}/api:v2` }, {}, policy).compareUnchanged).toBe('fail');
  });

  test.each([
    [
      'a bad level',
      'compare:\n  unchanged: loud\n',
      /p\.yml:2: compare\.unchanged: "loud".*fail, warn, notice, off/,
    ],
    [
      'an unknown key',
      'compare:\n  unchanged: warn\n  new: fail\n',
      /p\.yml:3: compare\.new: unknown key/,
    ],
    [
      'not a mapping',
      'compare: warn\n',
      /p\.yml:1: compare: expected a mapping like \{ unchanged: warn \}/,
    ],
  ])('%s names the file, line and key', (_name, text, message) => {
    expect(errorOf(() => parsePolicy(text, 'p.yml'))).toMatch(message);
  });
});

const f = (id: string, ...packages: string[]): Finding => ({
  id,
  name: id,
  description: '',
  severity: 'HIGH',
  scannerSeverity: 'HIGH',
  packages: packages.map((name) => ({ name })),
  source: 'basic',
});

const row = (id: string, packages: string[], ignored = false): Detection => ({
  rule: 'high',
  level: 'fail',
  severity: 'high',
  riskScore: 70,
  impact: 70,
  confidence: 100,
  message: 'm',
  ignored,
  imageIndex: 0,
  phase: 'release',
  firstTime: '',
  lastTime: '',
  findingId: id,
  packages: packages.map((name) => ({ name })),
});

describe('marking rules', () => {
  test('capLevel never raises a level', () => {
    expect(capLevel('fail', 'warn')).toBe('warn');
    expect(capLevel('notice', 'warn')).toBe('notice');
    expect(capLevel('off', 'fail')).toBe('off');
    expect(capLevel('warn', 'off')).toBe('off');
  });

  test('a row is unchanged only when every package had the id; ignored rows are not counted', () => {
    const reference = referenceKeys([f('CVE-1', 'openssl'), f('CVE-2', 'zlib')]);
    const rows = [
      row('CVE-1', ['openssl']),
      row('CVE-1', ['openssl', 'libssl3']),
      row('CVE-2', ['zlib'], true),
      row('CVE-3', []),
    ];
    const counts = markDetections(rows, reference, 'warn');
    expect(rows.map((d) => [d.compare, d.level, d.countsRisk])).toEqual([
      ['unchanged', 'warn', false],
      ['new', 'fail', undefined],
      ['unchanged', 'warn', false],
      ['new', 'fail', undefined],
    ]);
    expect(counts).toEqual({ new: 2, unchanged: 1 });
  });

  test('compare.unchanged fail: unchanged rows keep level and risk', () => {
    const rows = [row('CVE-1', ['openssl'])];
    markDetections(rows, referenceKeys([f('CVE-1', 'openssl')]), 'fail');
    expect(rows.map((d) => [d.compare, d.level, d.countsRisk])).toEqual([
      ['unchanged', 'fail', undefined],
    ]);
  });

  test('no reference: every row new, levels untouched (absolute counts)', () => {
    const rows = [row('CVE-1', ['openssl'])];
    expect(markDetections(rows, null, 'off')).toEqual({ new: 1, unchanged: 0 });
    expect(rows[0]?.level).toBe('fail');
  });

  test('fixed: per id, only the packages gone, findings without packages by id', () => {
    const fixed = fixedFindings(
      [f('CVE-1', 'openssl', 'libssl3'), f('CVE-2', 'zlib'), f('CVE-4')],
      [f('CVE-1', 'openssl'), f('CVE-2', 'zlib')],
    );
    expect(fixed).toEqual([
      { id: 'CVE-1', severity: 'HIGH', packages: ['libssl3'] },
      { id: 'CVE-4', severity: 'HIGH', packages: [] },
    ]);
  });
});
