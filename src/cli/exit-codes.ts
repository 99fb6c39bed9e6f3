import { UserError } from '../errors.js';
import { decide } from '../gate.js';
import type { Report, RuleId } from '../model.js';

export const EXIT = {
  /** The gate passed or warned, or `--mode audit`. */
  ok: 0,
  /** The gate failed on evidence: findings, an uploader, a tag overwrite, the risk threshold. */
  fail: 1,
  /** Bad command line, input value or policy file: nothing was evaluated. */
  usage: 2,
  /** The gate could not see what it needed: AWS refused or failed, or it failed closed. */
  unevaluated: 3,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * Rules that fire because something could not be looked at, not because of what was seen. A gate
 * that fails only on these failed closed: more time or access might turn it into a pass.
 */
export const BLIND_RULES: ReadonlySet<RuleId> = new Set<RuleId>([
  'scan-incomplete',
  'unverified-uploader',
]);

/**
 * The exit code of an evaluated run. A failing result exits 1 when it would still fail without
 * the blind detections (evidence alone condemns the image; no rescan can save it), else 3 (it
 * failed closed). Audit mode never fails on the result; a report carrying `error` was not
 * evaluated at all, whatever the mode.
 */
export function exitCodeForReport(report: Report): ExitCode {
  if (report.error !== null) return EXIT.unevaluated;
  if (report.result !== 'fail' || report.mode === 'audit') return EXIT.ok;
  const seen = report.detections.filter((d) => !BLIND_RULES.has(d.rule));
  return decide(seen, report.riskThreshold).result === 'fail' ? EXIT.fail : EXIT.unevaluated;
}

/** True when the result is `fail` only because the gate failed closed (exit 3 from a report). */
export const failedClosed = (report: Report): boolean =>
  report.error === null && exitCodeForReport(report) === EXIT.unevaluated;

/** Exit code for an error thrown before or during the evaluation. */
export function exitCodeForError(error: unknown): ExitCode {
  if (error instanceof UserError && error.kind === 'config') return EXIT.usage;
  return EXIT.unevaluated;
}

/** The table shown at the end of `--help`; docs/cli.md says the same at length. */
export const EXIT_CODES_HELP = `Exit codes:
  0  pass or warn (and any result with --mode audit)
  1  fail: findings, uploader, tag overwrite or risk threshold
  2  usage or configuration error (unknown flag, missing --image, bad value,
     bad policy file); nothing was evaluated
  3  could not evaluate: AWS access denied, unknown repository, network or
     credential errors; or the gate failed closed, i.e. it fails only on
     scan-incomplete / unverified-uploader (no usable scan in time, push not
     found in CloudTrail) and would not fail without them`;
