// Who pushed it: finds the PutImage of the gated digest in CloudTrail, then reads the pushes to
// the same repository around it (baseline before, tag overwrites after; cloudtrail-history.ts).
//
// LookupEvents takes one attribute per call and answers 2 calls/s per account and region
// (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html). The push
// itself is found with a narrow `EventName=PutImage` window around `pushedAt` (cheap: few pushes
// fall in a few minutes); its `Resources` show what CloudTrail indexed for the history read.
//
// Time: `uploader-timeout` bounds the whole phase, the find AND the history read around a found
// push (issue 19 §3: the history used to have its own 60 s), plus CALL_GRACE_MS for a call in
// flight. Every call carries the phase's abort signal.
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { ResolvedImage, UploaderEvidence } from '../model.js';
import type { UploaderLookupOptions, UploaderPort } from '../ports.js';
import { FindPollPace, type LookupRuntime, emptyStats, walkPages } from './cloudtrail-lookup.js';
import {
  CALL_GRACE_MS,
  failureReason,
  lateReason,
  notFoundReason,
  type PushSearchOutcome,
} from './cloudtrail-messages.js';
import { PushStore, type StoredPush } from './cloudtrail-push-store.js';
import { type ResourceForm, readRepository } from './cloudtrail-history.js';
import { PUT_IMAGE } from './cloudtrail-record.js';
import { isThrottlingError } from './aws-errors.js';
import { type RateLimiter, type Sleep, realSleep, sharedCloudTrailLimiter } from './rate-limit.js';

export { CALL_GRACE_MS } from './cloudtrail-messages.js';

export interface CloudTrailAdapterDeps {
  clientFor(region: string): CloudTrailClient;
  sleep?: Sleep;
  /** Epoch milliseconds. */
  now?: () => number;
  /** Defaults to the process-wide limiter (2 calls per second per region). */
  limiter?: RateLimiter;
  /** Pages one baseline read may take (50 events each). */
  maxHistoryPages?: number;
  /** A signal that aborts after `ms` of real time; default `AbortSignal.timeout`. */
  expireAfter?: (ms: number) => AbortSignal;
  /** Jitter of polls and back-off; default Math.random. */
  random?: () => number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** ECR's `imagePushedAt` and CloudTrail's `eventTime` of the same PutImage are seconds apart. */
const PUSH_WINDOW_MS = 2 * MINUTE;
/** Without `pushedAt`, look this far back for the push. */
const NO_PUSHED_AT_WINDOW_MS = DAY;
/** An image pushed longer ago than this is not going to appear later: one look, no waiting. */
const VISIBILITY_HORIZON_MS = 60 * MINUTE;
const MAX_FIND_PAGES = 20;
/** A push shares another image's find read only this far inside its window (clock skew). */
const SHARE_MARGIN_MS = 30_000;
export const DEFAULT_MAX_HISTORY_PAGES = 40;
const WAITING_FOR = 'PutImage event in CloudTrail';

interface InFlightFind {
  from: number;
  to: number;
  done: Promise<unknown>;
}

interface PushSearch extends PushSearchOutcome {
  hit?: StoredPush;
}

export class CloudTrailAdapter implements UploaderPort {
  private calls = 0;
  private readonly clientFor: (region: string) => CloudTrailClient;
  private readonly sleep: Sleep;
  private readonly now: () => number;
  private readonly limiter: RateLimiter;
  private readonly maxHistoryPages: number;
  private readonly expireAfter: (ms: number) => AbortSignal;
  private readonly random: () => number;
  /** Every push read so far: a later image may already be among them. */
  private readonly store = new PushStore();
  /** Which ResourceName form CloudTrail matched in a region, once proven. */
  private readonly provenForm = new Map<string, ResourceForm>();
  /**
   * Push-finding reads in flight, per region. Images pushed together would each read the same
   * `EventName=PutImage` page around their push; one waits for a read whose window already
   * holds its push time, then looks among the pushes that read stored.
   */
  private readonly findsInFlight = new Map<string, Set<InFlightFind>>();

