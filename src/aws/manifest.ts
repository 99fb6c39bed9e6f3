// Image index / manifest list parsing. Pure. An index cannot be scanned by ECR, so a buildx push
// is gated per platform manifest; attestation manifests (provenance, SBOM) carry no OS packages.

export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';

/** What BatchGetImage should return as-is: asking for the index types keeps ECR from converting. */
export const ACCEPTED_MEDIA_TYPES = [
  OCI_INDEX,
  DOCKER_MANIFEST_LIST,
  OCI_MANIFEST,
  DOCKER_MANIFEST,
];

export function isIndexMediaType(mediaType: string | undefined): boolean {
  return mediaType === OCI_INDEX || mediaType === DOCKER_MANIFEST_LIST;
}

export interface PlatformManifest {
  digest: string;
  mediaType?: string;
  /** `os/architecture[/variant]`; absent when the index entry names no platform. */
  platform?: string;
}

export interface ParsedIndex {
  manifests: PlatformManifest[];
  /** Entries left out as attestations. */
  attestations: number;
  /** Entries left out for another reason (nested index, no digest), with why. */
  skipped: string[];
}

const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isAttestation(entry: Record<string, unknown>, os?: string, arch?: string): boolean {
  const type = text(record(entry.annotations)?.['vnd.docker.reference.type']);
  return type === 'attestation-manifest' || (os === 'unknown' && arch === 'unknown');
}

/**
 * Reads an OCI image index or Docker manifest list. Throws an Error with a plain reason when the
 * text is not one; the caller adds which image it was.
 */
export function parseImageIndex(manifestJson: string): ParsedIndex {
  let parsed: unknown;
  try {
    parsed = JSON.parse(manifestJson);
  } catch {
    throw new Error('the image index is not valid JSON');
  }
  const entries = record(parsed)?.manifests;
  if (!Array.isArray(entries)) throw new Error('the image index has no "manifests" list');

  const result: ParsedIndex = { manifests: [], attestations: 0, skipped: [] };
  const seen = new Set<string>();
  for (const [position, raw] of entries.entries()) {
    const entry = record(raw);
    const digest = text(entry?.digest);
    if (!entry || !digest || !DIGEST.test(digest)) {
      result.skipped.push(`entry ${position}: no valid digest`);
      continue;
    }
    const mediaType = text(entry.mediaType);
    const platform = record(entry.platform);
    const os = text(platform?.os);
    const arch = text(platform?.architecture);
    if (isAttestation(entry, os, arch)) {
      result.attestations += 1;
      continue;
    }
    if (isIndexMediaType(mediaType)) {
      result.skipped.push(`${digest}: nested index`);
      continue;
    }
    if (seen.has(digest)) continue;
    seen.add(digest);
    const variant = text(platform?.variant);
    const manifest: PlatformManifest = { digest };
    if (mediaType) manifest.mediaType = mediaType;
    if (os && arch) manifest.platform = variant ? `${os}/${arch}/${variant}` : `${os}/${arch}`;
    result.manifests.push(manifest);
  }
  return result;
}
