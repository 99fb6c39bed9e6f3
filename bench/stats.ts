// Summary statistics of repeated measurements. Pure, so the numbers the benchmark prints can be
// checked by unit tests.

/** Median of the values; NaN for none (a column with no measurement stays visibly empty). */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/**
 * The p-th percentile (0–100) by linear interpolation between the closest ranks (the "R-7" rule
 * of spreadsheets and NumPy's default). NaN for no values.
 */
export function percentile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile: ${p} is not within 0-100`);
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = sorted[low] as number;
  const b = sorted[high] as number;
  return a + (b - a) * (rank - low);
}

export function mean(values: readonly number[]): number {
  const kept = values.filter((v) => !Number.isNaN(v));
  if (kept.length === 0) return Number.NaN;
  return kept.reduce((sum, v) => sum + v, 0) / kept.length;
}

/** Spread of repeated runs as (max − min) / median: how far to trust a median of few runs. */
export function spread(values: readonly number[]): number {
  const kept = values.filter((v) => !Number.isNaN(v));
  if (kept.length === 0) return Number.NaN;
  const mid = median(kept);
  return mid === 0 ? 0 : (Math.max(...kept) - Math.min(...kept)) / mid;
}
