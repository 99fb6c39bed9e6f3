// Issue 14 §1 surfaces: the summary and the PR comment lead with what is new and what this release
// fixes; text, annotations and SARIF carry the mark; an unusable reference is said, not hidden.
// The real Splunk scan (104 findings, 2 HIGH) is the release; production is the same scan without
// one HIGH (so the release adds it) and with one HIGH more (so the release fixes it).
import { evaluate } from '../../src/engine.js';
import { UserError } from '../../src/errors.js';
import { parseSettings } from '../../src/inputs/parse.js';
import type { Finding, Report, ResolvedImage, ScanOutcome } from '../../src/model.js';
import type { EcrPort } from '../../src/ports.js';
import { buildAnnotations } from '../../src/report/annotations.js';
import { renderPrComments } from '../../src/report/pr-comment.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderSummary } from '../../src/report/summary.js';
import { renderText } from '../../src/report/text.js';
import { splunkFindings, SPLUNK } from '../report/fixtures.js';

const RELEASE = SPLUNK.digest;
const PROD = `sha256:${'c'.repeat(64)}`;
const release = splunkFindings();
const highIds = [...new Set(release.filter((f) => f.severity === 'HIGH').map((f) => f.id))];
const ADDED = highIds[0] as string;
const FIXED: Finding = {
  id: 'CVE-2020-0001 <img src=x> @admin',
  name: 'CVE-2020-0001',
  description: 'old zlib',
  severity: 'HIGH',
  scannerSeverity: 'HIGH',
  packages: [{ name: 'zlib', version: '1.2.11' }],
  source: 'basic',
};
const production = [...release.filter((f) => f.id !== ADDED), FIXED];

const complete = (findings: Finding[]): ScanOutcome => ({
  type: 'BASIC',
  status: 'COMPLETE',
  usable: true,
  findings,
  calls: 1,
});

async function reportWith(prodReadable: boolean): Promise<Report> {
  const ecr: EcrPort = {
    async resolve(target, region): Promise<ResolvedImage[]> {
      if (target.tag === 'prod' && !prodReadable) {
        throw new UserError(
          `Image ${target.raw} was not found in repository ${target.repository}.`,
        );
      }
      return [
        {
          target,
          registryId: SPLUNK.registryId,
          region: target.region ?? region,
          repository: target.repository,
          imageDigest: target.tag === 'prod' ? PROD : RELEASE,
          imageTags: target.tag ? [target.tag] : [],
        },
      ];
    },
    waitForScan: async (image) => complete(image.imageDigest === PROD ? production : release),
    callCount: () => 0,
  };
  const host = `${SPLUNK.registryId}.dkr.ecr.${SPLUNK.region}.amazonaws.com`;
  const settings = parseSettings(
    {
      image: `${host}/${SPLUNK.repository}:latest`,
      'compare-to': `${SPLUNK.repository}:prod`,
      'uploader-check': 'false',
    },
    {},
    null,
  );
  return evaluate(settings, { ecr, uploader: null, now: () => new Date('2026-01-01T00:00:00Z') });
}

const firstCve = (text: string) => /CVE-\d{4}-\d+/.exec(text)?.[0];

describe('compared', () => {
  let report: Report;
  beforeAll(async () => {
    report = await reportWith(true);
  });

  test('the verdict: fail on the one new HIGH only', () => {
    expect(report.result).toBe('fail');
    const failing = report.detections.filter((d) => !d.ignored && d.level === 'fail');
    expect(failing.map((d) => d.findingId)).toEqual([ADDED]);
    expect(report.images[0]?.compare?.fixed.map((f) => f.id)).toEqual([FIXED.id]);
  });

  test('summary: leads with the new finding and what this release fixes', () => {
    const summary = renderSummary(report);
    const lead = summary.indexOf('### New in this release against');
    expect(lead).toBeGreaterThan(0);
    expect(lead).toBeLessThan(summary.indexOf('#### Detections that decide'));
    expect(firstCve(summary)).toBe(ADDED);
    expect(summary).toContain('**1 new finding**');
    expect(summary).toMatch(/\*\*Fixed by this release:\*\* CVE-2020-0001/);
    // scanner text in the fixed list is escaped: no live HTML, no @mention
    expect(summary).not.toContain('<img');
    expect(summary).not.toMatch(/(^|[^`\w])@admin/);
    // in the per-image table the new row comes first and is marked
    const table = summary.slice(summary.indexOf('<summary>Findings:'));
    expect(firstCve(table)).toBe(ADDED);
    expect(table).toMatch(new RegExp(`${ADDED}[^|]*\\*\\*new\\*\\*`));
    // deciding detections: the new HIGH fails apart from the unchanged ones, which warn
    expect(summary).toMatch(/\| \*\*fail\*\* \| High vulnerabilities \(`high`\) \(new\) \| 1 \|/);
    expect(summary).toMatch(/\| \*\*warn\*\* \| [^|]*\(`medium`\) \(unchanged\) \| 14 \|/);
  });

  test('PR comment: the same lead before anything per image', () => {
    const [comment] = renderPrComments(report);
    const body = comment?.body ?? '';
    expect(body.indexOf('New in this release against')).toBeLessThan(body.indexOf('Top findings'));
    expect(firstCve(body)).toBe(ADDED);
    expect(body).toContain('Fixed by this release');
  });

  test('text: the comparison line, fixed list and the new finding first, marked', () => {
    const text = renderText(report, { color: false });
    expect(text).toContain(`against ${SPLUNK.repository}:prod: 1 new, 103 unchanged, 1 fixed`);
    expect(text).toContain('fixed by this release: CVE-2020-0001');
    const top = text.split('top findings')[1] ?? '';
    expect(top).toMatch(new RegExp(`^\\s*\\(\\d+ of \\d+\\):\\n\\s+HIGH\\s+new ${ADDED}`));
  });

  test('annotations and SARIF carry the mark', () => {
    const error = buildAnnotations(report).find((a) => a.level === 'error');
    expect(error?.message).toContain(`${ADDED} (new)`);
    const sarif = renderSarif(report).log;
    const results = sarif.runs.flatMap((r) => r.results ?? []);
    const added = results.filter((r) => r.ruleId === ADDED);
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((r) => r.properties?.compare === 'new')).toBe(true);
    expect(added[0]?.message.text).toContain('new against the compare-to reference');
    expect(results.some((r) => r.properties?.compare === 'unchanged')).toBe(true);
  });
});

describe('the reference cannot be read', () => {
  let report: Report;
  beforeAll(async () => {
    report = await reportWith(false);
  });

  test('absolute verdict, and every surface says the reference was not used and why', () => {
    // both HIGH rows fail, as without compare-to
    expect(report.detections.filter((d) => d.level === 'fail').length).toBe(highIds.length);
    const summary = renderSummary(report);
    expect(summary).toContain('The reference could not be used');
    expect(summary).toContain('was not found');
    expect(summary).toMatch(/- ⚠️ `compare-to`/);
    const body = renderPrComments(report)[0]?.body ?? '';
    expect(body).toContain('The reference could not be used');
    const text = renderText(report, { color: false });
    expect(text).toMatch(
      /compare-to devsecops\/cat_dog_client:prod could not be read \(.*was not found/,
    );
  });
});
