// Shared helpers for the emulator's tests: real SDK clients pointed at a running emulator, a
// manual clock, and a small base scenario.
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { ECRClient } from '@aws-sdk/client-ecr';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { Emulator } from '../../emulator/server.js';
import type { Scenario } from '../../emulator/scenario.js';

process.env.AWS_REGION = 'eu-central-1';
process.env.AWS_ACCESS_KEY_ID = 'test';
process.env.AWS_SECRET_ACCESS_KEY = 'test';
process.env.AWS_EC2_METADATA_DISABLED = 'true';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-central-1';
/** A fixed instant so tests do not depend on the wall clock. */
export const T0 = Date.UTC(2024, 4, 1, 12, 0, 0);

export interface ClientOptions {
  region?: string;
  requestTimeoutMs?: number;
}

function common(emulator: Emulator, options: ClientOptions) {
  return {
    region: options.region ?? REGION,
    endpoint: emulator.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    ...(options.requestTimeoutMs
      ? {
          // Without throwOnRequestTimeout, @smithy/node-http-handler 4 only logs a warning.
          requestHandler: new NodeHttpHandler({
            requestTimeout: options.requestTimeoutMs,
            throwOnRequestTimeout: true,
          }),
        }
      : {}),
  };
}

export const ecrClient = (emulator: Emulator, options: ClientOptions = {}) =>
  new ECRClient(common(emulator, options));

export const cloudTrailClient = (emulator: Emulator, options: ClientOptions = {}) =>
  new CloudTrailClient(common(emulator, options));

export interface ManualClock {
  now: () => number;
  advance: (ms: number) => void;
}

export function manualClock(start = T0): ManualClock {
  let now = start;
  return { now: () => now, advance: (ms) => (now += ms) };
}

/** The rejection of `promise` (fails the test when it resolves). */
export async function rejectionOf(
  promise: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-Error: ${String(error)}`);
  }
  throw new Error('expected a rejection, but the call succeeded');
}

export function digest(n: number): string {
  return `sha256:${n.toString(16).padStart(64, '0')}`;
}

export function scenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    accountId: ACCOUNT,
    region: REGION,
    repositories: [{ name: 'app' }],
    images: [],
    ...overrides,
  };
}
