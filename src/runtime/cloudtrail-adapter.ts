// Loaded only by a dynamic import (src/runtime/adapters.ts): it pulls in the CloudTrail SDK.
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { cloudTrailClient } from '../aws/cloudtrail-client.js';
import type { ClientOptions } from '../aws/clients.js';
import { CloudTrailAdapter } from '../aws/cloudtrail.js';

export function buildCloudTrailAdapter(
  options: Omit<ClientOptions, 'region'>,
  perRegion: <T>(make: (region: string) => T) => (region: string) => T,
): CloudTrailAdapter {
  return new CloudTrailAdapter({
    clientFor: perRegion<CloudTrailClient>((region) => cloudTrailClient({ region, ...options })),
  });
}
