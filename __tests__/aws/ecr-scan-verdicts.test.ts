// Issue 18 §2 and §4.5, issue 19 §3 (ECR part): scan answers that passed with exit 0 and must
// fail closed. Expected verdicts come from SPEC §2/§6 and the issue text, written before running.
import {
  DescribeImageScanFindingsCommand,
  ECRClient,
  GetRegistryScanningConfigurationCommand,
  StartImageScanCommand,
  type DescribeImageScanFindingsCommandOutput,
  type ImageScanFinding,
} from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EcrAdapter } from '../../src/aws/ecr.js';
import { countBySeverity } from '../../src/aws/findings.js';
import {
  adapterWith,
  awsError,
  fakeClock,
  image,
  registryScanning,
  type FakeClock,
} from './ecr-test-kit.js';

const ecr = mockClient(ECRClient);
beforeEach(() => ecr.reset());

const $metadata = {};
const REALWORLD = join(process.cwd(), '..', 'shared', 'data', 'realworld');

interface RealResponse {
  id: string;
  response: DescribeImageScanFindingsCommandOutput;
}
/** A real response from ../shared/data/realworld/ecr-scan-responses.json, read in place. */
function real(id: string): DescribeImageScanFindingsCommandOutput {
  const all = JSON.parse(
    readFileSync(join(REALWORLD, 'ecr-scan-responses.json'), 'utf8'),
  ) as RealResponse[];
  const entry = all.find((e) => e.id === id);
  if (!entry) throw new Error(`no real response ${id}`);
  return { ...entry.response, $metadata };
}

const completeWith = (
  findings: { name: string; severity: string }[],
  counts?: Record<string, number>,
): DescribeImageScanFindingsCommandOutput => ({
  $metadata,
  imageScanStatus: { status: 'COMPLETE' },
  imageScanFindings: {
    // Any text, as a broken or hostile answer may send it.
    findings: findings as ImageScanFinding[],
    ...(counts ? { findingSeverityCounts: counts } : {}),
  },
});

