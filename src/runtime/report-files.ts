import { resolve } from 'node:path';
import { errnoCode, errorMessage } from '../errors.js';
import { inputProblem } from '../inputs/invalid.js';
import type { Settings } from '../inputs/settings.js';
import type { Report } from '../model.js';
import { jsonReportChunks } from '../report/json.js';
import { type SarifOptions, renderSarif, sarifLeftOut } from '../report/sarif.js';
import { SarifRestart, type SarifTally, streamSarif } from '../report/sarif-write.js';
import { dockerfileAnchor } from './dockerfile.js';
import { checkWriteTarget, writeOutputFile } from './files.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface FileTarget {
  /** Base of a relative path. */
  cwd: string;
  env: Env;
  /** Receives what the SARIF file left out to stay within GitHub's limits (log and summary). */
  notes?: string[];
  /** Injected by tests; returns the absolute path written. */
  write?: (path: string, content: string | Iterable<string>) => string | Promise<string>;
  /** GitHub's SARIF limits, lowered by tests. */
  sarifLimits?: Pick<SarifOptions, 'maxResultsPerRun' | 'maxGzipBytes' | 'maxRuns'>;
}

async function writeFor(
  input: 'report-file' | 'sarif-file',
  path: string,
  content: string | Iterable<string>,
  target: FileTarget,
): Promise<string> {
  const absolute = resolve(target.cwd, path);
  // Refused before anything is rendered: runner command files, devices, directories, links out.
  await checkWriteTarget(absolute, { input, env: target.env, workspace: target.cwd });
  try {
    return await (target.write ?? writeOutputFile)(absolute, content);
  } catch (error) {
    // The text is rendered as it is written: only a file-system failure is the path's fault.
    if (errnoCode(error) === undefined) throw error;
    // A path the user gave that cannot be written is their configuration to fix, not a crash.
    throw inputProblem(
      input,
      `could not write ${JSON.stringify(absolute)}: ${errorMessage(error)}`,
    );
  }
}

/**
 * The complete JSON report (`report-file`), rendered as it is written; resolves to the
 * absolute path once written.
 */
export function writeJsonReport(report: Report, path: string, target: FileTarget): Promise<string> {
  return writeFor('report-file', path, jsonReportChunks(report), target);
}

/**
 * SARIF (`sarif-file`), its results anchored on the Dockerfile's FROM line when `dockerfile` is
 * set; returns the absolute path, or null when no SARIF file was asked for.
 */
export async function writeSarifFile(
  report: Report,
  settings: Pick<Settings, 'sarifFile' | 'dockerfile'> & Partial<Pick<Settings, 'sarifCategory'>>,
  target: FileTarget,
  /** The JSON report's path, which the SARIF file may not overwrite. */
  reportPath?: string,
): Promise<string | null> {
  if (!settings.sarifFile) return null;
  if (
    reportPath !== undefined &&
    resolve(target.cwd, settings.sarifFile) === resolve(target.cwd, reportPath)
  ) {
    throw inputProblem(
      'sarif-file',
      `${JSON.stringify(settings.sarifFile)} is the same file as report-file; give each its own path.`,
    );
  }
  const anchor = dockerfileAnchor(settings, target.env, target.cwd);
  const options: SarifOptions = {
    ...target.sarifLimits,
    ...(anchor ? { dockerfile: anchor } : {}),
    ...(settings.sarifCategory ? { categoryPrefix: settings.sarifCategory } : {}),
  };
  // Rendered as it is written; a log near GitHub's size limit is rendered whole instead, to
  // apply the limits (the temporary file of the first attempt is removed, never renamed).
  const tally: SarifTally = { omittedResults: 0, omittedRuns: 0 };
  let written: string;
  try {
    written = await writeFor(
      'sarif-file',
      settings.sarifFile,
      streamSarif(report, options, tally),
      target,
    );
  } catch (error) {
    if (!(error instanceof SarifRestart)) throw error;
    const sarif = renderSarif(report, options);
    written = await writeFor('sarif-file', settings.sarifFile, sarif.chunks, target);
    Object.assign(tally, { omittedResults: sarif.omittedResults, omittedRuns: sarif.omittedRuns });
  }
  const note = sarifLeftOut(tally);
  if (note) target.notes?.push(note);
  return written;
}
