// Issue 2 acceptance: scan states, pagination, faults and errors, through the committed bundle.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  enhancedFindings,
  multiArchImage,
  startEmulator,
  type Emulator,
} from '../../emulator/index.js';
import type { Detection } from '../../src/model.js';
import { ACCOUNT, HOST, REGION, oneImage, scanOnly } from './scenarios.js';
import { runAction } from './run-action.js';

const IMAGE = `${HOST}/app:v1`;
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator(oneImage({}));
});
afterAll(() => emulator.close());

const gate = (inputs: Record<string, string> = {}) =>
  runAction({ endpoint: emulator.url, inputs: scanOnly(IMAGE, inputs) });
const rules = (report: Record<string, unknown>) =>
  (report.detections as Detection[]).map((d) => d.rule);
const scanOf = (report: Record<string, unknown>) =>
  (report.images as Array<{ scan: { status: string; type: string } }>)[0]?.scan;

test('enhanced scan with 2,345 findings, 100 a page, per-page counts: exact counts, every page read', async () => {
  const findings = enhancedFindings(
    2345,
    { CRITICAL: 1, HIGH: 2, MEDIUM: 4, LOW: 3, INFORMATIONAL: 1, UNTRIAGED: 1 },
    { repository: 'app' },
  );
  const expected = { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0, UNTRIAGED: 0 };
  for (const f of findings) expected[f.severity] += 1;
  emulator.reset(
    oneImage({ enhancedFindings: findings, severityCounts: 'per-page' }, { scanType: 'ENHANCED' }),
  );
  const run = await gate();
  expect(run.code).toBe(1);
  expect(run.outputs).toMatchObject({
    critical: String(expected.CRITICAL),
    high: String(expected.HIGH),
    medium: String(expected.MEDIUM),
    low: String(expected.LOW),
    informational: String(expected.INFORMATIONAL),
    undefined: String(expected.UNTRIAGED),
    'findings-total': '2345',
  });
  const pages = emulator.requests.filter(
    (r) => r.operation === 'DescribeImageScanFindings' && r.status === 200,
  );
  expect(pages.length).toBeGreaterThanOrEqual(24);
  expect(scanOf(run.report())?.type).toBe('ENHANCED');
});

test.each([
  [
    'PENDING → IN_PROGRESS → COMPLETE',
    [
      { status: 'PENDING', forMs: 700 },
      { status: 'IN_PROGRESS', forMs: 700 },
      { status: 'COMPLETE' },
    ],
    'COMPLETE',
  ],
  [
    'ScanNotFound → COMPLETE',
    [{ status: 'NOT_FOUND', forMs: 1200 }, { status: 'COMPLETE' }],
    'COMPLETE',
  ],
] as const)('%s ends with a usable scan', async (_name, timeline, status) => {
  emulator.reset(
    oneImage({
      timeline: [...timeline],
      findings: [{ name: 'CVE-2024-1', severity: 'MEDIUM', description: 'd' }],
    }),
  );
  const run = await gate();
  expect(run.code).toBe(0);
  expect(run.outputs.result).toBe('warn');
  expect(scanOf(run.report())?.status).toBe(status);
  expect(rules(run.report())).toEqual(['medium']);
});

test('ACTIVE (enhanced continuous scanning) is done', async () => {
  emulator.reset(
    oneImage(
      { timeline: [{ status: 'ACTIVE' }], enhancedFindings: enhancedFindings(3, { LOW: 1 }) },
      { scanType: 'ENHANCED' },
    ),
  );
  const run = await gate();
  expect(run.outputs.result).toBe('pass');
  expect(run.outputs.low).toBe('3');
  expect(scanOf(run.report())?.status).toBe('ACTIVE');
});

test.each(['FAILED', 'UNSUPPORTED_IMAGE'] as const)(
  '%s ends as scan-incomplete naming the status',
  async (status) => {
    emulator.reset(oneImage({ timeline: [{ status }] }));
    const run = await gate();
    expect(run.code).toBe(1);
    const report = run.report();
    const incomplete = (report.detections as Detection[]).find((d) => d.rule === 'scan-incomplete');
    expect(incomplete?.message).toContain(`(${status})`);
    expect(incomplete?.level).toBe('fail');
    expect(run.stdout).toContain(status);
  },
);

test('a scan that never completes in time ends as scan-incomplete (TIMEOUT)', async () => {
  emulator.reset(oneImage({ timeline: [{ status: 'IN_PROGRESS' }] }));
  const run = await gate({ 'scan-timeout': '3' });
  expect(run.code).toBe(1);
  const incomplete = (run.report().detections as Detection[]).find(
    (d) => d.rule === 'scan-incomplete',
  );
  expect(incomplete?.message).toMatch(/\(TIMEOUT\)$/);
  expect(incomplete?.detail).toMatch(/IN_PROGRESS/);
});

