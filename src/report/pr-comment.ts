import { topSorted } from './top.js';
import type { GateResult, ImageReport, Report } from '../model.js';
import { escapeMarkdown, markdownLink } from './escape.js';
import {
  compareFindings,
  detectionsOf,
  imageLabel,
  isFindingRule,
  plural,
  registryHost,
  RESULT_ICON,
} from './format.js';
import {
  ByteBudget,
  countsText,
  decidingTable,
  DETAILS_CLOSE,
  detailsOpen,
  FINDING_HEAD,
  findingRow,
  imageFacts,
  severityTable,
  summaryText,
  uploaderLine,
  verdictLine,
} from './markdown.js';
import { compareByMark, comparisonText, renderCompareSection } from './compare.js';

/** GitHub refuses comment bodies over 65,536 characters; keep a margin. */
export const COMMENT_MAX_CHARS = 65_000;
const TOP_FINDINGS = 30;

/**
 * The sticky comment of one image: all platforms of an image index (and every tag gated in the
 * run) share it, so the key is the repository, not the tag or digest, and re-runs find it again.
 */
export interface PrComment {
  key: string;
  marker: string;
  imageIndexes: number[];
  body: string;
}

export interface PrCommentOptions {
  /** Extra discriminator for workflows that gate one repository in several jobs. */
  variant?: string;
  /**
   * One comment for the whole run under this key, a section per image (the default of the
   * action, `comment-key` or derived from the job). Unset: one comment per image.
   */
  jobKey?: string;
  /** The workflow run's page (`GITHUB_SERVER_URL/REPO/actions/runs/RUN_ID`), linked in the footer. */
  runUrl?: string;
  maxChars?: number;
}

/** `<registry host>/<repository>[:variant]`, kept to characters that cannot end an HTML comment. */
export function prCommentKey(image: ImageReport, variant?: string): string {
  const raw = `${registryHost(image)}/${image.repository}${variant ? `:${variant}` : ''}`;
  return safeKey(raw);
}

const safeKey = (raw: string): string =>
  raw
    .slice(0, 300)
    .replace(/[^A-Za-z0-9._/:@+-]/g, '_')
    .replace(/-{2,}/g, '-');

/** The hidden marker that identifies the comment: `<!-- ecr-risk-gate:<key> -->`. */
export const prCommentMarker = (key: string): string => `<!-- ecr-risk-gate:${key} -->`;

/** One comment per key, images in report order. */
export function renderPrComments(report: Report, options: PrCommentOptions = {}): PrComment[] {
  const groups = new Map<string, number[]>();
  const jobKey = options.jobKey === undefined ? undefined : `job:${safeKey(options.jobKey)}`;
  report.images.forEach((image, index) => {
    const key = jobKey ?? prCommentKey(image, options.variant);
    groups.set(key, [...(groups.get(key) ?? []), index]);
  });
  return [...groups].map(([key, imageIndexes]) => ({
    key,
    marker: prCommentMarker(key),
    imageIndexes,
    body: renderPrComment(report, imageIndexes, key, options),
  }));
}

const WORST: readonly GateResult[] = ['fail', 'warn', 'pass'];

/**
 * A concise comment: marker, verdict, then per image the severity counts, uploader and deciding
 * detections, and the top findings folded away, within `maxChars` (default 65,000).
 */
