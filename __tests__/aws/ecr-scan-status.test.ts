import {
  DescribeImageScanFindingsCommand,
  ECRClient,
  ScanNotFoundException,
  StartImageScanCommand,
  type DescribeImageScanFindingsCommandOutput,
  GetRegistryScanningConfigurationCommand,
} from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { UserError } from '../../src/errors.js';
import type { ProgressEvent } from '../../src/ports.js';
import { adapterWith, awsError, fakeClock, image, REGISTRY } from './ecr-test-kit.js';
import { registryScanning } from './ecr-test-kit.js';

const ecr = mockClient(ECRClient);
beforeEach(() => {
  ecr.reset();
  // Most cases here are about one scan type's answers; the registry says which (scan-type.ts).
  ecr.on(GetRegistryScanningConfigurationCommand).resolves(registryScanning('BASIC'));
});

const $metadata = {};
const status = (s: string, description?: string): DescribeImageScanFindingsCommandOutput => ({
  $metadata,
  imageScanStatus: { status: s as 'COMPLETE', ...(description ? { description } : {}) },
});
const complete = (names: string[]): DescribeImageScanFindingsCommandOutput => ({
  $metadata,
  imageScanStatus: { status: 'COMPLETE', description: 'The scan was completed successfully.' },
  imageScanFindings: {
    imageScanCompletedAt: new Date('2024-05-01T10:00:00Z'),
    findings: names.map((name) => ({ name, severity: 'HIGH' })),
  },
});
const scanNotFound = () =>
  new ScanNotFoundException({ message: 'Image scan does not exist', $metadata });

describe('waitForScan status paths', () => {
  test('PENDING → IN_PROGRESS → COMPLETE reads the findings and reports progress', async () => {
    ecr
      .on(DescribeImageScanFindingsCommand)
      .resolvesOnce(status('PENDING'))
      .resolvesOnce(status('IN_PROGRESS'))
      .resolvesOnce(complete(['CVE-1', 'CVE-2']));
    const clock = fakeClock();
    const events: ProgressEvent[] = [];
    const adapter = adapterWith(clock);
    const outcome = await adapter.waitForScan(image(), {
      timeoutMs: 60_000,
      onProgress: (e) => events.push(e),
    });
    expect(outcome).toMatchObject({ status: 'COMPLETE', usable: true, type: 'BASIC', calls: 3 });
    expect(outcome.findings.map((f) => f.id)).toEqual(['CVE-1', 'CVE-2']);
    expect(outcome.completedAt).toEqual(new Date('2024-05-01T10:00:00Z'));
    expect(events.map((e) => e.waitingFor).slice(0, 2)).toEqual([
      'scan PENDING',
      'scan IN_PROGRESS',
    ]);
    expect(events.every((e) => e.phase === 'scan')).toBe(true);
    expect(clock.sleeps).toEqual([2_000, 2_500]);
    // + one GetRegistryScanningConfiguration per region and run.
    expect(adapter.callCount()).toBe(4);
    const input = ecr.commandCalls(DescribeImageScanFindingsCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      registryId: REGISTRY,
      repositoryName: 'team/app',
      imageId: { imageDigest: image().imageDigest },
      maxResults: 1000,
    });
  });

  test('ScanNotFound → COMPLETE keeps waiting through the not-found phase', async () => {
    ecr
      .on(DescribeImageScanFindingsCommand)
      .rejectsOnce(scanNotFound())
      .rejectsOnce(scanNotFound())
      .resolvesOnce(complete(['CVE-9']));
    const events: ProgressEvent[] = [];
    const outcome = await adapterWith(fakeClock()).waitForScan(image(), {
      timeoutMs: 60_000,
      onProgress: (e) => events.push(e),
    });
    expect(outcome).toMatchObject({ status: 'COMPLETE', usable: true, calls: 3 });
    expect(events[0]?.waitingFor).toBe('scan to start (ScanNotFound)');
    expect(ecr.commandCalls(StartImageScanCommand)).toHaveLength(0);
  });

  test('ACTIVE (enhanced, continuous) is done', async () => {
    ecr.on(DescribeImageScanFindingsCommand).resolves({
      $metadata,
      imageScanStatus: { status: 'ACTIVE' },
      imageScanFindings: {
        enhancedFindings: [
          { severity: 'HIGH', packageVulnerabilityDetails: { vulnerabilityId: 'CVE-2024-1' } },
        ],
      },
    });
    const outcome = await adapterWith(fakeClock()).waitForScan(image(), { timeoutMs: 60_000 });
    expect(outcome).toMatchObject({ status: 'ACTIVE', usable: true, type: 'ENHANCED', calls: 1 });
    expect(outcome.findings.map((f) => f.id)).toEqual(['CVE-2024-1']);
  });

  test.each([
    'FAILED',
    'UNSUPPORTED_IMAGE',
    'SCAN_ELIGIBILITY_EXPIRED',
    'FINDINGS_UNAVAILABLE',
    'LIMIT_EXCEEDED',
    'IMAGE_ARCHIVED',
    'SOME_FUTURE_STATUS',
  ])('%s stops at once, unusable, with the status and ECR description', async (s) => {
    ecr.on(DescribeImageScanFindingsCommand).resolves(status(s, `why: ${s}`));
    const clock = fakeClock();
    const outcome = await adapterWith(clock).waitForScan(image(), { timeoutMs: 60_000 });
    expect(outcome).toMatchObject({ status: s, usable: false, description: `why: ${s}`, calls: 1 });
    expect(outcome.findings).toEqual([]);
    expect(clock.sleeps).toEqual([]);
  });

  test('a response without any status is not trusted', async () => {
    ecr.on(DescribeImageScanFindingsCommand).resolves({ $metadata });
    const outcome = await adapterWith(fakeClock()).waitForScan(image(), { timeoutMs: 60_000 });
    expect(outcome).toMatchObject({ status: 'UNKNOWN', usable: false });
  });

  test('timeout while IN_PROGRESS says how long and the last status; never sleeps past the deadline', async () => {
    ecr.on(DescribeImageScanFindingsCommand).resolves(status('IN_PROGRESS'));
    const clock = fakeClock();
    const outcome = await adapterWith(clock).waitForScan(image(), { timeoutMs: 30_000 });
    expect(outcome.status).toBe('TIMEOUT');
    expect(outcome.usable).toBe(false);
    expect(outcome.description).toContain('30 s');
    expect(outcome.description).toContain('IN_PROGRESS');
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(30_000);
    expect(outcome.calls).toBe(clock.sleeps.length + 1);
  });

  test('timeout after only ScanNotFound is NOT_FOUND', async () => {
    ecr.on(DescribeImageScanFindingsCommand).rejects(scanNotFound());
    ecr.on(StartImageScanCommand).rejects(awsError('ValidationException', 'enhanced scanning'));
    const outcome = await adapterWith(fakeClock()).waitForScan(image(), { timeoutMs: 20_000 });
    expect(outcome.status).toBe('NOT_FOUND');
    expect(outcome.usable).toBe(false);
    expect(outcome.description).toContain('20 s');
    expect(outcome.description).toContain('not readable cross-account');
  });

  test('no cross-account hint when the caller owns the registry', async () => {
    ecr.on(DescribeImageScanFindingsCommand).rejects(scanNotFound());
    ecr.on(StartImageScanCommand).resolves({ $metadata });
    const outcome = await adapterWith(fakeClock(), REGISTRY).waitForScan(image(), {
      timeoutMs: 20_000,
    });
    expect(outcome.description).not.toContain('cross-account');
  });
});

