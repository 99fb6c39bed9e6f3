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
/** Retries after the SDK's own have given up: throttling, then 5xx / network / unreadable answers. */
export const MAX_THROTTLE_RETRIES = 4;
export const MAX_TRANSIENT_RETRIES = 2;
const THROTTLE_BACKOFF_MS = [1_000, 2_000, 4_000, 8_000];
const TRANSIENT_BACKOFF_MS = [1_000, 3_000];

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
}

export const emptyStats = (): LookupStats => ({
  strategy: '',
  calls: 0,
  pages: 0,
  events: 0,
  malformed: 0,
  throttled: 0,
});

const RATE_LIMIT_MIDDLEWARE = 'ecrRiskGateLookupRateLimit';

/**
 * The SDK retries inside one `send` (the clients are built with several attempts). Those retries
 * are HTTP requests too, so each one after the first takes its own limiter slot: the middleware
 * sits inside the retry loop (finalizeRequest, low priority: after `retryMiddleware`).
 */
function limitEveryAttempt(command: LookupEventsCommand, runtime: LookupRuntime): void {
  let attempts = 0;
  command.middlewareStack.add(
    (next) => async (args) => {
      attempts += 1;
      if (attempts > 1) {
        countCall(runtime);
        await runtime.limiter.acquire(runtime.region, runtime.signal);
      }
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: RATE_LIMIT_MIDDLEWARE },
  );
}

function countCall(runtime: LookupRuntime): void {
  runtime.stats.calls += 1;
  runtime.onCall?.();
}

/**
 * One LookupEvents call: waits for a limiter slot, sends, and on throttling or a transient failure
 * backs off and tries again a bounded number of times. Throws what the last attempt threw.
 */
export async function lookupOnce(
  runtime: LookupRuntime,
  input: LookupEventsCommandInput,
): Promise<LookupEventsCommandOutput> {
  let throttles = 0;
  let transients = 0;
  for (;;) {
    await runtime.limiter.acquire(runtime.region, runtime.signal);
    countCall(runtime);
    const command = new LookupEventsCommand(input);
    limitEveryAttempt(command, runtime);
    try {
      return await runtime.client.send(
        command,
        runtime.signal ? { abortSignal: runtime.signal } : {},
      );
    } catch (error) {
      if (runtime.signal?.aborted) throw error;
      let delay: number | undefined;
      if (isThrottlingError(error)) {
        runtime.stats.throttled += 1;
        delay = THROTTLE_BACKOFF_MS[throttles];
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
}

export interface PageWalk {
  attribute: LookupAttributeValue;
  start: Date;
  end: Date;
  maxPages: number;
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
    const output = await lookupOnce(runtime, {
      LookupAttributes: [
        { AttributeKey: walk.attribute.key, AttributeValue: walk.attribute.value },
      ],
      StartTime: walk.start,
      EndTime: walk.end,
      MaxResults: PAGE_SIZE,
      ...(token ? { NextToken: token } : {}),
    });
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
