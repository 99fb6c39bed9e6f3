// The sweep's read (issue 15): every PutImage of the account in a window, per region, every page.
//
// LookupEvents takes one attribute per call, 50 events a page, 2 calls per second per account and
// region (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html):
// `EventName=PutImage` over StartTime/EndTime is the only query that returns every push. Calls
// go through the shared per-region limiter and the bounded retries of cloudtrail-lookup.ts.
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { PushEvent } from '../model.js';
import type { BaselineRead, SweepPort, SweepRead, SweepReadOptions } from '../ports.js';
import { type ResourceForm, readRepository } from './cloudtrail-history.js';
import { PushStore, type StoredPush } from './cloudtrail-push-store.js';
import { type LookupRuntime, emptyStats, walkPages } from './cloudtrail-lookup.js';
import { CALL_GRACE_MS, failureText } from './cloudtrail-messages.js';
import { PUT_IMAGE, parseTrailEvent } from './cloudtrail-record.js';
import { type RateLimiter, type Sleep, realSleep, sharedCloudTrailLimiter } from './rate-limit.js';

export interface SweepAdapterDeps {
  clientFor(region: string): CloudTrailClient;
  sleep?: Sleep;
  limiter?: RateLimiter;
  expireAfter?: (ms: number) => AbortSignal;
}

/** 10,000 pushes an hour is a busy account (issue 15 §4); 100,000 events bound the memory. */
export const DEFAULT_MAX_SWEEP_PAGES = 2_000;

export class CloudTrailSweepAdapter implements SweepPort {
  private calls = 0;
  private readonly sleep: Sleep;
  private readonly limiter: RateLimiter;
  private readonly expireAfter: (ms: number) => AbortSignal;
  /** Resources of every push read: the baseline read uses what CloudTrail indexed (history.ts). */
  private readonly read = new Map<string, StoredPush>();
  private readonly provenForm = new Map<string, ResourceForm>();

  constructor(private readonly deps: SweepAdapterDeps) {
    this.sleep = deps.sleep ?? realSleep;
    this.limiter = deps.limiter ?? sharedCloudTrailLimiter;
    this.expireAfter = deps.expireAfter ?? ((ms) => AbortSignal.timeout(ms));
  }

  callCount(): number {
    return this.calls;
  }

  async readPushes(
    region: string,
    start: Date,
    end: Date,
    options: SweepReadOptions,
  ): Promise<SweepRead> {
    const stats = emptyStats();
    stats.strategy = 'EventName=PutImage';
    const expiry = this.expireAfter(Math.max(0, options.timeoutMs) + CALL_GRACE_MS);
    const signal = options.signal ? AbortSignal.any([options.signal, expiry]) : expiry;
    const runtime: LookupRuntime = {
      client: this.deps.clientFor(region),
      region,
      limiter: this.limiter,
      sleep: this.sleep,
      signal,
      stats,
      onCall: () => {
        this.calls += 1;
      },
    };
    const pushes: PushEvent[] = [];
    const maxPages = Math.max(1, options.maxPages ?? DEFAULT_MAX_SWEEP_PAGES);
    const result = (complete: boolean, error?: string): SweepRead => ({
      region,
      pushes,
      complete,
      ...(error === undefined ? {} : { error }),
      pages: stats.pages,
      calls: stats.calls,
      malformed: stats.malformed,
    });
    try {
      const walk = await walkPages(runtime, {
        attribute: { key: 'EventName', value: PUT_IMAGE },
        start,
        end,
        maxPages,
        onPage: (events) => {
          const before = pushes.length;
          for (const event of events) {
            const parsed = parseTrailEvent(event);
            if (parsed.kind === 'push') {
              pushes.push(parsed.push);
              this.read.set(parsed.push.eventId, {
                push: parsed.push,
                resources: event.Resources ?? [],
              });
            } else if (parsed.kind === 'malformed') stats.malformed += 1;
          }
          if (pushes.length > before) options.onPushes?.(pushes.slice(before));
          return true;
        },
      });
      if (walk.truncated) {
        return result(
          false,
          `the PutImage events of ${region} were cut short after ${walk.pages} pages (${pushes.length} pushes read); events older than the last page read were not checked`,
        );
      }
      return result(true);
    } catch (error) {
      const why = expiry.aborted
        ? `the read ran out of time after ${Math.round(options.timeoutMs / 1000)} s (${stats.pages} pages read, calls paced at 2 per second per region); raise uploader-timeout`
        : failureText(error, region);
      return result(false, `PutImage events of ${region} could not all be read: ${why}`);
    }
  }

  async readBaseline(
    first: PushEvent,
    historyDays: number,
    options: SweepReadOptions,
  ): Promise<BaselineRead> {
    if (historyDays <= 0) return { pushes: [], complete: true };
    const stats = emptyStats();
    const expiry = this.expireAfter(Math.max(0, options.timeoutMs) + CALL_GRACE_MS);
    const signal = options.signal ? AbortSignal.any([options.signal, expiry]) : expiry;
    const runtime: LookupRuntime = {
      client: this.deps.clientFor(first.region),
      region: first.region,
      limiter: this.limiter,
      sleep: this.sleep,
      signal,
      stats,
      onCall: () => {
        this.calls += 1;
      },
    };
    const found = this.read.get(first.eventId) ?? { push: first, resources: [] };
    const image = {
      target: { raw: first.repository, repository: first.repository },
      registryId: first.registryId,
      region: first.region,
      repository: first.repository,
      imageDigest: first.digest ?? '',
      imageTags: [],
    };
    const reading = { what: `the baseline of ${first.repository}` };
    try {
      // The per-image baseline read, ending at the repository's first push in the window.
      const read = await readRepository(image, found, historyDays, runtime, {
        store: new PushStore(),
        provenForm: this.provenForm,
        maxPages: options.maxPages ?? 40,
        now: first.eventTime.getTime(),
        reading,
      });
      const before = first.eventTime.getTime();
      return {
        pushes: read.pushes.filter((p) => p.eventTime.getTime() < before),
        complete: read.complete,
      };
    } catch (error) {
      const why = expiry.aborted
        ? `the read ran out of time after ${Math.round(options.timeoutMs / 1000)} s`
        : failureText(error, first.region);
      return { pushes: [], complete: false, error: `${reading.what}: ${why}` };
    }
  }
}
