import { RateLimiter, realSleep } from '../../src/aws/rate-limit.js';
import { FakeClock } from './cloudtrail-helpers.js';

/** Most starts inside any half-open window [t, t + ms). */
function mostWithin(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    const from = sorted[i] ?? 0;
    most = Math.max(most, sorted.filter((t) => t >= from && t < from + ms).length);
  }
  return most;
}

describe('RateLimiter', () => {
  test('never more than 2 starts in any 1 s window, with concurrent callers', async () => {
    const clock = new FakeClock(1_000_000);
    const limiter = new RateLimiter({
      limit: 2,
      windowMs: 1000,
      now: clock.now,
      sleep: clock.sleep,
    });
    const starts: number[] = [];
    // Three workers, each making calls of varying duration back to back.
    const worker = async (durations: number[]) => {
      for (const ms of durations) {
        await limiter.acquire('eu-west-1');
        starts.push(clock.now());
        await clock.sleep(ms);
      }
    };
    await Promise.all([
      worker([0, 10, 300, 0, 0, 50]),
      worker([5, 5, 5, 5, 5, 5, 5]),
      worker([900, 0, 1200, 0]),
    ]);
    expect(starts).toHaveLength(17);
    expect(mostWithin(starts, 1000)).toBe(2);
    // It does not crawl either: 17 calls at 2 per second need about 8 s.
    expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(10_000);
  });

  test('keys are independent (one per region)', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({
      limit: 2,
      windowMs: 1000,
      now: clock.now,
      sleep: clock.sleep,
    });
    const at: Record<string, number[]> = { a: [], b: [] };
    await Promise.all(
      ['a', 'a', 'b', 'b'].map(async (key) => {
        await limiter.acquire(key);
        at[key]?.push(clock.now());
      }),
    );
    expect(at.a).toEqual([0, 0]);
    expect(at.b).toEqual([0, 0]);
    await limiter.acquire('a');
    expect(clock.now()).toBe(1000);
  });

  test('pause holds every caller on the key', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({
      limit: 2,
      windowMs: 1000,
      now: clock.now,
      sleep: clock.sleep,
    });
    limiter.pause('r', 4000);
    await limiter.acquire('r');
    expect(clock.now()).toBe(4000);
  });

  test('an aborted waiter rejects and does not block the queue', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({
      limit: 1,
      windowMs: 1000,
      now: clock.now,
      sleep: clock.sleep,
    });
    await limiter.acquire('r');
    const controller = new AbortController();
    const waiting = limiter.acquire('r', controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    await limiter.acquire('r');
    expect(clock.now()).toBe(1000);
  });

  test('realSleep resolves, and rejects when aborted', async () => {
    await expect(realSleep(1)).resolves.toBeUndefined();
    const controller = new AbortController();
    const pending = realSleep(60_000, controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(pending).rejects.toThrow('cancelled');
  });
});
