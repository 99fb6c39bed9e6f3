import type { CompiledScan, CompiledScenario } from './compile.js';
import { toJson } from './json.js';
import type { ScanStepStatus } from './scenario.js';

const DESCRIPTIONS: Record<ScanStepStatus, string> = {
  ACTIVE: 'Continuous scan is selected for image.',
  COMPLETE: 'The scan was completed successfully.',
  FAILED: 'The scan failed to complete.',
  FINDINGS_UNAVAILABLE: 'Findings are unavailable for this image.',
  IMAGE_ARCHIVED: 'The image is archived.',
  IN_PROGRESS: 'The scan is in progress.',
  LIMIT_EXCEEDED: 'The scan quota per image has been exceeded.',
  PENDING: 'The scan is pending.',
  SCAN_ELIGIBILITY_EXPIRED: 'The scan eligibility period has expired.',
  UNSUPPORTED_IMAGE:
    'UnsupportedImageError: The operating system and/or package manager are not supported.',
  NOT_FOUND: '',
};

export interface ScanState {
  status: ScanStepStatus;
  description: string;
  /** When the current step began (epoch ms). */
  enteredAtMs: number;
  /** Findings may be served now (status COMPLETE or ACTIVE, and `findingsAfterMs` passed). */
  findingsVisible: boolean;
  /** Epoch seconds of completion, for COMPLETE and ACTIVE. */
  completedAt: number | undefined;
}

/**
 * Where an image's scan is at `nowMs`: on its timeline from emulator start, or on its
 * `afterStart` timeline from a successful StartImageScan.
 */
export function scanStateAt(
  scan: CompiledScan,
  startedAtMs: number,
  manualStartMs: number | undefined,
  nowMs: number,
): ScanState {
  const origin = manualStartMs ?? startedAtMs;
  const steps = manualStartMs === undefined ? scan.timeline : scan.afterStart;
  let stepStart = origin;
  let index = 0;
  for (; index < steps.length - 1; index++) {
    const end = stepStart + (steps[index]?.forMs ?? 0);
    if (nowMs < end) break;
    stepStart = end;
  }
  const step = steps[index] ?? { status: 'NOT_FOUND' as const };
  const done = step.status === 'COMPLETE' || step.status === 'ACTIVE';
  const completedAt = done
    ? manualStartMs === undefined && scan.completedAt !== undefined
      ? scan.completedAt
      : stepStart / 1000
    : undefined;
  return {
    status: step.status,
    description: step.description ?? DESCRIPTIONS[step.status],
    enteredAtMs: stepStart,
    findingsVisible: done && nowMs - origin >= scan.findingsAfterMs,
    completedAt,
  };
}

/** `findingSeverityCounts` of findings [from, to). */
export function countSeverities(
  scan: CompiledScan,
  from: number,
  to: number,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (let i = from; i < to; i++) {
    const severity = scan.severities[i];
    if (severity !== undefined) counts[severity] = (counts[severity] ?? 0) + 1;
  }
  return counts;
}

/**
 * The caller's registry scanning configuration: ENHANCED when any repository of the scenario's
 * own registry is ENHANCED (the enhanced ones listed as CONTINUOUS_SCAN filters), else BASIC
 * with SCAN_ON_PUSH for all. The operation takes no input and describes only the caller's
 * registry (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_GetRegistryScanningConfiguration.html).
 * Refuse it with an `accessDenied` fault on operation `GetRegistryScanningConfiguration`.
 */
export function registryScanningConfiguration(compiled: CompiledScenario): string {
  const registryId = compiled.accountId;
  const own = [...compiled.repositories.values()].filter((r) => r.registryId === registryId);
  const enhanced = own.filter((r) => r.scanType === 'ENHANCED');
  const scanningConfiguration =
    enhanced.length > 0
      ? {
          scanType: 'ENHANCED',
          rules: [
            {
              scanFrequency: 'CONTINUOUS_SCAN',
              repositoryFilters: enhanced.map((r) => ({ filter: r.name, filterType: 'WILDCARD' })),
            },
          ],
        }
      : {
          scanType: 'BASIC',
          rules: [
            {
              scanFrequency: 'SCAN_ON_PUSH',
              repositoryFilters: [{ filter: '*', filterType: 'WILDCARD' }],
            },
          ],
        };
  return toJson({ registryId, scanningConfiguration });
}
