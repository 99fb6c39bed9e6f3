// A sliding-window rate limiter keyed by a string (the region, for CloudTrail): at most `limit`
// starts in any `windowMs` window per key, handed out in arrival order. Shared by every lookup of
// a run so that concurrent image investigations in one region stay under the account's limit
// together, not each on its own.

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface RateLimiterOptions {
  limit?: number;
  windowMs?: number;
  /** Epoch milliseconds; injected by tests with a fake clock. */
  now?: () => number;
  sleep?: Sleep;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new Error('aborted');
}

/** `setTimeout` as a promise, ended early (rejected) by the signal. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      if (signal) reject(abortReason(signal));
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export class RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  private readonly now: () => number;
  private readonly sleep: Sleep;
  /** Start times of the last `limit` acquisitions per key. */
  private readonly starts = new Map<string, number[]>();
  /** Tail of each key's queue: acquisitions are served one after another, first come first. */
  private readonly queues = new Map<string, Promise<unknown>>();
  /** After throttling: no start on this key before this time. */
  private readonly pausedUntil = new Map<string, number>();

  constructor(options: RateLimiterOptions = {}) {
    this.limit = Math.max(1, Math.floor(options.limit ?? 2));
    this.windowMs = Math.max(1, options.windowMs ?? 1000);
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
  }

  /** Resolves when a call on `key` may start; rejects if the signal aborts while waiting. */
  acquire(key: string, signal?: AbortSignal): Promise<void> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const mine = previous.then(() => this.take(key, signal));
    // A waiter that gave up must not block the ones behind it.
    this.queues.set(
      key,
      mine.catch(() => undefined),
    );
    return mine;
  }

  /** Holds every start on `key` for `ms` from now (the service said we were too fast). */
  pause(key: string, ms: number): void {
    const until = this.now() + ms;
    this.pausedUntil.set(key, Math.max(this.pausedUntil.get(key) ?? 0, until));
  }

  private async take(key: string, signal: AbortSignal | undefined): Promise<void> {
    // Bounded: each turn either returns or sleeps until the earliest moment a slot frees up.
    for (;;) {
      if (signal?.aborted) throw abortReason(signal);
      const now = this.now();
      const recent = (this.starts.get(key) ?? []).filter((t) => now - t < this.windowMs);
      let readyAt = this.pausedUntil.get(key) ?? 0;
      if (recent.length >= this.limit) {
        const oldest = recent[recent.length - this.limit] ?? now;
        readyAt = Math.max(readyAt, oldest + this.windowMs);
      }
      if (readyAt <= now) {
        recent.push(now);
        this.starts.set(key, recent.slice(-this.limit));
        return;
      }
      await this.sleep(readyAt - now, signal);
    }
  }
}

/**
 * CloudTrail allows LookupEvents 2 times per second per account and region. The window carries a
 * margin because starts are stamped when we send and the service counts arrivals: network jitter
 * can bring two requests a few milliseconds closer on the way.
 */
export const CLOUDTRAIL_CALLS_PER_WINDOW = 2;
export const CLOUDTRAIL_WINDOW_MS = 1100;

/** The one limiter every CloudTrail adapter of this process shares, keyed by region. */
export const sharedCloudTrailLimiter = new RateLimiter({
  limit: CLOUDTRAIL_CALLS_PER_WINDOW,
  windowMs: CLOUDTRAIL_WINDOW_MS,
});
