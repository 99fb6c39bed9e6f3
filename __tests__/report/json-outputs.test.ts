import { describe, expect, test } from '@jest/globals';
import { jsonReportChunks, renderJsonReport } from '../../src/report/json.js';
import { buildOutputs } from '../../src/report/outputs.js';
import type { Report } from '../../src/model.js';
import { bigReport, hostileReport, multiImageReport, noise, splunkReport } from './fixtures.js';

describe('JSON report', () => {
  test('holds the complete report, schemaVersion 1, round-trips', () => {
    const report = splunkReport();
    const text = renderJsonReport(report);
    const parsed = JSON.parse(text) as Report;
    expect(parsed).toEqual(report);
    expect(parsed.schemaVersion).toBe(1);
    expect(parsed.images[0]?.scan.findings).toHaveLength(104);
    expect(parsed.detections).toHaveLength(105);
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
    // Nested objects keep the engine's order, which depends only on the data: the same
    // evaluation twice gives the same text.
    const image = (JSON.parse(text) as { images: Array<Record<string, unknown>> }).images[0] ?? {};
    expect(Object.keys(image)).toEqual(Object.keys(report.images[0] ?? {}));
    expect(renderJsonReport(splunkReport())).toBe(text);
  });

  test('streamed in pieces, byte for byte what JSON.stringify(…, null, 2) gives', () => {
    const reports: Array<[string, Report]> = [
      ['splunk', splunkReport()],
      ['multi-image', multiImageReport()],
      ['hostile', hostileReport()],
      ['big', bigReport(3000, 100, 1, noise)],
      ['error', splunkReport({}, { error: 'AccessDenied' })],
    ];
    for (const [name, report] of reports) {
      const chunks = [...jsonReportChunks(report)];
      const reordered = JSON.parse(renderJsonReport(report)) as Report;
      expect([name, chunks.join('')]).toEqual([name, `${JSON.stringify(reordered, null, 2)}\n`]);
      if (name === 'big') {
        // Really in pieces: findings and detections go 500 at a time.
        const longest = Math.max(...chunks.map((c) => c.length));
        expect(longest).toBeLessThan(chunks.join('').length / 3);
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
    // 35 images and 40 entries: both arrays and the objects in them go through the streaming path.
    const odd = {
      schemaVersion: 1,
      images: Array.from({ length: 35 }, () => image),
      detections: Array.from({ length: 33 }, (_, i) => ({ n: i, s: 'a\nb "q" \u2028' })),
    } as unknown as Report;
    expect([...jsonReportChunks(odd)].length).toBeGreaterThan(35 * 5);
    expect(renderJsonReport(odd)).toBe(`${JSON.stringify(odd, null, 2)}\n`);
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
