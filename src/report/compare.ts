import type { Detection, FixedFinding, ImageComparison, Report } from '../model.js';
import { escapeMarkdown, markdownCode } from './escape.js';
import { compareFindings, detectionsOf, imageLabel, isFindingRule, plural } from './format.js';
import { ByteBudget, FINDING_HEAD, findingRow } from './markdown.js';

export { decidingKey, groupRisk, markSuffix } from './compare-marks.js';

// `compare-to` (issue 14 §1) on the human surfaces: the summary and the PR comment lead with what
// this release adds and what it fixes; finding tables list new rows first.

const MARK_RANK = { new: 0, unchanged: 1 } as const;

/** New rows first, then the usual most-severe-first order. */
export function compareByMark(a: Detection, b: Detection): number {
  const rank = (d: Detection) => (d.compare ? MARK_RANK[d.compare] : 2);
  return rank(a) - rank(b) || compareFindings(a, b);
}

/** `3 new, 40 unchanged, 2 fixed` of one image, or why it was not compared. */
export function comparisonText(c: ImageComparison): string {
  const counts = `${c.new} new, ${c.unchanged} unchanged, ${c.fixed.length} fixed`;
  return c.status === 'compared'
    ? counts
    : `not compared (${c.reason ?? 'reference unreadable'}): every finding counted as new`;
}

export function fixedText(f: FixedFinding): string {
  const packages = f.packages.slice(0, 3).join(', ') + (f.packages.length > 3 ? ', …' : '');
  return `${f.id} (${f.severity.toLowerCase()}${packages ? `, ${packages}` : ''})`;
}

export interface CompareSectionOptions {
  /** Images the section is about (the PR comment's group); default every image. */
  imageIndexes?: readonly number[];
  maxNewRows: number;
  maxFixed: number;
}

/**
 * `### New in this release against <reference>`: the verdict of the comparison, a table of the new
 * findings (most severe first), then what this release fixes. Empty when compare-to is not set.
 */
export function renderCompareSection(
  report: Report,
  budget: ByteBudget,
  options: CompareSectionOptions,
): string {
  const compareTo = report.compareTo;
  if (!compareTo) return '';
  const indexes = options.imageIndexes ?? report.images.map((_, i) => i);
  const reference = markdownCode(compareTo.reference, 300);
  let out = `### New in this release against ${reference}\n\n`;
  const unreadable = indexes.flatMap((i) => {
    const c = report.images[i]?.compare;
    return c && c.status !== 'compared' ? [{ i, c }] : [];
  });
  for (const { i, c } of unreadable.slice(0, 10)) {
    const image = report.images[i];
    const which = indexes.length > 1 && image ? ` for ${markdownCode(imageLabel(image), 200)}` : '';
    out += `> ⚠️ **The reference could not be used${which}:** ${escapeMarkdown(c.reason ?? 'unknown reason', 500)}. Every finding is counted as new (absolute counts), so the gate fails as it would without compare-to.\n\n`;
  }
  // Images whose reference was unusable are all "new" (absolute counts): listing every finding
  // of theirs here would bury what the compared images add; their own tables follow.
  const compared = indexes.flatMap((i) => {
    const c = report.images[i]?.compare;
    return c?.status === 'compared' ? [c] : [];
  });
  if (compared.length === 0) {
    budget.force(out);
    return out;
  }
  const sum = (f: (c: ImageComparison) => number) => compared.reduce((n, c) => n + f(c), 0);
  const level =
    compareTo.unchanged === 'fail' ? 'keep their level' : `are at most ${compareTo.unchanged}`;
  out += `**${plural(
    sum((c) => c.new),
    'new finding',
  )}** · ${sum((c) => c.unchanged)} unchanged (they ${level}) · **${plural(
    sum((c) => c.fixed.length),
    'finding',
  )} fixed** by this release\n\n`;
  if (indexes.length > 1) {
    for (const i of indexes) {
      const image = report.images[i];
      if (image?.compare) {
        out += `- ${markdownCode(imageLabel(image), 200)}: ${escapeMarkdown(comparisonText(image.compare), 600)}\n`;
      }
    }
    out += '\n';
  }
  budget.force(out);

  const rows = indexes
    .filter((i) => report.images[i]?.compare?.status === 'compared')
    .flatMap((i) => detectionsOf(report, i))
    .filter((d) => !d.ignored && d.compare === 'new' && isFindingRule(d.rule))
    .sort(compareFindings);
  if (rows.length > 0 && budget.take(FINDING_HEAD)) {
    out += FINDING_HEAD;
    let shown = 0;
    for (const d of rows.slice(0, options.maxNewRows)) {
      const row = findingRow(d);
      if (!budget.take(row)) break;
      out += row;
      shown += 1;
    }
    if (rows.length > shown) {
      out += `\n_${plural(rows.length - shown, 'more new finding')} below and in the JSON report._\n`;
    }
    out += '\n';
  }

  const fixed = compared.flatMap((c) => c.fixed);
  if (fixed.length > 0) {
    const names = fixed.slice(0, options.maxFixed).map((f) => escapeMarkdown(fixedText(f), 300));
    const more = fixed.length - names.length;
    const line = `**Fixed by this release:** ${names.join(', ')}${more > 0 ? `, and ${more} more (JSON report)` : ''}\n\n`;
    if (budget.take(line)) out += line;
  }
  return out;
}
