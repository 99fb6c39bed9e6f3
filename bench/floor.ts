// The API round-trip floor: the least time any gate could take for a scenario, given the calls
// the information needs, the per-call latency, CloudTrail's rate limit and Node's own start-up.
// The gate's wall time is judged against it. Pure: unit-tested in __tests__/bench.
//
// Model (times from the moment the process is spawned):
// - Node itself needs `startupMs` (`node -e ""`) before any request can leave.
// - ECR, per image: `resolveCalls` sequential calls (DescribeImages; an image index adds
//   BatchGetImage and a DescribeImages of its platforms), then per gated manifest its findings
//   pages one after another (each page needs the previous page's token). A single manifest's
//   first page goes out beside DescribeImages (asked by the same tag). The first page cannot
//   answer "done" before the scan completes. Images and platforms proceed in parallel; ECR's own
//   rate limits are far above these volumes and are left out.
// - CloudTrail: starts once the first DescribeImages has answered (the push time anchors the
//   window). First the pages that locate the push (EventName=PutImage around the push time; one
//   read covers every image pushed in that window), then per repository the pages of its events
//   over the baseline window, each repository's pages in sequence, all repositories in parallel,
//   all of it at no more than `rate.calls` starts in any `rate.windowMs`.
// - The floor is the later of the two sides' last answer.

export interface RateLimit {
  calls: number;
  windowMs: number;
}

/** CloudTrail LookupEvents: 2 calls per second per account and region. */
export const CLOUDTRAIL_RATE: RateLimit = { calls: 2, windowMs: 1000 };

/** Findings per DescribeImageScanFindings page (basic honours maxResults 1000; enhanced 100). */
export const FINDINGS_PAGE = { BASIC: 1000, ENHANCED: 100 } as const;
/** Events per LookupEvents page. */
export const LOOKUP_PAGE = 50;

/** Pages a read of `items` takes at `perPage` a page; an empty read is still one call. */
export function pagesFor(items: number, perPage: number): number {
  if (!(perPage >= 1)) throw new RangeError(`pagesFor: perPage ${perPage} must be ≥ 1`);
  return Math.max(1, Math.ceil(Math.max(0, items) / perPage));
}

export function scanPages(findings: number, type: keyof typeof FINDINGS_PAGE): number {
  return pagesFor(findings, FINDINGS_PAGE[type]);
}

export interface ScanChain {
  pages: number;
  /** When the scan completes, ms after spawn; absent = already complete. */
  completesAtMs?: number;
}

export interface ImageChain {
  resolveCalls: number;
  /** One per gated manifest (one for a single-platform image, one per platform of an index). */
  scans: ScanChain[];
}

export interface CloudTrailWork {
  /** Pages that locate the push(es). */
  findPages: number;
  /** Per repository: pages of its events over the baseline window. */
  historyPages: number[];
}

export interface FloorModel {
  images: ImageChain[];
  /** Absent when the uploader check is off. */
  cloudTrail?: CloudTrailWork;
}

export interface FloorParams {
  latencyMs: number;
  startupMs: number;
  rate?: RateLimit;
}

export interface Floor {
  ms: number;
  /** When the ECR side's last answer arrives. */
  ecrMs: number;
  /** When the CloudTrail side's last answer arrives (0 without CloudTrail). */
  cloudTrailMs: number;
  calls: { ecr: number; cloudtrail: number; total: number };
}

export interface Schedule {
  /** When the last call answers (0 for no call). */
  end: number;
  /** Every start, in order, including the seed. */
  starts: number[];
}

/**
 * Schedules rate-limited calls organised in chains: `chains[i].calls` calls in sequence, the
 * first ready at `readyAt`, each lasting `latencyMs`; at most `rate.calls` starts in any
 * `rate.windowMs`, counting the `seed` starts already made. Greedy earliest-ready-first with
 * starts in order: with calls of equal length no schedule finishes earlier.
 */
export function scheduleRateLimited(
  chains: ReadonlyArray<{ readyAt: number; calls: number }>,
  latencyMs: number,
  rate: RateLimit,
  seed: readonly number[] = [],
): Schedule {
  const starts = [...seed];
  const pending = chains.filter((c) => c.calls > 0).map((c) => ({ ...c }));
  let end = 0;
  while (pending.length > 0) {
    pending.sort((a, b) => a.readyAt - b.readyAt);
    const chain = pending[0] as { readyAt: number; calls: number };
    const slot =
      starts.length >= rate.calls
        ? (starts[starts.length - rate.calls] as number) + rate.windowMs
        : -Infinity;
    const start = Math.max(chain.readyAt, slot, starts[starts.length - 1] ?? -Infinity);
    starts.push(start);
    end = Math.max(end, start + latencyMs);
    chain.calls -= 1;
    chain.readyAt = start + latencyMs;
    if (chain.calls === 0) pending.shift();
  }
  return { end, starts };
}

export function floorOf(model: FloorModel, params: FloorParams): Floor {
  const { latencyMs: L, startupMs } = params;
  const rate = params.rate ?? CLOUDTRAIL_RATE;
  let ecrMs = startupMs;
  let ecrCalls = 0;
  for (const image of model.images) {
    const resolved = startupMs + image.resolveCalls * L;
    ecrCalls += image.resolveCalls;
    ecrMs = Math.max(ecrMs, resolved);
    // A single manifest's page one can be asked by the same tag or digest as DescribeImages, at
    // the same moment (the gate does: src/aws/scan-pages.ts); an index's platforms have digests
    // of their own, known only once it is read.
    const single = image.resolveCalls === 1 && image.scans.length === 1;
    for (const scan of image.scans) {
      const asked = single ? startupMs : resolved;
      const firstAnswer = Math.max(asked + L, scan.completesAtMs ?? 0);
      ecrMs = Math.max(ecrMs, firstAnswer + (scan.pages - 1) * L);
      ecrCalls += scan.pages;
    }
  }

  let cloudTrailMs = 0;
  let cloudTrailCalls = 0;
  const trail = model.cloudTrail;
  if (trail) {
    const begin = startupMs + L;
    const find = scheduleRateLimited([{ readyAt: begin, calls: trail.findPages }], L, rate);
    const historyReady = trail.findPages > 0 ? find.end : begin;
    const history = scheduleRateLimited(
      trail.historyPages.map((calls) => ({ readyAt: historyReady, calls })),
      L,
      rate,
      find.starts,
    );
    cloudTrailMs = Math.max(find.end, history.end);
    cloudTrailCalls = trail.findPages + trail.historyPages.reduce((s, n) => s + n, 0);
  }
  return {
    ms: Math.max(ecrMs, cloudTrailMs, startupMs),
    ecrMs,
    cloudTrailMs,
    calls: { ecr: ecrCalls, cloudtrail: cloudTrailCalls, total: ecrCalls + cloudTrailCalls },
  };
}
