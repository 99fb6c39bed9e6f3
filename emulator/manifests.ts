// The manifests the emulator serves from BatchGetImage: a plausible single-platform manifest per
// image (blobs derived from its digest) and the image indexes a scenario lists.
import { createHash } from 'node:crypto';
import type { CompiledImage } from './compile.js';
import type { IndexEntry } from './scenario.js';

export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
export const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

const sha256 = (text: string): string =>
  `sha256:${createHash('sha256').update(text).digest('hex')}`;

/**
 * A plausible single-platform manifest whose blobs are derived from `seed` (the image digest, or
 * a builder's seed): what BatchGetImage serves for an image without a manifest of its own, and
 * what the scenario builders push (emulator/builders/images.ts).
 */
export function defaultManifest(seed: string, mediaType: string): string {
  const oci = mediaType === OCI_MANIFEST;
  return JSON.stringify(
    {
      schemaVersion: 2,
      mediaType,
      config: {
        mediaType: oci
          ? 'application/vnd.oci.image.config.v1+json'
          : 'application/vnd.docker.container.image.v1+json',
        digest: sha256(`${seed}/config`),
        size: 1469,
      },
      layers: [
        {
          mediaType: oci
            ? 'application/vnd.oci.image.layer.v1.tar+gzip'
            : 'application/vnd.docker.image.rootfs.diff.tar.gzip',
          digest: sha256(`${seed}/layer`),
          size: 3_370_706,
        },
      ],
    },
    null,
    2,
  );
}

export function indexManifest(
  mediaType: string,
  entries: IndexEntry[],
  children: ReadonlyMap<string, Pick<CompiledImage, 'manifest' | 'manifestMediaType'>>,
): string {
  const manifests = entries.map((entry) => {
    const child = children.get(entry.digest);
    const base = {
      mediaType: entry.mediaType ?? child?.manifestMediaType ?? OCI_MANIFEST,
      digest: entry.digest,
      size: entry.size ?? Buffer.byteLength(child?.manifest ?? ''),
    };
    if (entry.attestationFor !== undefined) {
      return {
        ...base,
        annotations: {
          'vnd.docker.reference.digest': entry.attestationFor,
          'vnd.docker.reference.type': 'attestation-manifest',
        },
        platform: { architecture: 'unknown', os: 'unknown' },
      };
    }
    return entry.platform ? { ...base, platform: entry.platform } : base;
  });
  return JSON.stringify({ schemaVersion: 2, mediaType, manifests }, null, 2);
}
