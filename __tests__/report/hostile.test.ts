import { describe, expect, test } from '@jest/globals';
import { buildAnnotations } from '../../src/report/annotations.js';
import { safeUrl } from '../../src/report/escape.js';
import { renderJsonReport } from '../../src/report/json.js';
import { expandJsonReport } from '../../src/report/json-read.js';
import { buildOutputs } from '../../src/report/outputs.js';
import { renderPrComments } from '../../src/report/pr-comment.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderSummary } from '../../src/report/summary.js';
import { renderText } from '../../src/report/text.js';
import { HOSTILE, hostileReport } from './fixtures.js';
import {
  expectCleanCharacters,
  expectInertMarkdown,
  expectNoWorkflowCommand,
  expectWellFormedTables,
} from './inert.js';

/**
 * The same hostile report through every surface: HTML, `<script>`, Markdown links and images,
 * `@org/team` mentions, `::` commands, bidi controls and 1 MB strings render inert everywhere.
 */
describe('hostile finding text on every surface', () => {
  const report = hostileReport();
  const advisories = new Set(
    report.images.flatMap((i) =>
      i.scan.findings.flatMap((f) => (safeUrl(f.uri) ? [safeUrl(f.uri) as string] : [])),
    ),
  );

  test('job summary', () => {
    const summary = renderSummary(report);
    expect(Buffer.byteLength(summary)).toBeLessThan(1024 * 1024);
    const html = expectInertMarkdown(summary, advisories);
    expectWellFormedTables(summary);
    // The data is there, shown as text.
    expect(html).toContain('&lt;script&gt;alert(document.cookie)&lt;/script&gt;');
    expect(html).toContain('[click me](https:\u200B//evil.example/phish)');
    expect(html).toContain('@\u200Dorg/security-team');
    expect(html).toContain('access[U+202E]evil');
    expect(summary).not.toContain(HOSTILE.huge.slice(0, 10_000));
  });

  test('PR comment', () => {
    for (const comment of renderPrComments(report)) {
      expect(comment.body.length).toBeLessThan(65_536);
      expectInertMarkdown(comment.body, advisories);
      expectWellFormedTables(comment.body);
      expect(comment.body.startsWith(comment.marker)).toBe(true);
      expect(comment.body.split('<!-- ecr-risk-gate:')).toHaveLength(2);
    }
  });

  test('annotations and terminal text', () => {
    for (const a of buildAnnotations(report)) {
      expectNoWorkflowCommand(`${a.title}\n${a.message}`);
      expectCleanCharacters(`${a.title}\n${a.message}`);
    }
    const text = renderText(report, { color: false, topFindings: 50 });
    expectNoWorkflowCommand(text);
    expectCleanCharacters(text);
  });

  test('SARIF', () => {
    const { log, text } = renderSarif(report);
    expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    for (const result of log.runs[0]?.results ?? [])
      expectCleanCharacters(result.message.text ?? '');
  });

  test('outputs', () => {
    const outputs = buildOutputs(report, { reportFile: 'r.json' });
    for (const value of Object.values(outputs)) expectCleanCharacters(value);
  });

  test('the JSON report keeps the data exactly (it is data, not a display)', () => {
    const parsed = expandJsonReport(JSON.parse(renderJsonReport(report)));
    const descriptions = parsed.images[0]?.scan.findings.map((f) => f.description) ?? [];
    expect(descriptions.some((d) => d.includes(HOSTILE.huge))).toBe(true);
    expect(parsed.warnings[0]?.message).toBe(`${HOSTILE.stop} ${HOSTILE.image}`);
  });
});
