import type { ECRClient } from '@aws-sdk/client-ecr';
import { ecrClient } from '../aws/clients.js';
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
  // Sweep mode reads CloudTrail through the sweep port only (issue 15).
  const uploader = settings.uploaderCheck && !settings.sweep ? lazyUploader(profile) : null;
  const sweep = settings.sweep ? lazySweep(profile) : null;
  return { ecr, uploader, sweep };
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

/** The sweep's CloudTrail side, loaded on first use like the uploader's. */
function lazySweep(profile: { profile?: string; fips?: boolean }): SweepPort {
  let loaded: SweepPort | undefined;
  let loading: Promise<SweepPort> | undefined;
  const load = () =>
    (loading ??= import('./cloudtrail-adapter.js').then(
      (module) => (loaded = module.buildSweepAdapter(profile, perRegion)),
    ));
  return {
    readPushes: async (region, start, end, options) =>
      (await load()).readPushes(region, start, end, options),
    readBaseline: async (first, historyDays, options) =>
      (await load()).readBaseline(first, historyDays, options),
    callCount: () => loaded?.callCount() ?? 0,
  };
}
