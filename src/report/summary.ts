import type { Report } from '../model.js';
import { escapeMarkdown, markdownCode } from './escape.js';
import { renderSweepMarkdown } from './sweep.js';
import {
  compareFindings,
  detectionsOf,
  imageLabel,
  isFindingRule,
  plural,
  RESULT_ICON,
  thousands,
} from './format.js';
import {
  ByteBudget,
  countsText,
  decidingTable,
  DETAILS_CLOSE,
  detailsOpen,
  FINDING_HEAD,
  findingRow,
  IGNORED_HEAD,
  ignoredRow,
  imageFacts,
  severityTable,
  summaryText,
  tableHead,
  tableRow,
  uploaderLine,
  verdictLine,
} from './markdown.js';
import { compareByMark, comparisonText, renderCompareSection } from './compare.js';
import { topSorted } from './top.js';

export interface SummaryOptions {
  /** Byte budget; GitHub refuses a step summary over 1 MiB. */
  maxBytes?: number;
  /** Where the complete JSON report was written: named at the end and in the "left out" line. */
  reportFile?: string | null;
  /** The report file is in RUNNER_TEMP (the default path), gone after the job. */
  reportFileTemporary?: boolean;
  /** The step's own warnings (files, SARIF left-outs), shown after the report's warnings. */
  stepNotes?: readonly string[];
}

/** Under GitHub's 1 MiB (1,048,576 bytes) with room for whatever else the step appends. */
export const SUMMARY_MAX_BYTES = 1_000_000;
const MAX_REASONS = 20;
const MAX_WARNINGS = 50;
const MAX_COMBINED_ROWS = 200;
const MAX_IGNORED_ROWS = 500;
// A reader wants the worst findings, not a 5,000-row table (1 MiB of them took 0.3 s to build
// for 20,000 findings); the JSON report and SARIF have every one.
export const MAX_FINDING_ROWS = 1_000;
const MAX_FINDING_ROWS_TEXT = thousands(MAX_FINDING_ROWS);
// Fixed sections get fixed byte shares so hostile text in them cannot crowd out the images.
const HEADER_BYTES = 60_000;
const COMBINED_BYTES = 150_000;
const WARNINGS_BYTES = 100_000;
const LEFT_OUT_RESERVE = 4_000;
const COMPARE_BYTES = 150_000;
const SWEEP_BYTES = 150_000;

interface LeftOut {
  images: number;
  findings: number;
  ignored: number;
  warnings: number;
  combinedRows: number;
}

/**
 * The job summary: overall verdict, a combined table when there are several images, then per
 * image its verdict, facts, severity counts, uploader, the deciding detections, the findings
 * table and the ignored findings (long tables folded), then warnings and one line for whatever
 * the byte budget left out. Always under `maxBytes` (default 1,000,000 bytes).
 */
export function renderSummary(report: Report, options: SummaryOptions = {}): string {
  const maxBytes = options.maxBytes ?? SUMMARY_MAX_BYTES;
  const left: LeftOut = { images: 0, findings: 0, ignored: 0, warnings: 0, combinedRows: 0 };
  // A sweep leads with the pushers that need a look (issue 15); compare-to with what this
  // release adds and fixes, before any per-image detail.
  const header =
    renderHeader(report, new ByteBudget(HEADER_BYTES)) +
    renderSweepMarkdown(report, new ByteBudget(SWEEP_BYTES)) +
    renderCompareSection(report, new ByteBudget(COMPARE_BYTES), { maxNewRows: 100, maxFixed: 50 });
  const combined =
    report.images.length > 1 ? renderCombined(report, left, new ByteBudget(COMBINED_BYTES)) : '';
  const warnings = renderWarnings(report, left, new ByteBudget(WARNINGS_BYTES));
  const budget = new ByteBudget(maxBytes - LEFT_OUT_RESERVE);
  const notes = (options.stepNotes ?? [])
    .slice(0, 10)
    .map((note) => `> ⚠️ ${escapeMarkdown(note, 1000)}\n`)
    .join('');
  const footer =
    (notes ? `\n${notes}` : '') +
    reportPointer(options.reportFile, options.reportFileTemporary ?? false);
  budget.force(header + combined + warnings + footer);

  // The core of each image first, so a flood of findings in one image cannot push another
  // image's verdict out; findings and ignores then share what is left.
  const cores: Array<{ index: number; text: string }> = [];
  report.images.forEach((_, index) => {
    const core = renderImageCore(report, index);
    if (budget.take(core)) cores.push({ index, text: core });
    else left.images += 1;
  });
  const ignoredParts = new Map<number, string>();
  cores.forEach(({ index }, i) => {
    const share = new ByteBudget(Math.floor(budget.left / (cores.length - i)));
    const text = renderIgnored(report, index, share, left);
    budget.force(text);
    ignoredParts.set(index, text);
  });
  const findingParts = new Map<number, string>();
  cores.forEach(({ index }, i) => {
    const share = new ByteBudget(Math.floor(budget.left / (cores.length - i)));
    const text = renderFindings(report, index, share, left);
    budget.force(text);
    findingParts.set(index, text);
  });

  let out = header + combined;
  for (const { index, text } of cores) {
    out += text + (findingParts.get(index) ?? '') + (ignoredParts.get(index) ?? '');
  }
  out += warnings + renderLeftOut(left, options.reportFile ?? null) + footer;
  return out;
}

