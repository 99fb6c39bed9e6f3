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

export interface Attestation {
  digest: string;
  /** The manifest it attests (`vnd.docker.reference.digest`), when named. */
  for?: string;
}

export interface ParsedIndex {
  manifests: PlatformManifest[];
  /** Entries left out as attestations: only those buildx marks as such. */
  attestations: Attestation[];
  /** Nested indexes: their own manifests must be gated too. */
  nested: string[];
  /** Entries that cannot be gated (no valid digest), with where they are. */
  invalid: string[];
}

const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
/** sha512 is 135 characters; the index is pushed by whoever can push, so bound before the regex. */
const MAX_DIGEST_CHARS = 200;
/** GOOS/GOARCH values and variants are a few characters; longer text is not a platform. */
const MAX_PLATFORM_PART_CHARS = 64;

const isDigest = (value: string | undefined): value is string =>
  value !== undefined && value.length <= MAX_DIGEST_CHARS && DIGEST.test(value);

/** A platform part, or undefined when absent, too long, or holding anything but a word. */
function platformPart(value: unknown): string | undefined {
  const part = text(value);
  return part !== undefined &&
    part.length <= MAX_PLATFORM_PART_CHARS &&
    /^[A-Za-z0-9._+-]+$/.test(part)
    ? part
    : undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Only what buildx itself marks as an attestation (annotation `vnd.docker.reference.type:
 * attestation-manifest`; https://github.com/moby/buildkit/blob/master/docs/attestations/attestation-storage.md,
 * ../shared/data/realworld/oci-index-attestation.json). An `unknown/unknown` platform alone is not
 * proof: such a manifest is gated like any other (issue 18 §2.6).
 */
function isAttestation(entry: Record<string, unknown>): boolean {
  const type = text(record(entry.annotations)?.['vnd.docker.reference.type']);
  return type === 'attestation-manifest';
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

  const result: ParsedIndex = { manifests: [], attestations: [], nested: [], invalid: [] };
  const seen = new Set<string>();
  for (const [position, raw] of entries.entries()) {
    const entry = record(raw);
    const digest = text(entry?.digest);
    if (!entry || !isDigest(digest)) {
      result.invalid.push(`entry ${position} has no valid digest`);
      continue;
    }
    const mediaType = text(entry.mediaType)?.slice(0, 255);
    const platform = record(entry.platform);
    const os = platformPart(platform?.os);
    const arch = platformPart(platform?.architecture);
    if (isAttestation(entry)) {
      const target = text(record(entry.annotations)?.['vnd.docker.reference.digest']);
      result.attestations.push({ digest, ...(isDigest(target) ? { for: target } : {}) });
      continue;
    }
    if (isIndexMediaType(mediaType)) {
      if (!result.nested.includes(digest)) result.nested.push(digest);
      continue;
    }
    if (seen.has(digest)) continue;
    seen.add(digest);
    const variant = platformPart(platform?.variant);
    const manifest: PlatformManifest = { digest };
    if (mediaType) manifest.mediaType = mediaType;
    if (os && arch) manifest.platform = variant ? `${os}/${arch}/${variant}` : `${os}/${arch}`;
    result.manifests.push(manifest);
  }
  return result;
}
