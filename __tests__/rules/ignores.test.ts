import type { IgnoreRule } from '../../src/inputs/settings.js';
import type { Finding } from '../../src/model.js';
import { applyIgnores, ignoreWarnings, isIgnoreExpired } from '../../src/rules/ignores.js';

const NOW = new Date('2026-06-15T12:00:00Z');
const OPTIONS = { ignoreUnfixed: false, now: NOW };

function finding(id: string, packages: string[], extra: Partial<Finding> = {}): Finding {
  return {
    id,
    name: id,
    description: `${id} description`,
    severity: 'HIGH',
    scannerSeverity: 'HIGH',
    packages: packages.map((name) => ({ name, version: '1.0' })),
    source: 'basic',
    ...extra,
  };
}

function rule(id: string, extra: Partial<IgnoreRule> = {}): IgnoreRule {
  return { id, reason: `accepted ${id}`, source: '.github/ecr-risk-gate.yml:3', ...extra };
}

describe('applyIgnores', () => {
  test('an unscoped entry ignores the whole finding, every package of it', () => {
    const glibc = finding('CVE-2021-3326', ['glibc', 'glibc-common', 'glibc-minimal-langpack']);
    const other = finding('CVE-2022-0001', ['curl']);
    const entry = rule('CVE-2021-3326', { expires: '2027-01-31' });
    const outcome = applyIgnores([glibc, other], [entry], OPTIONS);
    expect(outcome.kept).toEqual([other]);
    expect(outcome.ignored).toEqual([
      {
        finding: glibc,
        reason: 'accepted CVE-2021-3326',
        expires: '2027-01-31',
        by: 'policy',
        source: '.github/ecr-risk-gate.yml:3',
      },
    ]);
    expect([...outcome.used]).toEqual([entry]);
  });

  test('a scoped entry ignores only that package; the finding stays with its other packages', () => {
    const f = finding('CVE-2023-0464', ['openssl', 'openssl-libs', 'compat-openssl']);
    const entry = rule('CVE-2023-0464', { package: 'openssl-libs' });
    const outcome = applyIgnores([f], [entry], OPTIONS);
    expect(outcome.kept).toHaveLength(1);
    expect(outcome.kept[0]?.packages.map((p) => p.name)).toEqual(['openssl', 'compat-openssl']);
    expect(outcome.kept[0]).toMatchObject({ id: 'CVE-2023-0464', severity: 'HIGH' });
    expect(outcome.ignored).toEqual([
      {
        finding: f,
        package: 'openssl-libs',
        reason: 'accepted CVE-2023-0464',
        by: 'policy',
        source: '.github/ecr-risk-gate.yml:3',
      },
    ]);
    expect(outcome.used.has(entry)).toBe(true);
    // The input is not modified.
    expect(f.packages).toHaveLength(3);
  });

  test('scoped entries covering every package remove the finding', () => {
    const f = finding('CVE-1', ['a', 'b']);
    const ea = rule('CVE-1', { package: 'a' });
    const eb = rule('CVE-1', { package: 'b' });
    const outcome = applyIgnores([f], [ea, eb], OPTIONS);
    expect(outcome.kept).toEqual([]);
    expect(outcome.ignored.map((i) => i.package)).toEqual(['a', 'b']);
    expect(outcome.used).toEqual(new Set([ea, eb]));
  });

  test('a scoped entry for a package the finding does not have changes nothing and is unused', () => {
    const f = finding('CVE-1', ['a']);
    const entry = rule('CVE-1', { package: 'z' });
    const outcome = applyIgnores([f], [entry], OPTIONS);
    expect(outcome.kept).toEqual([f]);
    expect(outcome.ignored).toEqual([]);
    expect(outcome.used.size).toBe(0);
  });

  test('ids and package names match case-insensitively; the scanner name matches too', () => {
    const basic = finding('CVE-2021-3326', ['GLIBC']);
    const enhanced = finding('GHSA-xxxx-yyyy', ['lodash'], {
      name: 'CVE-2020-8203',
      source: 'enhanced',
    });
    const outcome = applyIgnores(
      [basic, enhanced],
      [rule('cve-2021-3326', { package: 'glibc' }), rule('cve-2020-8203')],
      OPTIONS,
    );
    expect(outcome.kept).toEqual([]);
  });

  test('an entry that does not match keeps the finding', () => {
    const f = finding('CVE-2021-33260', ['glibc']);
    expect(applyIgnores([f], [rule('CVE-2021-3326')], OPTIONS).kept).toEqual([f]);
  });

  describe('expiry: an entry applies through the end of its day (UTC)', () => {
    const f = finding('CVE-1', ['a']);
    const entry = rule('CVE-1', { expires: '2027-01-31' });
    test.each([
      ['2027-01-31T00:00:00.000Z', true],
      ['2027-01-31T23:59:59.999Z', true],
      ['2027-02-01T00:00:00.000Z', false],
      ['2027-03-01T00:00:00.000Z', false],
    ])('at %s it applies: %s', (now, applies) => {
      const outcome = applyIgnores([f], [entry], { ignoreUnfixed: false, now: new Date(now) });
      expect(outcome.kept).toEqual(applies ? [] : [f]);
      expect(outcome.used.has(entry)).toBe(applies);
      expect(isIgnoreExpired(entry, new Date(now))).toBe(!applies);
    });

    test('an entry without expires never expires', () => {
      expect(isIgnoreExpired(rule('CVE-1'), new Date('2999-01-01T00:00:00Z'))).toBe(false);
    });

    test('an expired unscoped entry does not shadow an active scoped one', () => {
      const g = finding('CVE-1', ['a', 'b']);
      const expired = rule('CVE-1', { expires: '2020-01-01' });
      const scoped = rule('CVE-1', { package: 'a' });
      const outcome = applyIgnores([g], [expired, scoped], OPTIONS);
      expect(outcome.kept[0]?.packages.map((p) => p.name)).toEqual(['b']);
      expect(outcome.used).toEqual(new Set([scoped]));
    });
  });

  describe('ignore-unfixed', () => {
    const unfixed = finding('CVE-U', ['a'], { source: 'enhanced', fixAvailable: 'NO' });
    const fixed = finding('CVE-F', ['a'], { source: 'enhanced', fixAvailable: 'YES' });
    const partial = finding('CVE-P', ['a'], { source: 'enhanced', fixAvailable: 'PARTIAL' });
    const basic = finding('CVE-B', ['a']);

    test('drops enhanced findings with no fix, reporting them as ignored', () => {
      const outcome = applyIgnores([unfixed, fixed, partial, basic], [], {
        ignoreUnfixed: true,
        now: NOW,
      });
      expect(outcome.kept).toEqual([fixed, partial, basic]);
      expect(outcome.ignored).toEqual([
        { finding: unfixed, reason: 'no fix available (ignore-unfixed: true)', by: 'unfixed' },
      ]);
    });

    test('only enhanced findings: a basic finding is never dropped as unfixed', () => {
      const basicNo = finding('CVE-BN', ['a'], { fixAvailable: 'NO' });
      expect(applyIgnores([basicNo], [], { ignoreUnfixed: true, now: NOW }).kept).toEqual([
        basicNo,
      ]);
    });

    test('off: unfixed findings count', () => {
      expect(applyIgnores([unfixed], [], OPTIONS).kept).toEqual([unfixed]);
    });

    test('a policy entry wins: the finding is reported with its reason', () => {
      const outcome = applyIgnores([unfixed], [rule('CVE-U')], { ignoreUnfixed: true, now: NOW });
      expect(outcome.ignored.map((i) => i.by)).toEqual(['policy']);
    });
  });
});

