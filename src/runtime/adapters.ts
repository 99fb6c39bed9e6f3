import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { ECRClient } from '@aws-sdk/client-ecr';
import { CloudTrailAdapter } from '../aws/cloudtrail.js';
import { CloudTrailSweepAdapter } from '../aws/cloudtrail-sweep.js';
import { cloudTrailClient, ecrClient } from '../aws/clients.js';
import { EcrAdapter } from '../aws/ecr.js';
import type { Settings } from '../inputs/settings.js';
import type { EcrPort, SweepPort, UploaderPort } from '../ports.js';

export interface Adapters {
  ecr: EcrPort;
  uploader: UploaderPort | null;
  /** Sweep mode only (issue 15). */
  sweep?: SweepPort | null;
}

/** One client per region and service, shared by every image of the run. */
function perRegion<T>(make: (region: string) => T): (region: string) => T {
  const clients = new Map<string, T>();
  return (region) => {
    let client = clients.get(region);
    if (!client) clients.set(region, (client = make(region)));
    return client;
  };
}

/** The AWS side of a run; `uploader-check: false` builds no CloudTrail client at all. */
export function buildAdapters(settings: Settings, options: { profile?: string } = {}): Adapters {
  const profile = {
    ...(options.profile ? { profile: options.profile } : {}),
    ...(settings.fips ? { fips: true } : {}),
  };
  const ecr = new EcrAdapter({
    clientFor: perRegion<ECRClient>((region) => ecrClient({ region, ...profile })),
    // One attempt: StartImageScan's quota refusal is final, and must not slow the shared client.
    startClientFor: perRegion<ECRClient>((region) =>
      ecrClient({ region, ...profile, maxAttempts: 1 }),
    ),
  });
  const trailClients = perRegion<CloudTrailClient>((region) =>
    cloudTrailClient({ region, ...profile }),
  );
  const uploader =
    settings.uploaderCheck && !settings.sweep
      ? new CloudTrailAdapter({ clientFor: trailClients })
      : null;
  const sweep = settings.sweep ? new CloudTrailSweepAdapter({ clientFor: trailClients }) : null;
  return { ecr, uploader, sweep };
}
