/**
 * The SARIF log rendered as it is written, for the common case where GitHub's size limit leaves
 * nothing out. `renderSarif` must hold every serialised entry until the limits are applied
 * (~25 MB for 20,000 findings, issue 13 §1). Here each run keeps what the per-run count limit
 * allows, and each entry is written and let go as soon as it is rendered, while the numbers the
 * limits logic of `renderSarif` decides on are gathered on the way: every entry's cost, the
 * evenly spread sample and the log's length. At the end that logic is run on them; if it would
 * have kept anything else (the log is near 10 MB gzipped) or needs the log's bytes to decide,
 * the stream ends with `SarifRestart` and the caller, whose temporary file is not yet renamed,
 * writes `renderSarif`'s log instead. Either way the file is byte for byte what `renderSarif`
 * makes (`__tests__/report/sarif-write.test.ts`).
 */
import type { ImageReport, Report } from '../model.js';
import { location } from './sarif-entries.js';
import { imageJson, resultJson, ruleJson } from './sarif-json.js';
import {
  SAMPLE_UNITS,
  globalOrder,
  ratioOf,
  sampleStep,
  select,
  sizeFromLength,
} from './sarif-limits.js';
import { LOG_HEAD, LOG_TAIL, runParts } from './sarif-run.js';
import { type SarifOptions, planSarif } from './sarif.js';

/** The streamed log would differ from `renderSarif`'s: write that one instead. */
const FLUSH_UNITS = 32 * 1024;

export class SarifRestart extends Error {
  constructor() {
    super('SARIF log near the size limit: rendered whole to apply the limits');
    this.name = 'SarifRestart';
  }
}

/** What the log left out, filled in once the stream has ended without `SarifRestart`. */
export interface SarifTally {
  omittedResults: number;
  omittedRuns: number;
}

export function* streamSarif(
  report: Report,
  options: SarifOptions,
  tally: SarifTally,
): Generator<string> {
  const { runs, omittedRuns, maxResults, maxGzip, slack } = planSarif(report, options);
  const step = sampleStep(runs.reduce((n, run) => n + run.candidates.length, 0));
  const sample: string[] = [];
  let units = 0;
  let seen = 0;
  // Entries are gathered and handed on ~32 K units at a time: one generator step per entry and
  // separator (80,000 for 20,000 findings, through the writer's generators too) cost more than
  // rendering some of them. `length` counts every unit handed on.
  let pending: string[] = [];
  let pendingUnits = 0;
  let length = 0;
  const put = (text: string): boolean => {
    pending.push(text);
    pendingUnits += text.length;
    return pendingUnits >= FLUSH_UNITS;
  };
  const flush = (): string => {
    const text = pending.join('');
    length += text.length;
    pending = [];
    pendingUnits = 0;
    return text;
  };
  const costs: number[][] = [];
  const planned: number[] = [];

  put(LOG_HEAD);
  for (const [r, run] of runs.entries()) {
    if (r > 0) put(',');
    const { candidates } = run;
    const count = candidates.length;
    const keep = Math.min(count, maxResults);
    planned.push(keep);
    // Rules come in first-use order: each candidate's rule index, and whether it is the first.
    const ruleAt = new Int32Array(count);
    const introduces = new Uint8Array(count);
    const ruleIndex = new Map<string, number>();
    candidates.forEach((c, j) => {
      let at = ruleIndex.get(c.ruleId);
      if (at === undefined) {
        at = ruleIndex.size;
        ruleIndex.set(c.ruleId, at);
        introduces[j] = 1;
      }
      ruleAt[j] = at;
    });
    const inSample = (j: number) => (seen + j) % step === 0;
    const parts = runParts(report, run.index, run.id, candidates, keep, {
      omittedRuns: r === 0 ? omittedRuns : 0,
      informationUri: options.informationUri,
    });

    put(parts.head);
    const ruleLength = new Int32Array(count);
    const sampledRules = new Map<number, string>();
    let written = 0;
    for (let j = 0; j < keep; j += 1) {
      if (!introduces[j]) continue;
      const rule = ruleJson(candidates[j]!);
      ruleLength[j] = rule.length;
      if (inSample(j)) sampledRules.set(j, rule);
      if (written > 0) put(',');
      written += 1;
      if (put(rule)) yield flush();
    }
    put(parts.middle);

    const image = report.images[run.index] as ImageReport;
    const at = imageJson(image, location(image, options));
    const runCosts: number[] = [];
    for (let j = 0; j < count; j += 1) {
      const c = candidates[j]!;
      const result = resultJson(at, c, ruleAt[j]!);
      // Past the count limit: rendered only for its cost and the sample, as renderSarif does.
      let rule = '';
      if (introduces[j]) {
        rule = j < keep ? (sampledRules.get(j) ?? '') : ruleJson(c);
        runCosts.push(result.length + 1 + (j < keep ? ruleLength[j]! : rule.length) + 1);
      } else {
        runCosts.push(result.length + 1);
      }
      if (units < SAMPLE_UNITS && inSample(j)) {
        const piece = result + rule;
        sample.push(piece);
        units += piece.length;
      }
      if (j < keep) {
        if (j > 0) put(',');
        if (put(result)) yield flush();
      }
    }
    costs.push(runCosts);
    seen += count;
    put(parts.tail);
  }
  put(LOG_TAIL);
  yield flush();

  // renderSarif's decision on the same numbers (its first attempt, settled by length).
  const rawTotal = costs.reduce((sum, c) => sum + c.reduce((a, n) => a + n, 0), 0);
  const ratio = 3 * rawTotal + slack <= maxGzip ? 3 : ratioOf(sample, units);
  const keep = select(
    globalOrder(runs.map((run) => run.candidates)),
    costs,
    maxResults,
    (maxGzip - slack) / ratio,
  );
  const size = sizeFromLength(length, ratio, maxGzip);
  if (keep.some((k, r) => k !== planned[r]) || size === null || size > maxGzip) {
    throw new SarifRestart();
  }
  tally.omittedRuns = omittedRuns;
  tally.omittedResults = runs.reduce((n, run, r) => n + run.candidates.length - planned[r]!, 0);
}
