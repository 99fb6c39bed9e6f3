import { describe, expect, test } from '@jest/globals';
import type { Report } from '../../src/model.js';
import { type SarifOptions, renderSarif } from '../../src/report/sarif.js';
import { SarifRestart, type SarifTally, streamSarif } from '../../src/report/sarif-write.js';
import { writeSarifFile } from '../../src/runtime/report-files.js';
import { bigReport, hostileReport, multiImageReport, noise, splunkReport } from './fixtures.js';

type Outcome = { streamed: true; text: string; tally: SarifTally } | { streamed: false };

function stream(report: Report, options: SarifOptions): Outcome {
  const tally: SarifTally = { omittedResults: -1, omittedRuns: -1 };
  try {
    return { streamed: true, text: [...streamSarif(report, options, tally)].join(''), tally };
  } catch (error) {
    if (error instanceof SarifRestart) return { streamed: false };
    throw error;
  }
}

const reports: Array<[string, () => Report]> = [
  ['splunk', () => splunkReport()],
  ['hostile', () => hostileReport()],
  ['multi-image', () => multiImageReport()],
  ['3,000 findings over 3 images', () => bigReport(3000, 300, 3, noise)],
];
const limits: Array<[string, SarifOptions]> = [
  ['default limits', {}],
  [
    'a dockerfile and a category',
    { dockerfile: { path: 'a/Dockerfile', fromLine: 2 }, categoryPrefix: 'x' },
  ],
  ['37 results a run, 2 runs', { maxResultsPerRun: 37, maxRuns: 2 }],
  ['150 kB gzipped', { maxGzipBytes: 150_000 }],
  ['20 kB gzipped', { maxGzipBytes: 20_000 }],
];

describe('SARIF written as it is rendered', () => {
  const cases = reports.flatMap(([name, make]) =>
    limits.map(([l, o]) => [name, l, make, o] as const),
  );
  test.each(cases)('%s, %s: the same log as renderSarif, or a restart', (_, __, make, options) => {
    const report = make();
    const whole = renderSarif(report, options);
    const outcome = stream(report, options);
    if (outcome.streamed) {
      expect(outcome.text).toBe(whole.text);
      expect(outcome.tally).toEqual({
        omittedResults: whole.omittedResults,
        omittedRuns: whole.omittedRuns,
      });
    } else {
      // Only a log the size limit cut, or one near it, is rendered whole.
      const sizeOnly = renderSarif(report, { ...options, maxGzipBytes: Number.MAX_SAFE_INTEGER });
      expect(options.maxGzipBytes).toBeDefined();
      expect(whole.text === sizeOnly.text).toBe(false);
    }
  });

  test('the usual logs stream: nothing near the size limit, count limits included', () => {
    expect(stream(bigReport(3000, 300, 3, noise), {}).streamed).toBe(true);
    expect(stream(multiImageReport(), { maxResultsPerRun: 37, maxRuns: 2 }).streamed).toBe(true);
    expect(stream(splunkReport(), { maxGzipBytes: 150_000 }).streamed).toBe(true);
  });

  test('a log the size limit cuts ends with SarifRestart, after its last piece', () => {
    const pieces: string[] = [];
    const run = () => {
      for (const piece of streamSarif(
        bigReport(3000, 300, 3, noise),
        { maxGzipBytes: 150_000 },
        {
          omittedResults: 0,
          omittedRuns: 0,
        },
      ))
        pieces.push(piece);
    };
    expect(run).toThrow(SarifRestart);
    expect(pieces.join('').endsWith(']}')).toBe(true);
  });
});

describe('writeSarifFile', () => {
  const target = (written: string[], sarifLimits?: SarifOptions) => ({
    cwd: '/work',
    env: {},
    notes: [] as string[],
    ...(sarifLimits ? { sarifLimits } : {}),
    // Records each write as it goes: a write that fails half-way leaves what it had.
    write: (path: string, content: string | Iterable<string>) => {
      written.push('');
      for (const piece of typeof content === 'string' ? [content] : content) {
        written[written.length - 1] += piece;
      }
      return path;
    },
  });
  const settings = { sarifFile: 'out.sarif', dockerfile: null };

  test('streams a log within the limits in one write, and leaves no note', async () => {
    const report = splunkReport();
    const written: string[] = [];
    const t = target(written);
    expect(await writeSarifFile(report, settings, t)).toBe('/work/out.sarif');
    expect(written).toEqual([renderSarif(report).text]);
    expect(t.notes).toEqual([]);
  });

  test('a log the size limit cuts is written again, whole, with the note', async () => {
    const report = bigReport(3000, 300, 3, noise);
    const limits = { maxGzipBytes: 150_000 };
    const written: string[] = [];
    const t = target(written, limits);
    await writeSarifFile(report, settings, t);
    const whole = renderSarif(report, limits);
    expect(whole.omittedResults).toBeGreaterThan(0);
    expect(written).toHaveLength(2);
    expect(written[0]?.endsWith(']}')).toBe(true);
    expect(written[1]).toBe(whole.text);
    expect(t.notes).toEqual([
      expect.stringContaining(`${whole.omittedResults.toLocaleString('en-US')} results`),
    ]);
  });
});
