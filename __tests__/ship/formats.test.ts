// Issue 17 §4: `--format gitlab` and `--format junit`, validated against the published schemas read
// in place from ../shared/data/schemas (GitLab container scanning 15.2.4 with Ajv; the Jenkins
// xUnit plugin's junit-10.xsd with xmllint from Debian's libxml2-utils, installed by .ci/run).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import type { Report } from '../../src/model.js';
import { renderGitLab } from '../../src/report/gitlab.js';
import { renderJunit } from '../../src/report/junit.js';
import { isFindingRule } from '../../src/report/format.js';
import { hostileReport, multiImageReport, splunkReport } from '../report/fixtures.js';
import { at, report } from '../cli/report-kit.js';
import { cli, IMAGE } from '../cli/cli-kit.js';

const SCHEMAS = '../shared/data/schemas';
// The schema uses a non-standard top-level keyword `self`: strict mode off (SOURCES.md).
const ajv = new Ajv({ strict: false, allErrors: true });
const validateGitLab = ajv.compile(
  JSON.parse(
    readFileSync(`${SCHEMAS}/gitlab-container-scanning-report-format.json`, 'utf8'),
  ) as object,
);
const tmp = mkdtempSync(join(tmpdir(), 'erg-formats-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function expectGitLabValid(text: string): GitLabReport {
  const parsed = JSON.parse(text) as GitLabReport;
  const ok = validateGitLab(parsed);
  expect(ajv.errorsText(validateGitLab.errors)).toBe('No errors');
  expect(ok).toBe(true);
  return parsed;
}
interface GitLabReport {
  version: string;
  scan: { status: string; messages: Array<{ level: string; value: string }> };
  vulnerabilities: Array<{
    severity: string;
    identifiers: Array<{ value: string }>;
    location: { image: string };
  }>;
}

let n = 0;
/** xmllint's schema check; returns its verdict and messages instead of throwing. */
function xsd(xml: string): { ok: boolean; out: string } {
  const file = join(tmp, `junit-${(n += 1)}.xml`);
  writeFileSync(file, xml);
  try {
    const out = execFileSync('xmllint', ['--noout', '--schema', `${SCHEMAS}/junit.xsd`, file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { ok: true, out };
  } catch (error) {
    return { ok: false, out: String((error as { stderr?: string }).stderr ?? error) };
  }
}
const root = (xml: string): string | undefined =>
  /<([A-Za-z][\w-]*)[\s/>]/.exec(xml.replace(/<\?xml[^>]*\?>/, ''))?.[1];
const count = (xml: string, tag: string): number =>
  xml.split(`<${tag} `).length - 1 + (xml.split(`<${tag}>`).length - 1);

const activeFindingIds = (r: Report): Set<string> =>
  new Set(
    r.detections
      .filter((d) => !d.ignored && d.level !== 'off' && isFindingRule(d.rule))
      .map((d) => d.findingId ?? ''),
  );

describe('--format gitlab', () => {
  test('the Splunk scan: valid, every active finding listed, the critical ones as Critical', () => {
    const r = splunkReport();
    const out = expectGitLabValid(renderGitLab(r));
    expect(out.version).toBe('15.2.4');
    expect(out.scan.status).toBe('success');
    expect(new Set(out.vulnerabilities.flatMap((v) => v.identifiers.map((i) => i.value)))).toEqual(
      activeFindingIds(r),
    );
    // The recorded Splunk scan has 2 HIGH findings (SPEC: HIGH fails by default), no CRITICAL.
    expect(out.vulnerabilities.filter((v) => v.severity === 'High')).toHaveLength(2);
    expect(out.vulnerabilities.filter((v) => v.severity === 'Critical')).toHaveLength(0);
    expect(out.vulnerabilities[0]!.location.image).toMatch(
      /^111111111111\.dkr\.ecr\.eu-central-1\.amazonaws\.com\/devsecops\/cat_dog_client@sha256:/,
    );
    // The verdict and the uploader row reach GitLab as scan messages.
    expect(out.scan.messages.map((m) => m.value).join('\n')).toContain('ecr-risk-gate: fail');
  });

  test('several images and hostile text stay valid', () => {
    expectGitLabValid(renderGitLab(multiImageReport()));
    expectGitLabValid(renderGitLab(hostileReport()));
  });

  test('a run that could not evaluate is a failed scan with a fatal message, still valid', () => {
    const out = expectGitLabValid(
      renderGitLab(report([], { error: 'AccessDeniedException: not allowed' })),
    );
    expect(out.scan.status).toBe('failure');
    expect(out.scan.messages[0]).toEqual({
      level: 'fatal',
      value: 'AccessDeniedException: not allowed',
    });
    expect(out.vulnerabilities).toEqual([]);
  });

  test('the schema check can fail: a report without scan times is refused', () => {
    const broken = JSON.parse(renderGitLab(splunkReport())) as { scan: Record<string, unknown> };
    delete broken.scan.start_time;
    expect(validateGitLab(broken)).toBe(false);
  });
});

describe('--format junit', () => {
  test('the Splunk scan: valid against junit.xsd, one testcase per detection row, a failure per failing row', () => {
    const r = splunkReport();
    const xml = renderJunit(r);
    expect(xsd(xml)).toEqual({ ok: true, out: '' });
    expect(root(xml)).toBe('testsuites');
    expect(count(xml, 'testcase')).toBe(r.detections.length);
    const failing = r.detections.filter((d) => !d.ignored && d.level === 'fail').length;
    expect(failing).toBeGreaterThan(0);
    expect(count(xml, 'failure')).toBe(failing);
    expect(xml).toContain(`failures="${failing}"`);
  });

  test('several images (one suite each) and hostile text stay valid', () => {
    const multi = renderJunit(multiImageReport());
    expect(xsd(multi).ok).toBe(true);
    expect(count(multi, 'testsuite')).toBe(multiImageReport().images.length);
    const hostile = renderJunit(hostileReport());
    expect(xsd(hostile)).toEqual({ ok: true, out: '' });
  });

  test('a run that could not evaluate is one erroring testcase, not an empty green report', () => {
    const xml = renderJunit(report([], { error: 'AccessDeniedException: <not> "allowed"' }));
    expect(xsd(xml).ok).toBe(true);
    expect(count(xml, 'error')).toBe(1);
    expect(xml).toContain('&lt;not&gt; &quot;allowed&quot;');
  });

  test('warn rows pass and ignored rows are skipped', () => {
    const xml = renderJunit({
      ...report([
        at('unknown-uploader', 'warn'),
        at('high', 'fail', { ignored: true, ignoreReason: 'accepted' }),
      ]),
      images: splunkReport().images,
    });
    expect(xsd(xml).ok).toBe(true);
    expect(count(xml, 'failure')).toBe(0);
    expect(count(xml, 'skipped')).toBe(1);
  });

  test('the schema check can fail: a lone <failure/> is valid XSD-wise, a bad time is not', () => {
    expect(xsd('<testsuites time="0.1234"></testsuites>').ok).toBe(false);
    // Every element of the xsd is global, so a lone <failure/> passes it: hence the root check.
    expect(xsd('<?xml version="1.0"?>\n<failure/>').ok).toBe(true);
    expect(root('<?xml version="1.0"?>\n<failure/>')).toBe('failure');
  });
});

describe('through the CLI', () => {
  test.each([
    ['gitlab', (s: string) => expectGitLabValid(s).scan.status === 'success'],
    ['junit', (s: string) => xsd(s).ok && root(s) === 'testsuites'],
  ])(
    '--format %s prints the report on stdout and the verdict on stderr; exit code follows the verdict',
    async (format, valid) => {
      const r = splunkReport();
      const run = await cli(['--image', IMAGE, '--format', format], { result: r });
      expect(valid(run.stdout)).toBe(true);
      expect(run.stderr).toContain('ecr-risk-gate: fail');
      expect(run.code).toBe(1);
      rmSync(run.cwd, { recursive: true, force: true });
    },
  );
});

describe('compare-to marks in the GitLab and JUnit formats (issue 14 §1)', () => {
  test('a new finding says so in both; an unchanged one too; a row without a mark says nothing', () => {
    const base = splunkReport();
    const rows = base.detections.filter((d) => isFindingRule(d.rule) && d.findingId);
    const [first, second] = rows;
    if (!first || !second) throw new Error('fixture has fewer than two finding rows');
    const marked: Report = {
      ...base,
      detections: base.detections.map((d) =>
        d === first ? { ...d, compare: 'new' } : d === second ? { ...d, compare: 'unchanged' } : d,
      ),
    };
    const gitlab = expectGitLabValid(renderGitLab(marked));
    const descriptionsOf = (id: string | undefined) =>
      gitlab.vulnerabilities
        .filter((v) => v.identifiers.some((i) => i.value === id))
        .map((v) => (v as { description?: string }).description ?? '');
    expect(descriptionsOf(first.findingId).join()).toContain(
      'New against the compare-to reference.',
    );
    expect(descriptionsOf(second.findingId).join()).toContain(
      'Already in the compare-to reference.',
    );
    expect(renderGitLab(base)).not.toContain('compare-to reference');
    const xml = renderJunit(marked);
    expect(xml).toContain('against the compare-to reference: new');
    expect(xml).toContain('against the compare-to reference: unchanged');
    expect(renderJunit(base)).not.toContain('compare-to reference');
  });
});
