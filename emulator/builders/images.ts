import { DOCKER_MANIFEST, OCI_INDEX, OCI_MANIFEST } from '../compile.js';
import { defaultManifest } from '../manifests.js';
import type { ImageSpec, Platform, ScanSpec, Time } from '../scenario.js';
import { digestOf } from './random.js';

/** A small single-platform manifest; its digest is the real sha256 of the text. */
export function platformManifest(
  seed: string,
  mediaType = OCI_MANIFEST,
): { manifest: string; digest: string } {
  const manifest = defaultManifest(seed, mediaType);
  return { manifest, digest: digestOf(manifest) };
}

function attestationManifest(subject: string): { manifest: string; digest: string } {
  const manifest = JSON.stringify(
    {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: digestOf(`${subject}/attestation-config`),
        size: 167,
      },
      layers: [
        {
          mediaType: 'application/vnd.in-toto+json',
          digest: digestOf(`${subject}/provenance`),
          size: 1532,
          annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' },
        },
      ],
    },
    null,
    2,
  );
  return { manifest, digest: digestOf(manifest) };
}

export function parsePlatform(text: string): Platform {
  const [os = 'linux', architecture = 'amd64', variant] = text.split('/');
  return variant ? { os, architecture, variant } : { os, architecture };
}

export interface MultiArchOptions {
  repository: string;
  tag?: string;
  /** `os/arch[/variant]`. Default linux/amd64 and linux/arm64. */
  platforms?: string[];
  /** buildx provenance attestations, one per platform. Default true. */
  attestations?: boolean;
  /** Scan of each platform manifest. The index and attestations are never scanned. */
  scan?: ScanSpec | ((platform: string) => ScanSpec | undefined);
  pushedAt?: Time;
  seed?: string;
}

export interface MultiArchImage {
  /** The index first, then platform manifests, then attestation manifests. */
  images: ImageSpec[];
  indexDigest: string;
  platformDigests: Record<string, string>;
  attestationDigests: string[];
}

/** An OCI image index as `docker buildx build --push` leaves it, with every manifest it lists. */
export function multiArchImage(options: MultiArchOptions): MultiArchImage {
  const platforms = options.platforms ?? ['linux/amd64', 'linux/arm64'];
  const seed = options.seed ?? `${options.repository}:${options.tag ?? ''}`;
  const pushed = options.pushedAt === undefined ? {} : { pushedAt: options.pushedAt };
  const children: ImageSpec[] = [];
  const attestations: ImageSpec[] = [];
  const index: NonNullable<ImageSpec['index']> = [];
  const platformDigests: Record<string, string> = {};
  for (const platform of platforms) {
    const { manifest, digest } = platformManifest(`${seed}/${platform}`);
    platformDigests[platform] = digest;
    const scan = typeof options.scan === 'function' ? options.scan(platform) : options.scan;
    children.push({
      repository: options.repository,
      digest,
      manifest,
      manifestMediaType: OCI_MANIFEST,
      artifactMediaType: 'application/vnd.oci.image.config.v1+json',
      ...pushed,
      ...(scan ? { scan } : {}),
    });
    index.push({
      digest,
      platform: parsePlatform(platform),
      mediaType: OCI_MANIFEST,
      size: Buffer.byteLength(manifest),
    });
  }
  if (options.attestations ?? true) {
    for (const platform of platforms) {
      const subject = platformDigests[platform] ?? '';
      const { manifest, digest } = attestationManifest(subject);
      attestations.push({
        repository: options.repository,
        digest,
        manifest,
        manifestMediaType: OCI_MANIFEST,
        artifactMediaType: 'application/vnd.oci.image.config.v1+json',
        ...pushed,
      });
      index.push({
        digest,
        attestationFor: subject,
        mediaType: OCI_MANIFEST,
        size: Buffer.byteLength(manifest),
      });
    }
  }
  const indexManifest = JSON.stringify(
    {
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: index.map((entry) =>
        entry.attestationFor
          ? {
              mediaType: entry.mediaType,
              digest: entry.digest,
              size: entry.size,
              annotations: {
                'vnd.docker.reference.digest': entry.attestationFor,
                'vnd.docker.reference.type': 'attestation-manifest',
              },
              platform: { architecture: 'unknown', os: 'unknown' },
            }
          : {
              mediaType: entry.mediaType,
              digest: entry.digest,
              size: entry.size,
              platform: entry.platform,
            },
      ),
    },
    null,
    2,
  );
  const indexDigest = digestOf(indexManifest);
  const indexImage: ImageSpec = {
    repository: options.repository,
    digest: indexDigest,
    ...(options.tag ? { tags: [options.tag] } : {}),
    manifest: indexManifest,
    manifestMediaType: OCI_INDEX,
    index,
    ...pushed,
  };
  return {
    images: [indexImage, ...children, ...attestations],
    indexDigest,
    platformDigests,
    attestationDigests: attestations.map((a) => a.digest),
  };
}

/** A single-platform Docker image with a real manifest digest. */
export function singleImage(options: {
  repository: string;
  tags?: string[];
  scan?: ScanSpec;
  pushedAt?: Time;
  seed?: string;
}): ImageSpec {
  const { manifest, digest } = platformManifest(
    options.seed ?? options.repository,
    DOCKER_MANIFEST,
  );
  return {
    repository: options.repository,
    digest,
    manifest,
    manifestMediaType: DOCKER_MANIFEST,
    artifactMediaType: 'application/vnd.docker.container.image.v1+json',
    ...(options.tags ? { tags: options.tags } : {}),
    ...(options.pushedAt === undefined ? {} : { pushedAt: options.pushedAt }),
    ...(options.scan ? { scan: options.scan } : {}),
  };
}
