// Small scenario helpers shared by the end-to-end suites.
import type { Scenario, ScanSpec } from '../../emulator/index.js';
import { singleImage } from '../../emulator/index.js';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-central-1';
export const HOST = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`;

/** One BASIC (or ENHANCED) repository `app` with one image tagged `v1`. */
export function oneImage(
  scan: ScanSpec | undefined,
  options: { scanType?: 'BASIC' | 'ENHANCED'; repository?: string } = {},
): Scenario {
  const repository = options.repository ?? 'app';
  return {
    accountId: ACCOUNT,
    region: REGION,
    repositories: [
      { name: repository, registryId: ACCOUNT, scanType: options.scanType ?? 'BASIC' },
    ],
    images: [singleImage({ repository, tags: ['v1'], ...(scan ? { scan } : {}) })],
  };
}

/** Inputs that keep a scan-only run quick and self-contained. */
export const scanOnly = (
  image: string,
  extra: Record<string, string> = {},
): Record<string, string> => ({
  image,
  'uploader-check': 'false',
  'pr-comment': 'false',
  ...extra,
});