/**
 * Where the complete JSON report is and how to keep it: the default path is under
 * RUNNER_TEMP, which the runner empties when the job ends.
 */
function reportPointer(reportFile: string | null | undefined, temporary: boolean): string {
  if (!reportFile) return '';
  const keep = temporary
    ? " It is in the runner's temporary directory and is deleted when the job ends: keep it with an `actions/upload-artifact` step (`path: ${{ steps.<id>.outputs.report-file }}`)."
    : ' Keep it with an `actions/upload-artifact` step (`path: ${{ steps.<id>.outputs.report-file }}`).';
  return `\n<sub>Full JSON report: ${markdownCode(reportFile, 300)}.${keep}</sub>\n`;
}

function renderHeader(report: Report, budget: ByteBudget): string {
  const threshold =
    report.riskThreshold === null ? 'no risk-threshold' : `risk-threshold ${report.riskThreshold}`;
  const mode =
    report.mode === 'audit' ? 'audit mode: reported only, the step does not fail' : 'enforce mode';
  let out = `## ${RESULT_ICON[report.result]} ecr-risk-gate: ${report.result}\n\n`;
  out += `**${report.result}** in ${mode} · total risk score **${thousands(report.riskScore)}** (${threshold}) · ${plural(report.images.length, 'image')}\n\n`;
  if (report.error) out += `> **Could not evaluate:** ${escapeMarkdown(report.error, 2000)}\n\n`;
  budget.force(out);
  let shown = 0;
  for (const reason of report.reasons.slice(0, MAX_REASONS)) {
    const line = `- ${escapeMarkdown(reason, 500)}\n`;
    if (!budget.take(line)) break;
    out += line;
    shown += 1;
  }
  if (report.reasons.length > shown) {
    out += `- and ${report.reasons.length - shown} more reasons (see the JSON report)\n`;
  }
  return `${out}\n`;
}

function renderCombined(report: Report, left: LeftOut, budget: ByteBudget): string {
  let out = '### Images\n\n';
  // Five columns, the uploader before the counts: with ten columns GitHub's page scrolled the
  // Uploader column out of sight once image labels grew (12 images in the red-team run).
  out += 'Findings: critical / high / medium / low / informational / undefined.\n\n';
  out += tableHead(
    ['Image', 'Result', 'Risk', 'Uploader', 'Findings'],
    ['left', 'left', 'right', 'left', 'right'],
  );
  let shown = 0;
  for (const image of report.images.slice(0, MAX_COMBINED_ROWS)) {
    const c = image.scan.counts;
    const row = tableRow([
      markdownCode(imageLabel(image), 200),
      `${RESULT_ICON[image.result]} ${image.result}`,
      thousands(image.riskScore),
      image.uploader.status,
      [c.critical, c.high, c.medium, c.low, c.informational, c.undefined]
        .map(thousands)
        .join(' / '),
    ]);
    if (!budget.take(row)) break;
    out += row;
    shown += 1;
  }
  left.combinedRows += report.images.length - shown;
  return `${out}\n`;
}

