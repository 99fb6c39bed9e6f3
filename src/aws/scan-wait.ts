// Our own wait for a usable scan. Not the SDK waiter: it treats ACTIVE (enhanced scanning's
// "done") and every error as "retry", so under enhanced scanning it can only time out.
import type { ScanStatus } from '@aws-sdk/client-ecr';
import type { ResolvedImage, ScanOutcome, ScanType } from '../model.js';
import type { ScanWaitOptions } from '../ports.js';
import {
  awsErrorName,
  describeAwsError,
  isRetryableAwsError,
  translateAwsError,
  type AwsErrorContext,
} from './aws-errors.js';
import { PAGE_SIZE, readScan, sameFindings, type ScanRead } from './scan-read.js';
import type { EcrCalls } from './ecr-calls.js';

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

export interface WaitClock {
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
  random: () => number;
  /** A signal that aborts after `ms` of real time; default `AbortSignal.timeout`. */
  expireAfter?: (ms: number) => AbortSignal;
}

export interface WaitDeps extends WaitClock {
  calls: EcrCalls;
  /** Account of the credentials in use, when the caller knows it (cross-account hints). */
  callerAccountId?: string;
}

function label(image: ResolvedImage): string {
  return image.platform ? `${image.target.raw} (${image.platform})` : image.target.raw;
}

