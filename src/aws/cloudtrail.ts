// Who pushed it: finds the PutImage of the gated digest in CloudTrail, then reads the pushes to
// the same repository around it (baseline before, tag overwrites after).
//
// Lookup strategy. LookupEvents takes one attribute per call and answers 2 calls/s. Two ways to
// find pushes to one repository:
// - `EventName=PutImage`: every push in the account and region; filtered here. Always works, but
//   its cost grows with the whole account's pushes.
// - `ResourceName=<repository>`: only this repository's events; far cheaper for the baseline. Whether
//   CloudTrail indexes an ECR repository by ARN or by name is undocumented.
// So the push itself is found with a narrow `EventName=PutImage` window around `pushedAt` (cheap:
// few pushes fall in a few minutes), and its `Resources` show what CloudTrail indexed. The
// baseline read then uses `ResourceName` with that value over a window that contains the push:
// the push showing up in it proves the lookup works (no separate probe). If it does not, the
// same window is read with `EventName=PutImage` instead.
import type { CloudTrailClient, Event } from '@aws-sdk/client-cloudtrail';
import { errorMessage } from '../errors.js';
import type { LookupStats, PushEvent, ResolvedImage, UploaderEvidence } from '../model.js';
import type { UploaderLookupOptions, UploaderPort } from '../ports.js';
import { partitionOfRegion } from '../rules/identity.js';
import { translateAwsError } from './aws-errors.js';
import {
  type LookupAttributeValue,
  type LookupRuntime,
  emptyStats,
  walkPages,
} from './cloudtrail-lookup.js';
import { isPushOf, isPushTo, parseTrailEvent, PUT_IMAGE } from './cloudtrail-record.js';
import { type RateLimiter, type Sleep, realSleep, sharedCloudTrailLimiter } from './rate-limit.js';

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
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** ECR's `imagePushedAt` and CloudTrail's `eventTime` of the same PutImage are seconds apart. */
const PUSH_WINDOW_MS = 2 * MINUTE;
/** Without `pushedAt`, look this far back for the push. */
const NO_PUSHED_AT_WINDOW_MS = DAY;
/** An image pushed longer ago than this is not going to appear later: one look, no waiting. */
const VISIBILITY_HORIZON_MS = 60 * MINUTE;
/** CloudTrail keeps 90 days; stay a little inside so the start is never refused. */
const RETENTION_MS = 90 * DAY - 10 * MINUTE;
const MAX_FIND_PAGES = 20;
/** A push shares another image's find read only this far inside its window (clock skew). */
const SHARE_MARGIN_MS = 30_000;
export const DEFAULT_MAX_HISTORY_PAGES = 40;
/** Poll schedule while the push is not visible yet: 5 s, 10 s, 15 s, … capped at 30 s. */
const POLL_STEP_MS = 5_000;
const POLL_CAP_MS = 30_000;
/** ResourceName values tried per investigation before falling back to EventName. */
const MAX_RESOURCE_TRIES = 2;
const WAITING_FOR = 'PutImage event in CloudTrail';
/**
 * Calls still unfinished this long after uploader-timeout are abandoned: the SDK alone holds on
 * 30 s a request over 6 attempts, and throttled lookups back off on top of that.
 */
export const CALL_GRACE_MS = 5_000;
/** The reads around a found push (baseline, later pushes of the tag) stop after this long. */
export const HISTORY_BUDGET_MS = 60_000;

interface StoredPush {
  push: PushEvent;
  resources: ReadonlyArray<{
    ResourceType?: string | undefined;
    ResourceName?: string | undefined;
  }>;
}

type ResourceForm = 'arn' | 'name';

interface InFlightFind {
  from: number;
  to: number;
  done: Promise<unknown>;
}

interface PushSearch {
  hit?: StoredPush;
  waitedMs: number;
  /** Pushed so long ago that waiting would not make the event appear. */
  longAgo: boolean;
}

interface RepositoryRead {
  pushes: PushEvent[];
  complete: boolean;
  reachesBack?: Date;
  strategy: string;
}

