import { orderedGroups } from './top.js';
import type { Detection, ImageReport, Report, Severity } from '../model.js';
import { SEVERITIES } from '../model.js';
import { RULES } from '../rules/catalog.js';
import { escapeHtmlText, escapeMarkdown, markdownCode, markdownLink, utf8Bytes } from './escape.js';
import {
  compareDetections,
  exploitText,
  fixText,
  ignoredByText,
  imageReasons,
  isFindingRule,
  plural,
  registryHost,
  RESULT_ICON,
  severityOfRule,
  unique,
  uploaderSentence,
  thousands,
} from './format.js';
import { decidingKey, groupRisk, markSuffix } from './compare-marks.js';

/**
 * Markdown building blocks shared by the job summary and the PR comment. Every value taken from
 * the report goes through `escape.ts`; the structure (pipes, headings, tags) is ours alone.
 */

export type Align = 'left' | 'right';

export const tableHead = (headers: readonly string[], aligns: readonly Align[] = []): string =>
  `| ${headers.join(' | ')} |\n|${headers.map((_, i) => (aligns[i] === 'right' ? '---:' : '---')).join('|')}|\n`;

export const tableRow = (cells: readonly string[]): string =>
  `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |\n`;

const SEVERITY_HEADERS = SEVERITIES.map((s) => s.charAt(0) + s.slice(1).toLowerCase());

/** The six-column severity count table of one image (distinct findings after ignores). */
export function severityTable(image: ImageReport): string {
  const counts = SEVERITIES.map((s) =>
    thousands(image.scan.counts[s.toLowerCase() as Lowercase<Severity>]),
  );
  return (
    tableHead(
      SEVERITY_HEADERS,
      SEVERITIES.map(() => 'right'),
    ) + tableRow(counts)
  );
}

/** `**fail** — why` for one image. */
export function verdictLine(report: Report, imageIndex: number): string {
  const image = report.images[imageIndex];
  if (!image) return '';
  const reasons = imageReasons(report, imageIndex).map((r) => escapeMarkdown(r, 500));
  return `${RESULT_ICON[image.result]} **${image.result}**: ${reasons.join('; ')} · risk score **${thousands(image.riskScore)}**`;
}

/** Registry, digest, tags and scan state in one line. */
export function imageFacts(image: ImageReport): string {
  const tags = image.imageTags.length
    ? image.imageTags
        .slice(0, 10)
        .map((t) => markdownCode(t, 128))
        .join(', ') + (image.imageTags.length > 10 ? ` +${image.imageTags.length - 10} more` : '')
    : 'untagged';
  const scan = `${escapeMarkdown(image.scan.type ?? 'no', 20)} scan ${escapeMarkdown(image.scan.status, 60)}${
    image.scan.completedAt ? ` at ${escapeMarkdown(image.scan.completedAt, 40)}` : ''
  }`;
  const index = image.indexDigest ? ` · index ${markdownCode(image.indexDigest, 100)}` : '';
  return [
    markdownCode(`${registryHost(image)}/${image.repository}`, 300),
    `digest ${markdownCode(image.imageDigest, 100)}${index}`,
    `tags ${tags}`,
    scan +
      (image.scan.description && image.scan.status !== 'COMPLETE'
        ? `: ${escapeMarkdown(image.scan.description, 300)}`
        : ''),
  ].join(' · ');
}

export function uploaderLine(image: ImageReport): string {
  return `**Uploader:** ${escapeMarkdown(uploaderSentence(image), 1000)}`;
}

/**
 * One row per rule that counts (not ignored, not off), fail first: what decides the result.
 * Rules at level `off` are summed up in one sentence after the table.
 */
export function decidingTable(detections: readonly Detection[], maxTopIds = 5): string {
  // A finding rule's group shows its first few ids; another rule's every message (few rows).
  const groups = orderedGroups(
    detections.filter((d) => !d.ignored),
    decidingKey,
    compareDetections,
    (_, members) => (isFindingRule((members[0] as Detection).rule) ? maxTopIds : members.length),
  );
  const counted = groups.filter((g) => g.top[0]?.level !== 'off');
  const off = groups.filter((g) => g.top[0]?.level === 'off');
  let out = '';
  if (counted.length > 0) {
    out += tableHead(
      ['Level', 'Rule', 'Count', 'Risk', 'Details'],
      ['left', 'left', 'right', 'right'],
    );
    for (const group of counted) {
      const first = group.top[0] as Detection;
      const risk = groupRisk(group.members);
      out += tableRow([
        `**${first.level}**`,
        `${escapeMarkdown(RULES[first.rule].title, 80)} (\`${first.rule}\`)${markSuffix(first)}`,
        thousands(group.members.length),
        thousands(risk),
        groupDetails(group.top, group.members.length, maxTopIds),
      ]);
    }
  } else {
    out += 'No detection at level fail, warn or notice.\n';
  }
  if (off.length > 0) {
    const parts = off.map(
      (g) => `${(g.top[0] as Detection).rule}${markSuffix(g.top[0])} (${g.members.length})`,
    );
    out += `\nAt level off (reported, not counted): ${parts.join(', ')}.\n`;
  }
  return out;
}

