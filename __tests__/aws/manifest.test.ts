import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DOCKER_MANIFEST,
  DOCKER_MANIFEST_LIST,
  OCI_INDEX,
  OCI_MANIFEST,
  isIndexMediaType,
  parseImageIndex,
} from '../../src/aws/manifest.js';

const REALWORLD = join(process.cwd(), '..', 'shared', 'data', 'realworld');
const d = (c: string) => `sha256:${c.repeat(64)}`;

describe('parseImageIndex', () => {
  test('keeps platforms and unknown/unknown manifests; drops only annotated attestations, listing them', () => {
    const parsed = parseImageIndex(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: [
          {
            mediaType: OCI_MANIFEST,
            digest: d('a'),
            platform: { os: 'linux', architecture: 'amd64' },
          },
          {
            mediaType: OCI_MANIFEST,
            digest: d('b'),
            platform: { os: 'linux', architecture: 'arm', variant: 'v7' },
          },
          {
            mediaType: OCI_MANIFEST,
            digest: d('c'),
            annotations: { 'vnd.docker.reference.type': 'attestation-manifest' },
            platform: { os: 'linux', architecture: 'amd64' },
          },
          {
            mediaType: OCI_MANIFEST,
            digest: d('e'),
            platform: { os: 'unknown', architecture: 'unknown' },
          },
        ],
      }),
    );
    // issue 18 §2.6: unknown/unknown without the buildx annotation is not proof of an
    // attestation; it is gated.
    expect(parsed.manifests).toEqual([
      { digest: d('a'), mediaType: OCI_MANIFEST, platform: 'linux/amd64' },
      { digest: d('b'), mediaType: OCI_MANIFEST, platform: 'linux/arm/v7' },
      { digest: d('e'), mediaType: OCI_MANIFEST, platform: 'unknown/unknown' },
    ]);
    expect(parsed.attestations).toEqual([{ digest: d('c') }]);
    expect(parsed.invalid).toEqual([]);
    expect(parsed.nested).toEqual([]);
  });

  test('a Docker manifest list without platform on one entry keeps it; nested indexes and bad digests are named', () => {
    const parsed = parseImageIndex(
      JSON.stringify({
        mediaType: DOCKER_MANIFEST_LIST,
        manifests: [
          { mediaType: DOCKER_MANIFEST, digest: d('1') },
          { mediaType: OCI_INDEX, digest: d('2') },
          { mediaType: DOCKER_MANIFEST, digest: 'not-a-digest' },
          { mediaType: DOCKER_MANIFEST, digest: d('1') },
          'junk',
        ],
      }),
    );
    expect(parsed.manifests).toEqual([{ digest: d('1'), mediaType: DOCKER_MANIFEST }]);
    expect(parsed.nested).toEqual([d('2')]);
    expect(parsed.invalid).toEqual(['entry 2 has no valid digest', 'entry 4 has no valid digest']);
  });

  test('the real buildkit index (../shared/data/realworld/oci-index-attestation.json): one platform, its attestation listed', () => {
    const entry = JSON.parse(
      readFileSync(join(REALWORLD, 'oci-index-attestation.json'), 'utf8'),
    ) as { index: unknown };
    const parsed = parseImageIndex(JSON.stringify(entry.index));
    expect(parsed.manifests).toEqual([
      {
        digest: 'sha256:23678f31b3b3586c4fb318aecfe64a96a1f0916ba8faf9b2be2abee63fa9e827',
        mediaType: OCI_MANIFEST,
        platform: 'linux/amd64',
      },
    ]);
    expect(parsed.attestations).toEqual([
      {
        digest: 'sha256:02cb9aa7600e73fcf41ee9f0f19cc03122b2d8be43d41ce4b21335118f5dd943',
        for: 'sha256:23678f31b3b3586c4fb318aecfe64a96a1f0916ba8faf9b2be2abee63fa9e827',
      },
    ]);
  });

  test.each([
    ['{', 'not valid JSON'],
    ['{"schemaVersion":2}', 'no "manifests" list'],
    ['[]', 'no "manifests" list'],
  ])('%s is rejected with a reason', (text, reason) => {
    expect(() => parseImageIndex(text)).toThrow(reason);
  });
});

describe('an index is text from whoever can push: its parts are bounded', () => {
  const parse = (entry: Record<string, unknown>) =>
    parseImageIndex(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [entry] }));

  test('a platform part that is long or not a word gives no platform, the manifest is still gated', () => {
    for (const os of ['l'.repeat(65), 'linux\u001b[2J', 'linux windows', '']) {
      const parsed = parse({ digest: d('a'), platform: { os, architecture: 'amd64' } });
      expect(parsed.manifests).toEqual([{ digest: d('a') }]);
    }
    const ok = parse({ digest: d('a'), platform: { os: 'l'.repeat(64), architecture: 'amd64' } });
    expect(ok.manifests[0]?.platform).toBe(`${'l'.repeat(64)}/amd64`);
    const variant = parse({
      digest: d('a'),
      platform: { os: 'linux', architecture: 'arm', variant: 'v7<script>' },
    });
    expect(variant.manifests[0]?.platform).toBe('linux/arm');
  });

  test('a digest over 200 characters is no digest (checked before the pattern runs)', () => {
    const long = `sha256:${'a'.repeat(194)}`;
    expect(long.length).toBe(201);
    expect(parse({ digest: long }).invalid).toEqual(['entry 0 has no valid digest']);
    expect(parse({ digest: `sha256:${'a'.repeat(193)}` }).manifests).toHaveLength(1);
  });

  test('an attestation names what it attests only by a valid digest', () => {
    const attestation = (target: string) =>
      parse({
        digest: d('c'),
        annotations: {
          'vnd.docker.reference.type': 'attestation-manifest',
          'vnd.docker.reference.digest': target,
        },
      }).attestations;
    expect(attestation(d('a'))).toEqual([{ digest: d('c'), for: d('a') }]);
    expect(attestation('not a digest')).toEqual([{ digest: d('c') }]);
  });
});

test('isIndexMediaType', () => {
  expect(isIndexMediaType(OCI_INDEX)).toBe(true);
  expect(isIndexMediaType(DOCKER_MANIFEST_LIST)).toBe(true);
  expect(isIndexMediaType(OCI_MANIFEST)).toBe(false);
  expect(isIndexMediaType(undefined)).toBe(false);
});
