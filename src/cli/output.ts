import type { Report } from '../model.js';
import { escapeTerminal } from '../report/escape.js';
import { renderGitLab } from '../report/gitlab.js';
import { renderJsonReport } from '../report/json.js';
import { renderJunit } from '../report/junit.js';
import { renderSarif, type SarifOptions } from '../report/sarif.js';
import { renderSummary } from '../report/summary.js';
import { renderText } from '../report/text.js';
import type { Format } from './args.js';

/** The pure renderers of src/report, one per `--format`; injectable so tests check the choice. */
export interface Renderers {
  text(report: Report, options: { color: boolean; reportFile?: string | null }): string;
  json(report: Report): string;
  markdown(report: Report): string;
  sarif(report: Report, options: SarifOptions): string;
  gitlab(report: Report): string;
  junit(report: Report): string;
}

export const RENDERERS: Renderers = {
  text: (report, options) => renderText(report, options),
  json: (report) => renderJsonReport(report),
  markdown: (report) => renderSummary(report),
  sarif: (report, options) => renderSarif(report, options).text,
  gitlab: (report) => renderGitLab(report),
  junit: (report) => renderJunit(report),
};

export interface StdoutOptions {
  /** Only the text format is coloured; the others are data and never carry ANSI codes. */
  color: boolean;
  sarif?: SarifOptions;
  /** The JSON report file this run writes (null: none), so the text points at it only then. */
  reportFile?: string | null;
}

const withNewline = (text: string): string => (text.endsWith('\n') ? text : `${text}\n`);

const hex4 = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * JSON (and SARIF) for a terminal or a CI log, the same data byte for byte once parsed: inside
 * strings, which is the only place these can occur, `##` (GitHub `##[`, Azure `##vso[`), `::`
 * (GitHub workflow commands), DEL and C1 controls (CSI/OSC in 8-bit terminals) and the Unicode
 * line separators become `\u` escapes. JSON.stringify already escapes C0 controls, ESC included.
 */
export function inertJson(text: string): string {
  return text
    .replace(/##/g, '#\\u0023')
    .replace(/::/g, ':\\u003a')
    .replace(/[\u007F-\u009F\u2028\u2029]/g, hex4);
}

const ZWSP = '\u200B';

/**
 * Text and Markdown for a terminal or a CI log: what the renderers leave (they neutralise
 * GitHub's commands) plus Azure Pipelines' `##vso[` and any `##[`, a `::` at a line's start, and
 * DEL/C1 controls. Our own ANSI colours (ESC, C0) are left to the text renderer.
 */
export function inertText(text: string): string {
  return text
    .replace(/##(?=\[|vso\[)/gi, `##${ZWSP}`)
    .replace(/^([ \t]*):(?=:)/gm, `$1:${ZWSP}`)
    .replace(/[\u007F-\u009F]/g, '\uFFFD');
}

/** What `--format` prints on stdout. */
export function renderStdout(
  format: Format,
  report: Report,
  options: StdoutOptions,
  renderers: Partial<Renderers> = {},
): string {
  const use = { ...RENDERERS, ...renderers };
  switch (format) {
    case 'text':
      return withNewline(
        inertText(
          use.text(report, {
            color: options.color,
            ...(options.reportFile === undefined ? {} : { reportFile: options.reportFile }),
          }),
        ),
      );
    case 'json':
      return withNewline(inertJson(use.json(report)));
    case 'markdown':
      return withNewline(inertText(use.markdown(report)));
    case 'sarif':
      return withNewline(inertJson(use.sarif(report, options.sarif ?? {})));
    case 'gitlab':
      return withNewline(inertJson(use.gitlab(report)));
    case 'junit':
      // XML text: a zero-width space inside `##[`, `##vso[` or a line-start `::` is still text.
      return withNewline(inertText(use.junit(report)));
  }
}

/**
 * One line on stderr for the machine formats, so whoever redirected stdout to a file still sees
 * the verdict in the log.
 */
export function verdictLine(report: Report): string {
  const reason = report.error ?? report.reasons[0] ?? '';
  const mode = report.mode === 'audit' ? ' (audit mode)' : '';
  const why = reason ? `: ${escapeTerminal(reason, 500)}` : '';
  return `ecr-risk-gate: ${report.result}${mode}, risk score ${report.riskScore}${why}`;
}