/** `group`: the group's first rows in order (all of them for a rule that is not a finding). */
function groupDetails(group: readonly Detection[], count: number, maxTopIds: number): string {
  const first = group[0] as Detection;
  if (isFindingRule(first.rule)) {
    const shown = group.slice(0, maxTopIds).map((d) => {
      const pkgs = unique((d.packages ?? []).map((p) => p.name))
        .slice(0, 2)
        .join(', ');
      return `${markdownLink(d.findingId ?? 'finding', d.uri, 100)}${pkgs ? ` (${escapeMarkdown(pkgs, 120)})` : ''}`;
    });
    const more = count - shown.length;
    return shown.join(', ') + (more > 0 ? ` +${more} more` : '');
  }
  const lines = unique(group.map((d) => d.message))
    .slice(0, 3)
    .map((m) => escapeMarkdown(m, 400));
  const details = unique(group.flatMap((d) => (d.detail ? [d.detail] : []))).slice(0, 2);
  return [...lines, ...details.map((d) => escapeMarkdown(d, 300))].join('<br>');
}

export const FINDING_HEAD = tableHead(
  ['Vulnerability', 'Package', 'Installed', 'Fixed in', 'Severity', 'CVSS', 'Fix', 'Exploit'],
  ['left', 'left', 'left', 'left', 'left', 'right', 'left', 'left'],
);

/** One findings-table row: a finding row with every affected package (capped). */
export function findingRow(d: Detection): string {
  const packages = (d.packages ?? []).slice(0, 5);
  const more = (d.packages?.length ?? 0) - packages.length;
  const col = (pick: (p: NonNullable<Detection['packages']>[number]) => string | undefined) =>
    packages.map((p) => escapeMarkdown(pick(p) ?? '—', 80)).join('<br>') +
    (more > 0 ? `<br>+${more} more` : '');
  const severity = d.scannerSeverity ?? severityOfRule(d.rule) ?? d.rule.toUpperCase();
  return tableRow([
    // compare-to: a finding the reference image does not have is marked (issue 14 §1).
    markdownLink(d.findingId ?? 'finding', d.uri, 100) + (d.compare === 'new' ? ' **new**' : ''),
    col((p) => p.name),
    col((p) => p.version),
    col((p) => p.fixedInVersion),
    severity,
    d.cvss === undefined ? '—' : d.cvss.toFixed(1),
    fixText(d),
    exploitText(d) === 'yes' ? '**yes**' : exploitText(d),
  ]);
}

export const IGNORED_HEAD = tableHead([
  'Vulnerability',
  'Package',
  'Severity',
  'Reason',
  'Expires',
  'By',
]);

export function ignoredRow(item: Report['ignored'][number]): string {
  return tableRow([
    escapeMarkdown(item.findingId, 100),
    escapeMarkdown(item.package ?? 'all', 100),
    item.severity,
    escapeMarkdown(item.reason, 300),
    escapeMarkdown(item.expires ?? 'never', 40),
    escapeMarkdown(ignoredByText(item), 300),
  ]);
}

/** `<details><summary>…</summary>` + blank line, so GitHub renders the Markdown inside. */
export const detailsOpen = (summary: string, open = false): string =>
  `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n`;
export const DETAILS_CLOSE = '\n</details>\n';

export const summaryText = (text: string): string => escapeHtmlText(text, 300);

/** `2 high, 14 medium, …` from counts, skipping zeros. */
export function countsText(image: ImageReport): string {
  const parts = SEVERITIES.map(
    (s) => [s.toLowerCase(), image.scan.counts[s.toLowerCase() as Lowercase<Severity>]] as const,
  )
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  return parts.length ? parts.join(', ') : 'none';
}

/** Adds text while a byte budget allows; counts what it had to refuse. */
export class ByteBudget {
  constructor(
    public left: number,
    private readonly measure: (text: string) => number = utf8Bytes,
  ) {}

  fits(text: string): boolean {
    return this.measure(text) <= this.left;
  }

  take(text: string): boolean {
    const size = this.measure(text);
    if (size > this.left) return false;
    this.left -= size;
    return true;
  }

  /** Takes the size unconditionally (text that must appear). */
  force(text: string): void {
    this.left -= this.measure(text);
  }
}

export { plural };