  constructor(deps: CloudTrailAdapterDeps) {
    this.clientFor = deps.clientFor;
    this.sleep = deps.sleep ?? realSleep;
    this.now = deps.now ?? Date.now;
    this.limiter = deps.limiter ?? sharedCloudTrailLimiter;
    this.maxHistoryPages = Math.max(1, deps.maxHistoryPages ?? DEFAULT_MAX_HISTORY_PAGES);
    this.expireAfter = deps.expireAfter ?? ((ms) => AbortSignal.timeout(ms));
    this.random = deps.random ?? Math.random;
  }

  callCount(): number {
    return this.calls;
  }

  /** Never throws: a push not found in time is `not-found`, an unreadable CloudTrail `error`. */
  async investigate(
    image: ResolvedImage,
    options: UploaderLookupOptions,
  ): Promise<UploaderEvidence> {
    const stats = emptyStats();
    stats.strategy = 'EventName=PutImage';
    const timeoutMs = Math.max(0, options.timeoutMs);
    // One budget for the whole phase: find and history read alike.
    const expiry = this.expireAfter(timeoutMs + CALL_GRACE_MS);
    const activity = { sending: 0 };
    const runtime: LookupRuntime = {
      client: this.clientFor(image.region),
      region: image.region,
      limiter: this.limiter,
      sleep: this.sleep,
      stats,
      activity,
      onCall: () => {
        this.calls += 1;
      },
      random: this.random,
      signal: options.signal ? AbortSignal.any([options.signal, expiry]) : expiry,
    };
    // Read at the moment of expiry: the aborted call's own cleanup runs after this listener.
    let unansweredAtExpiry = false;
    expiry.addEventListener(
      'abort',
      () => {
        unansweredAtExpiry = activity.sending > 0;
      },
      { once: true },
    );
    const late = (): string | undefined =>
      expiry.aborted ? lateReason(timeoutMs, stats, unansweredAtExpiry) : undefined;
    const evidence = (
      state: UploaderEvidence['state'],
      rest: Partial<UploaderEvidence> = {},
    ): UploaderEvidence => ({
      state,
      tagPushes: [],
      history: [],
      historyComplete: true,
      stats,
      ...rest,
    });

    let search: PushSearch;
    try {
      search = await this.findPush(image, options, runtime);
    } catch (error) {
      return evidence('error', {
        historyComplete: false,
        reason: failureReason(error, image.region, options.signal, late()),
      });
    }
    const found = search.hit;
    if (!found) {
      return evidence('not-found', {
        historyComplete: false,
        reason: notFoundReason(image, search, stats),
      });
    }

    const { push } = found;
    const tag = image.target.tag ?? push.tag;
    if (options.historyDays <= 0 && !tag) {
      return evidence('found', { push });
    }
    const reading = { what: 'LookupEvents' };
    try {
      const read = await readRepository(image, found, options.historyDays, runtime, {
        store: this.store,
        provenForm: this.provenForm,
        maxPages: this.maxHistoryPages,
        now: this.now(),
        reading,
      });
      const pushed = push.eventTime.getTime();
      const others = read.pushes.filter((p) => p.eventId !== push.eventId);
      stats.strategy = `find: EventName=PutImage; around the push: ${read.strategy}`;
      return evidence('found', {
        push,
        history: others.filter((p) => p.eventTime.getTime() < pushed),
        tagPushes: tag
          ? others.filter((p) => p.tag === tag && p.eventTime.getTime() >= pushed)
          : [],
        historyComplete: read.complete,
        ...(read.reachesBack ? { historyReachesBack: read.reachesBack } : {}),
      });
    } catch (error) {
      // A history that could not be read proves nothing about who pushed before: the rules
      // make the uploader unverified, never `no-baseline` (issue 18 §3.4).
      const why = failureReason(error, image.region, options.signal, late());
      const historyError =
        `the push was found, but the pushes around it could not be read ` +
        `(${reading.what}): ${why}`;
      return evidence('found', {
        push,
        historyComplete: false,
        historyReachesBack: push.eventTime,
        historyError,
        reason: historyError,
      });
    }
  }

