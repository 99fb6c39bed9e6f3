/**
 * Runs per property. CI uses the default; `FUZZ_SCALE=50 npm test -- __tests__/fuzz` searches
 * longer before a release. Each CI run draws a new seed, so a failure prints its seed and path
 * for fc.assert's `seed`/`path` options; the counterexample then goes into `examples`.
 */
export function runs(numRuns: number): { numRuns: number } {
  const scale = Number(process.env.FUZZ_SCALE ?? '1');
  return { numRuns: Number.isFinite(scale) && scale > 0 ? Math.ceil(numRuns * scale) : numRuns };
}