describe('poll schedule', () => {
  test('2 s, then 2.5 s ± 10 % for the first minute, then 4 s ± 10 %: at most one call per 2 s', async () => {
    for (const random of [0, 0.5, 0.999]) {
      ecr.reset();
      ecr.on(DescribeImageScanFindingsCommand).resolves(status('PENDING'));
      const clock = fakeClock(random);
      const outcome = await adapterWith(clock).waitForScan(image(), { timeoutMs: 600_000 });
      expect(clock.sleeps[0]).toBe(2_000);
      // The gap depends on how long the wait has lasted when the check answers.
      const regimes = { firstMinute: 0, later: 0 };
      let at = 0;
      for (const [i, ms] of clock.sleeps.entries()) {
        if (i > 0 && i < clock.sleeps.length - 1) {
          const firstMinute = at < 60_000;
          const [low, high] = firstMinute ? [2_250, 2_750] : [3_600, 4_400];
          expect([i, at, ms >= low && ms <= high]).toEqual([i, at, true]);
          regimes[firstMinute ? 'firstMinute' : 'later'] += 1;
        }
        at += ms;
      }
      expect(regimes.firstMinute).toBeGreaterThan(20);
      expect(regimes.later).toBeGreaterThan(100);
      expect(outcome.calls * 2_000).toBeLessThanOrEqual(600_000 + 2_000);
      expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(600_000);
    }
  });

  test('a zero timeout makes one check and gives up', async () => {
    ecr.on(DescribeImageScanFindingsCommand).resolves(status('PENDING'));
    const clock = fakeClock();
    const outcome = await adapterWith(clock).waitForScan(image(), { timeoutMs: 0 });
    expect(outcome).toMatchObject({ status: 'TIMEOUT', calls: 1 });
    expect(clock.sleeps).toEqual([]);
  });
});

