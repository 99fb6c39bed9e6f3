import {
  DescribeImageScanFindingsCommand,
  ECRClient,
  type DescribeImageScanFindingsCommandInput,
  type DescribeImageScanFindingsCommandOutput,
  type EnhancedImageScanFinding,
  GetRegistryScanningConfigurationCommand,
} from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { countBySeverity } from '../../src/aws/findings.js';
import { MAX_EMPTY_PAGES, MAX_PAGES } from '../../src/aws/scan-read.js';
import { adapterWith, fakeClock, image } from './ecr-test-kit.js';
import { registryScanning } from './ecr-test-kit.js';

const ecr = mockClient(ECRClient);
beforeEach(() => {
  ecr.reset();
  // Most cases here are about one scan type's answers; the registry says which (scan-type.ts).
  ecr.on(GetRegistryScanningConfigurationCommand).resolves(registryScanning('BASIC'));
});

const $metadata = {};
const INSPECTOR_SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNTRIAGED'] as const;

function enhanced(i: number): EnhancedImageScanFinding {
  return {
    severity: INSPECTOR_SEVERITIES[i % 5],
    packageVulnerabilityDetails: {
      vulnerabilityId: `CVE-2024-${String(i).padStart(5, '0')}`,
      vulnerablePackages: [{ name: `pkg-${i}`, version: '1.0' }],
    },
  };
}

/** Inspector's behaviour: 100 per page whatever maxResults says, counts of that page only. */
function enhancedPages(total: number): DescribeImageScanFindingsCommandOutput[] {
  const pages: DescribeImageScanFindingsCommandOutput[] = [];
  for (let start = 0, n = 0; start < total; start += 100, n += 1) {
    const findings = Array.from({ length: Math.min(100, total - start) }, (_, k) =>
      enhanced(start + k),
    );
    const counts: Record<string, number> = {};
    for (const f of findings) counts[f.severity ?? ''] = (counts[f.severity ?? ''] ?? 0) + 1;
    pages.push({
      $metadata,
      imageScanStatus: { status: 'COMPLETE' },
      imageScanFindings: { enhancedFindings: findings, findingSeverityCounts: counts },
      ...(start + 100 < total ? { nextToken: `token-${n + 1}` } : {}),
    });
  }
  return pages;
}

function serve(pages: DescribeImageScanFindingsCommandOutput[]) {
  ecr
    .on(DescribeImageScanFindingsCommand)
    .callsFake((input: DescribeImageScanFindingsCommandInput) => {
      const index = input.nextToken ? Number(input.nextToken.replace('token-', '')) : 0;
      const page = pages[index];
      if (!page) throw new Error(`no page for ${input.nextToken}`);
      return page;
    });
}

