import { orderedGroups, topSorted } from './top.js';
import type { Detection, GateResult, ImageReport, Report, Severity } from '../model.js';
import { SEVERITIES } from '../model.js';
import { escapeTerminal, neutralizeCommands } from './escape.js';
import { renderSweepText } from './sweep.js';
import {
  compareDetections,
  compareFindings,
  detectionsOf,
  imageLabel,
  imageReasons,
  isFindingRule,
  packageText,
  signalsText,
  ignoredByText,
  plural,
  registryHost,
  severityOfRule,
  uploaderSentence,
} from './format.js';
import {
  compareByMark,
  comparisonText,
  decidingKey,
  fixedText,
  groupRisk,
  markSuffix,
} from './compare.js';

export interface TextOptions {
  /** ANSI colours; only when asked (a TTY without NO_COLOR, decided by the caller). */
  color: boolean;
  /** Findings listed per image (default 10). */
  topFindings?: number;
  /**
   * The JSON report file written in this run, if any: only then do cut lists point at "the JSON
   * report" (the CLI writes none unless asked).
   */
  reportFile?: string | null;
}

const ANSI = {
  reset: '\u001b[0m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  red: '\u001b[31m',
  green: '\u001b[32m',
  yellow: '\u001b[33m',
  magenta: '\u001b[35m',
  cyan: '\u001b[36m',
} as const;
type Style = keyof typeof ANSI;

const RESULT_STYLE: Readonly<Record<GateResult, Style>> = {
  pass: 'green',
  warn: 'yellow',
  fail: 'red',
};
const SEVERITY_STYLE: Readonly<Record<Severity, Style>> = {
  CRITICAL: 'magenta',
  HIGH: 'red',
  MEDIUM: 'yellow',
  LOW: 'cyan',
  INFORMATIONAL: 'dim',
  UNDEFINED: 'dim',
};

/**
 * The CLI's terminal report: verdict, risk, per image the severity table, uploader, deciding
 * detections and top findings, then warnings. Scanner text cannot drive the terminal (control
 * characters are shown, not sent) nor the runner log (no line starts with `::`).
 */
export function renderText(report: Report, options: TextOptions): string {
  const paint = (style: Style, text: string) =>
    options.color ? `${ANSI[style]}${text}${ANSI.reset}` : text;
  const bold = (text: string) => paint('bold', text);
  const top = options.topFindings ?? 10;
  const more =
    options.reportFile === null ? 'more (--format json lists all)' : 'more in the JSON report';
  const lines: string[] = [];

  const threshold =
    report.riskThreshold === null ? 'no risk-threshold' : `risk-threshold ${report.riskThreshold}`;
  lines.push(
    `${bold('ecr-risk-gate')} ${escapeTerminal(report.tool.version, 40)}: ${paint(RESULT_STYLE[report.result], bold(report.result.toUpperCase()))} (${report.mode}) · risk score ${bold(String(report.riskScore))} (${threshold}) · ${plural(report.images.length, 'image')}`,
  );
  if (report.error)
    lines.push(`  ${paint('red', 'could not evaluate:')} ${escapeTerminal(report.error, 2000)}`);
  for (const reason of report.reasons.slice(0, 20)) lines.push(`  ${escapeTerminal(reason, 500)}`);
  lines.push(...renderSweepText(report));

  report.images.forEach((image, index) => {
    lines.push('');
    lines.push(...imageBlock(report, image, index, top, paint, more));
  });

  if (report.warnings.length > 0) {
    lines.push('', bold('warnings:'));
    for (const w of report.warnings.slice(0, 50)) {
      lines.push(`  ${paint('yellow', w.code)}: ${escapeTerminal(w.message, 500)}`);
    }
    if (report.warnings.length > 50) lines.push(`  +${report.warnings.length - 50} ${more}`);
  }
  return `${neutralizeCommands(lines.join('\n'))}\n`;
}

function imageBlock(
  report: Report,
  image: ImageReport,
  index: number,
  top: number,
  paint: (style: Style, text: string) => string,
  more: string,
): string[] {
  const lines: string[] = [];
  const detections = detectionsOf(report, index);
  lines.push(
    `${paint('bold', escapeTerminal(imageLabel(image), 300))}  ${paint(RESULT_STYLE[image.result], image.result.toUpperCase())}  risk ${image.riskScore}`,
  );
  if (report.images.length > 1) {
    for (const reason of imageReasons(report, index))
      lines.push(`  ${escapeTerminal(reason, 500)}`);
  }
  lines.push(
    `  ${escapeTerminal(`${registryHost(image)}/${image.repository}@${image.imageDigest}`, 400)}`,
  );
  lines.push(
    `  scan: ${escapeTerminal(`${image.scan.type ?? 'none'} ${image.scan.status}${image.scan.completedAt ? ` at ${image.scan.completedAt}` : ''}${image.scan.description && image.scan.status !== 'COMPLETE' ? `: ${image.scan.description}` : ''}`, 400)}`,
  );

  const widths = SEVERITIES.map((s) => Math.max(s.length, 5));
  lines.push(
    `  ${SEVERITIES.map((s, i) => paint(SEVERITY_STYLE[s], s.padStart(widths[i] ?? 5))).join('  ')}`,
  );
  lines.push(
    `  ${SEVERITIES.map((s, i) => String(image.scan.counts[s.toLowerCase() as Lowercase<Severity>]).padStart(widths[i] ?? 5)).join('  ')}`,
  );
  lines.push(`  uploader: ${escapeTerminal(uploaderSentence(image), 600)}`);
  if (image.compare) {
    // compare-to (issue 14 §1): what this release adds and fixes against the reference.
    const against = escapeTerminal(report.compareTo?.reference ?? 'the reference', 300);
    lines.push(`  against ${against}: ${escapeTerminal(comparisonText(image.compare), 600)}`);
    const fixed = image.compare.fixed;
    if (fixed.length > 0) {
      const names = fixed.slice(0, 5).map((f) => escapeTerminal(fixedText(f), 200));
      lines.push(
        `  fixed by this release: ${names.join(', ')}${fixed.length > 5 ? ` +${fixed.length - 5} ${more}` : ''}`,
      );
    }
  }

  const groups = orderedGroups(
    detections.filter((d) => !d.ignored && d.level !== 'off'),
    decidingKey,
    compareDetections,
    () => 1,
  );
  if (groups.length > 0) {
    lines.push('  deciding detections:');
    for (const { members: group, top } of groups) {
      const first = top[0] as Detection;
      const rule = `${first.rule}${markSuffix(first)}`;
      const risk = groupRisk(group);
      const what = isFindingRule(first.rule) ? '' : `  ${escapeTerminal(first.message, 300)}`;
      const style: Style =
        first.level === 'fail' ? 'red' : first.level === 'warn' ? 'yellow' : 'cyan';
      lines.push(
        `    ${paint(style, first.level.padEnd(6))} ${rule.padEnd(22)} ${String(group.length).padStart(5)}  risk ${String(risk).padStart(5)}${what}`,
      );
    }
  }

  const findings = detections.filter((d) => !d.ignored && isFindingRule(d.rule));
  if (findings.length > 0) {
    lines.push(`  top findings (${Math.min(top, findings.length)} of ${findings.length}):`);
    const order = report.compareTo ? compareByMark : compareFindings;
    for (const d of topSorted(findings, order, top)) {
      const severity = severityOfRule(d.rule) as Severity;
      const shown = d.scannerSeverity ?? severity;
      const packages = (d.packages ?? []).slice(0, 2).map(packageText).join(', ');
      const cvss = d.cvss === undefined ? '' : `  CVSS ${d.cvss.toFixed(1)}`;
      const signals = signalsText(d).replace(/^, /, '  ');
      // Under compare-to every row gets the column, so ids stay aligned.
      const mark =
        d.compare === 'new' ? `${paint('bold', 'new')} ` : report.compareTo ? '    ' : '';
      lines.push(
        `    ${paint(SEVERITY_STYLE[severity], shown.padEnd(13))} ${mark}${escapeTerminal(d.findingId ?? 'finding', 80).padEnd(16)} ${escapeTerminal(packages, 160)}${cvss}${signals}`,
      );
    }
    if (findings.length > top) lines.push(`    +${findings.length - top} ${more}`);
  }
  const ignored = report.ignored.filter((i) => i.imageIndex === index);
  if (ignored.length > 0) {
    lines.push(`  ignored: ${plural(ignored.length, 'finding')}`);
    for (const item of ignored.slice(0, 5)) {
      lines.push(
        `    ${escapeTerminal(item.findingId, 80)}${item.package ? ` (${escapeTerminal(item.package, 80)})` : ''}: ${escapeTerminal(item.reason, 200)}${item.expires ? ` until ${escapeTerminal(item.expires, 40)}` : ''} [${escapeTerminal(ignoredByText(item), 300)}]`,
      );
    }
    if (ignored.length > 5) lines.push(`    +${ignored.length - 5} ${more}`);
  }
  return lines;
}
