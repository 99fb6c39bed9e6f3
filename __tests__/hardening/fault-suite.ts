// Runs one table of fault cases through the bundle, a few at a time, and checks each as a test.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { expectedSummary, summarize, type CaseSummary } from './fault-checks.js';
import { mapLimit, runCase, type FaultCase } from './fault-world.js';

/** Bundle processes at once: most of a case is waiting on timers, not CPU. */
const CONCURRENCY = 4;
/** The slowest case ends within scan-timeout + the 5 s grace + process start; a table is ~1 min. */
const TABLE_TIMEOUT_MS = 170_000;

interface Outcome {
  summary: CaseSummary;
  logTail: string;
}

export function faultSuite(cases: readonly FaultCase[]): void {
  const outcomes = new Map<string, Outcome>();
  beforeAll(async () => {
    await mapLimit(cases, CONCURRENCY, async (c) => {
      const ran = await runCase(c);
      const log = `${ran.run.stdout}\n--- stderr ---\n${ran.run.stderr}`;
      outcomes.set(c.id, { summary: summarize(c, ran), logTail: log.slice(-4000) });
    });
  }, TABLE_TIMEOUT_MS);
  afterAll(() => outcomes.clear());

  test.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const outcome = outcomes.get(c.id);
    expect(outcome).toBeDefined();
    try {
      expect(outcome?.summary).toEqual(expectedSummary(c));
    } catch (error) {
      if (error instanceof Error) error.message += `\n\nThe run's log:\n${outcome?.logTail ?? ''}`;
      throw error;
    }
  });
}
