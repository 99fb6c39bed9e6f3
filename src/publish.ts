// Every surface of a finished run for the action: JSON report and SARIF files, the log, the job
// summary, PR comments, annotations and step outputs. Loaded as its own chunk while the first AWS
// calls are in flight (main.ts): none of it is needed before findings arrive, and parsing it
// before the first request made start-up slower (issue 13 §1). main.ts decides the step's fate
// from what this returns; setFailed stays there.
import { errorMessage, UserError } from './errors.js';
import { shouldFailStep } from './gate.js';
import type { Settings } from './inputs/settings.js';
import type { Report } from './model.js';
import { annotationProperties, buildAnnotations, detectionSlots } from './report/annotations.js';
import { neutralizeLogText } from './report/escape.js';
import { buildOutputs } from './report/outputs.js';
import { renderSummary, type SummaryOptions } from './report/summary.js';
import { renderText } from './report/text.js';
import { publishPrComments } from './github/pr-comment.js';
import { dockerfileAnchor } from './runtime/dockerfile.js';
import { defaultReportPath } from './runtime/files.js';
import { writeJsonReport, writeSarifFile } from './runtime/report-files.js';
import type { StepCommands } from './runtime/step-commands.js';

/**
 * Writes every surface. Returns the message to fail the step with, or null when it passes:
 * the verdict's reasons, or (enforce) the files the workflow asked for and did not get.
 */
export async function publish(
  core: StepCommands,
  report: Report,
  settings: Settings | null,
  logError: string | undefined,
): Promise<string | null> {
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
    return neutralizeLogText(
      logError ?? report.error ?? `ecr-risk-gate: ${report.reasons.join('; ')}`,
    );
  }
  // The verdict stands, but a file the workflow asked for is missing: enforce fails the step.
  if (problems.length > 0 && report.mode === 'enforce') {
    return neutralizeLogText(problems.join('; '));
  }
  return null;
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

async function writeJobSummary(
  core: StepCommands,
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
