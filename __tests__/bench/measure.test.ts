import type { RecordedRequest } from '../../emulator/index.js';
import { measureRun, noticeOf, rebaseFloor } from '../../bench/measure.js';
import type { BenchScenario } from '../../bench/scenarios.js';

function request(
  operation: string,
  time: number,
  params: Record<string, unknown> = {},
  service: 'ecr' | 'cloudtrail' = 'ecr',
): RecordedRequest {
  return { service, operation, params, time, status: 200, requestId: `r${time}` };
}

const status = (time: number, repositoryName = 'slow') =>
  request('DescribeImageScanFindings', time, { repositoryName });

describe('noticeOf', () => {
  test('the first status check answered after completion is the notice; pages are not checks', () => {
    const log = [
      status(1_000),
      status(3_000),
      status(6_000),
      status(10_000),
      status(14_000),
      request('DescribeImageScanFindings', 14_100, { repositoryName: 'slow', nextToken: 't' }),
      status(2_000, 'other'),
    ];
    // completes at 12,000; the check sent at 14,000 answers at 14,040
    expect(noticeOf(log, 'slow', 12_000, 40)).toEqual({
      latencyMs: 2_040,
      statusCalls: 5,
      meanGapMs: (14_000 - 1_000) / 4,
    });
  });
  test('a check in flight when the scan completes sees it', () => {
    const notice = noticeOf([status(0), status(11_980)], 'slow', 12_000, 40);
    expect(notice?.latencyMs).toBe(20);
    expect(notice?.statusCalls).toBe(2);
  });
  test('undefined when no check saw the completion', () => {
    expect(noticeOf([status(1_000)], 'slow', 12_000, 40)).toBeUndefined();
  });
});

test('rebaseFloor moves completion times from emulator start to spawn', () => {
  const model = {
    images: [{ resolveCalls: 1, scans: [{ pages: 1, completesAtMs: 12_000 }, { pages: 2 }] }],
  };
  const rebased = rebaseFloor(model, -300);
  expect(rebased.images[0]?.scans).toEqual([{ pages: 1, completesAtMs: 11_700 }, { pages: 2 }]);
  expect(model.images[0]?.scans[0]?.completesAtMs).toBe(12_000);
});

describe('measureRun', () => {
  const scenario: BenchScenario = {
    id: 'x',
    title: 'x',
    scenario: { accountId: '123456789012', region: 'eu-central-1', repositories: [], images: [] },
    inputs: {},
    floor: {
      images: [{ resolveCalls: 1, scans: [{ pages: 1 }] }],
      cloudTrail: { findPages: 1, historyPages: [2] },
    },
    expectFindings: 100,
    uploaderCheck: true,
  };
  const base = {
    scenario,
    requests: [
      request('DescribeImages', 10_300),
      request('DescribeImageScanFindings', 10_350),
      request('LookupEvents', 10_360, {}, 'cloudtrail'),
      { ...request('LookupEvents', 10_400, {}, 'cloudtrail'), errorType: 'ThrottlingException' },
      request('LookupEvents', 11_400, {}, 'cloudtrail'),
    ],
    spawnedAt: 10_000,
    emulatorStartedAt: 9_900,
    wallMs: 1_600,
    cpuMs: 500,
    maxRssMb: 90,
    code: 0,
    outputs: { 'findings-total': '100', 'uploader-status': 'seen' },
    latencyMs: 40,
    startupMs: 100,
  };

  test('counts calls per service, throttled ones too, and times the start and the end', () => {
    const m = measureRun(base);
    expect(m.calls).toEqual({ ecr: 2, cloudtrail: 3, total: 5, throttled: 1 });
    expect(m.firstRequestMs).toBe(300);
    // last arrival 11,400 + 40 = 1,440 after spawn; exit at 1,600
    expect(m.afterLastAnswerMs).toBe(160);
    // CloudTrail: starts 140, 180, then 1,140 → answers at 1,180
    expect(m.floor.ms).toBe(1_180);
    expect(m.ratio).toBeCloseTo(1_600 / 1_180, 10);
    expect(m.problem).toBeUndefined();
  });

  test('a run with the wrong answer does not count', () => {
    expect(measureRun({ ...base, outputs: { 'findings-total': '99' } }).problem).toMatch(
      /findings-total 99, expected 100/,
    );
    expect(measureRun({ ...base, code: 1 }).problem).toBe('exit code 1');
    expect(
      measureRun({ ...base, outputs: { 'findings-total': '100', 'uploader-status': 'unverified' } })
        .problem,
    ).toMatch(/unverified/);
    expect(measureRun({ ...base, cpuMs: null }).problem).toMatch(/resource usage/);
  });
});
