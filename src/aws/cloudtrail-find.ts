// Finding the gated push in CloudTrail: a narrow `EventName=PutImage` window around `pushedAt`
// (cheap: few pushes fall in a few minutes), polled until the record shows up or the phase's time
// is up. CloudTrail delivers a record "within an average of about 5 minutes" of the call, not
// guaranteed (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/get-and-view-cloudtrail-log-files.html).
import type { ResolvedImage } from '../model.js';
import type { UploaderLookupOptions } from '../ports.js';
import { isThrottlingError } from './aws-errors.js';
import { FindPollPace, type LookupRuntime, walkPages } from './cloudtrail-lookup.js';
import type { PushSearchOutcome } from './cloudtrail-messages.js';
import type { PushStore, StoredPush } from './cloudtrail-push-store.js';
import { PUT_IMAGE } from './cloudtrail-record.js';
import type { Sleep } from './rate-limit.js';

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
const WAITING_FOR = 'PutImage event in CloudTrail';

interface InFlightFind {
  from: number;
  to: number;
  done: Promise<unknown>;
}

export interface PushSearch extends PushSearchOutcome {
  hit?: StoredPush;
}

export interface PushFinderDeps {
  /** Every push read so far (shared with the history reads): a later image may be among them. */
  store: PushStore;
  now: () => number;
  sleep: Sleep;
  random: () => number;
}

export class PushFinder {
  /**
   * Push-finding reads in flight, per region. Images pushed together would each read the same
   * `EventName=PutImage` page around their push; one waits for a read whose window already
   * holds its push time, then looks among the pushes that read stored.
   */
  private readonly findsInFlight = new Map<string, Set<InFlightFind>>();
  private readonly store: PushStore;
  private readonly now: () => number;
  private readonly sleep: Sleep;
  private readonly random: () => number;

  constructor(deps: PushFinderDeps) {
    this.store = deps.store;
    this.now = deps.now;
    this.sleep = deps.sleep;
    this.random = deps.random;
  }

  /** Polls a narrow window around `pushedAt` until the push shows up or the time is up. */
  async find(
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
