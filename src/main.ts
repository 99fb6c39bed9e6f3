import { EOL } from 'node:os';
import type * as ActionsCore from '@actions/core';
import { evaluate } from './engine.js';
import { UserError, errorMessage } from './errors.js';
import { shouldFailStep } from './gate.js';
import { actionInput, loadSettings, readActionInputs } from './inputs/load.js';
import type { Settings } from './inputs/settings.js';
import type { Report } from './model.js';
import { annotationProperties, buildAnnotations, detectionSlots } from './report/annotations.js';
import { neutralizeLogText } from './report/escape.js';
import { buildOutputs } from './report/outputs.js';
import { renderSummary, type SummaryOptions } from './report/summary.js';
import { publishPrComments } from './github/pr-comment.js';
import { buildAdapters } from './runtime/adapters.js';
import { dockerfileAnchor } from './runtime/dockerfile.js';
import { errorReport } from './runtime/error-report.js';
import { defaultReportPath } from './runtime/files.js';
import { writeJsonReport, writeSarifFile } from './runtime/report-files.js';
import { renderText } from './report/text.js';
import { ProgressLine } from './runtime/progress.js';

type Core = typeof ActionsCore;

// @actions/core brings undici (its OIDC client) along: a third of the bundle and ~100 ms of
// start-up. Nothing before the verdict needs it (inputs are INPUT_* variables, log lines are
// stdout), so it is a separate chunk, loaded while the first AWS calls are in flight.
let coreLoading: Promise<Core> | undefined;
const loadCore = (): Promise<Core> => (coreLoading ??= import('@actions/core'));
/** Time for the first AWS request to leave before the toolkit's load takes the thread. */
const CORE_PREFETCH_DELAY_MS = 25;

/** The action: settings → evaluation → every surface. The only place that calls setFailed. */
export async function run(): Promise<void> {
  try {
    await gateStep();
  } catch (error) {
    // A bug, not the user's doing: one line, no stack trace in the log (the report says more).
    const core = await loadCore();
    core.setFailed(`ecr-risk-gate stopped unexpectedly: ${neutralizeLogText(errorMessage(error))}`);
  }
}

/**
 * Once every surface is written the step is over: an abandoned SDK retry or back-off timer must
 * not hold the process (issue 19 §3). The exit waits for stdout to drain so no log line is lost.
 */
export async function runAndExit(): Promise<never> {
  await run();
  const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  await new Promise<void>((done) => {
    if (process.stdout.writableLength === 0) done();
    else process.stdout.write('', () => done());
  });
  process.exit(code);
}

