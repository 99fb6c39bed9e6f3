import { parseTrivyIgnore } from '../../src/policy/trivyignore.js';
import { applyIgnores, ignoreWarnings } from '../../src/rules/ignores.js';
import type { Finding } from '../../src/model.js';

// trivy's .trivyignore.yaml as its documentation and aquasecurity/trivy#6178 show it:
// vulnerabilities[] with id, paths, purls, expired_at, statement. Expected outcomes from that
// documentation: an entry applies to its id (narrowed by paths/purls) until expired_at.
const FILE = '.trivyignore.yaml';
const NOW = new Date('2026-12-01T00:00:00Z');

const finding = (id: string, pkg: string, version: string, filePath?: string): Finding => ({
  id,
  name: id,
  description: '',
  severity: 'HIGH',
  scannerSeverity: 'HIGH',
  packages: [{ name: pkg, version, ...(filePath ? { filePath } : {}) }],
  source: 'enhanced',
});

const DOC = [
  'vulnerabilities:',
  '  - id: CVE-2022-40897',
  '    paths:',
  '      - "usr/local/lib/python3.9/site-packages/setuptools-58.1.0.dist-info/METADATA"',
  '    statement: Accept the risk',
  '  - id: CVE-2023-3817',
  '    purls:',
  '      - "pkg:deb/debian/libssl1.1"',
  '  - id: CVE-2023-29491',
  '    expired_at: 2023-09-01',
  '  - id: CVE-2099-0001',
  '    statement: nothing has this',
  'misconfigurations:',
  '  - id: AVD-DS-0002',
].join('\n');

describe('.trivyignore.yaml', () => {
  const rules = parseTrivyIgnore(DOC, FILE);

  test('entries read with their source line and statement', () => {
    expect(rules.map((r) => [r.id, r.source, r.by, r.reason])).toEqual([
      ['CVE-2022-40897', `${FILE}:2`, 'trivyignore', 'Accept the risk'],
      ['CVE-2023-3817', `${FILE}:6`, 'trivyignore', 'listed in .trivyignore.yaml (no statement)'],
      ['CVE-2023-29491', `${FILE}:9`, 'trivyignore', 'listed in .trivyignore.yaml (no statement)'],
      ['CVE-2099-0001', `${FILE}:11`, 'trivyignore', 'nothing has this'],
    ]);
  });

  test('each entry suppresses exactly its finding; expired and stale ones are warned', () => {
    const setuptools = finding(
      'CVE-2022-40897',
      'setuptools',
      '58.1.0',
      '/usr/local/lib/python3.9/site-packages/setuptools-58.1.0.dist-info/METADATA',
    );
    const otherPath = finding('CVE-2022-40897', 'setuptools', '58.1.0', 'opt/app/METADATA');
    const libssl = finding('CVE-2023-3817', 'libssl1.1', '1.1.1n-0+deb11u4');
    const otherPkg = finding('CVE-2023-3817', 'openssl', '1.1.1n-0+deb11u4');
    const ncurses = finding('CVE-2023-29491', 'ncurses', '6.2');
    const out = applyIgnores([setuptools, otherPath, libssl, otherPkg, ncurses], rules, {
      ignoreUnfixed: false,
      now: NOW,
    });
    expect(out.ignored.map((i) => [i.finding, i.by, i.source])).toEqual([
      [setuptools, 'trivyignore', `${FILE}:2`],
      [libssl, 'trivyignore', `${FILE}:6`],
    ]);
    expect(out.kept).toEqual([otherPath, otherPkg, ncurses]);
    const warnings = ignoreWarnings(rules, out.used, NOW);
    expect(warnings.map((w) => w.code)).toEqual(['ignore-expired', 'ignore-stale']);
    expect(warnings[0]?.message).toContain(
      `trivyignore entry CVE-2023-29491 at ${FILE}:9 expired on 2023-09-01`,
    );
    expect(warnings[1]?.message).toContain(`CVE-2099-0001 at ${FILE}:11`);
  });

  test.each([
    [
      'unknown key names the line',
      'vulnerabilities:\n  - id: CVE-1\n    pkg: x',
      `${FILE}:3: vulnerabilities[0].pkg: unknown key`,
    ],
    [
      'id missing',
      'vulnerabilities:\n  - statement: x',
      `${FILE}:2: vulnerabilities[0]: id is required`,
    ],
    [
      'bad date',
      'vulnerabilities:\n  - id: CVE-1\n    expired_at: soon',
      `${FILE}:3: vulnerabilities[0].expired_at: "soon" is not valid`,
    ],
    [
      'bad purl',
      'vulnerabilities:\n  - id: CVE-1\n    purls: ["libssl"]',
      `vulnerabilities[0].purls[0]: "libssl" is not a package URL`,
    ],
  ])('%s', (_name, text, message) => {
    expect(() => parseTrivyIgnore(text, FILE)).toThrow(message);
  });
});