describe('§2.1 enhanced COMPLETE/ACTIVE with zero findings before they arrive (aws/aws-sdk#289)', () => {
  // Findings of the real aws-sdk#289 image arrived 20+ s after COMPLETE: here at 25 s.
  const arrivesAfter = (clock: FakeClock, ms: number, start: number) => () =>
    clock.now() - start >= ms
      ? real('apiref-enhanced-active-high')
      : real('aws-sdk-289-complete-before-findings');

  test('registry ENHANCED: the real COMPLETE {"findings": []} is not a pass; the HIGH finding is read', async () => {
    ecr.on(GetRegistryScanningConfigurationCommand).resolves(registryScanning('ENHANCED'));
    const clock = fakeClock();
    ecr.on(DescribeImageScanFindingsCommand).callsFake(arrivesAfter(clock, 25_000, clock.now()));
    const outcome = await adapterWith(clock).waitForScan(image(), {
      timeoutMs: 600_000,
      settleMs: 60_000,
    });
    expect(outcome.usable).toBe(true);
    expect(outcome.type).toBe('ENHANCED');
    expect(countBySeverity(outcome.findings).HIGH).toBe(1);
  });

  test('ACTIVE with zero findings that appear seconds later is re-checked the same way', async () => {
    ecr.on(GetRegistryScanningConfigurationCommand).resolves(registryScanning('ENHANCED'));
    const clock = fakeClock();
    const start = clock.now();
    const empty = {
      ...real('apiref-enhanced-active-high'),
      imageScanFindings: { enhancedFindings: [] },
    };
    ecr
      .on(DescribeImageScanFindingsCommand)
      .callsFake(() =>
        clock.now() - start >= 8_000 ? real('apiref-enhanced-active-high') : empty,
      );
    const outcome = await adapterWith(clock).waitForScan(image(), {
      timeoutMs: 600_000,
      settleMs: 60_000,
    });
    expect(outcome.status).toBe('ACTIVE');
    expect(countBySeverity(outcome.findings).HIGH).toBe(1);
  });

  test('without ecr:GetRegistryScanningConfiguration the type is unknown: confirmed as if enhanced, and the report names the permission', async () => {
    ecr
      .on(GetRegistryScanningConfigurationCommand)
      .rejects(
        awsError(
          'AccessDeniedException',
          'not authorized to perform: ecr:GetRegistryScanningConfiguration',
        ),
      );
    const clock = fakeClock();
    ecr.on(DescribeImageScanFindingsCommand).callsFake(arrivesAfter(clock, 25_000, clock.now()));
    const outcome = await adapterWith(clock).waitForScan(image(), {
      timeoutMs: 600_000,
      settleMs: 60_000,
    });
    expect(countBySeverity(outcome.findings).HIGH).toBe(1);
    expect(outcome.notes?.join(' ')).toContain('ecr:GetRegistryScanningConfiguration');
  });

  test('zero findings not confirmed over the settle window before scan-timeout: scan-incomplete, not pass', async () => {
    ecr.on(GetRegistryScanningConfigurationCommand).resolves(registryScanning('ENHANCED'));
    ecr.on(DescribeImageScanFindingsCommand).resolves(real('aws-sdk-289-complete-before-findings'));
    const outcome = await adapterWith(fakeClock()).waitForScan(image(), {
      timeoutMs: 20_000,
      settleMs: 60_000,
    });
    expect(outcome.usable).toBe(false);
    // The registry says enhanced, whatever the shape of the empty list.
    expect(outcome.type).toBe('ENHANCED');
    expect(outcome.description).toMatch(/settle window \(scan-settle-seconds\)/);
  });

  test('scan-timeout 0: a fresh enhanced zero is not confirmed, so not a pass', async () => {
    ecr.on(GetRegistryScanningConfigurationCommand).resolves(registryScanning('ENHANCED'));
    ecr.on(DescribeImageScanFindingsCommand).resolves(real('aws-sdk-289-complete-before-findings'));
    const outcome = await adapterWith(fakeClock()).waitForScan(image(), {
      timeoutMs: 0,
      settleMs: 60_000,
    });
    expect(outcome).toMatchObject({ usable: false, status: 'UNCONFIRMED' });
  });

  test('an enhanced scan that completed longer ago than the window is final at once', async () => {
    ecr.on(GetRegistryScanningConfigurationCommand).resolves(registryScanning('ENHANCED'));
    const clock = fakeClock();
    ecr.on(DescribeImageScanFindingsCommand).resolves({
      $metadata,
      imageScanStatus: { status: 'ACTIVE' },
      imageScanFindings: {
        imageScanCompletedAt: new Date(clock.now() - 3_600_000),
        enhancedFindings: [],
      },
    });
    const outcome = await adapterWith(clock).waitForScan(image(), {
      timeoutMs: 0,
      settleMs: 60_000,
    });
    expect(outcome).toMatchObject({ usable: true, calls: 1, findings: [] });
  });

  test('registry BASIC: COMPLETE with an empty list is final at once (a real clean basic scan)', async () => {
    ecr.on(GetRegistryScanningConfigurationCommand).resolves(registryScanning('BASIC'));
    ecr.on(DescribeImageScanFindingsCommand).resolves(real('aws-sdk-289-complete-before-findings'));
    const outcome = await adapterWith(fakeClock()).waitForScan(image(), {
      timeoutMs: 600_000,
      settleMs: 60_000,
    });
    expect(outcome).toMatchObject({ usable: true, calls: 1, findings: [] });
  });

  test('the registry type is asked once per region and run, not per image', async () => {
    ecr.on(GetRegistryScanningConfigurationCommand).resolves(registryScanning('BASIC'));
    ecr.on(DescribeImageScanFindingsCommand).resolves(completeWith([]));
    const adapter = adapterWith(fakeClock());
    for (let i = 0; i < 3; i++) await adapter.waitForScan(image(), { timeoutMs: 60_000 });
    expect(ecr.commandCalls(GetRegistryScanningConfigurationCommand)).toHaveLength(1);
  });
});

