import { describe, expect, test } from '@jest/globals';
import { MAX_FINDING_ROWS, renderSummary } from '../../src/report/summary.js';
import { buildTestReport, multiImageReport, splunkReport, syntheticFindings } from './fixtures.js';
import { expectWellFormedTables, tablesOf } from './inert.js';

const summary = renderSummary(
  splunkReport(
    {
      ignore: [
        {
          id: 'CVE-2021-3326',
          package: 'glibc',
          reason: 'not reachable from our entrypoint',
          expires: '2027-01-31',
        },
      ],
    },
    {
      warnings: [
        {
          code: 'ignore-expired',
          message: 'ignore CVE-2020-1751 expired on 2021-01-01 and no longer applies',
        },
      ],
    },
  ),
  { reportFile: '/runner/_temp/ecr-risk-gate-report.json' },
);

describe('job summary', () => {
  test('starts with the verdict and why', () => {
    const lines = summary.split('\n');
    expect(lines[0]).toBe('## ❌ ecr-risk-gate: fail');
    expect(summary).toContain('total risk score **587**');
    expect(summary).toContain('3 detections: high \\(2\\), unknown-uploader \\(1\\) at level fail');
  });

  test('severity counts of the Splunk scan (after one ignore)', () => {
    const table = tablesOf(summary).find((t) => t.header[0] === 'Critical');
    expect(table?.header).toEqual([
      'Critical',
      'High',
      'Medium',
      'Low',
      'Informational',
      'Undefined',
    ]);
    expect(table?.rows).toEqual([['0', '2', '13', '22', '63', '3']]);
  });

  test('the uploader: who, how verified, and whether known', () => {
    expect(summary).toContain(
      '**Uploader:** arn:aws:iam::111111111111:user/test \\(IAMUser, account 111111111111\\)',
    );
    expect(summary).toContain('UNKNOWN uploader');
    expect(summary).toContain('PutImage event 1aef3588-ae84-4f1f-9276-8ec94ee6a7e9');
  });

  test('the deciding detections come before the findings table, fail first', () => {
    const deciding = tablesOf(summary).find((t) => t.header[0] === 'Level');
    expect(deciding?.rows.map((r) => [r[0], r[2], r[3]])).toEqual([
      ['fail', '2', '140'],
      ['fail', '1', '49'],
      ['warn', '13', '273'],
      ['notice', '22', '110'],
      ['notice', '3', '15'],
    ]);
    expect(summary.indexOf('Detections that decide')).toBeLessThan(
      summary.indexOf('| Vulnerability |'),
    );
    expect(summary).toContain('At level off (reported, not counted): informational (63).');
  });

  test('findings table: CVE linked to its advisory, package, versions, severity, CVSS', () => {
    const findings = tablesOf(summary).find(
      (t) => t.header[0] === 'Vulnerability' && t.header[1] === 'Package',
    );
    expect(findings?.header).toEqual([
      'Vulnerability',
      'Package',
      'Installed',
      'Fixed in',
      'Severity',
      'CVSS',
      'Fix',
      'Exploit',
    ]);
    expect(findings?.rows).toHaveLength(103);
    // A basic scan carries neither signal: unknown (—), never "no" (issue 14 §2).
    expect(findings?.rows[0]).toEqual([
      'CVE-2021-33574',
      'glibc',
      '2.28-10',
      '—',
      'HIGH',
      '7.5',
      '—',
      '—',
    ]);
    expect(summary).toContain(
      '[CVE-2021-33574](https://security-tracker.debian.org/tracker/CVE-2021-33574)',
    );
    const severities = findings?.rows.map((r) => r[4]) ?? [];
    expect(severities.indexOf('MEDIUM')).toBeGreaterThan(severities.lastIndexOf('HIGH'));
    expect(severities.indexOf('INFORMATIONAL')).toBeGreaterThan(severities.lastIndexOf('LOW'));
  });

  test('long sections are folded; ignored findings show reason and expiry', () => {
    expect(summary).toContain(
      '<details><summary>Findings: 103 (2 high, 13 medium, 22 low, 63 informational, 3 undefined)</summary>',
    );
    const ignored = tablesOf(summary).find((t) => t.header.includes('Reason'));
    expect(ignored?.rows).toEqual([
      [
        'CVE-2021-3326',
        'glibc',
        'MEDIUM',
        'not reachable from our entrypoint',
        '2027-01-31',
        'policy',
      ],
    ]);
  });

  test('warnings (expired ignores) are listed; nothing left out means no left-out line', () => {
    expect(summary).toContain('### Warnings');
    expect(summary).toContain('`ignore-expired` ignore CVE-2020-1751 expired');
    expect(summary).not.toContain('Left out');
  });

  test('every table is well formed', () => {
    expect(expectWellFormedTables(summary).length).toBeGreaterThanOrEqual(4);
  });

  test('several images: the combined section comes first, then each image', () => {
    const multi = renderSummary(multiImageReport());
    const combined = tablesOf(multi)[0];
    expect(combined?.header[0]).toBe('Image');
    expect(combined?.rows.map((r) => r[1])).toEqual(['❌ fail', '❌ fail', '❌ fail', '❌ fail']);
    // Five columns, the uploader before the counts (issue 12 section 3).
    expect(combined?.header).toEqual(['Image', 'Result', 'Risk', 'Uploader', 'Findings']);
    expect(combined?.rows.map((r) => r[3])).toEqual(['unknown', 'known', 'known', 'unverified']);
    expect(
      combined?.rows.every((r) =>
        /^\d[\d,]* \/ [\d,]+ \/ [\d,]+ \/ [\d,]+ \/ [\d,]+ \/ [\d,]+$/.test(r[4] ?? ''),
      ),
    ).toBe(true);
    const order = [
      '### Images',
      'cat\\_dog\\_client',
      'linux/amd64',
      'linux/arm64',
      'legacy-worker',
    ].map((s) => multi.indexOf(s));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(multi).toContain('UNSUPPORTED\\_IMAGE');
    expect(multi).toContain('Uploader not verified');
    expectWellFormedTables(multi);
  });

  test('audit mode and a run that could not be evaluated say so', () => {
    expect(renderSummary(splunkReport({}, { mode: 'audit' }))).toContain(
      'audit mode: reported only',
    );
    const failed = renderSummary(
      splunkReport({}, { error: 'AccessDenied on ecr:DescribeImageScanFindings' }),
    );
    expect(failed).toContain(
      '**Could not evaluate:** AccessDenied on ecr:DescribeImageScanFindings',
    );
  });

  test('the findings table stops at the most severe rows; the cap is not blamed on the size limit', () => {
    const count = MAX_FINDING_ROWS + 250;
    const report = buildTestReport([
      { findings: syntheticFindings(count, 20), uploaderStatus: 'known' },
    ]);
    const summary = renderSummary(report);
    const table = tablesOf(summary).find((t) => t.header[1] === 'Package');
    expect(table?.rows).toHaveLength(MAX_FINDING_ROWS);
    expect(summary).toContain(
      `250 findings of this image left out here (the table shows the 1,000 most severe); the JSON report has all ${count}.`,
    );
    expect(summary).not.toContain('Left out to stay under');
    const order = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNDEFINED'];
    const ranks = (table?.rows ?? []).map((r) => order.indexOf(String(r[4])));
    expect(ranks.every((r) => r >= 0)).toBe(true);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
  });

  test('a small byte budget folds out findings and says how many, where to find them', () => {
    const small = renderSummary(splunkReport(), { maxBytes: 20_000, reportFile: '/tmp/r.json' });
    expect(Buffer.byteLength(small)).toBeLessThanOrEqual(20_000);
    const match =
      /\*\*Left out to stay under GitHub's 1 MiB job summary limit:\*\* (\d+) finding rows/.exec(
        small,
      );
    expect(match).not.toBeNull();
    const rows = tablesOf(small).find((t) => t.header[1] === 'Package')?.rows.length ?? 0;
    expect(rows + Number(match?.[1])).toBe(104);
    expect(small).toContain('`/tmp/r.json`');
    expectWellFormedTables(small);
  });
});

describe('pointers and numbers (issue 12 section 3)', () => {
  test('the summary says where the JSON report is and how to keep it', () => {
    const path = '/home/runner/work/_temp/ecr-risk-gate-report.json';
    const text = renderSummary(splunkReport(), { reportFile: path, reportFileTemporary: true });
    expect(text).toContain(`Full JSON report: \`${path}\``);
    expect(text).toContain('deleted when the job ends');
    expect(text).toContain('actions/upload-artifact');
  });

  test('numbers carry thousands separators', () => {
    const report = buildTestReport([
      { findings: syntheticFindings(1500, 10), uploaderStatus: 'known' },
      { repository: 'team/other', uploaderStatus: 'known' },
    ]);
    const text = renderSummary(report);
    const total = report.images[0]?.scan.counts;
    expect(total && total.critical + total.high).toBeGreaterThan(0);
    expect(text).toMatch(/risk score \*\*\d{1,3}(,\d{3})+\*\*/);
    expect(text).not.toMatch(/risk score \*\*\d{4,}/);
  });
});
