// One LookupEvents call and paged reads over a time window: every HTTP attempt goes through the
// shared per-region limiter, throttling is survived with bounded backoff, and every call is
// counted for the report.
import {
  LookupEventsCommand,
  type CloudTrailClient,
  type Event,
  type LookupEventsCommandInput,
  type LookupEventsCommandOutput,
} from '@aws-sdk/client-cloudtrail';
import type { LookupStats } from '../model.js';
import {
  isNetworkError,
  isServerError,
  isThrottlingError,
  isUnreadableResponse,
} from './aws-errors.js';
import type { RateLimiter, Sleep } from './rate-limit.js';

/** LookupEvents never returns more than 50 events a page. */
export const PAGE_SIZE = 50;
/** Retries (the SDK's own are off, see withoutSdkRetries): throttling, then 5xx / network / unreadable answers. */
export const MAX_THROTTLE_RETRIES = 20;
export const MAX_TRANSIENT_RETRIES = 3;
const TRANSIENT_BACKOFF_MS = [500, 1_500, 3_000];
/**
 * Throttling back-off: "full jitter", a uniform draw in [0, min(cap, base × 2^attempt)]
 * (AWS Architecture Blog, "Exponential Backoff And Jitter",
 * https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/; the SDK's own
 * `defaultDelayDecider`, @smithy/middleware-retry delayDecider.ts, draws the same way). Many gates
 * of one account share 2 calls per sliding second: fixed steps would send their retries in
 * lockstep, into the next throttle, and long waits leave the freed slots to others (a throttled
 * call does not use the quota). Cap 1 s, the quota's window: 20 retries wait ~10 s in all.
 * With 30 gates a call is throttled about two times in three, so a handful of retries is not
 * enough (the 30-gate bench failed 10 of 30 gates with 4); uploader-timeout bounds them anyway.
 */
const THROTTLE_BASE_MS = 500;
const THROTTLE_CAP_MS = 1_000;

/** One full-jitter draw for retry `attempt` (0-based). */
export function fullJitterMs(
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number,
): number {
  return random() * Math.min(capMs, baseMs * 2 ** attempt);
}

/**
 * The pace of the find read while the push is not visible yet. Alone in its account a gate asks
 * every 5 s ± 10 % (one call per 5 s on average; the jitter keeps gates started together from
 * asking together). 30 gates of one account then ask 6 times a second against CloudTrail's 2:
 * - a throttled poll is retried soon, after a full-jitter wait of up to 1 s, 2 s, then 4 s: a
 *   throttled call does not use the quota, and the sliding second frees a slot within 1 s;
 * - the interval between answered polls grows ×1.5 per throttle (at most 20 s) and shrinks by
 *   2.5 s per answered poll, so a crowd settles near what the account allows.
 * Simulated with 30 gates and the documented 5-minute delay, this kept the p95 of verdict −
 * visibility near 19 s; the plain back-off it replaces (waits up to 20-60 s after a throttle)
 * left the quota idle while gates slept (p95 ~53 s; bench/README.md "Timing in real runs").
 */
export const FIND_POLL_MS = 5_000;
const FIND_POLL_MAX_MS = 20_000;
const FIND_RETRY_BASE_MS = 1_000;
const FIND_RETRY_CAP_MS = 4_000;

export class FindPollPace {
  private intervalMs = FIND_POLL_MS;
  private throttles = 0;

  constructor(private readonly random: () => number) {}

  /** The wait after a poll that CloudTrail answered. */
  afterAnswer(): number {
    this.throttles = 0;
    this.intervalMs = Math.max(FIND_POLL_MS, this.intervalMs - FIND_POLL_MS / 2);
    return this.intervalMs * (0.9 + 0.2 * this.random());
  }

  /** The wait after a throttled poll. */
  afterThrottle(): number {
    this.intervalMs = Math.min(FIND_POLL_MAX_MS, this.intervalMs * 1.5);
    const wait = fullJitterMs(this.throttles, FIND_RETRY_BASE_MS, FIND_RETRY_CAP_MS, this.random);
    this.throttles += 1;
    return wait;
  }
}

export type LookupAttributeKeyName = 'EventName' | 'ResourceName';

export interface LookupAttributeValue {
  key: LookupAttributeKeyName;
  value: string;
}

/** What one investigation needs to call CloudTrail in one region. */
export interface LookupRuntime {
  client: CloudTrailClient;
  region: string;
  limiter: RateLimiter;
  sleep: Sleep;
  signal?: AbortSignal;
  /** Mutated: calls, pages, events, throttled. */
  stats: LookupStats;
  /** Called once per HTTP attempt (the adapter's running total). */
  onCall?: () => void;
  /** Calls sent and not answered yet: tells "CloudTrail did not answer" from "our time ran out". */
  activity?: { sending: number };
  /** The jitter's random source; default Math.random. */
  random?: () => number;
}

export const emptyStats = (): LookupStats => ({
  strategy: '',
  calls: 0,
  pages: 0,
  events: 0,
  malformed: 0,
  throttled: 0,
});

