import type { ECRClient } from '@aws-sdk/client-ecr';
import { ecrClient } from '../aws/clients.js';
import { EcrAdapter } from '../aws/ecr.js';
import type { Settings } from '../inputs/settings.js';
import type { EcrPort, UploaderPort } from '../ports.js';

export interface Adapters {
  ecr: EcrPort;
  uploader: UploaderPort | null;
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
  const uploader = settings.uploaderCheck ? lazyUploader(profile) : null;
  return { ecr, uploader };
}

/**
 * The CloudTrail side, loaded on its first use: a static import would parse and evaluate the
 * CloudTrail SDK before the first ECR request even when `uploader-check` is false (issue 13 §1).
 */
function lazyUploader(profile: { profile?: string; fips?: boolean }): UploaderPort {
  let loaded: UploaderPort | undefined;
  let loading: Promise<UploaderPort> | undefined;
  const load = () =>
    (loading ??= import('./cloudtrail-adapter.js').then(
      (module) => (loaded = module.buildCloudTrailAdapter(profile, perRegion)),
    ));
  return {
    investigate: async (image, options) => (await load()).investigate(image, options),
    callCount: () => loaded?.callCount() ?? 0,
  };
}
