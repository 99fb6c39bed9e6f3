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
        use.text(report, {
          color: options.color,
          ...(options.reportFile === undefined ? {} : { reportFile: options.reportFile }),
        }),
      );
    case 'json':
      return withNewline(use.json(report));
    case 'markdown':
      return withNewline(use.markdown(report));
    case 'sarif':
      return withNewline(use.sarif(report, options.sarif ?? {}));
    case 'gitlab':
      return withNewline(use.gitlab(report));
    case 'junit':
      return withNewline(use.junit(report));
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
