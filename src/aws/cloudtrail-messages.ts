// What the report says when CloudTrail could not tell who pushed: one sentence each, naming the
// read that failed and why, without repeating "CloudTrail" (issue 18 §5).
import { errorMessage } from '../errors.js';
import type { LookupStats, ResolvedImage } from '../model.js';
import { httpStatusOf, isUnreadableResponse } from './aws-errors.js';
import { translateAwsError } from './aws-error-text.js';

/** Calls still unfinished this long after uploader-timeout are abandoned. */
export const CALL_GRACE_MS = 5_000;

export function throttledText(stats: LookupStats): string {
  return stats.throttled > 0 ? ` (throttled ${stats.throttled} times)` : '';
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Why the uploader phase stopped at its deadline: CloudTrail still owing an answer, or the run's
 * own pacing (2 LookupEvents calls per second per region, shared by every image, and back-off
 * after throttling) having used the time although every answer came at once.
 */
export function lateReason(timeoutMs: number, stats: LookupStats, awaitingAnswer: boolean): string {
  const budget = `uploader-timeout (${Math.round(timeoutMs / 1000)} s) plus ${CALL_GRACE_MS / 1000} s`;
  if (awaitingAnswer) {
    return (
      `CloudTrail did not answer in time: a LookupEvents call was still unanswered after ` +
      `${budget}${throttledText(stats)} and was abandoned`
    );
  }
  return (
    `the uploader check ran out of time after ${budget}: ${plural(stats.calls, 'LookupEvents call')} ` +
    `${stats.calls === 1 ? 'was' : 'were'} answered${throttledText(stats)}, but the calls are paced at 2 per second per region ` +
    `(shared by every image of the run); raise uploader-timeout`
  );
}

/** The HTTP status of an answer, also when its body could not be read. */
function statusOf(error: unknown): number | undefined {
  const status = httpStatusOf(error);
  if (status !== undefined) return status;
  const response = (error as { $response?: { statusCode?: unknown } } | null)?.$response;
  return typeof response?.statusCode === 'number' ? response.statusCode : undefined;
}

/** One sentence for a LookupEvents failure that was not a timeout or a cancellation. */
export function failureText(error: unknown, region: string): string {
  const status = statusOf(error);
  if (isUnreadableResponse(error) && status !== undefined && status >= 400) {
    // An error page (HTML from a proxy, an empty 500) is not a parse problem of ours: say the
    // status, not the JSON parser's SyntaxError.
    return (
      `CloudTrail answered LookupEvents in ${region} with HTTP ${status} and a body that is not ` +
      `an AWS error, even after retries. Retry the step later`
    );
  }
  const text = errorMessage(
    translateAwsError(error, { service: 'cloudtrail', operation: 'LookupEvents', region }),
  );
  return /^CloudTrail\b/.test(text) ? text : `CloudTrail could not be read: ${text}`;
}

export function failureReason(
  error: unknown,
  region: string,
  signal: AbortSignal | undefined,
  late: string | undefined,
): string {
  if (signal?.aborted) return 'the CloudTrail lookup was cancelled';
  return late ?? failureText(error, region);
}

export interface PushSearchOutcome {
  waitedMs: number;
  /** Pushed so long ago that waiting would not make the event appear. */
  longAgo: boolean;
}

export function notFoundReason(
  image: ResolvedImage,
  search: PushSearchOutcome,
  stats: LookupStats,
): string {
  const where = `${image.repository} (registry ${image.registryId}, ${image.region})`;
  const what = `no PutImage of ${image.imageDigest} to ${where}`;
  const calls = plural(stats.calls, 'LookupEvents call');
  const elsewhere =
    'If the registry belongs to another account than these credentials, the event may only be ' +
    "in that account's CloudTrail.";
  if (search.longAgo && image.pushedAt) {
    return (
      `${what} was found in CloudTrail around its push time ${image.pushedAt.toISOString()} ` +
      `(${calls}). ${elsewhere}`
    );
  }
  const seconds = Math.round(search.waitedMs / 1000);
  return (
    `${what} was visible in CloudTrail after waiting ${seconds} s (${calls}${throttledText(stats)}). CloudTrail ` +
    `usually shows events about 5 minutes after the call: raise uploader-timeout to wait longer. ` +
    elsewhere
  );
}
