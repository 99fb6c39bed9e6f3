import { thousands } from '../../src/report/format.js';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Report } from '../../src/model.js';
import { renderJsonReport } from '../../src/report/json.js';
import { expandJsonReport } from '../../src/report/json-read.js';
import { renderPrComments } from '../../src/report/pr-comment.js';
import { renderSarif } from '../../src/report/sarif.js';
import { MAX_FINDING_ROWS, renderSummary } from '../../src/report/summary.js';
import { bigReport, noise } from './fixtures.js';
import { expectWellFormedTables, tablesOf } from './inert.js';

/** Acceptance: 20,000 findings with 5 KB descriptions on every size-limited surface. */
describe('20,000 findings with 5 KB descriptions', () => {
  let report: Report;
  beforeAll(() => {
    report = bigReport(20_000, 5_000, 1, noise);
  }, 300_000);
  afterAll(() => {
    // Hundreds of MB of strings: let the worker exit without holding them.
    report = undefined as unknown as Report;
  });

  test('job summary under 1 MiB: the most severe rows, saying what it left out', () => {
    const summary = renderSummary(report, { reportFile: '/tmp/report.json' });
    expect(Buffer.byteLength(summary)).toBeLessThan(1024 * 1024);
    const table = tablesOf(summary).find((t) => t.header[1] === 'Package');
    const shown = table?.rows.length ?? 0;
    // Hostile rows are long: either the row cap or the byte budget ends the table.
    expect(shown).toBeGreaterThan(500);
    expect(shown).toBeLessThanOrEqual(MAX_FINDING_ROWS);
    expect(summary).toContain(`${thousands(20_000 - shown)} findings of this image left out here`);
    expect(summary).toContain('the JSON report has all 20000');
    const severities = (table?.rows ?? []).map((r) => r[4]);
    expect(severities[0]).toBe('CRITICAL');
    expect(severities).not.toContain('UNDEFINED');
    expectWellFormedTables(summary);
  }, 300_000);

  test('PR comment under 65,536 characters, saying what it left out', () => {
    const [comment] = renderPrComments(report);
    expect(comment?.body.length).toBeLessThan(65_536);
    expect(comment?.body).toContain('more findings are not listed here');
    expectWellFormedTables(comment?.body ?? '');
  }, 300_000);

  test('SARIF within 25,000 results and 10 MB gzipped, saying what it left out', () => {
    const { log, text, omittedResults } = renderSarif(report);
    expect(gzipSync(text).length).toBeLessThanOrEqual(10_000_000);
    const run = log.runs[0];
    expect(run?.results?.length).toBeLessThanOrEqual(25_000);
    expect(omittedResults).toBeGreaterThan(0);
    expect((run?.results?.length ?? 0) + omittedResults).toBe(20_001);
    expect(run?.properties?.['omitted']).toMatchObject({ results: omittedResults });
    expect(run?.invocations?.[0]?.toolExecutionNotifications?.[0]?.message.text).toContain(
      `${thousands(omittedResults)} results left out`,
    );
  }, 300_000);

  test('the JSON report holds everything', () => {
    const text = renderJsonReport(report);
    // v2: each 5 KB description once (in its detection row), not twice and pretty-printed.
    expect(text.length).toBeLessThan(20_000 * 5_000 * 1.5);
    const parsed = expandJsonReport(JSON.parse(text));
    expect(parsed.images[0]?.scan.findings).toHaveLength(20_000);
    expect(parsed.detections).toHaveLength(20_001);
    expect(parsed.images[0]?.scan.findings.every((f) => f.description.length === 5_000)).toBe(true);
    expect(parsed.detections.at(-2)?.finding).toBe(report.detections.at(-2)?.finding);
  }, 300_000);
});