describe('reading every page', () => {
  test('2,345 enhanced findings over 24 pages are counted exactly, not from per-page counts', async () => {
    const pages = enhancedPages(2345);
    expect(pages).toHaveLength(24);
    serve(pages);
    const outcome = await adapterWith(fakeClock()).waitForScan(image(), { timeoutMs: 600_000 });
    expect(outcome).toMatchObject({
      status: 'COMPLETE',
      usable: true,
      type: 'ENHANCED',
      calls: 24,
    });
    expect(outcome.findings).toHaveLength(2345);
    expect(new Set(outcome.findings.map((f) => f.id)).size).toBe(2345);
    // 2345 = 5 × 469: each of the five Inspector severities occurs 469 times; UNTRIAGED → UNDEFINED.
    expect(countBySeverity(outcome.findings)).toEqual({
      CRITICAL: 469,
      HIGH: 469,
      MEDIUM: 469,
      LOW: 469,
      INFORMATIONAL: 0,
      UNDEFINED: 469,
    });
    const tokens = ecr
      .commandCalls(DescribeImageScanFindingsCommand)
      .map((c) => c.args[0].input.nextToken);
    expect(tokens).toEqual([undefined, ...Array.from({ length: 23 }, (_, i) => `token-${i + 1}`)]);
    expect(outcome.notes ?? []).toEqual([]);
  });

  test('a nextToken that repeats stops the read: findings incomplete, fail closed', async () => {
    const loop = (token: string): DescribeImageScanFindingsCommandOutput => ({
      $metadata,
      imageScanStatus: { status: 'COMPLETE' },
      imageScanFindings: { findings: [{ name: `CVE-${token}`, severity: 'LOW' }] },
      nextToken: token,
    });
    ecr
      .on(DescribeImageScanFindingsCommand)
      .resolvesOnce(loop('A'))
      .resolvesOnce(loop('B'))
      .resolvesOnce(loop('A'))
      .resolves(loop('C'));
    const outcome = await adapterWith(fakeClock()).waitForScan(image(), { timeoutMs: 60_000 });
    expect(outcome.calls).toBe(3);
    expect(outcome).toMatchObject({ status: 'FINDINGS_INCOMPLETE', usable: false });
    expect(outcome.description).toContain('repeated a pagination token');
    expect(outcome.findings).toHaveLength(3);
  });

  test(`pages that never end stop after ${MAX_PAGES}`, async () => {
    let n = 0;
    ecr.on(DescribeImageScanFindingsCommand).callsFake(() => {
      n += 1;
      return {
        $metadata,
        imageScanStatus: { status: 'COMPLETE' },
        imageScanFindings: { findings: [{ name: `CVE-${n}`, severity: 'LOW' }] },
        nextToken: `t${n}`,
      };
    });
    const outcome = await adapterWith(fakeClock()).waitForScan(image(), { timeoutMs: 60_000 });
    expect(outcome.calls).toBe(MAX_PAGES);
    expect(outcome).toMatchObject({ status: 'FINDINGS_INCOMPLETE', usable: false });
  });

  test('empty pages that keep handing out tokens are bounded', async () => {
    let n = 0;
    ecr.on(DescribeImageScanFindingsCommand).callsFake(() => {
      n += 1;
      return {
        $metadata,
        imageScanStatus: { status: 'COMPLETE' },
        imageScanFindings: { findings: [] },
        nextToken: `t${n}`,
      };
    });
    const outcome = await adapterWith(fakeClock()).waitForScan(image(), { timeoutMs: 60_000 });
    expect(outcome.calls).toBe(MAX_EMPTY_PAGES);
    expect(outcome.status).toBe('FINDINGS_INCOMPLETE');
  });

  test('an empty page with a nextToken is not the end', async () => {
    ecr
      .on(DescribeImageScanFindingsCommand)
      .resolvesOnce({
        $metadata,
        imageScanStatus: { status: 'COMPLETE' },
        imageScanFindings: { findings: [] },
        nextToken: 'more',
      })
      .resolvesOnce({
        $metadata,
        imageScanStatus: { status: 'COMPLETE' },
        imageScanFindings: { findings: [{ name: 'CVE-late', severity: 'HIGH' }] },
      });
    const outcome = await adapterWith(fakeClock()).waitForScan(image(), { timeoutMs: 60_000 });
    expect(outcome).toMatchObject({ status: 'COMPLETE', usable: true, calls: 2 });
    expect(outcome.findings.map((f) => f.id)).toEqual(['CVE-late']);
  });
});

