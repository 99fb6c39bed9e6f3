// What every fault case must show, whatever its fault: it ended by itself, printed no stack
// trace and no foreign workflow command, wrote every output and the JSON report, and reached
// its documented outcome. Condensed into one object so a failing case shows one complete diff.
import { OUTPUT_NAMES } from '../../src/inputs/outputs.js';
import type { Detection } from '../../src/model.js';
import type { CaseRun, FaultCase } from './fault-world.js';

/** Every output of SPEC section 3 (the list itself is pinned to SPEC by action-yml.test.ts). */
export { OUTPUT_NAMES };

// `    at fn (file.js:1:2)`, `    at file.js:1:2`, `    at async fn (...)`.
const STACK_LINE = /^\s+at (?:async )?\S.*(?::\d+:\d+\)?|\(native\)|<anonymous>\)?)$/;

/** Lines of a stack trace in a log. */
export function stackLines(log: string): string[] {
  return log.split(/\r?\n/).filter((line) => line.startsWith('    at ') || STACK_LINE.test(line));
}

/**
 * Workflow commands in the log other than our own: annotations, and the mask of the fault
 * world's token (`github-token` is registered as a secret before any GitHub call).
 */
export function foreignCommands(log: string): string[] {
  return log
    .split(/\r?\n/)
    .filter((line) => line.trimStart().startsWith('::') || line.includes('##['))
    .filter((line) => !/^::(error|warning|notice)( [^:]*)?::/.test(line))
    .filter((line) => line !== '::add-mask::test-token');
}

/** The log as a reader of the job sees it: annotation escaping undone. */
export function readableLog(log: string): string {
  return log
    .replace(/%0A/g, '\n')
    .replace(/%0D/g, '\r')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%');
}

export interface CaseSummary {
  endedByItself: boolean;
  stackLines: string[];
  foreignCommands: string[];
  missingOutputs: string[];
  code: number;
  result: string | undefined;
  reportResult: unknown;
  couldNotEvaluate: boolean;
  rules: string[];
  scanStatus?: unknown;
  uploaderStatus?: string | undefined;
  logMentions?: boolean;
  comments?: number;
  updated?: boolean;
}

const sortedRules = (rules: Iterable<string>): string[] => [...new Set(rules)].sort();

function readReport(run: CaseRun['run']): Record<string, unknown> | null {
  try {
    return run.report();
  } catch {
    return null;
  }
}

/** What the run showed, in the shape of `expectedSummary`. */
export function summarize(
  c: FaultCase,
  { run, comments, commentBodies, killed }: CaseRun,
): CaseSummary {
  const log = `${run.stdout}\n${run.stderr}`;
  const report = readReport(run);
  const detections = (report?.detections ?? []) as Detection[];
  const images = (report?.images ?? []) as Array<{ scan?: { status?: unknown } }>;
  const summary: CaseSummary = {
    endedByItself: !killed,
    stackLines: stackLines(log),
    foreignCommands: foreignCommands(run.stdout),
    missingOutputs: OUTPUT_NAMES.filter((name) => !(name in run.outputs)),
    code: run.code,
    result: run.outputs.result,
    reportResult: report?.result ?? 'no report file',
    couldNotEvaluate: typeof report?.error === 'string',
    rules: sortedRules(detections.filter((d) => !d.ignored).map((d) => d.rule)),
  };
  const expected = c.expect;
  if (expected.scanStatus !== undefined) summary.scanStatus = images[0]?.scan?.status;
  if (expected.uploaderStatus !== undefined)
    summary.uploaderStatus = run.outputs['uploader-status'];
  if (expected.log !== undefined)
    summary.logMentions = readableLog(run.stdout).includes(expected.log);
  if (expected.comments !== undefined) summary.comments = comments;
  if (expected.updated !== undefined) {
    summary.updated = commentBodies.some((body) => !body.includes('earlier run'));
  }
  return summary;
}

/** The summary a case must produce. */
export function expectedSummary(c: FaultCase): CaseSummary {
  const e = c.expect;
  return {
    endedByItself: true,
    stackLines: [],
    foreignCommands: [],
    missingOutputs: [],
    code: e.code,
    result: e.result,
    reportResult: e.result,
    couldNotEvaluate: e.error === true,
    rules: sortedRules(e.rules),
    ...(e.scanStatus === undefined ? {} : { scanStatus: e.scanStatus }),
    ...(e.uploaderStatus === undefined ? {} : { uploaderStatus: e.uploaderStatus }),
    ...(e.log === undefined ? {} : { logMentions: true }),
    ...(e.comments === undefined ? {} : { comments: e.comments }),
    ...(e.updated === undefined ? {} : { updated: e.updated }),
  };
}
