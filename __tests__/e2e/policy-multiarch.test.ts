// Issue 5 acceptance: policy file with expiring ignores, multi-arch images, several images per step.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import {
  multiArchImage,
  singleImage,
  startEmulator,
  type Emulator,
  type BasicFinding,
} from '../../emulator/index.js';
import type { Detection } from '../../src/model.js';
import { ACCOUNT, HOST, REGION, scanOnly } from './scenarios.js';
import { runAction } from './run-action.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({
    accountId: ACCOUNT,
    region: REGION,
    repositories: [],
    images: [],
  });
});
afterAll(() => emulator.close());

const finding = (name: string, severity: BasicFinding['severity'], pkg: string): BasicFinding => ({
  name,
  severity,
  description: `${name} in ${pkg}`,
  uri: `https://security-tracker.debian.org/tracker/${name}`,
  attributes: [
    { key: 'package_name', value: pkg },
    { key: 'package_version', value: '1.0' },
  ],
});

function workspaceWith(policy: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'erg-ws-'));
  mkdirSync(join(dir, '.github'));
  writeFileSync(join(dir, '.github', 'ecr-risk-gate.yml'), policy);
  return dir;
}

describe('policy file', () => {
  beforeEach(() => {
    emulator.reset({
      accountId: ACCOUNT,
      region: REGION,
      repositories: [{ name: 'app', registryId: ACCOUNT, scanType: 'BASIC' }],
      images: [
        singleImage({
          repository: 'app',
          tags: ['v1'],
          scan: {
            findings: [
              // One CVE in two packages (basic scans list one finding per package).
              { ...finding('CVE-2021-3326', 'HIGH', 'glibc'), description: 'iconv assertion' },
              { ...finding('CVE-2021-3326', 'HIGH', 'libc-bin'), description: 'iconv assertion' },
              finding('CVE-2022-0001', 'HIGH', 'openssl'),
            ],
          },
        }),
      ],
    });
  });

  test('expired and stale ignores are warnings; a package-scoped ignore ignores only that package', async () => {
    const workspace = workspaceWith(
      [
        'ignore:',
        '  - id: CVE-2021-3326',
        '    package: glibc',
        '    reason: not reachable from our entrypoint',
        '    expires: 2999-01-31',
        '  - id: CVE-2022-0001',
        '    reason: accepted until the base image moves',
        '    expires: 2020-01-01',
        '  - id: CVE-1999-9999',
        '    reason: fixed long ago',
        '',
      ].join('\n'),
    );
    const run = await runAction({
      endpoint: emulator.url,
      inputs: scanOnly(`${HOST}/app:v1`),
      env: { GITHUB_WORKSPACE: workspace },
    });
    const report = run.report();
    const warnings = report.warnings as Array<{ code: string; message: string }>;
    expect(
      warnings
        .filter((w) => w.code === 'ignore-expired')
        .map((w) => w.message)
        .join(),
    ).toContain('CVE-2022-0001');
    expect(
      warnings
        .filter((w) => w.code === 'ignore-stale')
        .map((w) => w.message)
        .join(),
    ).toContain('CVE-1999-9999');
    const ignored = report.ignored as Array<{
      findingId: string;
      package?: string;
      reason: string;
    }>;
    expect(ignored).toEqual([
      expect.objectContaining({
        findingId: 'CVE-2021-3326',
        package: 'glibc',
        reason: 'not reachable from our entrypoint',
      }),
    ]);
    const high = (report.detections as Detection[]).filter((d) => d.rule === 'high');
    const cve = high.filter((d) => d.findingId === 'CVE-2021-3326');
    expect(cve.map((d) => [d.ignored, d.packages?.map((p) => p.name)])).toEqual([
      [false, ['libc-bin']],
      [true, ['glibc']],
    ]);
    // The expired ignore no longer applies: openssl's CVE still fails the gate.
    expect(high.find((d) => d.findingId === 'CVE-2022-0001')?.ignored).toBe(false);
    expect(run.outputs.high).toBe('2');
    expect(run.outputs.result).toBe('fail');
    expect(run.summary).toContain('not reachable from our entrypoint');
  });

  test('a malformed entry fails with file, line and key named, before any AWS call', async () => {
    const workspace = workspaceWith(
      ['ignore:', '  - id: CVE-2021-3326', '    reason: ok', '    expires: 2027-02-30', ''].join(
        '\n',
      ),
    );
    const run = await runAction({
      endpoint: emulator.url,
      inputs: scanOnly(`${HOST}/app:v1`),
      env: { GITHUB_WORKSPACE: workspace },
    });
    expect(run.code).toBe(1);
    const error = run.stdout.split('\n').find((l) => l.startsWith('::error::')) ?? '';
    expect(error).toContain('.github/ecr-risk-gate.yml:4');
    expect(error).toContain('expires');
    expect(emulator.requests).toHaveLength(0);
    expect(run.stdout + run.stderr).not.toMatch(/^\s+at /m);
  });
});