function secondsText(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

/** Why StartImageScan was refused, as a note; never an error. */
function startRefusal(error: unknown): { note: string; enhanced: boolean } {
  const name = awsErrorName(error) ?? 'Error';
  const detail = describeAwsError(error);
  switch (name) {
    case 'LimitExceededException':
      return {
        note: `StartImageScan was refused: ECR allows one manual scan per image per 24 hours (${detail}).`,
        enhanced: false,
      };
    case 'UnsupportedImageTypeException':
      return {
        note: `StartImageScan was refused: ECR cannot scan this image type (${detail}).`,
        enhanced: false,
      };
    case 'ValidationException':
      return {
        note:
          `StartImageScan was refused, as ECR does under enhanced scanning, where Amazon Inspector ` +
          `starts scans itself (${detail}).`,
        enhanced: true,
      };
    case 'AccessDeniedException':
      return {
        note: `StartImageScan was not allowed (ecr:StartImageScan is optional; ${detail}).`,
        enhanced: false,
      };
    default:
      return { note: `StartImageScan failed (${detail}).`, enhanced: false };
  }
}

class ScanWait {
  private readonly start: number;
  private readonly deadline: number;
  private readonly notes: string[] = [];
  private readonly context: AwsErrorContext;
  /** Aborts calls still in flight CALL_GRACE_MS after the deadline. */
  private readonly expired: AbortSignal;
  /** The caller's signal or the expiry, whichever comes first. */
  private readonly signal: AbortSignal;
  private calls = 0;
  private polls = 0;
  private lastStatus: string | undefined;
  private lastError: string | undefined;
  private sawOnlyNotFound = true;
  private startTried = false;
  private typeHint: ScanType | undefined;

  constructor(
    private readonly deps: WaitDeps,
    private readonly image: ResolvedImage,
    private readonly options: ScanWaitOptions,
  ) {
    this.start = deps.now();
    this.deadline = this.start + Math.max(0, options.timeoutMs);
    const expireAfter = deps.expireAfter ?? ((ms: number) => AbortSignal.timeout(ms));
    this.expired = expireAfter(Math.max(0, options.timeoutMs) + CALL_GRACE_MS);
    this.signal = options.signal ? AbortSignal.any([options.signal, this.expired]) : this.expired;
    this.context = {
      service: 'ecr',
      operation: 'DescribeImageScanFindings',
      region: image.region,
      repository: image.repository,
      imageDigest: image.imageDigest,
    };
    if (image.registryId) this.context.registryId = image.registryId;
    if (deps.callerAccountId) this.context.callerAccountId = deps.callerAccountId;
  }

  private base() {
    return {
      repositoryName: this.image.repository,
      imageId: { imageDigest: this.image.imageDigest },
      ...(this.image.registryId ? { registryId: this.image.registryId } : {}),
    };
  }

  private fetchPage = (nextToken: string | undefined) => {
    this.calls += 1;
    return this.deps.calls.describeImageScanFindings(
      this.image.region,
      { ...this.base(), maxResults: PAGE_SIZE, ...(nextToken ? { nextToken } : {}) },
      this.signal,
    );
  };

  private progress(waitingFor: string, final = false): void {
    this.options.onProgress?.({
      image: label(this.image),
      phase: 'scan',
      waitingFor,
      elapsedMs: this.deps.now() - this.start,
      ...(final ? { final } : {}),
    });
  }

  private outcome(
    fields: Omit<ScanOutcome, 'calls' | 'type' | 'findings'> & Partial<ScanOutcome>,
  ): ScanOutcome {
    const outcome: ScanOutcome = {
      type: this.typeHint ?? 'BASIC',
      findings: [],
      ...fields,
      calls: this.calls,
    };
    if (this.notes.length > 0) outcome.notes = [...this.notes];
    return outcome;
  }

  private fromRead(read: ScanRead, usable: boolean): ScanOutcome {
    const outcome = this.outcome({
      status: read.status ?? 'UNKNOWN',
      usable,
      findings: read.findings,
      ...(read.type ? { type: read.type } : {}),
    });
    const description =
      read.description ?? (read.status === undefined ? 'ECR returned no scan status.' : undefined);
    if (description) outcome.description = description;
    if (read.completedAt) outcome.completedAt = read.completedAt;
    if (read.vulnerabilitySourceUpdatedAt)
      outcome.vulnerabilitySourceUpdatedAt = read.vulnerabilitySourceUpdatedAt;
    return outcome;
  }

  private cancelled(): ScanOutcome {
    return this.outcome({
      status: 'CANCELLED',
      usable: false,
      description: `The wait for the scan was cancelled after ${secondsText(this.deps.now() - this.start)}.`,
    });
  }

  private timedOut(): ScanOutcome {
    const waited = secondsText(this.deps.now() - this.start);
    const checks = `${this.polls} status check${this.polls === 1 ? '' : 's'}`;
    const lastError = this.lastError ? `; last error: ${this.lastError}` : '';
    if (this.sawOnlyNotFound) {
      return this.outcome({
        status: 'NOT_FOUND',
        usable: false,
        description:
          `No scan of this image appeared within ${waited} (${checks}, ECR answered ` +
          `ScanNotFound every time). Check that scan on push or enhanced scanning covers this ` +
          `repository.${this.crossAccountHint()}`,
      });
    }
    return this.outcome({
      status: 'TIMEOUT',
      usable: false,
      description:
        `No usable scan result within ${waited} (${checks}); last status ` +
        `${this.lastStatus ?? 'none seen'}${lastError}.`,
    });
  }

  /** The deadline passed with a call still in flight (or before one could be made). */
  private abandoned(): ScanOutcome {
    this.lastError = `a DescribeImageScanFindings call was still unanswered ${secondsText(CALL_GRACE_MS)} after the deadline and was abandoned`;
    this.sawOnlyNotFound = false;
    return this.timedOut();
  }

  private crossAccountHint(): string {
    const registry = this.image.registryId;
    const caller = this.deps.callerAccountId;
    if (!registry || caller === registry) return '';
    const who = caller ? `the caller's account ${caller}` : 'the account of these credentials';
    return (
      ` If registry ${registry} is not ${who} and uses enhanced scanning, note that Amazon ` +
      `Inspector findings are not readable cross-account: ECR answers ScanNotFound.`
    );
  }

  private async tryStartScan(): Promise<void> {
    this.startTried = true;
    try {
      this.calls += 1;
      await this.deps.calls.startImageScan(
        this.image.region,
        {
          repositoryName: this.image.repository,
          imageId: { imageDigest: this.image.imageDigest },
          ...(this.image.registryId ? { registryId: this.image.registryId } : {}),
        },
        this.signal,
      );
      this.typeHint ??= 'BASIC';
      this.notes.push(
        `No scan existed after ${secondsText(this.deps.now() - this.start)}; started a basic scan with StartImageScan.`,
      );
    } catch (error) {
      const refusal = startRefusal(error);
      if (refusal.enhanced) this.typeHint ??= 'ENHANCED';
      this.notes.push(refusal.note);
    }
  }

  /** Enhanced COMPLETE may precede its findings: re-read until two reads agree (bounded). */
  private async settle(first: ScanRead): Promise<ScanRead> {
    const counted = first.firstPageCountSum ?? 0;
    const suspicious =
      (first.findings.length === 0 && first.type !== 'BASIC') || counted > first.findings.length;
    if (!suspicious) return first;
    let previous = first;
    for (const delay of REREAD_DELAYS_MS) {
      const remaining = this.deadline - this.deps.now();
      if (remaining <= 0 || this.signal.aborted) {
        this.notes.push('Findings were not confirmed by a second read before the deadline.');
        return previous;
      }
      await this.deps.sleep(Math.min(delay, remaining), this.signal);
      let next: ScanRead;
      try {
        next = await readScan(this.fetchPage, (status) => dispositionOf(status) === 'done');
      } catch (error) {
        if (this.signal.aborted) {
          if (this.expired.aborted) {
            this.notes.push('Findings were not confirmed by a second read before the deadline.');
          }
          return previous;
        }
        const vanished = awsErrorName(error) === 'ScanNotFoundException';
        if (!vanished && !isRetryableAwsError(error)) throw translateAwsError(error, this.context);
        this.notes.push(
          `Confirming read failed (${describeAwsError(error)}); using the first read.`,
        );
        return previous;
      }
      if (dispositionOf(next.status) === 'done' && sameFindings(previous, next)) return next;
      if (dispositionOf(next.status) === 'done') previous = next;
    }
    this.notes.push(
      `Findings were still changing after ${REREAD_DELAYS_MS.length} re-reads; the last read is used.`,
    );
    return previous;
  }

  private finish(read: ScanRead): ScanOutcome {
    const counted = read.firstPageCountSum ?? 0;
    if (read.incomplete) {
      return this.fromRead(
        {
          ...read,
          status: 'FINDINGS_INCOMPLETE',
          description: `Findings could not all be read: ${read.incomplete}.`,
        },
        false,
      );
    }
    if (counted > read.findings.length) {
      this.notes.push(
        `ECR's findingSeverityCounts sum to ${counted} but ${read.findings.length} findings were returned; counts come from the findings.`,
      );
    }
    return this.fromRead(read, true);
  }

  async run(): Promise<ScanOutcome> {
    const grace = Math.min(START_GRACE_MAX_MS, this.options.timeoutMs / 3);
    for (;;) {
      if (this.options.signal?.aborted) return this.cancelled();
      // Only after a stalled sleep: what the polls saw so far stands.
      if (this.expired.aborted) return this.polls === 0 ? this.abandoned() : this.timedOut();
      this.polls += 1;
      let waitingFor: string;
      let notFound = false;
      try {
        const read = await readScan(this.fetchPage, (status) => dispositionOf(status) === 'done');
        this.sawOnlyNotFound = false;
        this.lastError = undefined;
        this.lastStatus = read.status ?? 'UNKNOWN';
        if (read.type) this.typeHint = read.type;
        else if (read.status === 'ACTIVE' || read.status === 'SCAN_ELIGIBILITY_EXPIRED')
          this.typeHint = 'ENHANCED';
        switch (dispositionOf(read.status)) {
          case 'done':
            this.progress(`scan ${this.lastStatus}`, true);
            return this.finish(await this.settle(read));
          case 'stop':
            this.progress(`scan ${this.lastStatus}`, true);
            return this.fromRead(read, false);
          case 'wait':
            waitingFor = `scan ${this.lastStatus}`;
            break;
        }
      } catch (error) {
        if (this.options.signal?.aborted) return this.cancelled();
        if (this.expired.aborted) return this.abandoned();
        if (awsErrorName(error) === 'ScanNotFoundException') {
          notFound = true;
          waitingFor = 'scan to start (ScanNotFound)';
        } else if (isRetryableAwsError(error)) {
          // The SDK already retried this call; keep polling until the deadline instead of dying.
          this.lastError = describeAwsError(error);
          this.sawOnlyNotFound = false;
          waitingFor = `scan (retrying after ${awsErrorName(error) ?? 'error'})`;
        } else {
          throw translateAwsError(error, this.context);
        }
      }
      this.progress(waitingFor);

      if (notFound && !this.startTried && this.deps.now() - this.start >= grace) {
        await this.tryStartScan();
      }
      const remaining = this.deadline - this.deps.now();
      if (remaining <= 0) return this.timedOut();
      await this.deps.sleep(
        Math.min(
          pollDelayMs(this.polls, this.deps.now() - this.start, this.deps.random),
          remaining,
        ),
        this.signal,
      );
    }
  }
}

/** Waits for a usable scan of `image` and reads all its findings; throws only for user errors. */
export function waitForScanOf(
  deps: WaitDeps,
  image: ResolvedImage,
  options: ScanWaitOptions,
): Promise<ScanOutcome> {
  return new ScanWait(deps, image, options).run();
}