describe('StartImageScan', () => {
  test('tried once after the grace period; a later scan completes', async () => {
    const clock = fakeClock();
    let started = false;
    ecr.on(StartImageScanCommand).callsFake(() => {
      started = true;
      return { $metadata };
    });
    ecr.on(DescribeImageScanFindingsCommand).callsFake(() => {
      if (!started) throw scanNotFound();
      return complete(['CVE-5']);
    });
    const outcome = await adapterWith(clock).waitForScan(image(), { timeoutMs: 600_000 });
    expect(ecr.commandCalls(StartImageScanCommand)).toHaveLength(1);
    expect(ecr.commandCalls(StartImageScanCommand)[0]?.args[0].input).toMatchObject({
      registryId: REGISTRY,
      repositoryName: 'team/app',
      imageId: { imageDigest: image().imageDigest },
    });
    expect(outcome).toMatchObject({ status: 'COMPLETE', usable: true });
    expect(outcome.notes?.join(' ')).toContain('StartImageScan');
    // Grace: nothing was started before 30 s of ScanNotFound.
    const beforeStart = clock.sleeps.slice(0, -1).reduce((a, b) => a + b, 0);
    expect(beforeStart).toBeGreaterThanOrEqual(30_000);
  });

  test.each([
    ['LimitExceededException', 'one manual scan per image per 24 hours'],
    ['UnsupportedImageTypeException', 'cannot scan this image type'],
    ['ValidationException', 'enhanced scanning'],
    ['AccessDeniedException', 'ecr:StartImageScan is optional'],
  ])('%s is a note, not a crash; the wait goes on to the deadline', async (name, note) => {
    ecr.on(DescribeImageScanFindingsCommand).rejects(scanNotFound());
    ecr.on(StartImageScanCommand).rejects(awsError(name));
    const clock = fakeClock();
    const outcome = await adapterWith(clock).waitForScan(image(), { timeoutMs: 120_000 });
    expect(ecr.commandCalls(StartImageScanCommand)).toHaveLength(1);
    expect(outcome.status).toBe('NOT_FOUND');
    expect(outcome.notes?.join(' ')).toContain(note);
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(120_000);
  });

  test('grace shrinks to a third of a short timeout', async () => {
    ecr.on(DescribeImageScanFindingsCommand).rejects(scanNotFound());
    ecr.on(StartImageScanCommand).rejects(awsError('LimitExceededException'));
    await adapterWith(fakeClock()).waitForScan(image(), { timeoutMs: 9_000 });
    expect(ecr.commandCalls(StartImageScanCommand)).toHaveLength(1);
  });
});

describe('errors while polling', () => {
  test('throttling that survived the SDK retries does not end the wait', async () => {
    ecr
      .on(DescribeImageScanFindingsCommand)
      .rejectsOnce(awsError('ThrottlingException', 'Rate exceeded'))
      .rejectsOnce(awsError('ServiceUnavailableException', 'busy', 503))
      .resolvesOnce(complete(['CVE-7']));
    const events: ProgressEvent[] = [];
    const outcome = await adapterWith(fakeClock()).waitForScan(image(), {
      timeoutMs: 60_000,
      onProgress: (e) => events.push(e),
    });
    expect(outcome).toMatchObject({ status: 'COMPLETE', usable: true, calls: 3 });
    expect(events[0]?.waitingFor).toContain('ThrottlingException');
  });

  test('throttling until the deadline is a TIMEOUT naming the last error', async () => {
    ecr
      .on(DescribeImageScanFindingsCommand)
      .rejects(awsError('ThrottlingException', 'Rate exceeded'));
    const outcome = await adapterWith(fakeClock()).waitForScan(image(), { timeoutMs: 20_000 });
    expect(outcome.status).toBe('TIMEOUT');
    expect(outcome.description).toContain('ThrottlingException: Rate exceeded');
  });

  test.each([
    ['AccessDeniedException', 'ecr:DescribeImageScanFindings'],
    ['RepositoryNotFoundException', "Repository 'team/app'"],
    ['ImageNotFoundException', image().imageDigest],
    ['ExpiredTokenException', 'credentials'],
  ])('%s is not a scan state: it throws a UserError', async (name, expected) => {
    ecr.on(DescribeImageScanFindingsCommand).rejects(awsError(name));
    const wait = adapterWith(fakeClock()).waitForScan(image(), { timeoutMs: 60_000 });
    await expect(wait).rejects.toBeInstanceOf(UserError);
    await expect(wait).rejects.toMatchObject({ kind: 'aws' });
    await expect(wait).rejects.toThrow(expected);
  });

  test('an aborted signal ends the wait as CANCELLED', async () => {
    ecr.on(DescribeImageScanFindingsCommand).resolves(status('PENDING'));
    const controller = new AbortController();
    const clock = fakeClock();
    const adapter = adapterWith({
      ...clock,
      sleep: (ms) => {
        controller.abort();
        return clock.sleep(ms);
      },
    });
    const outcome = await adapter.waitForScan(image(), {
      timeoutMs: 60_000,
      signal: controller.signal,
    });
    expect(outcome).toMatchObject({ status: 'CANCELLED', usable: false, calls: 1 });
  });
});