describe('§2.2 a severity the gate does not understand fails closed, naming the value', () => {
  test.each([['SEVERE'], [''], ['CRITICAL\u200b'], ['VENDOR_URGENT']])('%j', async (severity) => {
    ecr.on(GetRegistryScanningConfigurationCommand).resolves(registryScanning('BASIC'));
    ecr
      .on(DescribeImageScanFindingsCommand)
      .resolves(completeWith([{ name: 'CVE-2024-1', severity }]));
    const outcome = await adapterWith(fakeClock()).waitForScan(image(), { timeoutMs: 60_000 });
    expect(outcome.usable).toBe(false);
    const shown = severity.replace('\u200b', '\\u200b');
    expect(outcome.description).toContain(`'${shown}'`);
    expect(outcome.description).toContain('does not understand');
  });
});

describe('§2.3 COMPLETE without a findings list is malformed: keep waiting, then scan-incomplete naming it', () => {
  test.each([
    ['no imageScanFindings', {}],
    ['findings: null', { imageScanFindings: { findings: null } }],
  ])('%s', async (_name, body) => {
    ecr.on(GetRegistryScanningConfigurationCommand).resolves(registryScanning('BASIC'));
    ecr.on(DescribeImageScanFindingsCommand).resolves({
      $metadata,
      imageScanStatus: { status: 'COMPLETE' },
      ...(body as object),
    });
    const clock = fakeClock();
    const outcome = await adapterWith(clock).waitForScan(image(), { timeoutMs: 30_000 });
    expect(outcome.usable).toBe(false);
    expect(outcome.status).toBe('TIMEOUT');
    expect(outcome.description).toMatch(
      /COMPLETE with (no imageScanFindings|findings: null|no findings list)/,
    );
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(30_000);
  });

  test('a malformed answer followed by a good one is used', async () => {
    ecr.on(GetRegistryScanningConfigurationCommand).resolves(registryScanning('BASIC'));
    ecr
      .on(DescribeImageScanFindingsCommand)
      .resolvesOnce({ $metadata, imageScanStatus: { status: 'COMPLETE' } })
      .resolves(completeWith([{ name: 'CVE-1', severity: 'HIGH' }]));
    const outcome = await adapterWith(fakeClock()).waitForScan(image(), { timeoutMs: 30_000 });
    expect(outcome).toMatchObject({ usable: true, status: 'COMPLETE' });
    expect(outcome.findings).toHaveLength(1);
  });
});

describe('§2.4 findingSeverityCounts claiming findings that were not returned', () => {
  test('CRITICAL: 3 with zero findings, also on re-read: never pass, counted at CRITICAL, said why', async () => {
    ecr.on(GetRegistryScanningConfigurationCommand).resolves(registryScanning('BASIC'));
    ecr.on(DescribeImageScanFindingsCommand).resolves(completeWith([], { CRITICAL: 3 }));
    const outcome = await adapterWith(fakeClock()).waitForScan(image(), { timeoutMs: 600_000 });
    expect(outcome.calls).toBeGreaterThan(1);
    expect(countBySeverity(outcome.findings).CRITICAL).toBeGreaterThanOrEqual(1);
    expect(outcome.findings[0]?.description).toContain('claims 3 CRITICAL findings but returned 0');
    expect(outcome.notes?.join(' ')).toContain('findingSeverityCounts');
  });

  test('the real cultureamp example (counts {MEDIUM: 1}, three findings) adds nothing', async () => {
    ecr.on(GetRegistryScanningConfigurationCommand).resolves(registryScanning('BASIC'));
    const response = real('cultureamp-example-a-counts-disagree');
    ecr.on(DescribeImageScanFindingsCommand).resolves(response);
    const outcome = await adapterWith(fakeClock()).waitForScan(image(), { timeoutMs: 60_000 });
    expect(outcome.findings).toHaveLength(3);
    expect(outcome.findings.some((f) => f.id.startsWith('ECR-UNRETURNED'))).toBe(false);
  });
});

