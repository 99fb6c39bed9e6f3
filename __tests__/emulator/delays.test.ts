// Drawn delays: the scan's completion and the PutImage's visibility in LookupEvents come from a
// distribution with the documented mean, the same for the same seed, and scaled on request.
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { DescribeImageScanFindingsCommand } from '@aws-sdk/client-ecr';
import { iamUser, putImageRecord } from '../../emulator/builders.js';
import {
  CLOUDTRAIL_DELIVERY,
  delayRandom,
  delaySurvival,
  resolveDelays,
  sampleDelayMs,
} from '../../emulator/delays.js';
import { parseScenario, ScenarioError } from '../../emulator/load.js';
import { startEmulator } from '../../emulator/server.js';
import type { Scenario } from '../../emulator/scenario.js';
import {
  ACCOUNT,
  REGION,
  T0,
  cloudTrailClient,
  digest,
  ecrClient,
  manualClock,
  scenario,
} from './kit.js';

function delayed(seed: number, scale = 1): Scenario {
  return scenario({
    delays: { seed, scale },
    images: [
      {
        repository: 'app',
        digest: digest(1),
        tags: ['v1'],
        scan: { completeAfter: 'basic-scan', findings: [] },
      },
    ],
    cloudTrail: {
      lookupsPerSecond: 0,
      events: [
        {
          record: putImageRecord({
            identity: iamUser(ACCOUNT, 'ci'),
            region: REGION,
            registryId: ACCOUNT,
            repository: 'app',
            digest: digest(1),
            tag: 'v1',
            eventTime: new Date(T0),
          }),
          visibleAfter: 'cloudtrail',
        },
      ],
    },
  });
}

const visibleAfterMs = (s: Scenario) => resolveDelays(s).cloudTrail?.events[0]?.visibleAfterMs;
const scanMs = (s: Scenario) =>
  (resolveDelays(s).images[0]?.scan?.timeline ?? [])
    .slice(0, -1)
    .reduce((sum, step) => sum + (step.forMs ?? 0), 0);

describe('delay models', () => {
  it('draws a log-normal whose mean is the documented 5 minutes', () => {
    const random = delayRandom(42, 'mean');
    const n = 20_000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += sampleDelayMs(CLOUDTRAIL_DELIVERY, random);
    // σ of the mean of 20,000 draws is 300 s × sqrt(e^0.25 − 1) / sqrt(20,000) ≈ 1.1 s.
    expect(sum / n / 1000).toBeGreaterThan(295);
    expect(sum / n / 1000).toBeLessThan(305);
  });

  it('computes the share still invisible after t from the model (median e^(μ) below the mean)', () => {
    // μ = ln(300) − 0.125, so the median is 300 × e^(−0.125) = 264.7 s: half are later.
    expect(delaySurvival(CLOUDTRAIL_DELIVERY, 264_748)).toBeCloseTo(0.5, 4);
    // ln(300 000) is μ + σ²/2 = μ + 0.25σ: P(Z > 0.25) = 0.4013.
    expect(delaySurvival(CLOUDTRAIL_DELIVERY, 300_000)).toBeCloseTo(0.4013, 3);
  });

  it('is the same for the same seed, different for another, and divided by the scale', () => {
    expect(visibleAfterMs(delayed(7))).toBe(visibleAfterMs(delayed(7)));
    expect(visibleAfterMs(delayed(7))).not.toBe(visibleAfterMs(delayed(8)));
    expect(scanMs(delayed(7))).toBe(scanMs(delayed(7)));
    const full = visibleAfterMs(delayed(7)) ?? Number.NaN;
    expect(visibleAfterMs(delayed(7, 60))).toBe(Math.round(full / 60));
    expect(scanMs(delayed(7, 60))).toBeLessThan(scanMs(delayed(7)));
  });

  it('refuses a delay given twice and an unknown preset, naming the field', () => {
    const twice = delayed(1);
    const event = twice.cloudTrail?.events[0];
    if (event) event.visibleAfterMs = 10;
    expect(() => resolveDelays(twice)).toThrow(/cloudTrail\.events\[0\].*not both/);
    expect(() =>
      parseScenario({
        ...delayed(1),
        images: [{ repository: 'app', digest: digest(1), scan: { completeAfter: 'slow' } }],
      }),
    ).toThrow(ScenarioError);
    expect(() => parseScenario({ ...delayed(1), delays: { scale: 0 } })).toThrow(/delays\.scale/);
  });

  it('serves the event and the completed scan only once their drawn delay has passed', async () => {
    const clock = manualClock();
    const s = delayed(3, 10);
    const visibleMs = visibleAfterMs(s) ?? Number.NaN;
    const completeMs = scanMs(s);
    const emulator = await startEmulator(s, { clock: clock.now });
    try {
      const ct = cloudTrailClient(emulator);
      const ecr = ecrClient(emulator);
      const lookup = async () =>
        (
          await ct.send(
            new LookupEventsCommand({
              LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'PutImage' }],
            }),
          )
        ).Events?.length;
      const status = async () =>
        (
          await ecr.send(
            new DescribeImageScanFindingsCommand({
              repositoryName: 'app',
              imageId: { imageDigest: digest(1) },
            }),
          )
        ).imageScanStatus?.status;
      clock.advance(Math.min(visibleMs, completeMs) - 1);
      expect(await lookup()).toBe(0);
      expect(await status()).not.toBe('COMPLETE');
      clock.advance(Math.max(visibleMs, completeMs) - Math.min(visibleMs, completeMs) + 2);
      expect(await lookup()).toBe(1);
      expect(await status()).toBe('COMPLETE');
    } finally {
      await emulator.close();
    }
  });
});
