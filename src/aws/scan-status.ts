// What a scan status means for the wait, and how often to ask. Pure: no calls.
import type { ScanStatus } from '@aws-sdk/client-ecr';

/** Every status ECR documents. A status not listed here is handled as "unknown": fail closed. */
export const KNOWN_SCAN_STATUSES = [
  'COMPLETE',
  'ACTIVE',
  'PENDING',
  'IN_PROGRESS',
  'FAILED',
  'UNSUPPORTED_IMAGE',
  'SCAN_ELIGIBILITY_EXPIRED',
  'FINDINGS_UNAVAILABLE',
  'LIMIT_EXCEEDED',
  'IMAGE_ARCHIVED',
] as const;
export type KnownScanStatus = (typeof KNOWN_SCAN_STATUSES)[number];
// Compile-time guard: a status added to the SDK must be given a disposition here.
const sdkStatusesAreKnown: ScanStatus extends KnownScanStatus ? true : never = true;
void sdkStatusesAreKnown;

export type Disposition = 'done' | 'wait' | 'stop';

export function dispositionOf(status: string | undefined): Disposition {
  const known = status as KnownScanStatus;
  switch (known) {
    case 'COMPLETE':
    case 'ACTIVE':
      return 'done';
    case 'PENDING':
    case 'IN_PROGRESS':
      return 'wait';
    case 'FAILED':
    case 'UNSUPPORTED_IMAGE':
    case 'SCAN_ELIGIBILITY_EXPIRED':
    case 'FINDINGS_UNAVAILABLE':
    case 'LIMIT_EXCEEDED':
    case 'IMAGE_ARCHIVED':
      return 'stop';
    default: {
      const unhandled: never = known;
      void unhandled;
      // A status newer than this code (or none at all) says nothing we can trust.
      return 'stop';
    }
  }
}

/**
 * Delay before status check number `poll + 1` (poll ≥ 1), `elapsedMs` into the wait: 2 s, then
 * 2.5 s ± 10 % for the first minute (most basic scans finish within it, and the expected notice
 * delay is half a gap), then 4 s ± 10 %, so long enhanced scans in an account with many
 * pipelines do not crowd ECR's per-account request rate. At most one check every 2 s on average.
 */
export function pollDelayMs(poll: number, elapsedMs: number, random: () => number): number {
  if (poll <= 1) return 2_000;
  const gap = elapsedMs < 60_000 ? 2_500 : 4_000;
  return Math.round(gap * (0.9 + 0.2 * random()));
}

/** Re-read delays when an enhanced COMPLETE may have come before its findings. */
export const REREAD_DELAYS_MS = [3_000, 5_000, 8_000] as const;
export const START_GRACE_MAX_MS = 30_000;
/**
 * A call still unanswered this long after the deadline is abandoned. The SDK alone holds on for
 * 30 s a request over 6 attempts, so one hung connection would outlast a short scan-timeout
 * many times over.
 */
export const CALL_GRACE_MS = 5_000;
