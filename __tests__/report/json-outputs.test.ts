import { describe, expect, test } from '@jest/globals';
import { jsonReportChunks, renderJsonReport } from '../../src/report/json.js';
import { buildOutputs } from '../../src/report/outputs.js';
import { expandJsonReport } from '../../src/report/json-read.js';
import type { Finding, Report } from '../../src/model.js';
import { bigReport, hostileReport, multiImageReport, noise, splunkReport } from './fixtures.js';

describe('JSON report', () => {
  test('holds the complete report, schemaVersion 2, round-trips through expandJsonReport', () => {
    const report = splunkReport();
    const text = renderJsonReport(report);
    const parsed = JSON.parse(text) as Report & { schemaVersion: number };
    expect(parsed.schemaVersion).toBe(2);
    expect(parsed.images[0]?.scan.findings).toHaveLength(104);
    expect(parsed.detections).toHaveLength(105);
    expect(expandJsonReport(parsed)).toEqual({ ...report, schemaVersion: 2 });
  });

  test('compact (no pretty-printing): one line, byte for byte JSON.stringify of itself', () => {
    const text = renderJsonReport(splunkReport());
    expect(text.endsWith('\n')).toBe(true);
    expect(text.slice(0, -1)).not.toContain('\n');
    expect(text).toBe(`${JSON.stringify(JSON.parse(text))}\n`);
  });

  test("every finding's text once: detection rows keep the seed's fields, scan findings point at them", () => {
    const report = splunkReport();
    const parsed = JSON.parse(renderJsonReport(report)) as {
      images: Array<{ scan: { findings: Array<Record<string, unknown>> } }>;
      detections: Array<Record<string, unknown>>;
    };
    const findings = parsed.images[0]?.scan.findings ?? [];
    const withText = report.images[0]?.scan.findings.filter((f) => f.description !== '') ?? [];
    expect(withText.length).toBeGreaterThan(50);
    for (const finding of findings) {
      expect(finding).not.toHaveProperty('description');
      const row = parsed.detections[finding.detection as number];
      expect(row?.findingId).toBe(finding.id);
    }
    // The seed's `finding` field on the row: "<name>, <description>".
    const sample = withText[0];
    const row = parsed.detections.find((d) => d.findingId === sample?.id);
    expect(row?.finding).toBe(`${sample?.name}, ${sample?.description}`);
    // Each description appears once in the whole file.
    const text = renderJsonReport(report);
    for (const finding of withText.slice(0, 20)) {
      const escaped = JSON.stringify(finding.description).slice(1, -1);
      expect(text.split(escaped).length - 1).toBe(1);
    }
  });

  test('new fields on rows and findings flow through (rows are written as built)', () => {
    const report = splunkReport();
    const row = report.detections[0] as unknown as Record<string, unknown>;
    row.mark = 'new';
    const parsed = JSON.parse(renderJsonReport(report)) as {
      detections: Array<Record<string, unknown>>;
    };
    expect(parsed.detections[0]?.mark).toBe('new');
  });

  test('a finding no row of its image holds keeps its description', () => {
    const report = splunkReport();
    const orphan = {
      ...(report.images[0]?.scan.findings[0] as Finding),
      name: 'X-1',
      id: 'X-1',
      description: 'only here',
    };
    report.images[0]?.scan.findings.push(orphan);
    const parsed = JSON.parse(renderJsonReport(report)) as Report;
    expect(parsed.images[0]?.scan.findings.at(-1)).toEqual(orphan);
  });

  test('expandJsonReport refuses an unknown version by name', () => {
    expect(() => expandJsonReport({ schemaVersion: 3 })).toThrow(
      /schemaVersion 3 \(accepted: 1, 2\)/,
    );
    expect(() => expandJsonReport({})).toThrow(/schemaVersion missing \(accepted: 1, 2\)/);
    expect(() => expandJsonReport({ schemaVersion: '2' })).toThrow(/schemaVersion "2" \(/);
    // A hostile file's version is shown bounded, not a megabyte of message.
    let message = '';
    try {
      expandJsonReport({ schemaVersion: 'v'.repeat(1_000_000) });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      `not an ecr-risk-gate JSON report: schemaVersion "${'v'.repeat(40)}…" (accepted: 1, 2)`,
    );
  });

  test('top level in reading order whatever order the report object has; nested as built', () => {
    const report = splunkReport();
    const text = renderJsonReport(report);
    expect(Object.keys(JSON.parse(text) as object).slice(0, 6)).toEqual([
      'schemaVersion',
      'tool',
      'generatedAt',
      'mode',
      'result',
      'reasons',
    ]);
    const reversed = Object.fromEntries(Object.entries(report).reverse()) as unknown as Report;
    expect(renderJsonReport(reversed)).toBe(text);
    const image = (JSON.parse(text) as { images: Array<Record<string, unknown>> }).images[0] ?? {};
    expect(Object.keys(image)).toEqual(Object.keys(report.images[0] ?? {}));
    expect(renderJsonReport(splunkReport())).toBe(text);
  });

  test('streamed in pieces, every report a valid compact document that expands back', () => {
    const reports: Array<[string, Report]> = [
      ['splunk', splunkReport()],
      ['multi-image', multiImageReport()],
      ['hostile', hostileReport()],
      ['big', bigReport(3000, 100, 1, noise)],
      ['error', splunkReport({}, { error: 'AccessDenied' })],
    ];
    for (const [name, report] of reports) {
      const chunks = [...jsonReportChunks(report)];
      const text = chunks.join('');
      const parsed: unknown = JSON.parse(text);
      expect([name, text]).toEqual([name, `${JSON.stringify(parsed)}\n`]);
      expect([name, expandJsonReport(parsed)]).toEqual([
        name,
        JSON.parse(JSON.stringify({ ...report, schemaVersion: 2 })),
      ]);
      if (name === 'big') {
        const longest = Math.max(...chunks.map((c) => c.length));
        expect(longest).toBeLessThan(text.length / 3);
      }
    }
  });

  test('streaming keeps JSON.stringify semantics: toJSON, undefined, empty and nested containers', () => {
    const when = new Date('2024-05-21T10:00:00Z');
    const image = {
      at: when,
      gone: undefined,
      fn: () => 1,
      empty: [],
      none: {},
      many: Array.from({ length: 40 }, (_, i) =>
        i % 10 === 0 ? undefined : { i, at: when, deep: { list: [i, [i]] } },
      ),
    };
    const odd = {
      schemaVersion: 2,
      images: Array.from({ length: 35 }, () => image),
      detections: Array.from({ length: 33 }, (_, i) => ({ n: i, s: 'a\nb "q" \u2028' })),
    } as unknown as Report;
    expect([...jsonReportChunks(odd)].length).toBeGreaterThan(35 * 5);
    expect(renderJsonReport(odd)).toBe(`${JSON.stringify(odd)}\n`);
  });

  test('a key the lead adds later still comes out (after the known ones)', () => {
    const report = { ...splunkReport(), extraField: 1 } as Report;
    const keys = Object.keys(JSON.parse(renderJsonReport(report)) as object);
    expect(keys.at(-1)).toBe('extraField');
  });
});

describe('step outputs', () => {
  test('the SPEC section 3 outputs for the Splunk scan', () => {
    const outputs = buildOutputs(splunkReport(), {
      reportFile: '/runner/_temp/r.json',
      sarifFile: 'out/ecr.sarif',
    });
    expect(outputs).toEqual({
      result: 'fail',
      'risk-score': '608',
      critical: '0',
      high: '2',
      medium: '14',
      low: '22',
      informational: '63',
      undefined: '3',
      'findings-total': '104',
      uploader: 'arn:aws:iam::111111111111:user/test',
      'uploader-status': 'unknown',
      'image-digest': 'sha256:a27d73188718a511a1ec1ec788826674b21e097f29873dde734a4dedfbfab1c6',
      'report-file': '/runner/_temp/r.json',
      'sarif-file': 'out/ecr.sarif',
      // compare-to not set (issue 14 §1)
      'new-findings': '',
      'fixed-findings': '',
    });
  });

  test('counts are after ignores; no sarif file is an empty output', () => {
    const report = splunkReport({
      ignore: [{ id: 'CVE-2021-33574', reason: 'r' }],
      uploaderStatus: 'known',
    });
    const outputs = buildOutputs(report, { reportFile: 'r.json' });
    expect(outputs.high).toBe('1');
    expect(outputs['findings-total']).toBe('103');
    expect(outputs['uploader-status']).toBe('known');
    expect(outputs['sarif-file']).toBe('');
  });

  test('several images: summed counts, newline lists, the most worrying uploader status', () => {
    const outputs = buildOutputs(multiImageReport(), { reportFile: 'r.json' });
    expect(outputs['image-digest']?.split('\n')).toHaveLength(4);
    expect(outputs.uploader?.split('\n')).toEqual([
      'arn:aws:iam::111111111111:user/test',
      'arn:aws:iam::111111111112:role/github-actions-ecr-push',
    ]);
    expect(outputs['uploader-status']).toBe('unknown');
    expect(outputs['findings-total']).toBe(String(104 + 20 + 18));
  });

  test('stays far below the 1 MB output limit with thousands of images', () => {
    const base = splunkReport();
    const image = base.images[0] as Report['images'][number];
    const report: Report = {
      ...base,
      images: Array.from({ length: 5000 }, (_, i) => ({
        ...image,
        imageDigest: `sha256:${i.toString(16).padStart(64, '0')}`,
        uploader: { ...image.uploader, principal: `arn:aws:iam::111111111111:role/r${i}` },
      })),
    };
    const outputs = buildOutputs(report, { reportFile: 'r.json' });
    const total = Object.values(outputs).reduce((sum, v) => sum + Buffer.byteLength(v), 0);
    expect(total).toBeLessThan(100_000);
    expect(outputs['image-digest']?.split('\n').at(-1)).toMatch(
      /^\(\+\d+ more in the report file\)$/,
    );
    expect(
      outputs['image-digest']
        ?.split('\n')
        .slice(0, -1)
        .every((d) => /^sha256:[0-9a-f]{64}$/.test(d)),
    ).toBe(true);
  });
});
