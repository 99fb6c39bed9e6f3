// Hostile-text corpus through the renderers directly: every string of the corpus, in every field
// the outside world fills in, on every surface. The log itself is covered through the bundle
// (hostile-bundle.test.ts); here the text report is checked as the CLI prints it.
import { beforeAll, describe, expect, test } from '@jest/globals';
import type { Report } from '../../src/model.js';
import { annotationCommand, buildAnnotations } from '../../src/report/annotations.js';
import { safeUrl } from '../../src/report/escape.js';
import { renderJsonReport } from '../../src/report/json.js';
import { expandJsonReport } from '../../src/report/json-read.js';
import { buildOutputs } from '../../src/report/outputs.js';
import { renderPrComments } from '../../src/report/pr-comment.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderSummary } from '../../src/report/summary.js';
import { renderText } from '../../src/report/text.js';
import { hostileReport } from './hostile-report.js';
import { HOSTILE } from './hostile-strings.js';
import {
  annotationViolations,
  characterViolations,
  logViolations,
  markdownViolations,
  sarifDisplayedStrings,
  stringLeaves,
} from './inert-checks.js';

/** The links a renderer may make: the advisory URIs the scanner gave, if they are http(s). */
function allowedHrefs(report: Report): Set<string> {
  const uris = [
    ...report.images.flatMap((image) => image.scan.findings.map((f) => f.uri)),
    ...report.detections.map((d) => d.uri),
  ];
  return new Set(uris.map((uri) => safeUrl(uri)).filter((href): href is string => href !== null));
}

/** Every violation of every surface of one report. */
function surfaceViolations(report: Report): string[] {
  const hrefs = allowedHrefs(report);
  const out: string[] = [];
  out.push(...logViolations(renderText(report, { color: false })));
  // Our own colours are the one escape sequence allowed; what is left must be clean.
  // eslint-disable-next-line no-control-regex -- removing our ANSI colour codes
  out.push(...logViolations(renderText(report, { color: true }).replace(/\u001b\[[0-9;]*m/g, '')));
  for (const options of [{}, { dockerfile: { path: 'docker/Dockerfile', fromLine: 3 } }]) {
    for (const annotation of buildAnnotations(report, options)) {
      out.push(...annotationViolations(annotationCommand(annotation)));
    }
  }
  out.push(...markdownViolations(renderSummary(report), { allowedHrefs: hrefs }, 'job summary'));
  for (const comment of renderPrComments(report)) {
    if (comment.body.length > 65_536) out.push(`PR comment of ${comment.body.length} characters`);
    out.push(
      ...markdownViolations(
        comment.body,
        { allowedHrefs: hrefs, marker: comment.marker },
        'PR comment',
      ),
    );
  }
  const sarif = JSON.parse(renderSarif(report).text) as unknown;
  for (const text of sarifDisplayedStrings(sarif)) out.push(...characterViolations(text, 'SARIF'));
  const markdown = stringLeaves(sarif).filter((_, i, all) => all[i - 1] === 'markdown');
  for (const text of markdown)
    out.push(...markdownViolations(text, { allowedHrefs: hrefs }, 'SARIF markdown'));
  for (const [name, value] of Object.entries(buildOutputs(report, { reportFile: '/tmp/r.json' }))) {
    out.push(...characterViolations(value, `output ${name}`));
  }
  return [...new Set(out)];
}

/** The report as a reader of the JSON file gets it back. */
const roundTrip = (report: Report): unknown => JSON.parse(renderJsonReport(report));

describe('each hostile string on its own', () => {
  test.each(HOSTILE.map((h) => [h.id, h.text] as const))(
    '%s is inert on every surface',
    async (_id, text) => {
      const report = await hostileReport([text]);
      expect(surfaceViolations(report)).toEqual([]);
      // The JSON report is the complete record: the string comes back exactly as it came in.
      expect(stringLeaves(roundTrip(report))).toContain(text);
    },
  );
});

describe('the whole corpus in one report', () => {
  let report: Report;
  beforeAll(async () => {
    report = await hostileReport();
  });

  test('every rule that carries outside text fired, so every path was taken', () => {
    const rules = new Set(report.detections.map((d) => d.rule));
    for (const rule of [
      'critical',
      'high',
      'medium',
      'low',
      'undefined',
      'unknown-uploader',
      'tag-overwrite',
      'cross-account-uploader',
      'outside-business-hours',
      'scan-incomplete',
    ]) {
      expect(rules).toContain(rule);
    }
    expect(report.ignored.length).toBeGreaterThan(0);
    expect(report.warnings.map((w) => w.code)).toContain('ignore-expired');
  });

  test('is inert on every surface', () => {
    expect(surfaceViolations(report)).toEqual([]);
  });

  test('the JSON report round-trips every string exactly, the megabyte one included', () => {
    const text = renderJsonReport(report);
    expect(expandJsonReport(JSON.parse(text))).toEqual(JSON.parse(JSON.stringify(report)));
    const leaves = new Set(stringLeaves(JSON.parse(text)));
    for (const h of HOSTILE) expect(leaves.has(h.text)).toBe(true);
  });

  test('the surfaces with limits stay inside them', () => {
    expect(Buffer.byteLength(renderSummary(report))).toBeLessThanOrEqual(1024 * 1024);
    for (const comment of renderPrComments(report))
      expect(comment.body.length).toBeLessThanOrEqual(65_536);
    expect(buildAnnotations(report).length).toBeLessThanOrEqual(30);
  });
});
