import { evaluate as realEvaluate, type EngineDeps } from '../engine.js';
import { UserError, errorMessage } from '../errors.js';
import { loadSettings } from '../inputs/load.js';
import type { Settings } from '../inputs/settings.js';
import type { Report } from '../model.js';
import { escapeTerminal } from '../report/escape.js';
import { buildAdapters as realBuildAdapters, type Adapters } from '../runtime/adapters.js';
import { dockerfileAnchor } from '../runtime/dockerfile.js';
import { errorReport } from '../runtime/error-report.js';
import { checkProfile } from './profile.js';
import { writeJsonReport, writeSarifFile, type FileTarget } from '../runtime/report-files.js';
import { parseArgs, usageHint, type CliArgs } from './args.js';
import { useColor } from './color.js';
import { EXIT, exitCodeForError, exitCodeForReport, failedClosed } from './exit-codes.js';
import { ttyOf, type Env, type TextSink, type TtyFlags } from './io.js';
import { renderStdout, verdictLine, type Renderers } from './output.js';
import { ProgressLine, type Every } from '../runtime/progress.js';
import { trackWaits } from './track-waits.js';

export interface CliOptions {
  stdout: TextSink;
  stderr: TextSink;
  env: Env;
  isTTY: TtyFlags;
  /** Base of relative paths (policy file, Dockerfile); default: the process's. */
  cwd?: string;
  evaluate?: (settings: Settings, deps: EngineDeps) => Promise<Report>;
  buildAdapters?: (settings: Settings, options: { profile?: string }) => Adapters;
  renderers?: Partial<Renderers>;
  /** Clock and timer of the progress line. */
  now?: () => number;
  every?: Every;
}

// No message a user sees is long enough to need more; the cap only stops a runaway one.
const MAX_MESSAGE = 20_000;

function printError(io: CliOptions, error: unknown): number {
  const code = exitCodeForError(error);
  // Line by line: a list of input problems keeps its shape, no line can act on the terminal.
  const text = errorMessage(error)
    .slice(0, MAX_MESSAGE)
    .split('\n')
    .map((line) => escapeTerminal(line, MAX_MESSAGE))
    .join('\n');
  if (error instanceof UserError) {
    io.stderr.write(`error: ${text}\n${code === EXIT.usage ? usageHint() : ''}`);
    return code;
  }
  // Anything else is a bug, not the user's doing: say so, keep the trace for whoever debugs it.
  const stack = error instanceof Error && io.env.ECR_RISK_GATE_DEBUG ? `\n${error.stack}` : '';
  io.stderr.write(
    `error: unexpected failure: ${text}${stack}\n(set ECR_RISK_GATE_DEBUG=1 for a stack trace; please report it)\n`,
  );
  return code;
}

async function gate(args: CliArgs, settings: Settings, io: CliOptions): Promise<Report> {
  const profile = args.profile ?? (io.env.AWS_PROFILE?.trim() || undefined);
  const build = io.buildAdapters ?? realBuildAdapters;
  // Only with the real AWS side: injected adapters (tests) have no shared files to consult.
  if (profile && !io.buildAdapters) {
    await checkProfile(profile, args.profile ? '--profile' : 'AWS_PROFILE');
  }
  const progress = new ProgressLine({
    stream: io.stderr,
    tty: ttyOf(io.isTTY, 'stderr'),
    ...(io.now ? { now: io.now } : {}),
    ...(io.every ? { every: io.every } : {}),
  });
  try {
    const adapters = trackWaits(build(settings, profile ? { profile } : {}), progress);
    return await (io.evaluate ?? realEvaluate)(settings, {
      ...adapters,
      onProgress: progress.sink,
    });
  } finally {
    progress.close();
  }
}

async function writeFiles(
  report: Report,
  settings: Settings,
  target: FileTarget,
): Promise<string[]> {
  const lines: string[] = [];
  if (settings.reportFile) {
    lines.push(
      `JSON report written to ${await writeJsonReport(report, settings.reportFile, target)}`,
    );
  }
  const sarif = await writeSarifFile(report, settings, target, settings.reportFile || undefined);
  if (sarif) lines.push(`SARIF written to ${sarif}`);
  return lines;
}

/** stdout gets nothing: a run that was not evaluated has no report to print, only a reason. */
async function notEvaluated(
  error: unknown,
  settings: Settings,
  io: CliOptions,
  target: FileTarget,
): Promise<number> {
  const code = printError(io, error);
  if (error instanceof UserError && settings.reportFile) {
    // As in the action: the report file exists for every run, so a later step never reads a stale one.
    try {
      await writeJsonReport(
        errorReport(error.message, settings, new Date(), error),
        settings.reportFile,
        target,
      );
    } catch (writeError) {
      printError(io, writeError);
    }
  }
  return code;
}

/**
 * The whole command: argv (without node and script) in, exit code out; never throws. Every
 * stream, the environment and the AWS side are injected so tests run it without a process or a
 * network.
 */
export async function runCli(argv: readonly string[], io: CliOptions): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    return printError(io, error);
  }
}

async function run(argv: readonly string[], io: CliOptions): Promise<number> {
  const parsed = parseArgs(argv, {
    writeOut: (text) => io.stdout.write(text),
    writeErr: (text) => io.stderr.write(text),
    ...(io.stdout.columns === undefined ? {} : { columns: io.stdout.columns }),
  });
  if (parsed.kind === 'exit') return parsed.code;
  const { args } = parsed;
  const cwd = io.cwd ?? process.cwd();
  const target: FileTarget = { cwd, env: io.env };

  const settings = await loadSettings(args.raw, io.env, cwd);
  let report: Report;
  try {
    report = await gate(args, settings, io);
  } catch (error) {
    return await notEvaluated(error, settings, io, target);
  }

  const color = useColor(io.env, ttyOf(io.isTTY, 'stdout'));
  const anchor = args.format === 'sarif' ? dockerfileAnchor(settings, io.env, cwd) : undefined;
  const options = {
    color,
    reportFile: settings.reportFile,
    ...(anchor ? { sarif: { dockerfile: anchor } } : {}),
  };
  io.stdout.write(renderStdout(args.format, report, options, io.renderers));
  if (args.format !== 'text') io.stderr.write(`${verdictLine(report)}\n`);
  // After stdout: a file that cannot be written must not hide the verdict.
  for (const line of await writeFiles(report, settings, target)) io.stderr.write(`${line}\n`);
  if (failedClosed(report)) {
    io.stderr.write(
      'The gate failed closed: it could not evaluate everything (scan-incomplete or unverified-uploader) and nothing it did see fails it. Exit code 3.\n',
    );
  }
  return exitCodeForReport(report);
}
