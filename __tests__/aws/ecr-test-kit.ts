// Shared by the ECR adapter tests: SDK env, a fake clock, AWS-shaped errors and an image.
import { ECRClient, type GetRegistryScanningConfigurationCommandOutput } from '@aws-sdk/client-ecr';
import { EcrAdapter } from '../../src/aws/ecr.js';
import type { ResolvedImage } from '../../src/model.js';

process.env.AWS_REGION = 'eu-west-1';
process.env.AWS_ACCESS_KEY_ID = 'test';
process.env.AWS_SECRET_ACCESS_KEY = 'test';
process.env.AWS_EC2_METADATA_DISABLED = 'true';

export interface FakeClock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Every sleep requested, in order. */
  sleeps: number[];
}

/** Time moves only when the code under test sleeps. */
export function fakeClock(random = 0.5): FakeClock {
  let time = 1_700_000_000_000;
  const sleeps: number[] = [];
  return {
    now: () => time,
    sleep: (ms) => {
      sleeps.push(ms);
      time += ms;
      return Promise.resolve();
    },
    random: () => random,
    sleeps,
  };
}

export function adapterWith(clock: FakeClock, callerAccountId?: string): EcrAdapter {
  return new EcrAdapter({
    clientFor: (region) => new ECRClient({ region }),
    now: clock.now,
    sleep: clock.sleep,
    random: clock.random,
    ...(callerAccountId ? { callerAccountId } : {}),
  });
}

/** An error as the SDK surfaces it, modelled or not: only `name` and `$metadata` matter. */
export function awsError(name: string, message = name, httpStatusCode = 400): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode, attempts: 6 },
  });
}

export const REGISTRY = '123456789012';
export const DIGEST = `sha256:${'a'.repeat(64)}`;

export function image(overrides: Partial<ResolvedImage> = {}): ResolvedImage {
  return {
    target: {
      raw: `${REGISTRY}.dkr.ecr.eu-west-1.amazonaws.com/team/app:v1`,
      repository: 'team/app',
    },
    registryId: REGISTRY,
    region: 'eu-west-1',
    repository: 'team/app',
    imageDigest: DIGEST,
    imageTags: ['v1'],
    ...overrides,
  };
}

/** GetRegistryScanningConfiguration's answer for `registryId` (the caller's own registry). */
export function registryScanning(
  scanType: 'BASIC' | 'ENHANCED',
  registryId = REGISTRY,
): GetRegistryScanningConfigurationCommandOutput {
  return { $metadata: {}, registryId, scanningConfiguration: { scanType, rules: [] } };
}
