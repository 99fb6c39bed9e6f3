// Aggregates runs into the medians the table shows and checks them against issue 7's targets.
// Pure: the runner feeds it measurements, tests feed it numbers.
import type { RunMeasure } from './measure.js';
import type { MicroResult } from './micro-result.js';
import type { NoticeSummary } from './poll-model.js';
import { median, percentile } from './stats.js';
import { bytes, count, markdownTable, mb, ms, ratio } from './table.js';

export interface ScenarioSummary {
  id: string;
  title: string;
  runs: number;
  /** Runs that did not count and why. */
  problems: string[];
  calls: { ecr: number; cloudtrail: number; total: number; throttled: number };
  floorCalls: { ecr: number; cloudtrail: number; total: number };
  wallMs: number;
  floorMs: number;
  /** Median of the per-run ratios (each run has its own floor). */
  ratio: number;
  cpuMs: number;
  maxRssMb: number;
  firstRequestMs: number;
  afterLastAnswerMs: number;
  notice?: { latencyP95Ms: number; latencyMaxMs: number; meanGapMs: number; statusCalls: number };
}

export function summarizeScenario(
  id: string,
  title: string,
  runs: readonly RunMeasure[],
): ScenarioSummary {
  const sound = runs.filter((r) => r.problem === undefined);
  const pick = (f: (r: RunMeasure) => number | null) =>
    median(sound.map(f).filter((v): v is number => v !== null));
  const notices = sound.flatMap((r) => (r.notice ? [r.notice] : []));
  return {
    id,
    title,
    runs: sound.length,
    problems: runs.flatMap((r) => (r.problem ? [r.problem] : [])),
    calls: {
      ecr: pick((r) => r.calls.ecr),
      cloudtrail: pick((r) => r.calls.cloudtrail),
      total: pick((r) => r.calls.total),
      throttled: pick((r) => r.calls.throttled),
    },
    floorCalls: {
      ecr: pick((r) => r.floor.calls.ecr),
      cloudtrail: pick((r) => r.floor.calls.cloudtrail),
      total: pick((r) => r.floor.calls.total),
    },
    wallMs: pick((r) => r.wallMs),
    floorMs: pick((r) => r.floor.ms),
    ratio: pick((r) => r.ratio),
    cpuMs: pick((r) => r.cpuMs),
    maxRssMb: pick((r) => r.maxRssMb),
    firstRequestMs: pick((r) => r.firstRequestMs),
    afterLastAnswerMs: pick((r) => r.afterLastAnswerMs),
    ...(notices.length > 0
      ? {
          notice: {
            latencyP95Ms: percentile(
              notices.map((n) => n.latencyMs),
              95,
            ),
            latencyMaxMs: Math.max(...notices.map((n) => n.latencyMs)),
            meanGapMs: median(notices.map((n) => n.meanGapMs)),
            statusCalls: median(notices.map((n) => n.statusCalls)),
          },
        }
      : {}),
  };
}

export interface Target {
  id: string;
  description: string;
  /** What was measured, in words and numbers. */
  measured: string;
  met: boolean;
}

export const TARGETS = {
  ratio: 1.15,
  noticeP95Ms: 5_000,
  minGapMs: 2_000,
  microCpuMs: 500,
  rssMb: 250,
  startupFactor: 3,
} as const;

export interface TargetInput {
  scenarios: readonly ScenarioSummary[];
  nodeStartupMs: number;
  micro: MicroResult | null;
  pollModel: NoticeSummary | null;
}