test('a buildx index with amd64, arm64 and two attestations: two platform manifests gated', async () => {
  const image = multiArchImage({
    repository: 'multi',
    tag: 'v2',
    scan: (platform) => ({
      findings:
        platform === 'linux/arm64'
          ? [finding('CVE-2023-0002', 'MEDIUM', 'zlib')]
          : [finding('CVE-2023-0001', 'HIGH', 'openssl')],
    }),
  });
  emulator.reset({
    accountId: ACCOUNT,
    region: REGION,
    repositories: [{ name: 'multi', registryId: ACCOUNT, scanType: 'BASIC' }],
    images: image.images,
  });
  const run = await runAction({ endpoint: emulator.url, inputs: scanOnly(`${HOST}/multi:v2`) });
  const report = run.report();
  const images = report.images as Array<{
    platform?: string;
    indexDigest?: string;
    imageDigest: string;
    result: string;
  }>;
  expect(images.map((i) => i.platform)).toEqual(['linux/amd64', 'linux/arm64']);
  expect(images.map((i) => i.imageDigest)).toEqual([
    image.platformDigests['linux/amd64'],
    image.platformDigests['linux/arm64'],
  ]);
  expect(images.every((i) => i.indexDigest === image.indexDigest)).toBe(true);
  expect(images.map((i) => i.result)).toEqual(['fail', 'warn']);
  const reads = emulator.requests.filter((r) => r.operation === 'DescribeImageScanFindings');
  const ids = reads.map((r) => r.params.imageId as { imageDigest?: string; imageTag?: string });
  // Page one asked by the tag beside DescribeImages (aws/scan-pages.ts) is the index's, so it is
  // not used: one read by tag, every platform read by its own digest.
  expect(ids.filter((id) => id.imageDigest === undefined)).toEqual([{ imageTag: 'v2' }]);
  const scanned = new Set(ids.flatMap((id) => (id.imageDigest ? [id.imageDigest] : [])));
  expect(scanned).toEqual(new Set(Object.values(image.platformDigests)));
  for (const attestation of image.attestationDigests) expect(scanned.has(attestation)).toBe(false);
  expect(run.outputs['image-digest']?.split('\n')).toEqual(images.map((i) => i.imageDigest));
  expect(run.outputs.result).toBe('fail');
});

test('three images in one step: one result, three sections, wall time near the slowest image', async () => {
  const slow = 4000;
  emulator.reset({
    accountId: ACCOUNT,
    region: REGION,
    repositories: ['one', 'two', 'three'].map((name) => ({
      name,
      registryId: ACCOUNT,
      scanType: 'BASIC' as const,
    })),
    images: ['one', 'two', 'three'].map((name) =>
      singleImage({
        repository: name,
        tags: ['v1'],
        scan: {
          // Every scan completes `slow` ms after the start: sequential waits would take three times that.
          timeline: [{ status: 'IN_PROGRESS', forMs: slow }, { status: 'COMPLETE' }],
          findings: name === 'two' ? [finding('CVE-2024-0002', 'HIGH', 'curl')] : [],
        },
      }),
    ),
  });
  const run = await runAction({
    endpoint: emulator.url,
    inputs: scanOnly(['one', 'two', 'three'].map((name) => `${HOST}/${name}:v1`).join('\n')),
  });
  const report = run.report();
  expect(
    (report.images as Array<{ repository: string; result: string }>).map((i) => [
      i.repository,
      i.result,
    ]),
  ).toEqual([
    ['one', 'pass'],
    ['two', 'fail'],
    ['three', 'pass'],
  ]);
  expect(run.outputs.result).toBe('fail');
  expect(run.outputs['image-digest']?.split('\n')).toHaveLength(3);
  for (const name of ['one', 'two', 'three']) expect(run.summary).toContain(name);
  // The waits overlap (structure, not speed): every image was being polled before any scan
  // completed, so the step takes about as long as the slowest image, not the sum.
  const polls = emulator.requests.filter((r) => r.operation === 'DescribeImageScanFindings');
  const firstPoll = (name: string) =>
    Math.min(
      ...polls
        .filter((r) => r.params.repositoryName === name)
        .map((r) => r.time - emulator.startedAtMs),
    );
  for (const name of ['one', 'two', 'three']) expect(firstPoll(name)).toBeLessThan(slow);
});

