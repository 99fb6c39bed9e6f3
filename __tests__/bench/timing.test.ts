// The timing scenarios' plumbing (bench/timing.ts) and the defaults' cost model
// (bench/default-cost.ts): pure parts, checked without running a gate.
import { costRow } from '../../bench/default-cost.js';
import { splitTimingArgs } from '../../bench/timing.js';

test('--only critical-path runs only the timing scenarios; mixed lists keep the others', () => {
  expect(splitTimingArgs(['--only', 'critical-path', '--runs', '3'])).toEqual({
    rest: ['--runs', '3'],
    timing: ['critical-path'],
    onlyTiming: true,
  });
  expect(splitTimingArgs(['--only=basic-100,many-gates'])).toEqual({
    rest: ['--only', 'basic-100'],
    timing: ['many-gates'],
    onlyTiming: false,
  });
  expect(splitTimingArgs(['--runs', '2'])).toEqual({
    rest: ['--runs', '2'],
    timing: [],
    onlyTiming: false,
  });
});

test('with a 5-minute mean, uploader-timeout 300 leaves about 40 % of pushes unverified (σ 0.5)', () => {
  // Expected from the log-normal alone: ln(300.5/300) + σ²/2 over σ = 0.2535, P(Z > 0.2535) = 0.3999.
  const row = costRow(0.5, 300, 20_000);
  expect(row.unverifiedExact).toBeCloseTo(0.4, 2);
  // The Monte Carlo over the real poll schedule agrees within sampling error (±0.7 % at 2σ).
  expect(Math.abs(row.unverifiedMc - row.unverifiedExact)).toBeLessThan(0.015);
  // 600 s: P(Z > (ln 2.0017 + 0.125) / 0.5) = P(Z > 1.638) = 5.1 %.
  expect(costRow(0.5, 600, 1_000).unverifiedExact).toBeCloseTo(0.051, 2);
  // The minutes spent waiting can never exceed the timeout.
  expect(row.waitMinMc).toBeLessThanOrEqual(5);
  expect(row.waitMinExact).toBeLessThanOrEqual(5);
});