describe('ignoreWarnings', () => {
  test('expired entries and unexpired entries that matched nothing, each named with its source', () => {
    const used = rule('CVE-USED');
    const stale = rule('CVE-STALE', { package: 'zlib', source: '.github/ecr-risk-gate.yml:9' });
    const expired = rule('CVE-OLD', {
      expires: '2026-06-14',
      source: '.github/ecr-risk-gate.yml:12',
    });
    const warnings = ignoreWarnings([used, stale, expired], new Set([used]), NOW);
    expect(warnings).toEqual([
      {
        code: 'ignore-stale',
        message:
          'Ignore entry CVE-STALE (package zlib) at .github/ecr-risk-gate.yml:9 matched no finding in any gated image; remove it if it is no longer needed.',
      },
      {
        code: 'ignore-expired',
        message:
          'Ignore entry CVE-OLD at .github/ecr-risk-gate.yml:12 expired on 2026-06-14 and no longer applies; renew it with a new date or remove it.',
      },
    ]);
  });

  test('used sets from several images are merged by the caller', () => {
    const a = rule('CVE-A');
    const b = rule('CVE-B');
    const image1 = applyIgnores([finding('CVE-A', ['x'])], [a, b], OPTIONS);
    const image2 = applyIgnores([finding('CVE-B', ['y'])], [a, b], OPTIONS);
    const used = new Set([...image1.used, ...image2.used]);
    expect(ignoreWarnings([a, b], used, NOW)).toEqual([]);
    expect(ignoreWarnings([a, b], image1.used, NOW).map((w) => w.code)).toEqual(['ignore-stale']);
  });

  test('the day an entry expires it is still active, so it is not reported as expired', () => {
    const entry = rule('CVE-1', { expires: '2026-06-15' });
    expect(ignoreWarnings([entry], new Set([entry]), NOW)).toEqual([]);
  });
});
