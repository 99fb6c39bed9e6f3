// Issue 14 §2: fix and exploit on every surface; a basic scan carries neither and shows unknown
// (—), never "no". Issue 14 §3: an ignore shows where it was written. Report built by the engine
// from one enhanced image (buildReport), so the exploitable rule and ignores run for real.
import { buildReport } from '../../src/build-report.js';
import { parseSettings } from '../../src/inputs/parse.js';
import type { Finding, ResolvedImage, ScanOutcome } from '../../src/model.js';
import { renderSummary } from '../../src/report/summary.js';
import { renderPrComments } from '../../src/report/pr-comment.js';
import { buildAnnotations } from '../../src/report/annotations.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderText } from '../../src/report/text.js';
import { renderJunit } from '../../src/report/junit.js';
import { renderGitLab } from '../../src/report/gitlab.js';
import { tablesOf } from './inert.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const enhanced = (id: string, over: Partial<Finding>): Finding => ({
  id,
  name: id,
  description: '',
  severity: 'MEDIUM',
  scannerSeverity: 'MEDIUM',
  packages: [{ name: 'openssl', version: '3.0.7-1~deb12u1', packageManager: 'OS' }],
  source: 'enhanced',
  ...over,
});

function report(findings: Finding[], type: ScanOutcome['type'] = 'ENHANCED') {
  const settings = parseSettings(
    { image: 'team/api:1', 'uploader-check': 'false' },
    { AWS_REGION: 'eu-west-1' },
    null,
  );
  settings.ignores = [
    {
      id: 'CVE-2023-0003',
      reason: 'not reachable',
      source: 'vex/api.json#statements[0]',
      by: 'vex',
    },
  ];
  const image: ResolvedImage = {
    target: settings.images[0]!,
    registryId: '111111111111',
    region: 'eu-west-1',
    repository: 'team/api',
    imageDigest: DIGEST,
    imageTags: ['1'],
  };
  const scan: ScanOutcome = {
    type,
    status: type === 'ENHANCED' ? 'ACTIVE' : 'COMPLETE',
    usable: true,
    findings,
    calls: 1,
  };
  return buildReport(settings, [{ image, scan, evidence: null }], {
    now: new Date('2026-12-01T00:00:00Z'),
    durationMs: 1,
    calls: { ecr: 1, cloudtrail: 0 },
  });
}

const exploited = enhanced('CVE-2023-0001', { exploitAvailable: 'YES', fixAvailable: 'NO' });
const plain = enhanced('CVE-2023-0002', { exploitAvailable: 'NO', fixAvailable: 'YES' });
const vexed = enhanced('CVE-2023-0003', { exploitAvailable: 'NO', fixAvailable: 'YES' });

describe('fix and exploit on every surface', () => {
  const r = report([exploited, plain, vexed]);

  test('the exploitable MEDIUM fails the gate through its own rule', () => {
    expect(r.result).toBe('fail');
    expect(
      r.detections.filter((d) => d.rule === 'exploitable' && !d.ignored).map((d) => d.findingId),
    ).toEqual(['CVE-2023-0001']);
  });

  test('summary and PR comment findings tables', () => {
    for (const markdown of [renderSummary(r), renderPrComments(r)[0]?.body ?? '']) {
      const table = tablesOf(markdown).find(
        (t) => t.header[0] === 'Vulnerability' && t.header[1] === 'Package',
      );
      const rows = Object.fromEntries((table?.rows ?? []).map((row) => [row[0], row.slice(6)]));
      expect(rows['CVE-2023-0001']).toEqual(['no', 'yes']);
      expect(rows['CVE-2023-0002']).toEqual(['yes', 'no']);
    }
    const ignored = tablesOf(renderSummary(r)).find((t) => t.header.includes('Reason'));
    expect(ignored?.rows[0]?.[0]).toBe('CVE-2023-0003');
    expect(ignored?.rows[0]?.[5]).toBe('vex: vex/api.json#statements[0]');
  });

  test('annotations, SARIF, text, JUnit, GitLab', () => {
    const medium = buildAnnotations(r).find((a) => a.title.includes('(medium)'));
    expect(medium?.message).toContain(
      'CVE-2023-0001 — openssl 3.0.7-1~deb12u1, fix: no, exploit: yes',
    );
    const exploit = buildAnnotations(r).find((a) => a.title.includes('(exploitable)'));
    expect(exploit?.message).toContain(
      'Known exploit for CVE-2023-0001 found in repository team/api',
    );

    const results = renderSarif(r).log.runs.flatMap((run) => run.results ?? []);
    const props = results.find((x) => x.ruleId === 'CVE-2023-0001')?.properties;
    expect(props).toMatchObject({ fixAvailable: 'NO', exploitAvailable: 'YES' });

    const text = renderText(r, { color: false });
    expect(text).toMatch(/CVE-2023-0001 .*fix: no, exploit: yes/);
    expect(text).toContain('[vex: vex/api.json#statements[0]]');
    expect(renderJunit(r)).toContain('fix available: no, exploit available: yes');
    expect(renderGitLab(r)).toContain('A known exploit is available.');
  });

  test('a basic scan shows unknown, never no', () => {
    const basicFinding: Finding = { ...plain, source: 'basic' };
    delete basicFinding.fixAvailable;
    delete basicFinding.exploitAvailable;
    const basic = report([basicFinding], 'BASIC');
    const table = tablesOf(renderSummary(basic)).find(
      (t) => t.header[0] === 'Vulnerability' && t.header[1] === 'Package',
    );
    expect(table?.rows[0]?.slice(6)).toEqual(['—', '—']);
    const props =
      renderSarif(basic).log.runs.flatMap((run) => run.results ?? [])[0]?.properties ?? {};
    expect(props).not.toHaveProperty('fixAvailable');
    expect(props).not.toHaveProperty('exploitAvailable');
    expect(renderJunit(basic)).toContain('fix available: —, exploit available: —');
  });
});
