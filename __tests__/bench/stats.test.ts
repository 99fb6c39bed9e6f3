import { mean, median, percentile, spread } from '../../bench/stats.js';

describe('median', () => {
  test('middle value of an odd count, mean of the two middle ones of an even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  test('NaN for no values, NaN values ignored', () => {
    expect(median([])).toBeNaN();
    expect(median([Number.NaN, 7])).toBe(7);
  });
});

describe('percentile', () => {
  test('interpolates between the closest ranks', () => {
    // ranks 0..4 over [10, 20, 30, 40, 50]: p95 sits at rank 3.8
    expect(percentile([50, 10, 40, 20, 30], 95)).toBeCloseTo(48, 10);
    expect(percentile([10, 20, 30, 40, 50], 25)).toBe(20);
    expect(percentile([10, 20], 50)).toBe(15);
  });
  test('0 and 100 are the extremes; one value is every percentile', () => {
    expect(percentile([3, 9, 1], 0)).toBe(1);
    expect(percentile([3, 9, 1], 100)).toBe(9);
    expect(percentile([42], 95)).toBe(42);
  });
  test('refuses a percentile outside 0-100', () => {
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

test('mean and spread', () => {
  expect(mean([1, 2, 6])).toBe(3);
  expect(mean([])).toBeNaN();
  // (max − min) / median
  expect(spread([90, 100, 120])).toBeCloseTo(0.3, 10);
  expect(spread([0, 0])).toBe(0);
});