async function gateStep(): Promise<void> {
  let settings: Settings | null = null;
  let report: Report;
  let logError: string | undefined;
  try {
    settings = await loadSettings(
      readActionInputs((name) => actionInput(name, process.env)),
      process.env,
    );
    const prefetch = setTimeout(
      () => void loadCore().catch(() => undefined),
      CORE_PREFETCH_DELAY_MS,
    );
    try {
      report = await evaluateWithProgress(settings);
    } finally {
      clearTimeout(prefetch);
    }
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    report = errorReport(error.reportMessage ?? error.message, settings, new Date(), error);
    // The log (masked by the runner) gets every problem; the report and summary the short form.
    logError = error.message;
  }
  const core = await loadCore();
  // Masked before any GitHub call (the only use of the token) and before anything is logged.
  if (settings?.githubToken) core.setSecret(settings.githubToken);

  // Every warning of the step is collected first: GitHub keeps 10 annotations per level per
  // step, so the detections get the slots the verdict and these warnings leave them.
  const stepWarnings: string[] = [];
  const { files, problems } = await writeFiles(stepWarnings, report, settings);
  for (const line of renderText(report, { color: false }).split('\n')) {
    core.info(neutralizeLogText(line));
  }
  const anchor = settings ? dockerfileAnchor(settings, process.env) : undefined;
  if (settings?.dockerfile && !anchor) {
    stepWarnings.push(
      `Input 'dockerfile': ${JSON.stringify(settings.dockerfile)} could not be read or has no FROM line; annotations and SARIF results are not anchored to it.`,
    );
  }
  if (settings?.jobSummary !== false) {
    const where = {
      reportFile: files.reportFile,
      reportFileTemporary: !settings?.reportFile,
      stepNotes: [...problems, ...stepWarnings],
    };
    await writeJobSummary(core, report, stepWarnings, where);
  }
  // An unusable compare-to reference changes what fails: it is an annotation, not a log line.
  for (const w of report.warnings) if (w.code === 'compare-to') stepWarnings.push(w.message);
  if (settings?.prComment && settings.githubToken) {
    const comment = { perImage: settings.prCommentPerImage, commentKey: settings.commentKey };
    stepWarnings.push(...(await publishPrComments(report, settings.githubToken, comment)));
  }
  const failing = shouldFailStep(report.result, report.mode);
  // A file the workflow asked for and did not get fails an enforcing step too.
  const failLine = failing || (problems.length > 0 && report.mode === 'enforce');
  const budget = detectionSlots(failLine, stepWarnings, problems.length);
  for (const warning of budget.logOnly) core.info(neutralizeLogText(`Warning: ${warning}`));
  const annotations = buildAnnotations(report, {
    ...(anchor ? { dockerfile: anchor } : {}),
    slots: budget.slots,
  });
  for (const annotation of annotations) {
    core[annotation.level](annotation.message, annotationProperties(annotation));
  }
  for (const warning of budget.warnings) core.warning(neutralizeLogText(warning));
  for (const [name, value] of Object.entries(buildOutputs(report, files))) {
    core.setOutput(name, value);
  }
  for (const problem of problems) core.error(neutralizeLogText(problem));
  if (failing) {
    core.setFailed(
      neutralizeLogText(logError ?? report.error ?? `ecr-risk-gate: ${report.reasons.join('; ')}`),
    );
  } else if (problems.length > 0 && report.mode === 'enforce') {
    // The verdict stands, but a file the workflow asked for is missing: enforce fails the step.
    core.setFailed(neutralizeLogText(problems.join('; ')));
  }
}

/**
 * The JSON report is written for every run, even one that could not be evaluated. One file at a
 * time: the writes need the thread between batches, so overlapping them with rendering SARIF
 * would only keep both texts in memory together. A file that cannot be written is a problem to
 * report (by its input's name), never a reason to skip the verdict, annotations or outputs.
 */
async function writeFiles(warnings: string[], report: Report, settings: Settings | null) {
  const target = {
    cwd: process.env.GITHUB_WORKSPACE?.trim() || process.cwd(),
    env: process.env,
    notes: warnings,
  };
  const problems: string[] = [];
  const reportPath = settings?.reportFile || defaultReportPath();
  let reportFile = '';
  try {
    reportFile = await writeJsonReport(report, reportPath, target);
  } catch (error) {
    problems.push(describeFileProblem('report-file', error));
  }
  let sarifFile: string | null = null;
  try {
    sarifFile = settings ? await writeSarifFile(report, settings, target, reportPath) : null;
  } catch (error) {
    problems.push(describeFileProblem('sarif-file', error));
  }
  return { files: { reportFile, sarifFile }, problems };
}

function describeFileProblem(input: string, error: unknown): string {
  if (error instanceof UserError) return error.message;
  return `Input '${input}': the file could not be written: ${errorMessage(error)}`;
}

async function evaluateWithProgress(settings: Settings): Promise<Report> {
  const progress = new ProgressLine({
    // What core.info does; the toolkit may not be loaded yet.
    stream: { write: (text) => process.stdout.write(`${text.trimEnd()}${EOL}`) },
    tty: false,
  });
  try {
    return await evaluate(settings, { ...buildAdapters(settings), onProgress: progress.sink });
  } finally {
    progress.close();
  }
}

async function writeJobSummary(
  core: Core,
  report: Report,
  warnings: string[],
  where: SummaryOptions,
): Promise<void> {
  try {
    await core.summary.addRaw(renderSummary(report, where)).write();
  } catch (error) {
    // No GITHUB_STEP_SUMMARY outside a runner: the summary is optional, the verdict is not.
    warnings.push(`Job summary not written: ${errorMessage(error)}`);
  }
}
