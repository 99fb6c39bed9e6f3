import { applyIgnores } from '../../src/rules/ignores.js';
import { parsePolicy } from '../../src/policy/parse.js';
import type { Finding } from '../../src/model.js';

// Issue 14 §3: ignores by package alone and by package with a version or range. Expected
// outcomes written from the issue (a base image's CVEs of one package in one line; versions
// compared by the package's own ecosystem, dpkg here), not from the code's output.
const FILE = '.github/ecr-risk-gate.yml';
const NOW = { ignoreUnfixed: false, now: new Date('2026-12-01T00:00:00Z') };

const finding = (id: string, name: string, version: string, manager = 'OS'): Finding => ({
  id,
  name: id,
  description: '',
  severity: 'HIGH',
  scannerSeverity: 'HIGH',
  packages: [{ name, version, packageManager: manager }],
  source: 'enhanced',
});

describe('policy ignores by package', () => {
  const policy = parsePolicy(
    [
      'ignore:',
      '  - package: glibc',
      '    reason: base image glibc, tracked upstream',
      '    expires: 2027-01-31',
      '  - package: openssl',
      '    version: "<3.0.8"',
      '    reason: patched build',
    ].join('\n'),
    FILE,
  );

  test('the file reads into entries without an id', () => {
    expect(policy.ignores).toEqual([
      {
        package: 'glibc',
        reason: 'base image glibc, tracked upstream',
        expires: '2027-01-31',
        source: `${FILE}:2`,
      },
      { package: 'openssl', version: '<3.0.8', reason: 'patched build', source: `${FILE}:5` },
    ]);
  });

  test('package alone hides every finding of it; a range hides only versions in it', () => {
    const glibc1 = finding('CVE-2021-3326', 'glibc', '2.36-9+deb12u4');
    const glibc2 = finding('CVE-2023-4911', 'glibc', '2.36-9+deb12u1');
    const oldSsl = finding('CVE-2023-0464', 'openssl', '3.0.7-1~deb12u1');
    const newSsl = finding('CVE-2024-0727', 'openssl', '3.0.11-1~deb12u2');
    const curl = finding('CVE-2023-38545', 'curl', '7.88.1-10');
    const out = applyIgnores([glibc1, glibc2, oldSsl, newSsl, curl], policy.ignores, NOW);
    expect(out.kept.map((f) => f.id)).toEqual(['CVE-2024-0727', 'CVE-2023-38545']);
    expect(out.ignored.map((i) => [i.finding.id, i.source])).toEqual([
      ['CVE-2021-3326', `${FILE}:2`],
      ['CVE-2023-4911', `${FILE}:2`],
      ['CVE-2023-0464', `${FILE}:5`],
    ]);
  });

  test('a version the ecosystem cannot read never matches (the finding keeps counting)', () => {
    const odd = finding('CVE-2023-0464', 'openssl', 'not a version');
    const pypi = finding('CVE-2023-0465', 'openssl', '3.0.1', 'PYTHONPKG');
    expect(applyIgnores([odd, pypi], policy.ignores, NOW).kept).toHaveLength(2);
  });

  test.each([
    [
      'a range that cannot be parsed names its line',
      'ignore:\n  - package: openssl\n    version: "~> 3"\n    reason: r',
      `${FILE}:3: ignore[0].version: "~> 3" is not valid`,
    ],
    [
      'version without package',
      'ignore:\n  - id: CVE-1\n    version: "<1"\n    reason: r',
      `${FILE}:2: ignore[0]: version needs package`,
    ],
    [
      'neither id nor package',
      'ignore:\n  - reason: r',
      `${FILE}:2: ignore[0]: id or package is required`,
    ],
  ])('%s', (_name, text, message) => {
    expect(() => parsePolicy(text, FILE)).toThrow(message);
  });
});
