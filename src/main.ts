import { EOL } from 'node:os';
import { evaluate } from './engine.js';
import { UserError, errorMessage } from './errors.js';
import { actionInput, loadSettings, readActionInputs } from './inputs/load.js';
import type { Settings } from './inputs/settings.js';
import type { Report } from './model.js';
import { neutralizeLogText } from './report/escape.js';
import { buildAdapters } from './runtime/adapters.js';
import { errorReport } from './runtime/error-report.js';
import { ProgressLine } from './runtime/progress.js';
import { stepCommands as core } from './runtime/step-commands.js';

// Every surface (publish.ts) is a chunk of its own: nothing before the verdict needs it, so it is
// parsed after the first request has left, while the calls are in flight, not before it.
let publishLoading: Promise<typeof import('./publish.js')> | undefined;
const loadPublish = () => (publishLoading ??= import('./publish.js'));
/** Time for the first AWS request to leave before the chunks' load takes the thread. */
const PREFETCH_DELAY_MS = 25;

/** The action: settings → evaluation → every surface (publish.ts). The only setFailed. */
export async function run(): Promise<void> {
  try {
    await gateStep();
  } catch (error) {
    // A bug, not the user's doing: one line, no stack trace in the log (the report says more).
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
    const prefetch = setTimeout(() => {
      void loadPublish().catch(() => undefined);
      // The engine's own lazy part (rules and report), so it is parsed before the last page.
      void import('./build-report.js').catch(() => undefined);
    }, PREFETCH_DELAY_MS);
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
  // Masked before any GitHub call (the only use of the token) and before anything is logged.
  if (settings?.githubToken) core.setSecret(settings.githubToken);
  const { publish } = await loadPublish();
  const failWith = await publish(core, report, settings, logError);
  if (failWith !== null) core.setFailed(failWith);
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