describe('issue 18 §4: counting and configuration through the bundle', () => {
  const critical = singleImage({
    repository: 'app',
    tags: ['1.2.3', 'latest', 'sha-abc'],
    scan: { findings: [finding('CVE-2024-0001', 'CRITICAL', 'openssl')] },
  });
  beforeEach(() => {
    emulator.reset({
      accountId: ACCOUNT,
      region: REGION,
      repositories: [{ name: 'app', registryId: ACCOUNT, scanType: 'BASIC' }],
      images: [critical],
    });
  });

  test('§4.1 three tags and the digest of one image: gated once, risk 100, critical 1, tags merged', async () => {
    const refs = [
      `${HOST}/app:sha-abc`,
      `${HOST}/app:1.2.3`,
      `${HOST}/app:latest`,
      `${HOST}/app@${critical.digest}`,
    ];
    const run = await runAction({ endpoint: emulator.url, inputs: scanOnly(refs.join('\n')) });
    // SPEC section 2: one manifest digest is gated once per run, whatever names it.
    expect(run.outputs.critical).toBe('1');
    expect(run.outputs['risk-score']).toBe('100');
    expect(run.outputs['image-digest']).toBe(critical.digest);
    const images = run.report().images as Array<{ imageTags: string[] }>;
    expect(images).toHaveLength(1);
    // the tag the user named first labels the image, not ECR's first tag
    expect(images[0]?.imageTags[0]).toBe('sha-abc');
    expect(new Set(images[0]?.imageTags)).toEqual(new Set(['1.2.3', 'latest', 'sha-abc']));
    const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors.filter((l) => l.includes('CVE-2024-0001'))).toHaveLength(1);
  });

  test('issue 17 §3 metadata-action tags for GHCR and Docker Hub are skipped with a notice', async () => {
    const run = await runAction({
      endpoint: emulator.url,
      inputs: scanOnly(
        [`${HOST}/app:latest`, 'ghcr.io/acme/app:latest', 'docker.io/acme/app:latest'].join('\n'),
      ),
    });
    expect(run.outputs.result).toBe('fail');
    expect(run.outputs.critical).toBe('1');
    const warnings = run.report().warnings as Array<{ code: string; message: string }>;
    const skipped = warnings.filter((w) => w.message.includes('is not in Amazon ECR'));
    expect(skipped.map((w) => w.message.split(':')[0])).toEqual(['image line 2', 'image line 3']);
  });

  test('§4.2 fail-on: high is a threshold: a critical finding still fails', async () => {
    const run = await runAction({
      endpoint: emulator.url,
      inputs: scanOnly(`${HOST}/app:latest`, { 'fail-on': 'high' }),
    });
    expect(run.outputs.result).toBe('fail');
    expect(run.code).toBe(1);
  });

  test('§4.3 one unresolvable image does not discard the others', async () => {
    const run = await runAction({
      endpoint: emulator.url,
      inputs: scanOnly(`${HOST}/app:latest\n${HOST}/app:does-not-exist`),
    });
    const report = run.report();
    const images = report.images as Array<{ imageDigest: string; result: string }>;
    // the resolved image keeps its own result; the missing one fails closed
    expect(images.map((i) => i.result)).toEqual(['fail', 'fail']);
    expect(images[0]?.imageDigest).toBe(critical.digest);
    expect(run.outputs.critical).toBe('1');
    const incomplete = (report.detections as Detection[]).filter(
      (d) => d.rule === 'scan-incomplete',
    );
    expect(incomplete).toHaveLength(1);
    expect(incomplete[0]?.message).toContain('app:does-not-exist');
    expect(incomplete[0]?.detail).toMatch(/UNRESOLVED: .*does-not-exist/);
    expect(run.outputs.result).toBe('fail');
  });
});
