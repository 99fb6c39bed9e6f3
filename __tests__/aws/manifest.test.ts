import {
  DOCKER_MANIFEST,
  DOCKER_MANIFEST_LIST,
  OCI_INDEX,
  OCI_MANIFEST,
  isIndexMediaType,
  parseImageIndex,
} from '../../src/aws/manifest.js';

const d = (c: string) => `sha256:${c.repeat(64)}`;

describe('parseImageIndex', () => {
  test('keeps platforms, drops attestations by annotation and by unknown/unknown', () => {
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
    expect(parsed.manifests).toEqual([
      { digest: d('a'), mediaType: OCI_MANIFEST, platform: 'linux/amd64' },
      { digest: d('b'), mediaType: OCI_MANIFEST, platform: 'linux/arm/v7' },
    ]);
    expect(parsed.attestations).toBe(2);
    expect(parsed.skipped).toEqual([]);
  });

  test('a Docker manifest list without platform on one entry keeps it; nested indexes and bad digests are skipped', () => {
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
    expect(parsed.skipped).toEqual([
      `${d('2')}: nested index`,
      'entry 2: no valid digest',
      'entry 4: no valid digest',
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

test('isIndexMediaType', () => {
  expect(isIndexMediaType(OCI_INDEX)).toBe(true);
  expect(isIndexMediaType(DOCKER_MANIFEST_LIST)).toBe(true);
  expect(isIndexMediaType(OCI_MANIFEST)).toBe(false);
  expect(isIndexMediaType(undefined)).toBe(false);
});
