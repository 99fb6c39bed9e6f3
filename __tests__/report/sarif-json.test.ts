import { describe, expect, test } from '@jest/globals';
import type { Report } from '../../src/model.js';
import { detectionsOf, isFindingRule } from '../../src/report/format.js';
import { type Candidate, location, resultOf, ruleOf } from '../../src/report/sarif-entries.js';
import { imageJson, resultJson, ruleJson } from '../../src/report/sarif-json.js';
import { PieceList } from '../../src/report/sarif-pieces.js';
import { findingResultOf, findingRuleOf } from './sarif-object-forms.js';
import { HOSTILE, hostileReport, multiImageReport, splunkReport } from './fixtures.js';

/** Every candidate of every image, one per package as renderSarif makes them. */
function candidates(report: Report): Array<{ index: number; c: Candidate }> {
  return report.images.flatMap((_, index) =>
    detectionsOf(report, index).flatMap((detection) => {
      const ruleId = isFindingRule(detection.rule)
        ? (detection.findingId ?? 'finding')
        : detection.rule;
      const count = Math.max(1, detection.packages?.length ?? 0);
      return Array.from({ length: count }, (_, p) => ({
        index,
        c: { detection, packageIndex: detection.packages?.length ? p : null, ruleId },
      }));
    }),
  );
}

/** Reports whose detections carry every optional field the results and rules write. */
function reports(): Array<[string, Report]> {
  const marked = splunkReport({ platform: `linux/${HOSTILE.bidi}` });
  marked.detections.forEach((d, i) => {
    if (i % 3 === 0) d.compare = 'new';
    if (i % 3 === 1) d.compare = 'unchanged';
    if (i % 4 === 0) d.cvss = Number.NaN;
    if (i % 5 === 0) delete d.cvss;
    if (i % 2 === 0) d.fixAvailable = 'PARTIAL';
    if (i % 7 === 0) d.exploitAvailable = 'YES';
    if (i % 6 === 0) d.principal = HOSTILE.mention;
    if (i % 8 === 0) d.uri = HOSTILE.link;
    if (i % 9 === 0) {
      d.ignored = true;
      d.ignoreReason = HOSTILE.multiline;
    }
  });
  return [
    ['hostile', hostileReport()],
    ['multi-image', multiImageReport()],
    ['optional fields', marked],
  ];
}

describe('SARIF entries written by concatenation', () => {
  test.each(reports())('%s: the same text as serialising the object forms', (_, report) => {
    const all = candidates(report);
    expect(all.filter(({ c }) => isFindingRule(c.detection.rule)).length).toBeGreaterThan(10);
    for (const options of [{}, { dockerfile: { path: 'a b/Dockerfile', fromLine: 2 } }]) {
      for (const [n, { index, c }] of all.entries()) {
        const image = report.images[index];
        if (!image) throw new Error('no image');
        const where = location(image, options);
        const finding = isFindingRule(c.detection.rule);
        expect(ruleJson(c)).toBe(JSON.stringify(finding ? findingRuleOf(c) : ruleOf(c)));
        expect(resultJson(imageJson(image, where), c, n)).toBe(
          JSON.stringify(
            finding ? findingResultOf(image, c, n, where) : resultOf(image, c, n, where),
          ),
        );
      }
    }
  });
});

describe('PieceList', () => {
  test('entries and prefixes read back as the entries joined with commas', () => {
    // Entries of every size around the 256 K batch boundary, some empty.
    const entries = Array.from({ length: 300 }, (_, i) =>
      i % 50 === 7 ? '' : `${i}:`.padEnd((i * 7919) % 9000, String.fromCharCode(97 + (i % 26))),
    );
    const list = new PieceList();
    for (const entry of entries) list.push(entry);
    list.seal();
    expect(list.count).toBe(entries.length);
    entries.forEach((entry, i) => expect(list.get(i)).toBe(entry));
    for (const k of [0, 1, 2, 57, 58, 59, 150, 299, 300]) {
      const chunks: string[] = [];
      list.pushPrefix(chunks, k);
      expect(chunks.join('')).toBe(entries.slice(0, k).join(','));
    }
  });
});
