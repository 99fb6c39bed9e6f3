import { seededRandom, simulateNotice, summarizeNotice } from '../../bench/poll-model.js';

describe('simulateNotice', () => {
  test('a fixed 4 s schedule notices a completion at 10 s on the check at 12 s', () => {
    const notice = simulateNotice(10_000, {
      firstCheckMs: 0,
      latencyMs: 0,
      random: () => 0.5,
      delay: () => 4_000,
    });
    expect(notice).toEqual({ latencyMs: 2_000, statusCalls: 4, meanGapMs: 4_000 });
  });

  test("the gate's schedule: checks at 0, 2, 4.5, 7, 9.5, 12 s (2.5 s ± 0 at the midpoint)", () => {
    const notice = simulateNotice(11_000, { firstCheckMs: 0, latencyMs: 0, random: () => 0.5 });
    expect(notice).toEqual({ latencyMs: 1_000, statusCalls: 6, meanGapMs: 12_000 / 5 });
  });

  test('latency counts: a check is answered after the call latency', () => {
    const notice = simulateNotice(2_020, { firstCheckMs: 0, latencyMs: 40, random: () => 0.5 });
    // checks leave at 0 and 2,040 (answered 2,080)
    expect(notice?.latencyMs).toBe(60);
    expect(notice?.statusCalls).toBe(2);
  });

  test('nothing noticed after the timeout', () => {
    expect(
      simulateNotice(700_000, {
        firstCheckMs: 0,
        latencyMs: 0,
        random: () => 0.5,
        timeoutMs: 600_000,
      }),
    ).toBeUndefined();
  });
});

test('seededRandom is deterministic and within [0, 1)', () => {
  const a = seededRandom(7);
  const b = seededRandom(7);
  const values = Array.from({ length: 1000 }, () => a());
  expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
  expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
  expect(new Set(values).size).toBeGreaterThan(990);
});

test('summarizeNotice: a 4 s schedule never notices later than one gap after completion', () => {
  const summary = summarizeNotice({
    fromMs: 10_000,
    toMs: 100_000,
    stepMs: 500,
    firstCheckMs: 0,
    latencyMs: 0,
    delay: () => 4_000,
  });
  expect(summary.samples).toBe(181);
  expect(summary.latencyMaxMs).toBeLessThanOrEqual(4_000);
  expect(summary.latencyMaxMs).toBeGreaterThanOrEqual(3_500);
  expect(summary.minMeanGapMs).toBe(4_000);
});
