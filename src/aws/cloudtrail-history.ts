// The reads around a found push: every push to the same repository from the baseline start to
// now (those before the push are the baseline, those after it possible tag overwrites).
//
// `ResourceName=<repository>` reads only this repository's events, far cheaper than
// `EventName=PutImage` (every push in the account). Whether CloudTrail indexes an ECR repository
// by ARN or by name is undocumented, so the value is taken from the found push's own `Resources`,
// and a read counts only if the push itself shows up in it (no separate probe). If it does not,
// the same window is read with `EventName=PutImage` instead.
import type { PushEvent, ResolvedImage } from '../model.js';
import { partitionOfRegion } from '../rules/identity.js';
import { type LookupAttributeValue, type LookupRuntime, walkPages } from './cloudtrail-lookup.js';
import { PUT_IMAGE } from './cloudtrail-record.js';
import type { PushStore, StoredPush } from './cloudtrail-push-store.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** CloudTrail keeps 90 days; stay a little inside so the start is never refused. */
const RETENTION_MS = 90 * DAY - 10 * MINUTE;
/** ResourceName values tried per investigation before falling back to EventName. */
const MAX_RESOURCE_TRIES = 2;

export type ResourceForm = 'arn' | 'name';

export interface RepositoryRead {
  pushes: PushEvent[];
  complete: boolean;
  reachesBack?: Date;
  strategy: string;
}

interface Window {
  start: Date;
  end: Date;
  historyDays: number;
  pushed: number;
}

export interface HistoryContext {
  store: PushStore;
  /** Which ResourceName form CloudTrail matched, per region, once proven. */
  provenForm: Map<string, ResourceForm>;
  maxPages: number;
  now: number;
  /** Set to the read in progress, so a failure can name it. */
  reading: { what: string };
}

/** Pushes to the repository from the baseline start to now, newest first. */
export async function readRepository(
  image: ResolvedImage,
  found: StoredPush,
  historyDays: number,
  runtime: LookupRuntime,
  context: HistoryContext,
): Promise<RepositoryRead> {
  const pushed = found.push.eventTime.getTime();
  const start = new Date(
    historyDays > 0
      ? Math.max(pushed - historyDays * DAY, context.now - RETENTION_MS)
      : pushed - 1_000,
  );
  const end = new Date(Math.max(context.now, pushed + 1_000));
  const window: Window = { start, end, historyDays, pushed };

  for (const candidate of resourceCandidates(image, found, context).slice(0, MAX_RESOURCE_TRIES)) {
    const read = await readByResource(image, found.push, candidate.value, window, runtime, context);
    if (read) {
      if (candidate.form) context.provenForm.set(image.region, candidate.form);
      return read;
    }
  }
  return readByEventName(image, window, runtime, context);
}

/** ResourceName values worth trying, most likely first; each tried at most once. */
function resourceCandidates(
  image: ResolvedImage,
  found: StoredPush,
  context: HistoryContext,
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
  const preferred = context.provenForm.get(image.region);
  if (preferred === 'name') add(image.repository, 'name');
  add(arn, 'arn');
  add(image.repository, 'name');
  return out;
}

const describeRead = (attribute: string, window: Window): string =>
  `LookupEvents ${attribute} from ${window.start.toISOString()} to ${window.end.toISOString()}`;

/**
 * Reads the window by ResourceName. Returns undefined when the read does not contain the push:
 * then this lookup is not proven for this repository and must not be trusted.
 */
async function readByResource(
  image: ResolvedImage,
  push: PushEvent,
  value: string,
  window: Window,
  runtime: LookupRuntime,
  context: HistoryContext,
): Promise<RepositoryRead | undefined> {
  const attribute: LookupAttributeValue = { key: 'ResourceName', value };
  context.reading.what = describeRead(`ResourceName=${value}`, window);
  let proven = false;
  let disproven = false;
  let oldest: Date | undefined;
  const pushes: PushEvent[] = [];
  const result = await walkPages(runtime, {
    attribute,
    start: window.start,
    end: window.end,
    maxPages: context.maxPages,
    onPage: (events) => {
      for (const event of events) {
        if (event.EventId === push.eventId) proven = true;
        const time = event.EventTime?.getTime();
        if (time !== undefined && (!oldest || time < oldest.getTime())) oldest = new Date(time);
        // Older than the push (by more than the second CloudTrail rounds to) and no push yet.
        if (!proven && time !== undefined && time < window.pushed - 1_000) disproven = true;
      }
      context.store.collect(events, image, pushes, runtime.stats);
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

async function readByEventName(
  image: ResolvedImage,
  window: Window,
  runtime: LookupRuntime,
  context: HistoryContext,
): Promise<RepositoryRead> {
  context.reading.what = describeRead(`EventName=${PUT_IMAGE}`, window);
  let oldest: Date | undefined;
  const pushes: PushEvent[] = [];
  const result = await walkPages(runtime, {
    attribute: { key: 'EventName', value: PUT_IMAGE },
    start: window.start,
    end: window.end,
    maxPages: context.maxPages,
    onPage: (events) => {
      for (const event of events) {
        const time = event.EventTime?.getTime();
        if (time !== undefined && (!oldest || time < oldest.getTime())) oldest = new Date(time);
      }
      context.store.collect(events, image, pushes, runtime.stats);
      return !(window.historyDays <= 0 && oldest && oldest.getTime() < window.pushed);
    },
  });
  return finish(pushes, result, window, oldest, 'EventName=PutImage');
}

function finish(
  pushes: PushEvent[],
  result: { truncated: boolean },
  window: Window,
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
