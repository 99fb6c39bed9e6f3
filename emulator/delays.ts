// Delay models: how long after the push a scan completes and a PutImage record becomes visible
// in LookupEvents, drawn from a distribution instead of written by hand, reproducibly per seed.
//
// What AWS documents, and what is assumed here:
// - CloudTrail: "CloudTrail typically delivers logs within an average of about 5 minutes of an
//   API call. This time is not guaranteed."
//   (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/get-and-view-cloudtrail-log-files.html).
//   Only the mean is documented; the shape is not. A log-normal with that mean and σ = 0.5 is
//   assumed (positive, right-skewed: median 4.4 min, p95 10 min); README "Timing in real runs"
//   gives the figures for other σ too.
// - Scans: AWS documents no duration. Basic scans are modelled at a mean of 20 s, enhanced
//   (Amazon Inspector) scans at 3 minutes (issue 13: "tens of seconds", "minutes").
import { prng } from './builders/random.js';
import { ScenarioError } from './load.js';
import type { Scenario, ScanStep } from './scenario.js';

export type DelayModel =
  | { kind: 'fixed'; ms: number }
  /** `meanMs` is the distribution's mean (not its median); `maxMs` clips the tail. */
  | { kind: 'lognormal'; meanMs: number; sigma: number; maxMs?: number };

export const CLOUDTRAIL_DELIVERY: DelayModel = { kind: 'lognormal', meanMs: 300_000, sigma: 0.5 };
export const BASIC_SCAN: DelayModel = { kind: 'lognormal', meanMs: 20_000, sigma: 0.4 };
export const ENHANCED_SCAN: DelayModel = { kind: 'lognormal', meanMs: 180_000, sigma: 0.5 };

export const DELAY_PRESETS = {
  cloudtrail: CLOUDTRAIL_DELIVERY,
  'basic-scan': BASIC_SCAN,
  'enhanced-scan': ENHANCED_SCAN,
} as const;
export type DelayPreset = keyof typeof DELAY_PRESETS;

/** A model, or the name of a documented one. */
export type DelaySpec = DelayModel | DelayPreset;

export function delayModel(spec: DelaySpec): DelayModel {
  return typeof spec === 'string' ? DELAY_PRESETS[spec] : spec;
}

/** A standard normal draw (Box-Muller): two uniforms in, one normal out. */
function normal(random: () => number): number {
  const u = Math.max(random(), Number.MIN_VALUE);
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** One draw, in ms. For a log-normal with mean m and shape σ, μ = ln m − σ²/2. */
export function sampleDelayMs(spec: DelaySpec, random: () => number): number {
  const model = delayModel(spec);
  if (model.kind === 'fixed') return model.ms;
  const mu = Math.log(model.meanMs) - (model.sigma * model.sigma) / 2;
  const value = Math.exp(mu + model.sigma * normal(random));
  return Math.min(value, model.maxMs ?? Number.POSITIVE_INFINITY);
}

/** P(delay > ms) for a model: the share of pushes still invisible after `ms`. Exact. */
export function delaySurvival(spec: DelaySpec, ms: number): number {
  const model = delayModel(spec);
  if (model.kind === 'fixed') return model.ms > ms ? 1 : 0;
  if (model.maxMs !== undefined && ms >= model.maxMs) return 0;
  const mu = Math.log(model.meanMs) - (model.sigma * model.sigma) / 2;
  return 0.5 * erfc((Math.log(ms) - mu) / (model.sigma * Math.SQRT2));
}

/** erfc by Numerical Recipes' Chebyshev fit (erfcc, fractional error < 1.2e-7): no Math.erf in JS. */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** FNV-1a: a draw depends on the seed and the item's place, not on the order of drawing. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The random source of one item (`path`) of a scenario with this seed. */
export function delayRandom(seed: number, path: string): () => number {
  return prng((hash(path) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0);
}

/** A scan timeline that completes after `ms`: queued for the first tenth, then in progress. */
export function scanTimeline(ms: number): ScanStep[] {
  const pending = Math.round(ms / 10);
  return [
    { status: 'PENDING', forMs: pending },
    { status: 'IN_PROGRESS', forMs: Math.max(0, Math.round(ms) - pending) },
    { status: 'COMPLETE' },
  ];
}

/**
 * The scenario with every drawn delay written out: `visibleAfter` becomes `visibleAfterMs`,
 * `completeAfter` becomes a `timeline`. Both are divided by `delays.scale` (a scale of 60 plays
 * a 5-minute delay in 5 s). Deterministic: same scenario and seed, same delays.
 */
export function resolveDelays(scenario: Scenario): Scenario {
  const seed = scenario.delays?.seed ?? 1;
  const scale = scenario.delays?.scale ?? 1;
  if (!(scale > 0) || !Number.isFinite(scale)) {
    throw new ScenarioError(`delays.scale: ${String(scale)} is not valid. Expected a number > 0.`);
  }
  const draw = (spec: DelaySpec, path: string): number =>
    Math.round(sampleDelayMs(spec, delayRandom(seed, path)) / scale);
  const needs =
    scenario.images.some((i) => i.scan?.completeAfter !== undefined) ||
    (scenario.cloudTrail?.events ?? []).some((e) => e.visibleAfter !== undefined);
  if (!needs) return scenario;
  return {
    ...scenario,
    images: scenario.images.map((image, i) => {
      const after = image.scan?.completeAfter;
      if (!image.scan || after === undefined) return image;
      if (image.scan.timeline !== undefined) {
        throw new ScenarioError(`images[${i}].scan: give timeline or completeAfter, not both.`);
      }
      return {
        ...image,
        scan: { ...image.scan, timeline: scanTimeline(draw(after, `images[${i}].scan`)) },
      };
    }),
    ...(scenario.cloudTrail
      ? {
          cloudTrail: {
            ...scenario.cloudTrail,
            events: scenario.cloudTrail.events.map((event, i) => {
              if (event.visibleAfter === undefined) return event;
              if (event.visibleAfterMs !== undefined) {
                throw new ScenarioError(
                  `cloudTrail.events[${i}]: give visibleAfterMs or visibleAfter, not both.`,
                );
              }
              return {
                ...event,
                visibleAfterMs: draw(event.visibleAfter, `cloudTrail.events[${i}]`),
              };
            }),
          },
        }
      : {}),
  };
}
