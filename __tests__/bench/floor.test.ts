import {
  CLOUDTRAIL_RATE,
  floorOf,
  pagesFor,
  scanPages,
  scheduleRateLimited,
} from '../../bench/floor.js';

describe('pages', () => {
  test('basic pages hold 1,000 findings, enhanced 100; an empty read is one call', () => {
    expect(scanPages(100, 'BASIC')).toBe(1);
    expect(scanPages(20_000, 'BASIC')).toBe(20);
    expect(scanPages(20_001, 'BASIC')).toBe(21);
    expect(scanPages(5_000, 'ENHANCED')).toBe(50);
    expect(scanPages(0, 'ENHANCED')).toBe(1);
    expect(pagesFor(200, 50)).toBe(4);
  });
  test('refuses a page size below 1', () => {
    expect(() => pagesFor(10, 0)).toThrow(RangeError);
  });
});

describe('scheduleRateLimited', () => {
  test('one chain at 2 calls a second: every third call waits for the window', () => {
    // starts 0, 40, 1000, 1040, 2000; the last answers at 2040
    const schedule = scheduleRateLimited([{ readyAt: 0, calls: 5 }], 40, CLOUDTRAIL_RATE);
    expect(schedule.starts).toEqual([0, 40, 1000, 1040, 2000]);
    expect(schedule.end).toBe(2040);
  });
  test('parallel chains share the limit', () => {
    const schedule = scheduleRateLimited(
      [
        { readyAt: 0, calls: 2 },
        { readyAt: 0, calls: 2 },
      ],
      40,
      CLOUDTRAIL_RATE,
    );
    expect(schedule.starts).toEqual([0, 0, 1000, 1000]);
    expect(schedule.end).toBe(1040);
  });
  test('starts already made count against the window', () => {
    const schedule = scheduleRateLimited(
      [{ readyAt: 100, calls: 1 }],
      40,
      CLOUDTRAIL_RATE,
      [0, 50],
    );
    expect(schedule.starts.slice(2)).toEqual([1000]);
  });
  test('no calls, no time', () => {
    expect(scheduleRateLimited([{ readyAt: 5, calls: 0 }], 40, CLOUDTRAIL_RATE).end).toBe(0);
  });
});

describe('floorOf', () => {
  const params = { latencyMs: 40, startupMs: 100 };

  test('a done scan: page one beside DescribeImages after start-up, then the rest in sequence', () => {
    const floor = floorOf({ images: [{ resolveCalls: 1, scans: [{ pages: 20 }] }] }, params);
    expect(floor.ms).toBe(100 + 20 * 40);
    expect(floor.calls).toEqual({ ecr: 21, cloudtrail: 0, total: 21 });
  });

  test('a scan completing later: its first page cannot answer before then', () => {
    const floor = floorOf(
      { images: [{ resolveCalls: 1, scans: [{ pages: 3, completesAtMs: 12_000 }] }] },
      params,
    );
    expect(floor.ms).toBe(12_000 + 2 * 40);
  });

  test('images and platforms run in parallel: the longest chain counts', () => {
    const floor = floorOf(
      {
        images: [
          { resolveCalls: 1, scans: [{ pages: 2 }] },
          { resolveCalls: 3, scans: [{ pages: 1 }, { pages: 4 }] },
        ],
      },
      params,
    );
    expect(floor.ecrMs).toBe(100 + 3 * 40 + 4 * 40);
    expect(floor.calls.ecr).toBe(1 + 2 + 3 + 1 + 4);
  });

  test('CloudTrail: the find page, then the history pages, at 2 calls a second', () => {
    const floor = floorOf(
      {
        images: [{ resolveCalls: 1, scans: [{ pages: 1 }] }],
        cloudTrail: { findPages: 1, historyPages: [4] },
      },
      params,
    );
    // begins after DescribeImages (140): starts 140, 180, 1140, 1180, 2140
    expect(floor.cloudTrailMs).toBe(2180);
    expect(floor.ms).toBe(2180);
    expect(floor.calls).toEqual({ ecr: 2, cloudtrail: 5, total: 7 });
  });

  test('repositories are read in parallel under the shared limit', () => {
    const floor = floorOf(
      {
        images: [{ resolveCalls: 1, scans: [{ pages: 1 }] }],
        cloudTrail: { findPages: 1, historyPages: [1, 1, 1] },
      },
      params,
    );
    // starts 140, 180, 1140, 1180
    expect(floor.cloudTrailMs).toBe(1220);
  });

  test('never below Node start-up alone', () => {
    expect(floorOf({ images: [] }, params).ms).toBe(100);
  });
});
