// Many gates in one account, simulated: N gates poll for their push with the gate's real pace
// (src/aws/cloudtrail-lookup.ts FindPollPace) against CloudTrail's 2 calls per sliding second
// (throttled calls not counted, as in the emulator), then read the history with the same
// full-jitter retries. A bench run at real delays (5-minute mean) would take many minutes per
// sample; the model gives the p95 over hundreds of gates at any delay scale. Pure.
//
//   node --import tsx bench/crowd-model.ts [--gates 30] [--mean-s 300] [--runs 40]
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { delayRandom, sampleDelayMs } from '../emulator/delays.js';
import { FindPollPace, fullJitterMs } from '../src/aws/cloudtrail-lookup.js';
import { percentile } from './stats.js';

export interface CrowdModel {
  gates: number;
  /** Mean of the log-normal visibility delay (σ 0.5), ms. */
  meanMs: number;
  /** When the gates send their first call, ms: start-up of N processes at once. */
  startMs: number;
  startSpreadMs: number;
  latencyMs: number;
  seed: number;
}

interface Call {
  at: number;
  gate: number;
  kind: 'poll' | 'history';
  attempt: number;
}

/** Verdict − visibility (s) of every gate of one run, and the calls it took. */
export function simulateCrowd(model: CrowdModel): {
  lagsS: number[];
  calls: number;
  throttled: number;
} {
  const random = delayRandom(model.seed, `crowd-model/${model.gates}/${model.meanMs}`);
  const visible: number[] = [];
  const paces: FindPollPace[] = [];
  const done: number[] = [];
  const queue: Call[] = [];
  for (let g = 0; g < model.gates; g++) {
    visible.push(sampleDelayMs({ kind: 'lognormal', meanMs: model.meanMs, sigma: 0.5 }, random));
    paces.push(new FindPollPace(random));
    queue.push({
      at: model.startMs + random() * model.startSpreadMs,
      gate: g,
      kind: 'poll',
      attempt: 0,
    });
  }
  const accepted: number[] = [];
  let calls = 0;
  let throttled = 0;
  // Bounded: every gate ends with its history read, and polls are at least 0 ms apart only
  // while throttled, which the cap on calls stops.
  while (queue.length > 0 && calls < 1_000_000) {
    queue.sort((a, b) => a.at - b.at);
    const call = queue.shift() as Call;
    calls += 1;
    const arrives = call.at + model.latencyMs / 2;
    while (accepted.length > 0 && (accepted[0] as number) <= arrives - 1_000) accepted.shift();
    const ok = accepted.length < 2;
    if (ok) accepted.push(arrives);
    else throttled += 1;
    const answered = call.at + model.latencyMs;
    const pace = paces[call.gate] as FindPollPace;
    if (call.kind === 'poll') {
      if (!ok) queue.push({ ...call, at: answered + pace.afterThrottle() });
      else if (arrives >= (visible[call.gate] as number)) {
        queue.push({ at: answered, gate: call.gate, kind: 'history', attempt: 0 });
      } else queue.push({ ...call, at: answered + pace.afterAnswer() });
    } else if (!ok) {
      // The history read's throttle retries: lookupOnce's full jitter (base 0.5 s, cap 1 s).
      queue.push({
        ...call,
        at: answered + fullJitterMs(call.attempt, 500, 1_000, random),
        attempt: call.attempt + 1,
      });
    } else {
      done[call.gate] = answered;
    }
  }
  const lagsS = visible.map((v, g) => ((done[g] ?? Number.NaN) - v) / 1000);
  return { lagsS, calls, throttled };
}

export function summarizeCrowd(model: Omit<CrowdModel, 'seed'>, runs: number) {
  const lags: number[] = [];
  let calls = 0;
  let throttled = 0;
  for (let seed = 1; seed <= runs; seed++) {
    const run = simulateCrowd({ ...model, seed });
    lags.push(...run.lagsS);
    calls += run.calls;
    throttled += run.throttled;
  }
  return {
    gates: model.gates * runs,
    lagP50S: percentile(lags, 50),
    lagP95S: percentile(lags, 95),
    lagMaxS: Math.max(...lags),
    callsPerGate: calls / lags.length,
    throttledPerGate: throttled / lags.length,
  };
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  const arg = (name: string, fallback: number) => {
    const at = process.argv.indexOf(`--${name}`);
    const value = at > 0 ? Number(process.argv[at + 1]) : fallback;
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  const gates = arg('gates', 30);
  const runs = arg('runs', 40);
  for (const meanS of [arg('mean-s', 300), 75, 15]) {
    const s = summarizeCrowd(
      { gates, meanMs: meanS * 1000, startMs: 6_500, startSpreadMs: 1_500, latencyMs: 40 },
      runs,
    );
    process.stdout.write(
      `${gates} gates, visibility mean ${meanS} s: p50 ${s.lagP50S.toFixed(1)} s, p95 ${s.lagP95S.toFixed(1)} s, max ${s.lagMaxS.toFixed(1)} s; ${s.callsPerGate.toFixed(1)} calls per gate (${s.throttledPerGate.toFixed(1)} throttled)\n`,
    );
  }
}