export function checkTargets(input: TargetInput): Target[] {
  const targets: Target[] = [];
  const scored = input.scenarios.filter((s) => s.runs > 0);
  const worst = [...scored].sort((a, b) => b.ratio - a.ratio)[0];
  const over = scored.filter((s) => s.ratio > TARGETS.ratio);
  targets.push({
    id: 'ratio',
    description: `wall time ≤ ${TARGETS.ratio} × floor in every scenario`,
    measured: worst
      ? `worst ${ratio(worst.ratio)} (${worst.id}); over: ${over.map((s) => `${s.id} ${ratio(s.ratio)}`).join(', ') || 'none'}`
      : 'no scenario measured',
    met: scored.length > 0 && over.length === 0,
  });

  const noticed = scored.filter((s) => s.notice);
  if (noticed.length > 0 || input.pollModel) {
    const e2eP95 = Math.max(...noticed.map((s) => s.notice?.latencyP95Ms ?? 0));
    const modelP95 = input.pollModel?.latencyP95Ms ?? 0;
    const parts = [
      ...(noticed.length > 0 ? [`end to end p95 ${ms(e2eP95)} ms`] : []),
      ...(input.pollModel
        ? [
            `schedule over completions ${input.pollModel.fromMs / 1000}–${input.pollModel.toMs / 1000} s: p95 ${ms(modelP95)} ms, max ${ms(input.pollModel.latencyMaxMs)} ms`,
          ]
        : []),
    ];
    targets.push({
      id: 'notice',
      description: `completed scan noticed within ${TARGETS.noticeP95Ms / 1000} s (p95)`,
      measured: parts.join('; '),
      met: Math.max(e2eP95, modelP95) <= TARGETS.noticeP95Ms,
    });
    const e2eGap = Math.min(...noticed.map((s) => s.notice?.meanGapMs ?? Infinity));
    const modelGap = input.pollModel?.minMeanGapMs ?? Infinity;
    targets.push({
      id: 'poll-rate',
      description: `at most one status call every ${TARGETS.minGapMs / 1000} s on average`,
      measured: [
        ...(noticed.length > 0 ? [`end to end: one every ${ms(e2eGap)} ms`] : []),
        ...(input.pollModel ? [`schedule: never more often than every ${ms(modelGap)} ms`] : []),
      ].join('; '),
      met: Math.min(e2eGap, modelGap) >= TARGETS.minGapMs,
    });
  }

  if (input.micro) {
    const m = input.micro;
    targets.push({
      id: 'findings-cpu',
      description: `${count(m.findings)} findings through rules and every renderer < ${TARGETS.microCpuMs} ms CPU`,
      measured: `${ms(m.coldTotalMs)} ms cold (first pass, as in a run), ${ms(m.warmTotalMs)} ms warm`,
      met: m.coldTotalMs < TARGETS.microCpuMs,
    });
    const big = scored.find((s) => s.id === 'basic-20000');
    const rss = Math.max(m.peakRssMb, big?.maxRssMb ?? 0);
    targets.push({
      id: 'findings-rss',
      description: `peak RSS < ${TARGETS.rssMb} MB with ${count(m.findings)} findings`,
      measured: `in-process ${mb(m.peakRssMb)} MB${big ? `; the action's process (basic-20000) ${mb(big.maxRssMb)} MB` : ''}`,
      met: rss < TARGETS.rssMb,
    });
  }

  const firsts = scored.map((s) => s.firstRequestMs).filter((v) => !Number.isNaN(v));
  if (firsts.length > 0) {
    const first = median(firsts);
    const limit = TARGETS.startupFactor * input.nodeStartupMs;
    targets.push({
      id: 'startup',
      description: `spawn to first AWS request < ${TARGETS.startupFactor} × node -e ""`,
      measured: `${ms(first)} ms vs ${ms(limit)} ms (node -e "" ${ms(input.nodeStartupMs)} ms)`,
      met: first < limit,
    });
  }
  return targets;
}

const calls = (c: { ecr: number; cloudtrail: number; total: number }) =>
  c.cloudtrail > 0 ? `${count(c.total)} (${count(c.ecr)}+${count(c.cloudtrail)})` : count(c.total);

export function scenarioTable(scenarios: readonly ScenarioSummary[]): string {
  return markdownTable(
    [
      'scenario',
      'calls',
      'floor calls',
      'wall ms',
      'floor ms',
      'ratio',
      'CPU ms',
      'peak RSS MB',
      'first call ms',
      'after last ms',
    ],
    scenarios.map((s) => [
      s.title,
      calls(s.calls),
      calls(s.floorCalls),
      ms(s.wallMs),
      ms(s.floorMs),
      ratio(s.ratio),
      ms(s.cpuMs),
      mb(s.maxRssMb),
      ms(s.firstRequestMs),
      ms(s.afterLastAnswerMs),
    ]),
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
}

export function microTable(micro: MicroResult): string {
  const stages = Object.entries(micro.coldMs);
  return markdownTable(
    ['stage', ...stages.map(([stage]) => stage), 'total'],
    [['CPU ms (cold)', ...stages.map(([, v]) => ms(v)), ms(micro.coldTotalMs)]],
    ['left', ...stages.map(() => 'right' as const), 'right'],
  );
}

export function targetTable(targets: readonly Target[]): string {
  return markdownTable(
    ['target', 'measured', 'met'],
    targets.map((t) => [t.description, t.measured, t.met ? 'yes' : 'NO']),
  );
}

export function bundleLine(size: { bytes: number; gzipBytes: number }): string {
  return `dist/index.js: ${count(size.bytes)} bytes (${bytes(size.bytes)}), ${count(size.gzipBytes)} gzipped (${bytes(size.gzipBytes)})`;
}