export function renderPrComment(
  report: Report,
  imageIndexes: readonly number[],
  key: string,
  options: PrCommentOptions = {},
): string {
  const maxChars = options.maxChars ?? COMMENT_MAX_CHARS;
  const images = imageIndexes.flatMap((i) => (report.images[i] ? [report.images[i]] : []));
  const result = WORST.find((r) => images.some((i) => i.result === r)) ?? 'pass';
  const risk = images.reduce((sum, i) => sum + i.riskScore, 0);
  const repositories = new Set(images.map((i) => i.repository));
  const repository =
    repositories.size > 1 ? plural(images.length, 'image') : (images[0]?.repository ?? key);

  const marker = prCommentMarker(key);
  let head = `${marker}\n### ${RESULT_ICON[result]} ecr-risk-gate: ${escapeMarkdown(repository, 300)} — ${result}\n\n`;
  const audit = report.mode === 'audit' ? ' · audit mode (does not fail the job)' : '';
  // One image: its own verdict line says it all; several: the group's first, then each one's.
  if (images.length > 1) {
    const what = repositories.size > 1 ? 'image' : 'platform image';
    head += `**${result}** · risk score **${risk}** · ${plural(images.length, what)}${audit}\n\n`;
  } else if (audit) {
    head += `${audit.slice(3)}\n\n`;
  }
  if (report.error) head += `> **Could not evaluate:** ${escapeMarkdown(report.error, 1000)}\n\n`;
  const run = options.runUrl ? markdownLink('workflow run', options.runUrl) : '';
  const where = run.startsWith('[')
    ? `the ${run}'s job summary and JSON report have every finding`
    : 'the job summary and the JSON report have every finding';
  const footer = `\n<sub>ecr-risk-gate ${escapeMarkdown(report.tool.version, 40)} · ${escapeMarkdown(report.generatedAt, 40)} · updated in place on every run; ${where}.</sub>\n`;

  // compare-to: what this release adds and fixes leads the comment (at most a fifth of it).
  head += renderCompareSection(
    report,
    new ByteBudget(Math.floor(maxChars / 5), (text) => text.length),
    { imageIndexes, maxNewRows: 20, maxFixed: 20 },
  );
  const budget = new ByteBudget(maxChars, (text) => text.length);
  budget.force(head + footer);
  let left = 0;
  const cores = imageIndexes.map((index) => {
    const core = imageCore(report, index, images.length > 1);
    if (budget.take(core)) return { index, core };
    left += 1;
    return { index, core: '' };
  });
  let body = head;
  cores.forEach(({ index, core }, i) => {
    if (!core) return;
    const share = new ByteBudget(Math.floor(budget.left / (cores.length - i)), (t) => t.length);
    const findings = topFindings(report, index, share);
    budget.force(findings);
    body += core + findings;
  });
  if (left > 0)
    body += `\n_${plural(left, 'platform image')} left out of this comment (size limit)._\n`;
  return body + footer;
}

function imageCore(report: Report, index: number, several: boolean): string {
  const image = report.images[index];
  if (!image) return '';
  let out = several
    ? `#### ${RESULT_ICON[image.result]} ${escapeMarkdown(imageLabel(image), 300)}\n\n`
    : '';
  out += `${verdictLine(report, index)}\n\n`;
  out += `${imageFacts(image)}\n\n`;
  out += severityTable(image);
  out += `\n${uploaderLine(image)}\n\n`;
  if (image.compare)
    out += `**Against the reference:** ${escapeMarkdown(comparisonText(image.compare), 800)}\n\n`;
  out += `${decidingTable(detectionsOf(report, index), 3)}\n`;
  return out;
}

function topFindings(report: Report, index: number, budget: ByteBudget): string {
  const image = report.images[index];
  const active = detectionsOf(report, index).filter(
    (d) => !d.ignored && d.level !== 'off' && isFindingRule(d.rule),
  );
  if (!image || active.length === 0) return '';
  const all = detectionsOf(report, index).filter((d) => !d.ignored && isFindingRule(d.rule)).length;
  const head = (shown: number) =>
    detailsOpen(summaryText(`Top findings: ${shown} of ${all} (${countsText(image)})`));
  const shell = head(active.length) + FINDING_HEAD + DETAILS_CLOSE;
  if (!budget.take(shell)) return '';
  const note = (n: number) =>
    n > 0
      ? `\n_${n} more ${n === 1 ? 'finding is' : 'findings are'} not listed here; the job summary and the JSON report have every one._\n`
      : '';
  budget.force(note(all));
  let body = '';
  let shown = 0;
  const order = report.compareTo ? compareByMark : compareFindings;
  for (const d of topSorted(active, order, TOP_FINDINGS)) {
    const row = findingRow(d);
    if (!budget.take(row)) break;
    body += row;
    shown += 1;
  }
  return `${head(shown)}${FINDING_HEAD}${body}${note(all - shown)}${DETAILS_CLOSE}\n`;
}
