// Who pushed it: finds the PutImage of the gated digest in CloudTrail (cloudtrail-find.ts), then
// reads the pushes to the same repository around it (baseline before, tag overwrites after;
// cloudtrail-history.ts).
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
import { type LookupRuntime, emptyStats } from './cloudtrail-lookup.js';
import { PushFinder, type PushSearch } from './cloudtrail-find.js';
import { CALL_GRACE_MS, failureReason, lateReason, notFoundReason } from './cloudtrail-messages.js';
import { PushStore } from './cloudtrail-push-store.js';
import { type ResourceForm, readRepository } from './cloudtrail-history.js';
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

/** Pages one baseline read may take by default (50 events each). */
export const DEFAULT_MAX_HISTORY_PAGES = 40;

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
  private readonly finder: PushFinder;

  constructor(deps: CloudTrailAdapterDeps) {
    this.clientFor = deps.clientFor;
    this.sleep = deps.sleep ?? realSleep;
    this.now = deps.now ?? Date.now;
    this.limiter = deps.limiter ?? sharedCloudTrailLimiter;
    this.maxHistoryPages = Math.max(1, deps.maxHistoryPages ?? DEFAULT_MAX_HISTORY_PAGES);
    this.expireAfter = deps.expireAfter ?? ((ms) => AbortSignal.timeout(ms));
    this.random = deps.random ?? Math.random;
    this.finder = new PushFinder({
      store: this.store,
      now: this.now,
      sleep: this.sleep,
      random: this.random,
    });
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
      search = await this.finder.find(image, options, runtime);
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
}