function renderImageCore(report: Report, index: number): string {
  const image = report.images[index];
  if (!image) return '';
  let out = `### ${RESULT_ICON[image.result]} ${escapeMarkdown(imageLabel(image), 300)}\n\n`;
  out += `${verdictLine(report, index)}\n\n`;
  out += `${imageFacts(image)}\n\n`;
  out += severityTable(image);
  out += `\n${uploaderLine(image)}\n\n`;
  if (image.compare) {
    const against = markdownCode(report.compareTo?.reference ?? 'the reference', 300);
    out += `**Against ${against}:** ${escapeMarkdown(comparisonText(image.compare), 800)}\n\n`;
  }
  out += `#### Detections that decide the result\n\n${decidingTable(detectionsOf(report, index))}\n`;
  return out;
}

function renderFindings(report: Report, index: number, budget: ByteBudget, left: LeftOut): string {
  const image = report.images[index];
  const rows = detectionsOf(report, index).filter((d) => !d.ignored && isFindingRule(d.rule));
  if (!image || rows.length === 0) return '';
  const head = detailsOpen(
    summaryText(`Findings: ${rows.length} (${countsText(image)})`),
    rows.length <= 20,
  );
  const shell = head + FINDING_HEAD + DETAILS_CLOSE + 'x'.repeat(200);
  if (!budget.take(shell)) {
    left.findings += rows.length;
    return '';
  }
  let body = '';
  let shown = 0;
  let full = false;
  const order = report.compareTo ? compareByMark : compareFindings;
  for (const d of topSorted(rows, order, MAX_FINDING_ROWS)) {
    const row = findingRow(d);
    if (!budget.take(row)) {
      full = true;
      break;
    }
    body += row;
    shown += 1;
  }
  const missing = rows.length - shown;
  // Only what the byte budget cut goes into the final "left out to stay under 1 MiB" line.
  if (full) left.findings += missing;
  const why = full ? 'size limit' : `the table shows the ${MAX_FINDING_ROWS_TEXT} most severe`;
  const note =
    missing > 0
      ? `\n_${plural(missing, 'finding')} of this image left out here (${why}); the JSON report has all ${rows.length}._\n`
      : '';
  return `${head}${FINDING_HEAD}${body}${note}${DETAILS_CLOSE}\n`;
}

function renderIgnored(report: Report, index: number, budget: ByteBudget, left: LeftOut): string {
  const items = report.ignored.filter((i) => i.imageIndex === index);
  if (items.length === 0) return '';
  const head = detailsOpen(summaryText(`Ignored findings: ${items.length} (reason and expiry)`));
  const shell = head + IGNORED_HEAD + DETAILS_CLOSE + 'x'.repeat(200);
  if (!budget.take(shell)) {
    left.ignored += items.length;
    return '';
  }
  let body = '';
  let shown = 0;
  for (const item of items.slice(0, MAX_IGNORED_ROWS)) {
    const row = ignoredRow(item);
    if (!budget.take(row)) break;
    body += row;
    shown += 1;
  }
  const missing = items.length - shown;
  left.ignored += missing;
  const note = missing > 0 ? `\n_${plural(missing, 'ignored finding')} left out here._\n` : '';
  return `${head}${IGNORED_HEAD}${body}${note}${DETAILS_CLOSE}\n`;
}

function renderWarnings(report: Report, left: LeftOut, budget: ByteBudget): string {
  if (report.warnings.length === 0) return '';
  let out = `### Warnings\n\n`;
  let shown = 0;
  for (const w of report.warnings.slice(0, MAX_WARNINGS)) {
    const line = `- ⚠️ \`${w.code}\` ${escapeMarkdown(w.message, 1000)}\n`;
    if (!budget.take(line)) break;
    out += line;
    shown += 1;
  }
  left.warnings += report.warnings.length - shown;
  return `${out}\n`;
}

function renderLeftOut(left: LeftOut, reportFile: string | null): string {
  const parts = [
    left.images ? plural(left.images, 'image section') : '',
    left.findings ? plural(left.findings, 'finding row') : '',
    left.ignored ? plural(left.ignored, 'ignored finding row') : '',
    left.warnings ? plural(left.warnings, 'warning') : '',
    left.combinedRows ? plural(left.combinedRows, 'image row') : '',
  ].filter(Boolean);
  if (parts.length === 0) return '';
  const where = reportFile ? `: ${markdownCode(reportFile, 200)}` : '';
  return `> **Left out to stay under GitHub's 1 MiB job summary limit:** ${parts.join(', ')}. The JSON report has everything${where}.\n`;
}