/**
 * The SDK's own retries are switched off for LookupEvents: this module retries (below) through
 * the shared limiter with abortable sleeps. The SDK's retry middleware waits its back-off with a
 * `setTimeout` it never clears when the call is aborted
 * (@smithy/core submodules/retry/middleware-retry/retryMiddleware.js: `race(new Promise((resolve)
 * => setTimeout(resolve, delay)), abortSignal)`), so after the verdict an abandoned throttled call
 * kept the process alive for up to 20 s (issue 19 §3). A same-named middleware with `override`
 * replaces it in the stack the command is sent with (MiddlewareStack `add`, `override: true`).
 */
function withoutSdkRetries(command: LookupEventsCommand): void {
  command.middlewareStack.add((next) => (args) => next(args), {
    name: 'retryMiddleware',
    tags: ['RETRY'],
    step: 'finalizeRequest',
    priority: 'high',
    override: true,
  });
}

function countCall(runtime: LookupRuntime): void {
  runtime.stats.calls += 1;
  runtime.onCall?.();
}

// The SDK's clock-skew classification (@smithy/core retry/service-error-classification:
// CLOCK_SKEW_ERROR_CODES, isClockSkewCorrectedError), kept by hand because its retry middleware
// is replaced above: the signer has corrected its clock offset, so one more attempt is signed
// right.
const CLOCK_SKEW_NAMES = new Set([
  'AuthFailure',
  'InvalidSignatureException',
  'RequestExpired',
  'RequestInTheFuture',
  'RequestTimeTooSkewed',
  'SignatureDoesNotMatch',
]);

function isClockSkewError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, $metadata } = error as {
    name?: unknown;
    $metadata?: { clockSkewCorrected?: unknown };
  };
  return (
    $metadata?.clockSkewCorrected === true ||
    (typeof name === 'string' && CLOCK_SKEW_NAMES.has(name))
  );
}

/**
 * One LookupEvents call: waits for a limiter slot, sends, and on throttling or a transient failure
 * backs off and tries again a bounded number of times. Throws what the last attempt threw.
 */
export async function lookupOnce(
  runtime: LookupRuntime,
  input: LookupEventsCommandInput,
  maxThrottleRetries = MAX_THROTTLE_RETRIES,
): Promise<LookupEventsCommandOutput> {
  let throttles = 0;
  let transients = 0;
  let skews = 0;
  for (;;) {
    await runtime.limiter.acquire(runtime.region, runtime.signal);
    countCall(runtime);
    const command = new LookupEventsCommand(input);
    withoutSdkRetries(command);
    let error: unknown;
    try {
      return await send(runtime, command);
    } catch (caught) {
      error = caught;
    }
    if (runtime.signal?.aborted) throw error;
    if (isClockSkewError(error) && skews === 0) {
      skews += 1;
      continue;
    }
    let delay: number | undefined;
    if (isThrottlingError(error)) {
      runtime.stats.throttled += 1;
      delay =
        throttles < maxThrottleRetries
          ? fullJitterMs(
              throttles,
              THROTTLE_BASE_MS,
              THROTTLE_CAP_MS,
              runtime.random ?? Math.random,
            )
          : undefined;
      throttles += 1;
      // Everyone on this region backs off, not only this caller.
      if (delay !== undefined) runtime.limiter.pause(runtime.region, delay);
    } else if (isServerError(error) || isNetworkError(error) || isUnreadableResponse(error)) {
      delay = TRANSIENT_BACKOFF_MS[transients];
      transients += 1;
    }
    if (delay === undefined) throw error;
    await runtime.sleep(delay, runtime.signal);
  }
}

async function send(
  runtime: LookupRuntime,
  command: LookupEventsCommand,
): Promise<LookupEventsCommandOutput> {
  const activity = runtime.activity;
  if (activity) activity.sending += 1;
  try {
    return await runtime.client.send(
      command,
      runtime.signal ? { abortSignal: runtime.signal } : {},
    );
  } finally {
    if (activity) activity.sending -= 1;
  }
}

export interface PageWalk {
  attribute: LookupAttributeValue;
  start: Date;
  end: Date;
  maxPages: number;
  /** Throttled attempts retried per page; default MAX_THROTTLE_RETRIES. */
  maxThrottleRetries?: number;
  /** Each page's events (newest first); return false to stop reading. */
  onPage: (events: readonly Event[]) => boolean;
}

export interface WalkResult {
  pages: number;
  /** CloudTrail said there is nothing more (no NextToken). */
  exhausted: boolean;
  /** The page bound ended the read while more was available. */
  truncated: boolean;
}

/** Reads a window page by page (newest first), never more than `maxPages` pages. */
export async function walkPages(runtime: LookupRuntime, walk: PageWalk): Promise<WalkResult> {
  let token: string | undefined;
  let pages = 0;
  while (pages < walk.maxPages) {
    const output = await lookupOnce(
      runtime,
      {
        LookupAttributes: [
          { AttributeKey: walk.attribute.key, AttributeValue: walk.attribute.value },
        ],
        StartTime: walk.start,
        EndTime: walk.end,
        MaxResults: PAGE_SIZE,
        ...(token ? { NextToken: token } : {}),
      },
      walk.maxThrottleRetries,
    );
    pages += 1;
    runtime.stats.pages += 1;
    const events = output.Events ?? [];
    runtime.stats.events += events.length;
    const more = walk.onPage(events);
    token = output.NextToken || undefined;
    if (!token) return { pages, exhausted: true, truncated: false };
    if (!more) return { pages, exhausted: false, truncated: false };
  }
  return { pages, exhausted: false, truncated: true };
}
