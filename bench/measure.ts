// Turns one gate run and the emulator's request log into the benchmark's numbers. Pure.
import type { RecordedRequest } from '../emulator/index.js';
import { floorOf, type Floor, type FloorModel } from './floor.js';
import type { BenchScenario } from './scenarios.js';

export interface RunInput {
  scenario: BenchScenario;
  requests: readonly RecordedRequest[];
  /** Epoch ms: when the child was spawned, and the emulator's scenario origin. */
  spawnedAt: number;
  emulatorStartedAt: number;
  wallMs: number;
  cpuMs: number | null;
  maxRssMb: number | null;
  code: number;
  outputs: Readonly<Record<string, string>>;
  latencyMs: number;
  startupMs: number;
}

export interface Notice {
  /** From the scan's completion to the answer that showed it, ms. */
  latencyMs: number;
  /** Status checks (first pages) up to and including the one that saw completion. */
  statusCalls: number;
  /** Mean time between those status checks, ms. */
  meanGapMs: number;
}

export interface RunMeasure {
  calls: { ecr: number; cloudtrail: number; total: number; throttled: number };
  floor: Floor;
  /** `node -e ""` measured right before this run: the start-up in its floor. */
  startupMs: number;
  wallMs: number;
  ratio: number;
  cpuMs: number | null;
  maxRssMb: number | null;
  /** Spawn to the first AWS request reaching the emulator, ms. */
  firstRequestMs: number;
  /** From the last answer (last arrival + latency) to the process exit, ms: the report's cost. */
  afterLastAnswerMs: number;
  notice?: Notice;
  /** Why this run does not count (wrong answer, crash); undefined when it is sound. */
  problem?: string;
}

/** The floor model with scan completion times moved from "after emulator start" to "after spawn". */
export function rebaseFloor(model: FloorModel, offsetMs: number): FloorModel {
  return {
    ...model,
    images: model.images.map((image) => ({
      ...image,
      scans: image.scans.map((scan) =>
        scan.completesAtMs === undefined
          ? scan
          : { ...scan, completesAtMs: scan.completesAtMs + offsetMs },
      ),
    })),
  };
}

/**
 * How soon the gate saw the waited scan complete. A status check sees the status at the moment it
 * is answered (arrival + latency); only first pages (no nextToken) are status checks.
 */
export function noticeOf(
  requests: readonly RecordedRequest[],
  repository: string,
  completesAt: number,
  latencyMs: number,
): Notice | undefined {
  const checks = requests
    .filter(
      (r) =>
        r.operation === 'DescribeImageScanFindings' &&
        r.params['repositoryName'] === repository &&
        r.params['nextToken'] === undefined,
    )
    .map((r) => r.time)
    .sort((a, b) => a - b);
  const index = checks.findIndex((t) => t + latencyMs >= completesAt);
  if (index < 0) return undefined;
  const seen = checks.slice(0, index + 1);
  const first = seen[0] as number;
  const last = seen[seen.length - 1] as number;
  return {
    latencyMs: last + latencyMs - completesAt,
    statusCalls: seen.length,
    meanGapMs: seen.length > 1 ? (last - first) / (seen.length - 1) : Number.NaN,
  };
}

function problemOf(input: RunInput): string | undefined {
  if (input.code !== 0) return `exit code ${input.code}`;
  const total = input.outputs['findings-total'];
  if (total !== String(input.scenario.expectFindings)) {
    return `findings-total ${String(total)}, expected ${input.scenario.expectFindings}`;
  }
  const uploader = input.outputs['uploader-status'] ?? '';
  if (input.scenario.uploaderCheck && /unverified|skipped/.test(uploader)) {
    return `uploader-status ${uploader}`;
  }
  if (input.cpuMs === null) return 'no resource usage written by the child';
  return undefined;
}

export function measureRun(input: RunInput): RunMeasure {
  const { requests } = input;
  const count = (service: string) => requests.filter((r) => r.service === service).length;
  const offset = input.emulatorStartedAt - input.spawnedAt;
  const floor = floorOf(rebaseFloor(input.scenario.floor, offset), {
    latencyMs: input.latencyMs,
    startupMs: input.startupMs,
  });
  const first = requests.reduce((min, r) => Math.min(min, r.time), Number.POSITIVE_INFINITY);
  const last = requests.reduce((max, r) => Math.max(max, r.time), Number.NEGATIVE_INFINITY);
  const waited = input.scenario.waited;
  const notice = waited
    ? noticeOf(
        requests,
        waited.repository,
        input.emulatorStartedAt + waited.completesAfterMs,
        input.latencyMs,
      )
    : undefined;
  const problem = problemOf(input);
  return {
    calls: {
      ecr: count('ecr'),
      cloudtrail: count('cloudtrail'),
      total: requests.length,
      throttled: requests.filter((r) => r.errorType === 'ThrottlingException').length,
    },
    floor,
    startupMs: input.startupMs,
    wallMs: input.wallMs,
    ratio: input.wallMs / floor.ms,
    cpuMs: input.cpuMs,
    maxRssMb: input.maxRssMb,
    firstRequestMs: Number.isFinite(first) ? first - input.spawnedAt : Number.NaN,
    afterLastAnswerMs: Number.isFinite(last)
      ? input.wallMs - (last + input.latencyMs - input.spawnedAt)
      : Number.NaN,
    ...(notice ? { notice } : {}),
    ...(problem ? { problem } : {}),
  };
}