describe('§4.5 StartImageScan', () => {
  test('never called when scan-timeout is 0', async () => {
    ecr.on(GetRegistryScanningConfigurationCommand).resolves(registryScanning('BASIC'));
    ecr
      .on(DescribeImageScanFindingsCommand)
      .rejects(awsError('ScanNotFoundException', 'Image scan does not exist'));
    const outcome = await adapterWith(fakeClock()).waitForScan(image(), { timeoutMs: 0 });
    expect(outcome.usable).toBe(false);
    expect(ecr.commandCalls(StartImageScanCommand)).toHaveLength(0);
  });

  test('sent on its own client: the refusal is a note, the shared client never sees it', async () => {
    ecr.on(GetRegistryScanningConfigurationCommand).resolves(registryScanning('BASIC'));
    ecr
      .on(DescribeImageScanFindingsCommand)
      .rejects(awsError('ScanNotFoundException', 'Image scan does not exist'));
    const sent: string[] = [];
    const startClient = {
      send: (command: { constructor: { name: string } }) => {
        sent.push(command.constructor.name);
        return Promise.reject(
          awsError('LimitExceededException', 'The scan quota per image has been exceeded.'),
        );
      },
    } as unknown as ECRClient;
    const clock = fakeClock();
    const adapter = new EcrAdapter({
      clientFor: (region) => new ECRClient({ region }),
      startClientFor: () => startClient,
      now: clock.now,
      sleep: clock.sleep,
      random: clock.random,
    });
    const outcome = await adapter.waitForScan(image(), { timeoutMs: 90_000 });
    expect(sent).toEqual(['StartImageScanCommand']);
    expect(ecr.commandCalls(StartImageScanCommand)).toHaveLength(0);
    expect(outcome.notes?.join(' ')).toContain('one manual scan per image per 24 hours');
  });
});

describe('issue 19 §3: scan-timeout bounds the step, not each manifest', () => {
  test('40 unscanned platforms with scan-timeout 10 end near 10 s, not 40 × 10 s', async () => {
    ecr.on(GetRegistryScanningConfigurationCommand).resolves(registryScanning('BASIC'));
    ecr
      .on(DescribeImageScanFindingsCommand)
      .resolves({ $metadata, imageScanStatus: { status: 'PENDING' } });
    const clock = fakeClock();
    const adapter = adapterWith(clock);
    const start = clock.now();
    for (let i = 0; i < 40; i++) {
      const outcome = await adapter.waitForScan(
        image({ imageDigest: `sha256:${i.toString(16).padStart(64, '0')}` }),
        { timeoutMs: 10_000 },
      );
      expect(outcome.usable).toBe(false);
    }
    expect(clock.now() - start).toBeLessThanOrEqual(10_000);
  });
});

describe("another account's registry (GetRegistryScanningConfiguration describes only the caller's)", () => {
  test('a COMPLETE basic-shaped answer is basic: enhanced findings are not readable cross-account', async () => {
    ecr
      .on(GetRegistryScanningConfigurationCommand)
      .resolves(registryScanning('ENHANCED', '999999999999'));
    ecr.on(DescribeImageScanFindingsCommand).resolves(completeWith([]));
    const outcome = await adapterWith(fakeClock()).waitForScan(image(), {
      timeoutMs: 600_000,
      settleMs: 60_000,
    });
    expect(outcome).toMatchObject({ usable: true, calls: 1, type: 'BASIC' });
  });

  test('ACTIVE (enhanced only) with zero findings is still confirmed over the window', async () => {
    ecr
      .on(GetRegistryScanningConfigurationCommand)
      .resolves(registryScanning('BASIC', '999999999999'));
    ecr.on(DescribeImageScanFindingsCommand).resolves({
      $metadata,
      imageScanStatus: { status: 'ACTIVE' },
      imageScanFindings: { findings: [] },
    });
    const outcome = await adapterWith(fakeClock()).waitForScan(image(), {
      timeoutMs: 10_000,
      settleMs: 60_000,
    });
    expect(outcome).toMatchObject({ usable: false, status: 'UNCONFIRMED' });
  });
});