describe('enhanced COMPLETE before its findings', () => {
  const read = (
    n: number,
    counts?: Record<string, number>,
  ): DescribeImageScanFindingsCommandOutput => ({
    $metadata,
    imageScanStatus: { status: 'COMPLETE' },
    imageScanFindings: {
      enhancedFindings: Array.from({ length: n }, (_, i) => enhanced(i)),
      ...(counts ? { findingSeverityCounts: counts } : {}),
    },
  });

  beforeEach(() => {
    ecr.on(GetRegistryScanningConfigurationCommand).resolves(registryScanning('ENHANCED'));
  });

  test('zero findings, then findings: re-read until two reads agree', async () => {
    ecr
      .on(DescribeImageScanFindingsCommand)
      .resolvesOnce(read(0))
      .resolvesOnce(read(3))
      .resolvesOnce(read(3));
    const outcome = await adapterWith(fakeClock()).waitForScan(image(), { timeoutMs: 600_000 });
    expect(outcome).toMatchObject({ status: 'COMPLETE', usable: true, calls: 3 });
    expect(outcome.findings).toHaveLength(3);
  });

  test('a clean enhanced image is confirmed over the whole settle window (one read per 5 s)', async () => {
    ecr.on(DescribeImageScanFindingsCommand).resolves(read(0));
    const clock = fakeClock();
    const outcome = await adapterWith(clock).waitForScan(image(), {
      timeoutMs: 600_000,
      settleMs: 60_000,
    });
    expect(outcome).toMatchObject({ usable: true, calls: 13 });
    expect(outcome.findings).toEqual([]);
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(60_000);
    expect(outcome.notes?.join(' ')).toContain('confirmed over the 60 s settle window');
  });

  test('whole-scan counts above the findings read trigger a re-read', async () => {
    const high = (n: number) => ({
      ...read(0),
      imageScanFindings: {
        findingSeverityCounts: { HIGH: 5 },
        enhancedFindings: Array.from({ length: n }, (_, i) => ({
          ...enhanced(i),
          severity: 'HIGH',
        })),
      },
    });
    ecr
      .on(DescribeImageScanFindingsCommand)
      .resolvesOnce(high(2))
      .resolvesOnce(high(5))
      .resolvesOnce(high(5));
    const outcome = await adapterWith(fakeClock()).waitForScan(image(), { timeoutMs: 600_000 });
    expect(outcome.findings).toHaveLength(5);
    expect(outcome.calls).toBe(3);
  });

  test('the normal case (findings present, counts consistent) costs no extra read', async () => {
    ecr
      .on(DescribeImageScanFindingsCommand)
      .resolves(read(4, { CRITICAL: 1, HIGH: 1, MEDIUM: 1, LOW: 1 }));
    const outcome = await adapterWith(fakeClock()).waitForScan(image(), { timeoutMs: 600_000 });
    expect(outcome.calls).toBe(1);
  });

  test('a basic scan with no findings (registry BASIC) is final at once', async () => {
    ecr.on(GetRegistryScanningConfigurationCommand).resolves(registryScanning('BASIC'));
    ecr.on(DescribeImageScanFindingsCommand).resolves({
      $metadata,
      imageScanStatus: { status: 'COMPLETE' },
      imageScanFindings: { findings: [] },
    });
    const outcome = await adapterWith(fakeClock()).waitForScan(image(), { timeoutMs: 600_000 });
    expect(outcome).toMatchObject({ type: 'BASIC', usable: true, calls: 1 });
  });

  test('re-reads are bounded by the deadline and by a maximum count', async () => {
    let n = 0;
    ecr.on(DescribeImageScanFindingsCommand).callsFake(() => read(n++ === 0 ? 0 : n));
    const clock = fakeClock();
    const outcome = await adapterWith(clock).waitForScan(image(), { timeoutMs: 600_000 });
    // First read (zero), one settle read (findings appear), then at most 3 re-reads.
    expect(outcome.calls).toBe(5);
    expect(outcome.usable).toBe(true);
    expect(outcome.notes?.join(' ')).toContain('still changing');

    ecr.reset();
    ecr.on(GetRegistryScanningConfigurationCommand).resolves(registryScanning('ENHANCED'));
    ecr.on(DescribeImageScanFindingsCommand).resolves(read(0));
    const short = fakeClock();
    const late = await adapterWith(short).waitForScan(image(), { timeoutMs: 1_000 });
    expect(short.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1_000);
    // Zero findings not confirmed over the settle window: fail closed, saying so.
    expect(late).toMatchObject({ usable: false, status: 'UNCONFIRMED' });
    expect(late.description).toContain('settle window (scan-settle-seconds)');
  });
});
