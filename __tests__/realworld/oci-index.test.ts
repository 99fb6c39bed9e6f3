// Issue 18 §1: the real OCI image index of ../shared/data/realworld/oci-index-attestation.json
// (moby/buildkit docs: one linux/amd64 manifest + its attestation manifest), served verbatim as the
// index's manifest. SPEC §6: the platform manifest is gated, the attestation manifest is not (and
// is not a scan-incomplete). Our amd64 scan has one HIGH → fail, one high row. Written first.
import { basicFindings } from '../../emulator/index.js';
import { entry, expectVerdict, runCase } from './corpus.js';
import { emptySuiteEmulator } from './harness.js';

const emulator = emptySuiteEmulator();

interface Descriptor {
  mediaType: string;
  digest: string;
  platform?: { architecture: string; os: string };
  annotations?: Record<string, string>;
}

test('buildkit-sbom-attestation-index: the amd64 manifest is gated, the attestation skipped', async () => {
  const e = entry('oci-index-attestation.json', 'buildkit-sbom-attestation-index');
  const index = e.index as { mediaType: string; manifests: Descriptor[] };
  const [amd64, attestation] = index.manifests as [Descriptor, Descriptor];
  const account = '123456789012';
  const run = await runCase(emulator(), {
    scenario: {
      accountId: account,
      region: 'eu-central-1',
      repositories: [{ name: 'app', registryId: account, scanType: 'BASIC' }],
      images: [
        {
          repository: 'app',
          digest: amd64.digest,
          manifestMediaType: amd64.mediaType,
          scan: { timeline: [{ status: 'COMPLETE' }], findings: basicFindings(1, { HIGH: 1 }) },
        },
        { repository: 'app', digest: attestation.digest, manifestMediaType: attestation.mediaType },
        {
          repository: 'app',
          digest: e.indexDigest as string,
          tags: ['v1'],
          manifest: JSON.stringify(index),
          manifestMediaType: index.mediaType,
          index: [
            { digest: amd64.digest, platform: { architecture: 'amd64', os: 'linux' } },
            { digest: attestation.digest, attestationFor: amd64.digest },
          ],
        },
      ],
    },
    inputs: {
      image: `${account}.dkr.ecr.eu-central-1.amazonaws.com/app:v1`,
      'uploader-check': 'false',
      'scan-timeout': '20',
    },
    killAfterMs: 120_000,
  });
  expectVerdict(run, { result: 'fail', rules: { high: 1 }, outputs: { high: '1' } });
  expect(run.outputs['image-digest']).toBe(amd64.digest);
}, 180_000);
