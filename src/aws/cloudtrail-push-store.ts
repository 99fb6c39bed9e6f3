// Every PutImage the adapter has read in this run, by event id: an image gated later in the run
// may already be among them, so its push is found without another LookupEvents call.
import type { Event } from '@aws-sdk/client-cloudtrail';
import type { LookupStats, PushEvent, ResolvedImage } from '../model.js';
import { isPushOf, isPushTo, parseTrailEvent } from './cloudtrail-record.js';

export interface StoredPush {
  push: PushEvent;
  resources: ReadonlyArray<{
    ResourceType?: string | undefined;
    ResourceName?: string | undefined;
  }>;
}

export class PushStore {
  private readonly pushes = new Map<string, StoredPush>();
  /** Malformed records already counted per investigation: a record read twice counts once. */
  private readonly malformedSeen = new WeakMap<LookupStats, Set<string>>();

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

  /** Keeps every push among `events`. */
  store(events: readonly Event[], stats: LookupStats): void {
    for (const event of events) {
      const result = this.parse(event, stats);
      if (result.kind !== 'push') continue;
      this.pushes.set(result.push.eventId, {
        push: result.push,
        resources: event.Resources ?? [],
      });
    }
  }

  /** Keeps every push among `events` and adds those to `image`'s repository to `into`. */
  collect(
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

  /** The stored push of the gated digest, the one nearest `pushedAt` when it was pushed twice. */
  pushOf(image: ResolvedImage): StoredPush | undefined {
    let best: StoredPush | undefined;
    for (const stored of this.pushes.values()) {
      if (!isPushOf(stored.push, image, image.imageDigest)) continue;
      if (!best || nearer(stored.push, best.push, image.pushedAt)) best = stored;
    }
    return best;
  }
}

function nearer(a: PushEvent, b: PushEvent, pushedAt: Date | undefined): boolean {
  if (!pushedAt) return a.eventTime.getTime() > b.eventTime.getTime();
  const target = pushedAt.getTime();
  return Math.abs(a.eventTime.getTime() - target) < Math.abs(b.eventTime.getTime() - target);
}