test('throttling and 5xx bursts are survived', async () => {
  emulator.reset({
    ...oneImage({ findings: [{ name: 'CVE-2024-2', severity: 'LOW', description: 'd' }] }),
    faults: [
      { kind: 'throttle', operation: 'DescribeImages', count: 2 },
      { kind: 'http503', operation: 'DescribeImageScanFindings', count: 3 },
      { kind: 'http500', operation: 'DescribeImageScanFindings', from: 5, count: 1 },
    ],
  });
  const run = await gate();
  expect(run.code).toBe(0);
  expect(run.outputs.result).toBe('pass');
  expect(run.outputs.low).toBe('1');
  expect(emulator.requests.filter((r) => r.status >= 400).length).toBeGreaterThanOrEqual(5);
});

test('AccessDenied ends with one clear error naming the missing permission', async () => {
  emulator.reset({
    ...oneImage({}),
    faults: [{ kind: 'accessDenied', operation: 'DescribeImages' }],
  });
  const run = await gate();
  expect(run.code).toBe(1);
  const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error::'));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toContain('ecr:DescribeImages');
  expect(run.stdout + run.stderr).not.toMatch(/^\s+at /m);
  expect(run.outputs.result).toBe('fail');
  expect(run.report().error).toContain('ecr:DescribeImages');
});

test('RepositoryNotFound ends with one clear error naming the repository', async () => {
  emulator.reset(oneImage({}));
  const run = await runAction({
    endpoint: emulator.url,
    inputs: scanOnly(`${HOST}/no-such-repo:v1`),
  });
  expect(run.code).toBe(1);
  const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error::'));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toContain('no-such-repo');
  expect(run.stdout + run.stderr).not.toMatch(/^\s+at /m);
});

test('scanner text cannot become a workflow command', async () => {
  const description =
    'first line\n::error::x\n::stop-commands::t\n##[error]injected\n  ::warning file=a::y';
  emulator.reset(
    oneImage({
      findings: [
        {
          name: 'CVE-2024-3',
          severity: 'HIGH',
          description,
          attributes: [{ key: 'package_name', value: '::error::pkg' }],
        },
      ],
    }),
  );
  const run = await gate();
  expect(run.code).toBe(1);
  for (const line of run.stdout.split('\n')) {
    if (line.includes('##[')) throw new Error(`runner marker reached the log: ${line}`);
    const command = /^\s*::([a-z-]+)/.exec(line)?.[1];
    if (command === undefined) continue;
    expect(['error', 'warning', 'notice']).toContain(command);
    // Our own annotations carry scanner text only percent-encoded: no raw newline starts a command.
    expect(line).not.toMatch(/::stop-commands::|::error::x/);
  }
  // The report keeps the text exactly as the scanner sent it.
  const finding = (run.report().detections as Detection[]).find((d) => d.rule === 'high');
  expect(finding?.finding).toBe(`CVE-2024-3, ${description}`);
});

test.each([
  ['image', { image: 'docker.io/library/nginx:latest' }, /Input 'image'/],
  ['scan-timeout', { 'scan-timeout': 'ten' }, /scan-timeout/],
  ['fail-on', { 'fail-on': 'high,bogus-rule' }, /fail-on.*bogus-rule/s],
  ['region', { region: 'europe' }, /region.*europe/s],
])('bad input %s: one clear error, no stack trace, no AWS call', async (_name, inputs, message) => {
  emulator.reset(oneImage({}));
  const run = await runAction({
    endpoint: emulator.url,
    inputs: { ...scanOnly(IMAGE), ...inputs },
  });
  expect(run.code).toBe(1);
  const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error::'));
  expect(errors).toHaveLength(1);
  expect(decodeURIComponent(errors[0] ?? '')).toMatch(message);
  expect(run.stdout + run.stderr).not.toMatch(/^\s+at /m);
  expect(emulator.requests).toHaveLength(0);
  expect(run.outputs.result).toBe('fail');
});

