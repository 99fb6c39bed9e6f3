import type { RunMeasure } from '../../bench/measure.js';
import type { MicroResult } from '../../bench/micro-result.js';
import {
  checkTargets,
  scenarioTable,
  summarizeScenario,
  type ScenarioSummary,
} from '../../bench/summary.js';

function run(wallMs: number, floorMs: number, extra: Partial<RunMeasure> = {}): RunMeasure {
  return {
    calls: { ecr: 2, cloudtrail: 0, total: 2, throttled: 0 },
    floor: {
      ms: floorMs,
      ecrMs: floorMs,
      cloudTrailMs: 0,
      calls: { ecr: 2, cloudtrail: 0, total: 2 },
    },
    startupMs: 100,
    wallMs,
    ratio: wallMs / floorMs,
    cpuMs: 400,
    maxRssMb: 90,
    firstRequestMs: 300,
    afterLastAnswerMs: 50,
    ...extra,
  };
}

describe('summarizeScenario', () => {
  test('medians over the sound runs; the others are listed as problems', () => {
    const summary = summarizeScenario('s', 'title', [
      run(1_000, 900),
      run(1_200, 1_000),
      run(1_100, 1_000),
      run(50, 1_000, { problem: 'exit code 1' }),
    ]);
    expect(summary.runs).toBe(3);
    expect(summary.problems).toEqual(['exit code 1']);
    expect(summary.wallMs).toBe(1_100);
    expect(summary.floorMs).toBe(1_000);
    // the median of the per-run ratios 1.11, 1.2 and 1.1
    expect(summary.ratio).toBeCloseTo(1_000 / 900, 10);
    expect(summary.notice).toBeUndefined();
  });

  test('notice statistics when the runs waited for a scan', () => {
    const summary = summarizeScenario('w', 'wait', [
      run(13_000, 12_000, { notice: { latencyMs: 1_000, statusCalls: 5, meanGapMs: 3_000 } }),
      run(13_500, 12_000, { notice: { latencyMs: 3_000, statusCalls: 5, meanGapMs: 3_400 } }),
    ]);
    expect(summary.notice?.latencyMaxMs).toBe(3_000);
    expect(summary.notice?.latencyP95Ms).toBeCloseTo(2_900, 10);
    expect(summary.notice?.meanGapMs).toBe(3_200);
  });
});

const summaryOf = (id: string, ratio: number, firstRequestMs = 300): ScenarioSummary => ({
  ...summarizeScenario(id, id, [run(1_000 * ratio, 1_000, { firstRequestMs })]),
});

const micro = (coldTotalMs: number, peakRssMb: number): MicroResult => ({
  findings: 20_000,
  coldMs: {
    normalize: 0,
    rules: coldTotalMs,
    summary: 0,
    'pr-comment': 0,
    sarif: 0,
    json: 0,
    annotations: 0,
    text: 0,
    outputs: 0,
  },
  coldTotalMs,
  warmTotalMs: coldTotalMs,
  baselineRssMb: 80,
  peakRssMb,
  bytes: {},
});

describe('checkTargets', () => {
  test('the ratio target names every scenario over 1.15', () => {
    const targets = checkTargets({
      scenarios: [summaryOf('a', 1.1), summaryOf('b', 1.3), summaryOf('c', 1.2)],
      nodeStartupMs: 100,
      micro: null,
      pollModel: null,
    });
    const ratio = targets.find((t) => t.id === 'ratio');
    expect(ratio?.met).toBe(false);
    expect(ratio?.measured).toContain('worst 1.30× (b)');
    expect(ratio?.measured).toContain('b 1.30×, c 1.20×');
    expect(ratio?.measured).not.toContain('a 1.10×');
  });

  test('met when every scenario is within 1.15 and start-up within 3 × node', () => {
    const targets = checkTargets({
      scenarios: [summaryOf('a', 1.1, 250), summaryOf('b', 1.15, 290)],
      nodeStartupMs: 100,
      micro: null,
      pollModel: null,
    });
    expect(targets.find((t) => t.id === 'ratio')?.met).toBe(true);
    expect(targets.find((t) => t.id === 'startup')?.met).toBe(true);
  });

  test('start-up over 3 × node -e "" is a miss', () => {
    const targets = checkTargets({
      scenarios: [summaryOf('a', 1.1, 350)],
      nodeStartupMs: 100,
      micro: null,
      pollModel: null,
    });
    expect(targets.find((t) => t.id === 'startup')?.met).toBe(false);
  });

  test('findings CPU and RSS targets come from the micro-benchmark', () => {
    const over = checkTargets({
      scenarios: [],
      nodeStartupMs: 100,
      micro: micro(600, 200),
      pollModel: null,
    });
    expect(over.find((t) => t.id === 'findings-cpu')?.met).toBe(false);
    expect(over.find((t) => t.id === 'findings-rss')?.met).toBe(true);
    const fine = checkTargets({
      scenarios: [],
      nodeStartupMs: 100,
      micro: micro(400, 260),
      pollModel: null,
    });
    expect(fine.find((t) => t.id === 'findings-cpu')?.met).toBe(true);
    expect(fine.find((t) => t.id === 'findings-rss')?.met).toBe(false);
  });

  test('the notice targets use the worse of the runs and the schedule model', () => {
    const waited = summarizeScenario('w', 'w', [
      run(13_000, 12_000, { notice: { latencyMs: 1_500, statusCalls: 5, meanGapMs: 3_000 } }),
    ]);
    const targets = checkTargets({
      scenarios: [waited],
      nodeStartupMs: 100,
      micro: null,
      pollModel: {
        fromMs: 10_000,
        toMs: 600_000,
        samples: 10,
        latencyP50Ms: 2_000,
        latencyP95Ms: 5_200,
        latencyMaxMs: 5_500,
        minMeanGapMs: 1_900,
      },
    });
    expect(targets.find((t) => t.id === 'notice')?.met).toBe(false);
    expect(targets.find((t) => t.id === 'poll-rate')?.met).toBe(false);
  });
});

test('scenarioTable shows CloudTrail calls apart when there are any', () => {
  const withTrail = summarizeScenario('t', 'trail', [
    run(2_000, 1_800, { calls: { ecr: 2, cloudtrail: 5, total: 7, throttled: 0 } }),
  ]);
  const table = scenarioTable([withTrail, summaryOf('plain', 1.1)]);
  expect(table).toContain('7 (2+5)');
  expect(table.split('\n')).toHaveLength(4);
});
