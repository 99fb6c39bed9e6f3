// What the defaults cost (issue 13 §2): with CloudTrail's documented delivery delay (mean about
// 5 minutes, shape undocumented: log-normal assumed, σ varied), the share of pushes that end
// `unverified` at a given `uploader-timeout`, and the minutes a run then spends waiting for the
// record. Computed twice: exactly from the model, and by Monte Carlo over the gate's real poll
// schedule (FindPollPace: every 5 s ± 10 % when not throttled), which adds the poll lag the formula leaves out.
//
//   node --import tsx bench/default-cost.ts [--samples 100000]
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type DelayModel, delayRandom, erfc, sampleDelayMs } from '../emulator/delays.js';
import { FindPollPace } from '../src/aws/cloudtrail-lookup.js';

const MEAN_MS = 300_000;
/** Start-up and the ECR calls before the uploader phase starts, after the push (measured ~0.5 s). */
const START_MS = 500;

const normalCdf = (x: number): number => 0.5 * erfc(-x / Math.SQRT2);

export interface CostRow {
  sigma: number;
  timeoutS: number;
  /** Exact: P(D > start + timeout). */
  unverifiedExact: number;
  /** Exact: E[min(D, start + timeout)] − start, minutes of waiting for the record. */
  waitMinExact: number;
  unverifiedMc: number;
  /** Monte Carlo over the poll schedule: mean minutes until found or given up. */
  waitMinMc: number;
  samples: number;
}

export function costRow(sigma: number, timeoutS: number, samples: number, seed = 1): CostRow {
  const model: DelayModel = { kind: 'lognormal', meanMs: MEAN_MS, sigma };
  const mu = Math.log(MEAN_MS) - (sigma * sigma) / 2;
  const limit = START_MS + timeoutS * 1000;
  const z = (Math.log(limit) - mu) / sigma;
  const survival = 1 - normalCdf(z);
  // Log-normal partial expectation: E[D; D < L] = mean · Φ(z − σ).
  const partial = MEAN_MS * normalCdf(z - sigma);
  // E[min(D, L)] = E[D; D < L] + L · P(D ≥ L); a record visible before START_MS is negligible.
  const waitExact = partial + limit * survival - START_MS;

  const random = delayRandom(seed, `cost/${sigma}/${timeoutS}`);
  let unverified = 0;
  let waited = 0;
  for (let i = 0; i < samples; i++) {
    const visible = sampleDelayMs(model, random);
    // Polls from START_MS on at the gate's pace (alone: never throttled), the last at the deadline.
    const pace = new FindPollPace(random);
    let t = START_MS;
    for (;;) {
      if (t >= visible) break;
      if (t >= limit) {
        unverified += 1;
        break;
      }
      t = Math.min(t + pace.afterAnswer(), limit);
    }
    waited += Math.min(t, limit) - START_MS;
  }
  return {
    sigma,
    timeoutS,
    unverifiedExact: survival,
    waitMinExact: waitExact / 60_000,
    unverifiedMc: unverified / samples,
    waitMinMc: waited / samples / 60_000,
    samples,
  };
}

export function costTable(samples: number): string {
  const rows: string[] = [
    '| σ (assumed) | uploader-timeout | unverified (exact) | unverified (Monte Carlo) | minutes waiting for the record, mean (exact / Monte Carlo) |',
    '| ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const sigma of [0.25, 0.5, 0.75, 1]) {
    for (const timeoutS of [300, 600, 900]) {
      const r = costRow(sigma, timeoutS, samples);
      const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
      rows.push(
        `| ${sigma} | ${timeoutS} | ${pct(r.unverifiedExact)} | ${pct(r.unverifiedMc)} | ${r.waitMinExact.toFixed(2)} / ${r.waitMinMc.toFixed(2)} |`,
      );
    }
  }
  return rows.join('\n');
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  const at = process.argv.indexOf('--samples');
  const samples = at > 0 ? Number(process.argv[at + 1]) : 100_000;
  process.stdout.write(
    `${costTable(Number.isInteger(samples) && samples > 0 ? samples : 100_000)}\n`,
  );
}