// Issue 18 §2: scan verdicts that passed with exit 0. Expected verdicts from SPEC §2 and the issue:
// each of these must end `fail`, never `pass`.
describe('issue 18 §2 through the bundle: no pass on what the gate could not confirm', () => {
  const detail = (report: Record<string, unknown>, rule: string) =>
    (report.detections as Detection[]).find((d) => d.rule === rule)?.detail ?? '';
  const warningsOf = (report: Record<string, unknown>) =>
    (report.warnings as Array<{ message: string }>).map((w) => w.message).join('\n');

  test('§2.1 enhanced COMPLETE before its findings (aws/aws-sdk#289): the HIGH finding fails the gate', async () => {
    emulator.reset(
      oneImage(
        {
          timeline: [{ status: 'COMPLETE' }],
          enhancedFindings: enhancedFindings(2, { HIGH: 1 }),
          findingsAfterMs: 4_000,
        },
        { scanType: 'ENHANCED' },
      ),
    );
    const run = await gate({ 'scan-settle-seconds': '10', 'scan-timeout': '60' });
    expect(run.outputs.result).toBe('fail');
    expect(run.outputs.high).toBe('2');
    expect(run.code).toBe(1);
  });

  test('§2.1 without ecr:GetRegistryScanningConfiguration: still confirmed, and the report names the permission', async () => {
    emulator.reset({
      ...oneImage(
        {
          timeline: [{ status: 'ACTIVE' }],
          enhancedFindings: enhancedFindings(1, { CRITICAL: 1 }),
          findingsAfterMs: 3_000,
        },
        { scanType: 'ENHANCED' },
      ),
      faults: [{ kind: 'accessDenied', operation: 'GetRegistryScanningConfiguration' }],
    });
    const run = await gate({ 'scan-settle-seconds': '8', 'scan-timeout': '60' });
    expect(run.outputs.result).toBe('fail');
    expect(run.outputs.critical).toBe('1');
    expect(warningsOf(run.report())).toContain('ecr:GetRegistryScanningConfiguration');
  });

  test('§2.1 zero findings not confirmed before scan-timeout ends: scan-incomplete', async () => {
    // COMPLETE at 2 s, settle window (cut to scan-timeout) 4 s: it would end at 6 s, after the
    // 4 s deadline.
    emulator.reset(
      oneImage(
        {
          timeline: [{ status: 'PENDING', forMs: 2_000 }, { status: 'COMPLETE' }],
          enhancedFindings: [],
        },
        { scanType: 'ENHANCED' },
      ),
    );
    const run = await gate({ 'scan-settle-seconds': '60', 'scan-timeout': '4' });
    expect(run.outputs.result).toBe('fail');
    expect(rules(run.report())).toContain('scan-incomplete');
    expect(detail(run.report(), 'scan-incomplete')).toContain('scan-settle-seconds');
  });

  test.each([['SEVERE'], [''], ['CRITICAL\u200b'], ['Vendor-Urgent']])(
    '§2.2 unknown severity %j fails closed naming the value',
    async (severity) => {
      emulator.reset({
        ...oneImage({}),
        faults: [
          {
            kind: 'respond',
            operation: 'DescribeImageScanFindings',
            body: {
              imageScanStatus: { status: 'COMPLETE' },
              imageScanFindings: { findings: [{ name: 'CVE-2024-9', severity }] },
            },
          },
        ],
      });
      const run = await gate();
      expect(run.outputs.result).toBe('fail');
      expect(rules(run.report())).toContain('scan-incomplete');
      expect(detail(run.report(), 'scan-incomplete')).toContain(
        `'${severity.replace('\u200b', '\\u200b')}'`,
      );
    },
  );

  test.each([
    ['no imageScanFindings', {}],
    ['findings: null', { imageScanFindings: { findings: null } }],
  ])('§2.3 COMPLETE with %s: scan-incomplete naming it', async (_name, extra) => {
    emulator.reset({
      ...oneImage({}),
      faults: [
        {
          kind: 'respond',
          operation: 'DescribeImageScanFindings',
          body: { imageScanStatus: { status: 'COMPLETE' }, ...extra },
        },
      ],
    });
    const run = await gate({ 'scan-timeout': '3' });
    expect(run.outputs.result).toBe('fail');
    expect(detail(run.report(), 'scan-incomplete')).toMatch(
      /COMPLETE with (no imageScanFindings|findings: null|no findings list)/,
    );
  });

  test('§2.4 findingSeverityCounts CRITICAL: 3 with zero findings returned: fails at critical, saying why', async () => {
    emulator.reset({
      ...oneImage({}),
      faults: [
        {
          kind: 'respond',
          operation: 'DescribeImageScanFindings',
          body: {
            imageScanStatus: { status: 'COMPLETE' },
            imageScanFindings: { findings: [], findingSeverityCounts: { CRITICAL: 3 } },
          },
        },
      ],
    });
    const run = await gate();
    expect(run.outputs.result).toBe('fail');
    expect(Number(run.outputs.critical)).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(run.report())).toContain('findingSeverityCounts claims 3 CRITICAL');
  });

  test('§2.5 DescribeImages answering for another digest is refused: not pass', async () => {
    emulator.reset({
      ...oneImage({ findings: [] }),
      faults: [
        {
          kind: 'respond',
          operation: 'DescribeImages',
          body: {
            imageDetails: [
              {
                registryId: ACCOUNT,
                repositoryName: 'app',
                imageDigest: `sha256:${'b'.repeat(64)}`,
                imageTags: ['v1'],
                imageManifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json',
              },
            ],
          },
        },
      ],
    });
    const run = await gate({ image: `${HOST}/app@sha256:${'a'.repeat(64)}` });
    expect(run.outputs.result).not.toBe('pass');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('the answer was refused');
  });
});