export class CloudTrailAdapter implements UploaderPort {
  private calls = 0;
  private readonly clientFor: (region: string) => CloudTrailClient;
  private readonly sleep: Sleep;
  private readonly now: () => number;
  private readonly limiter: RateLimiter;
  private readonly maxHistoryPages: number;
  private readonly expireAfter: (ms: number) => AbortSignal;
  /** Every push read so far, by event id: a later image may already be among them. */
  private readonly pushes = new Map<string, StoredPush>();
  /** Which ResourceName form CloudTrail matched in a region, once proven. */
  private readonly provenForm = new Map<string, ResourceForm>();
  /**
   * Push-finding reads in flight, per region. Images pushed together would each read the same
   * `EventName=PutImage` page around their push; one waits for a read whose window already
   * holds its push time, then looks among the pushes that read stored.
   */
  private readonly findsInFlight = new Map<string, Set<InFlightFind>>();
  /** Malformed records already counted per investigation: a record read twice counts once. */
  private readonly malformedSeen = new WeakMap<LookupStats, Set<string>>();

  constructor(deps: CloudTrailAdapterDeps) {
    this.clientFor = deps.clientFor;
    this.sleep = deps.sleep ?? realSleep;
    this.now = deps.now ?? Date.now;
    this.limiter = deps.limiter ?? sharedCloudTrailLimiter;
    this.maxHistoryPages = Math.max(1, deps.maxHistoryPages ?? DEFAULT_MAX_HISTORY_PAGES);
    this.expireAfter = deps.expireAfter ?? ((ms) => AbortSignal.timeout(ms));
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
    const findExpiry = this.expireAfter(Math.max(0, options.timeoutMs) + CALL_GRACE_MS);
    const runtime: LookupRuntime = {
      client: this.clientFor(image.region),
      region: image.region,
      limiter: this.limiter,
      sleep: this.sleep,
      stats,
      onCall: () => {
        this.calls += 1;
      },
      signal: options.signal ? AbortSignal.any([options.signal, findExpiry]) : findExpiry,
    };
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
      const late = findExpiry.aborted
        ? `CloudTrail did not answer in time: LookupEvents was still unfinished ${CALL_GRACE_MS / 1000} s after uploader-timeout (${Math.round(options.timeoutMs / 1000)} s)${throttledText(stats)} and was abandoned`
        : undefined;
      return evidence('error', {
        historyComplete: false,
        reason: this.failureReason(error, image, options.signal, late),
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
    const historyExpiry = this.expireAfter(HISTORY_BUDGET_MS);
    const historyRuntime: LookupRuntime = {
      ...runtime,
      signal: options.signal ? AbortSignal.any([options.signal, historyExpiry]) : historyExpiry,
    };
    try {
      const read = await this.readRepository(image, found, options.historyDays, historyRuntime);
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
      return evidence('found', {
        push,
        historyComplete: false,
        historyReachesBack: push.eventTime,
        reason: `the push was found, but not the pushes around it. ${this.failureReason(
          error,
          image,
          options.signal,
          historyExpiry.aborted
            ? `CloudTrail did not finish reading them within ${HISTORY_BUDGET_MS / 1000} s${throttledText(stats)}`
            : undefined,
        )}`,
      });
    }
  }

  private failureReason(
    error: unknown,
    image: ResolvedImage,
    signal: AbortSignal | undefined,
    late: string | undefined,
  ): string {
    if (signal?.aborted) return 'the CloudTrail lookup was cancelled';
    if (late) return late;
    const translated = translateAwsError(error, {
      service: 'cloudtrail',
      operation: 'LookupEvents',
      region: image.region,
    });
    return `CloudTrail could not be read: ${errorMessage(translated)}`;
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
    for (let poll = 1; ; poll += 1) {
      const known = this.storedPushOf(image);
      if (known) return result(known);
      const shared = poll === 1 ? this.findCovering(image.region, pushedAt) : undefined;
      if (shared) {
        // Its failure is its own: this image then reads for itself.
        await shared.done.catch(() => undefined);
        const stored = this.storedPushOf(image);
        if (stored) return result(stored);
      }
      await this.trackFind(
        image.region,
        { from: start.getTime(), to: end.getTime() },
        walkPages(runtime, {
          attribute: { key: 'EventName', value: PUT_IMAGE },
          start,
          end,
          maxPages: MAX_FIND_PAGES,
          onPage: (events) => {
            this.store(events, runtime.stats);
            return !this.storedPushOf(image);
          },
        }),
      );
      const hit = this.storedPushOf(image);
      if (hit) return result(hit);

      const remaining = deadline - this.now();
      if (remaining <= 0 || !mayStillAppear) return result();
      options.onProgress?.({
        image: `${image.repository}@${image.imageDigest}`,
        phase: 'uploader',
        waitingFor: WAITING_FOR,
        elapsedMs: this.now() - started,
      });
      await this.sleep(Math.min(POLL_STEP_MS * poll, POLL_CAP_MS, remaining), runtime.signal);
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

  private parse(event: Event, stats: LookupStats): ReturnType<typeof parseTrailEvent> {
    const result = parseTrailEvent(event);
    if (result.kind === 'malformed') {
      let seen = this.malformedSeen.get(stats);
      if (!seen) this.malformedSeen.set(stats, (seen = new Set()));
      const id = event.EventId ?? `#${seen.size}`;
      if (!seen.has(id)) {
        seen.add(id);
        stats.malformed += 1;
      }
    }
    return result;
  }

  private store(events: readonly Event[], stats: LookupStats): void {
    for (const event of events) {
      const result = this.parse(event, stats);
      if (result.kind !== 'push') continue;
      this.pushes.set(result.push.eventId, {
        push: result.push,
        resources: event.Resources ?? [],
      });
    }
  }

  private storedPushOf(image: ResolvedImage): StoredPush | undefined {
    let best: StoredPush | undefined;
    for (const stored of this.pushes.values()) {
      if (!isPushOf(stored.push, image, image.imageDigest)) continue;
      // The same digest pushed twice (a re-tag): the one nearest `pushedAt` is this push.
      if (!best || nearer(stored.push, best.push, image.pushedAt)) best = stored;
    }
    return best;
  }

  /**
   * Pushes to the repository from the baseline start to now, newest first: those after the push
   * are possible tag overwrites, those before are the baseline.
   */
  private async readRepository(
    image: ResolvedImage,
    found: StoredPush,
    historyDays: number,
    runtime: LookupRuntime,
  ): Promise<RepositoryRead> {
    const { push } = found;
    const pushed = push.eventTime.getTime();
    const now = this.now();
    const start = new Date(
      historyDays > 0 ? Math.max(pushed - historyDays * DAY, now - RETENTION_MS) : pushed - 1_000,
    );
    const end = new Date(Math.max(now, pushed + 1_000));
    const window = { start, end, historyDays, pushed };

    for (const candidate of this.resourceCandidates(image, found).slice(0, MAX_RESOURCE_TRIES)) {
      const read = await this.readByResource(image, push, candidate.value, window, runtime);
      if (read) {
        if (candidate.form) this.provenForm.set(image.region, candidate.form);
        return read;
      }
    }
    return this.readByEventName(image, window, runtime);
  }

  /** ResourceName values worth trying, most likely first; each tried at most once. */
  private resourceCandidates(
    image: ResolvedImage,
    found: StoredPush,
  ): Array<{ value: string; form?: ResourceForm }> {
    const arn = `arn:${partitionOfRegion(image.region)}:ecr:${image.region}:${image.registryId}:repository/${image.repository}`;
    const out: Array<{ value: string; form?: ResourceForm }> = [];
    const add = (value: string, form?: ResourceForm) => {
      if (!out.some((c) => c.value === value)) out.push(form ? { value, form } : { value });
    };
    // What CloudTrail itself listed for this push is what it indexed, verbatim (even an odd ARN).
    for (const resource of found.resources) {
      const name = resource.ResourceName;
      if (!name) continue;
      if (name === image.repository) add(name, 'name');
      else if (name.startsWith('arn:') && name.endsWith(`:repository/${image.repository}`)) {
        add(name, 'arn');
      }
    }
    if (out.length > 0) return out;
    const preferred = this.provenForm.get(image.region);
    if (preferred === 'name') add(image.repository, 'name');
    add(arn, 'arn');
    add(image.repository, 'name');
    return out;
  }

  /**
   * Reads the window by ResourceName. Returns undefined when the read does not contain the push:
   * then this lookup is not proven for this repository and must not be trusted.
   */
  private async readByResource(
    image: ResolvedImage,
    push: PushEvent,
    value: string,
    window: { start: Date; end: Date; historyDays: number; pushed: number },
    runtime: LookupRuntime,
  ): Promise<RepositoryRead | undefined> {
    const attribute: LookupAttributeValue = { key: 'ResourceName', value };
    let proven = false;
    let disproven = false;
    let oldest: Date | undefined;
    const pushes: PushEvent[] = [];
    const result = await walkPages(runtime, {
      attribute,
      start: window.start,
      end: window.end,
      maxPages: this.maxHistoryPages,
      onPage: (events) => {
        for (const event of events) {
          if (event.EventId === push.eventId) proven = true;
          const time = event.EventTime?.getTime();
          if (time !== undefined && (!oldest || time < oldest.getTime())) oldest = new Date(time);
          // Older than the push (by more than the second CloudTrail rounds to) and no push yet.
          if (!proven && time !== undefined && time < window.pushed - 1_000) disproven = true;
        }
        this.collect(events, image, pushes, runtime.stats);
        if (disproven) return false;
        // Only the tag window was asked for: stop once past the push.
        if (window.historyDays <= 0 && proven && oldest && oldest.getTime() < window.pushed) {
          return false;
        }
        return true;
      },
    });
    if (!proven) return undefined;
    return finish(pushes, result, window, oldest, `ResourceName=${value}`);
  }

  private async readByEventName(
    image: ResolvedImage,
    window: { start: Date; end: Date; historyDays: number; pushed: number },
    runtime: LookupRuntime,
  ): Promise<RepositoryRead> {
    let oldest: Date | undefined;
    const pushes: PushEvent[] = [];
    const result = await walkPages(runtime, {
      attribute: { key: 'EventName', value: PUT_IMAGE },
      start: window.start,
      end: window.end,
      maxPages: this.maxHistoryPages,
      onPage: (events) => {
        for (const event of events) {
          const time = event.EventTime?.getTime();
          if (time !== undefined && (!oldest || time < oldest.getTime())) oldest = new Date(time);
        }
        this.collect(events, image, pushes, runtime.stats);
        return !(window.historyDays <= 0 && oldest && oldest.getTime() < window.pushed);
      },
    });
    return finish(pushes, result, window, oldest, 'EventName=PutImage');
  }

  private collect(
    events: readonly Event[],
    image: ResolvedImage,
    into: PushEvent[],
    stats: LookupStats,
  ): void {
    for (const event of events) {
      const result = this.parse(event, stats);
      if (result.kind !== 'push' || !isPushTo(result.push, image)) continue;
      if (into.some((p) => p.eventId === result.push.eventId)) continue;
      into.push(result.push);
      this.pushes.set(result.push.eventId, { push: result.push, resources: event.Resources ?? [] });
    }
  }
}

function finish(
  pushes: PushEvent[],
  result: { truncated: boolean },
  window: { start: Date; historyDays: number },
  oldest: Date | undefined,
  strategy: string,
): RepositoryRead {
  const complete = window.historyDays <= 0 || !result.truncated;
  const reachesBack = complete ? window.start : (oldest ?? window.start);
  return {
    pushes,
    complete,
    strategy,
    ...(window.historyDays > 0 ? { reachesBack } : {}),
  };
}

function throttledText(stats: LookupStats): string {
  return stats.throttled > 0 ? ` (throttled ${stats.throttled} times)` : '';
}

function nearer(a: PushEvent, b: PushEvent, pushedAt: Date | undefined): boolean {
  if (!pushedAt) return a.eventTime.getTime() > b.eventTime.getTime();
  const target = pushedAt.getTime();
  return Math.abs(a.eventTime.getTime() - target) < Math.abs(b.eventTime.getTime() - target);
}

function notFoundReason(image: ResolvedImage, search: PushSearch, stats: LookupStats): string {
  const where = `${image.repository} (registry ${image.registryId}, ${image.region})`;
  const what = `no PutImage of ${image.imageDigest} to ${where}`;
  const calls = `${stats.calls} LookupEvents call${stats.calls === 1 ? '' : 's'}`;
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
    `${what} was visible in CloudTrail after waiting ${seconds} s (${calls}). CloudTrail ` +
    `usually shows events about 5 minutes after the call: raise uploader-timeout to wait longer. ` +
    elsewhere
  );
}
