// How soon the gate's real poll schedule (src/aws/scan-wait.ts `pollDelayMs`) notices a scan that
// completes at a given moment, and how often it asks meanwhile. Simulated over many completion
// times, because a handful of end-to-end runs cannot give a 95th percentile. Pure.
import { pollDelayMs } from '../src/aws/scan-wait.js';
import { percentile } from './stats.js';
import type { Notice } from './measure.js';
import { prng } from '../emulator/builders/random.js';

export interface PollModel {
  /** When the first status check is sent, ms (after start-up and DescribeImages). */
  firstCheckMs: number;
  latencyMs: number;
  random: () => number;
  delay?: (poll: number, elapsedMs: number, random: () => number) => number;
  /** The scan timeout: no check after it. */
  timeoutMs?: number;
}

/** Check k+1 leaves when check k has answered and the gate has slept `delay(k)`. */
export function simulateNotice(completesAtMs: number, model: PollModel): Notice | undefined {
  const delay = model.delay ?? pollDelayMs;
  const timeout = model.timeoutMs ?? 600_000;
  let sent = model.firstCheckMs;
  const first = sent;
  for (let poll = 1; sent <= timeout; poll++) {
    const answered = sent + model.latencyMs;
    if (answered >= completesAtMs) {
      return {
        latencyMs: answered - completesAtMs,
        statusCalls: poll,
        meanGapMs: poll > 1 ? (sent - first) / (poll - 1) : Number.NaN,
      };
    }
    sent = answered + delay(poll, answered - first, model.random);
  }
  return undefined;
}

/** The emulator's seeded PRNG (mulberry32): the jitter of the schedule, reproducibly. */
export const seededRandom = prng;

export interface NoticeSummary {
  /** Completion times simulated: every `stepMs` from `fromMs` to `toMs`. */
  fromMs: number;
  toMs: number;
  samples: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
  latencyMaxMs: number;
  /** The shortest mean gap between status checks over all samples, ms. */
  minMeanGapMs: number;
}

export function summarizeNotice(
  options: { fromMs: number; toMs: number; stepMs: number } & Omit<PollModel, 'random'> & {
      seed?: number;
    },
): NoticeSummary {
  const random = seededRandom(options.seed ?? 7);
  const latencies: number[] = [];
  let minGap = Number.POSITIVE_INFINITY;
  for (let t = options.fromMs; t <= options.toMs; t += options.stepMs) {
    const notice = simulateNotice(t, { ...options, random });
    if (!notice) continue;
    latencies.push(notice.latencyMs);
    if (!Number.isNaN(notice.meanGapMs)) minGap = Math.min(minGap, notice.meanGapMs);
  }
  return {
    fromMs: options.fromMs,
    toMs: options.toMs,
    samples: latencies.length,
    latencyP50Ms: percentile(latencies, 50),
    latencyP95Ms: percentile(latencies, 95),
    latencyMaxMs: Math.max(...latencies),
    minMeanGapMs: minGap,
  };
}