describe('issue 18 §2.6 through the bundle: index entries are gated or named', () => {
  interface RealIndex {
    indexDigest: string;
    index: { manifests: Array<{ digest: string; annotations?: Record<string, string> }> };
  }
  const real = JSON.parse(
    readFileSync(
      join(process.cwd(), '../shared/data/realworld/oci-index-attestation.json'),
      'utf8',
    ),
  ) as RealIndex;
  const [platform, attestation] = real.index.manifests.map((m) => m.digest);
  const indexScenario = (manifestText: string, extraEntries: string[] = []) => ({
    accountId: ACCOUNT,
    region: REGION,
    repositories: [{ name: 'app', registryId: ACCOUNT, scanType: 'BASIC' as const }],
    images: [
      {
        repository: 'app',
        digest: real.indexDigest,
        tags: ['v1'],
        manifest: manifestText,
        index: [
          { digest: platform ?? '', platform: { os: 'linux', architecture: 'amd64' } },
          { digest: attestation ?? '', attestationFor: platform ?? '' },
          ...extraEntries.map((digest) => ({
            digest,
            platform: { os: 'unknown', architecture: 'unknown' },
          })),
        ],
      },
      {
        repository: 'app',
        digest: platform ?? '',
        scan: { findings: [{ name: 'CVE-2024-5', severity: 'LOW' as const, description: 'd' }] },
      },
      { repository: 'app', digest: attestation ?? '' },
      ...extraEntries.map((digest) => ({
        repository: 'app',
        digest,
        scan: { findings: [{ name: 'CVE-2024-6', severity: 'HIGH' as const, description: 'd' }] },
      })),
    ],
  });

  test('the real buildkit index: its platform is gated, its attestation listed in the report', async () => {
    emulator.reset(indexScenario(JSON.stringify(real.index)));
    const run = await gate();
    expect(run.outputs.result).toBe('pass');
    expect(run.outputs.low).toBe('1');
    expect(run.outputs['image-digest']).toBe(platform);
    expect(JSON.stringify(run.report().warnings)).toContain(attestation);
  });

  test('an unknown/unknown manifest that is not an attestation is gated, not skipped', async () => {
    const odd = `sha256:${'c'.repeat(64)}`;
    const manifests = [
      ...real.index.manifests,
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: odd,
        size: 1,
        platform: { architecture: 'unknown', os: 'unknown' },
      },
    ];
    emulator.reset(indexScenario(JSON.stringify({ ...real.index, manifests }), [odd]));
    const run = await gate();
    expect(run.outputs.result).toBe('fail');
    expect(run.outputs.high).toBe('1');
  });

  test('an entry without a valid digest fails closed, naming the entry', async () => {
    const manifests = [
      ...real.index.manifests,
      { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: 'sha256:???', size: 1 },
    ];
    emulator.reset(indexScenario(JSON.stringify({ ...real.index, manifests })));
    const run = await gate();
    expect(run.outputs.result).toBe('fail');
    expect(JSON.stringify(run.report().detections)).toContain('entry 2 has no valid digest');
  });
});

describe('issue 19 §3 through the bundle: scan-timeout bounds the step', () => {
  test('an index with 40 never-scanned platforms and scan-timeout 10 ends near 10 s, failing closed', async () => {
    const platforms = Array.from({ length: 40 }, (_, i) => `linux/arch${i}`);
    const built = multiArchImage({ repository: 'app', tag: 'v1', platforms, attestations: false });
    emulator.reset({
      accountId: ACCOUNT,
      region: REGION,
      repositories: [{ name: 'app', registryId: ACCOUNT, scanType: 'BASIC' }],
      images: built.images,
      // Never scanned, and StartImageScan refused: every platform waits for the deadline.
      faults: [{ kind: 'error', operation: 'StartImageScan', errorType: 'LimitExceededException' }],
    });
    const started = Date.now();
    const run = await gate({ 'scan-timeout': '10' });
    const seconds = (Date.now() - started) / 1000;
    expect(run.outputs.result).toBe('fail');
    expect(rules(run.report())).toContain('scan-incomplete');
    // 115 s before the fix (4 platforms at a time, 10 s each). Bound: scan-timeout + the 5 s
    // grace for an abandoned call + process start and report writing.
    expect(seconds).toBeLessThan(10 + 5 + 10);
    // LimitExceededException is a refusal: one StartImageScan per platform at most, no SDK retries.
    const starts = emulator.requests.filter((r) => r.operation === 'StartImageScan');
    expect(starts.length).toBeGreaterThan(0);
    expect(starts.length).toBeLessThanOrEqual(40);
  });
});