  /** Polls a narrow window around `pushedAt` until the push shows up or the time is up. */
  private async findPush(
    image: ResolvedImage,
    options: UploaderLookupOptions,
    runtime: LookupRuntime,
  ): Promise<PushSearch> {
    const started = this.now();
    const deadline = started + Math.max(0, options.timeoutMs);
    const pushedAt = image.pushedAt?.getTime();
    const mayStillAppear = pushedAt === undefined || started - pushedAt < VISIBILITY_HORIZON_MS;
    const start = new Date(
      pushedAt !== undefined ? pushedAt - PUSH_WINDOW_MS : started - NO_PUSHED_AT_WINDOW_MS,
    );
    const end = new Date(pushedAt !== undefined ? pushedAt + PUSH_WINDOW_MS : started + MINUTE);

    const result = (hit?: StoredPush): PushSearch => ({
      ...(hit ? { hit } : {}),
      waitedMs: this.now() - started,
      longAgo: !mayStillAppear,
    });
    const pace = new FindPollPace(this.random);
    let answered = 0;
    let lastThrottle: unknown;
    for (let poll = 1; ; poll += 1) {
      const known = this.store.pushOf(image);
      if (known) return result(known);
      const shared = poll === 1 ? this.findCovering(image.region, pushedAt) : undefined;
      if (shared) {
        // Its failure is its own: this image then reads for itself.
        await shared.done.catch(() => undefined);
        const stored = this.store.pushOf(image);
        if (stored) return result(stored);
      }
      // While there is time to wait, a throttled poll is not retried at once: it counts as "not
      // visible yet" and the pace backs off (FindPollPace), so gates crowding one
      // account thin out instead of failing. A single look (no time, or a push long ago)
      // retries as usual. If no poll at all was answered by the deadline, the throttling is
      // the reason given.
      const waiting = mayStillAppear && options.timeoutMs > 0;
      let throttled = false;
      try {
        await this.trackFind(
          image.region,
          { from: start.getTime(), to: end.getTime() },
          walkPages(runtime, {
            attribute: { key: 'EventName', value: PUT_IMAGE },
            start,
            end,
            maxPages: MAX_FIND_PAGES,
            ...(waiting ? { maxThrottleRetries: 0 } : {}),
            onPage: (events) => {
              this.store.store(events, runtime.stats);
              return !this.store.pushOf(image);
            },
          }),
        );
      } catch (error) {
        if (!waiting || !isThrottlingError(error) || runtime.signal?.aborted) throw error;
        throttled = true;
        lastThrottle = error;
      }
      if (!throttled) answered += 1;
      const hit = this.store.pushOf(image);
      if (hit) return result(hit);

      const remaining = deadline - this.now();
      if (remaining <= 0 || !mayStillAppear) {
        if (answered === 0 && lastThrottle !== undefined) throw lastThrottle;
        return result();
      }
      options.onProgress?.({
        image: `${image.repository}@${image.imageDigest}`,
        phase: 'uploader',
        waitingFor: WAITING_FOR,
        elapsedMs: this.now() - started,
      });
      const wait = throttled ? pace.afterThrottle() : pace.afterAnswer();
      await this.sleep(Math.min(wait, remaining), runtime.signal);
    }
  }

  /** A find read in flight in `region` whose window holds `pushedAt` with room to spare. */
  private findCovering(region: string, pushedAt: number | undefined): InFlightFind | undefined {
    if (pushedAt === undefined) return undefined;
    for (const read of this.findsInFlight.get(region) ?? []) {
      if (pushedAt >= read.from + SHARE_MARGIN_MS && pushedAt <= read.to - SHARE_MARGIN_MS) {
        return read;
      }
    }
    return undefined;
  }

  private async trackFind(
    region: string,
    window: { from: number; to: number },
    done: Promise<unknown>,
  ): Promise<void> {
    let reads = this.findsInFlight.get(region);
    if (!reads) this.findsInFlight.set(region, (reads = new Set()));
    const read: InFlightFind = { ...window, done };
    reads.add(read);
    try {
      await done;
    } finally {
      reads.delete(read);
    }
  }
}
