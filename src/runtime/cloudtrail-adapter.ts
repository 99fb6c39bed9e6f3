// Loaded only by a dynamic import (src/runtime/adapters.ts): it pulls in the CloudTrail SDK.
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { cloudTrailClient } from '../aws/cloudtrail-client.js';
import type { ClientOptions } from '../aws/clients.js';
import { CloudTrailAdapter } from '../aws/cloudtrail.js';
import { CloudTrailSweepAdapter } from '../aws/cloudtrail-sweep.js';

export function buildCloudTrailAdapter(
  options: Omit<ClientOptions, 'region'>,
  perRegion: <T>(make: (region: string) => T) => (region: string) => T,
): CloudTrailAdapter {
  return new CloudTrailAdapter({
    clientFor: perRegion<CloudTrailClient>((region) => cloudTrailClient({ region, ...options })),
  });
}

export function buildSweepAdapter(
  options: Omit<ClientOptions, 'region'>,
  perRegion: <T>(make: (region: string) => T) => (region: string) => T,
): CloudTrailSweepAdapter {
  return new CloudTrailSweepAdapter({
    clientFor: perRegion<CloudTrailClient>((region) => cloudTrailClient({ region, ...options })),
  });
}
