// Our own wait for a usable scan. Not the SDK waiter: it treats ACTIVE (enhanced scanning's
// "done") and every error as "retry", so under enhanced scanning it can only time out.
import type { ResolvedImage, ScanOutcome, ScanType } from '../model.js';
import type { ScanWaitOptions } from '../ports.js';
import {
  awsErrorName,
  describeAwsError,
  isRetryableAwsError,
  type AwsErrorContext,
} from './aws-errors.js';
import { translateAwsError } from './aws-error-text.js';
import type { EcrCalls } from './ecr-calls.js';
import type { ScanRead } from './scan-read.js';
import { ScanPages, type EarlyPage } from './scan-pages.js';
import { DEFAULT_SETTLE_MS, settle, settledRead, type SettleContext } from './scan-settle.js';
import { startScan } from './scan-start.js';
import { CALL_GRACE_MS, START_GRACE_MAX_MS, dispositionOf, pollDelayMs } from './scan-status.js';
import { attestationNote, notGatedOutcome, secondsText, timedOutFields } from './scan-messages.js';
import { AskedEarly, type RegistryScanType } from './scan-type.js';

export { pollDelayMs } from './scan-status.js';

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
  /** The registry's scan type (cached per run by the caller); absent: unknown. */
  scanType?: (image: ResolvedImage, signal: AbortSignal) => Promise<RegistryScanType>;
  /** False when scan-timeout is 0: the user asked for no wait, so no scan is started. */
  mayStartScan?: boolean;
}

function label(image: ResolvedImage): string {
  return image.platform ? `${image.target.raw} (${image.platform})` : image.target.raw;
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
  private readonly pages: ScanPages;
  private readonly registryTypeAsked: AskedEarly<RegistryScanType>;

  constructor(
    private readonly deps: WaitDeps,
    private readonly image: ResolvedImage,
    private readonly options: ScanWaitOptions,
    early?: EarlyPage,
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
    // Asked when the wait starts, beside the first read, not after it: a finished scan then
    // costs one round trip, not two (issue 13). Cached per region; never rejects (scan-type.ts).
    this.registryTypeAsked = new AskedEarly(
      deps.scanType ? () => deps.scanType?.(image, this.signal) : undefined,
    );
    this.pages = new ScanPages(deps.calls, image, this.signal, () => (this.calls += 1), early);
    const attested = attestationNote(image);
    if (attested) this.notes.push(attested);
  }

  private read(): Promise<ScanRead> {
    return this.pages.read((status) => dispositionOf(status) === 'done');
  }

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
    return this.outcome(
      timedOutFields({
        waitedMs: this.deps.now() - this.start,
        polls: this.polls,
        lastStatus: this.lastStatus,
        lastError: this.lastError,
        sawOnlyNotFound: this.sawOnlyNotFound,
        registryId: this.image.registryId,
        callerAccountId: this.deps.callerAccountId,
      }),
    );
  }

  /** The deadline passed with a call still in flight (or before one could be made). */
  private abandoned(): ScanOutcome {
    this.lastError = `a DescribeImageScanFindings call was still unanswered ${secondsText(CALL_GRACE_MS)} after the deadline and was abandoned`;
    this.sawOnlyNotFound = false;
    return this.timedOut();
  }

  private async tryStartScan(): Promise<void> {
    this.startTried = true;
    this.calls += 1;
    const result = await startScan(
      this.deps.calls,
      {
        region: this.image.region,
        repositoryName: this.image.repository,
        imageDigest: this.image.imageDigest,
        ...(this.image.registryId ? { registryId: this.image.registryId } : {}),
      },
      secondsText(this.deps.now() - this.start),
      this.signal,
    );
    if (result.type) this.typeHint ??= result.type;
    this.notes.push(result.note);
  }

  private settleContext(): SettleContext {
    return {
      reread: async () => {
        try {
          return await this.read();
        } catch (error) {
          if (this.signal.aborted) {
            if (this.expired.aborted) {
              this.notes.push('Findings were not confirmed by a second read before the deadline.');
            }
            return undefined;
          }
          const vanished = awsErrorName(error) === 'ScanNotFoundException';
          if (!vanished && !isRetryableAwsError(error))
            throw translateAwsError(error, this.context);
          this.notes.push(`Confirming read failed (${describeAwsError(error)}).`);
          return undefined;
        }
      },
      isDone: (read) => dispositionOf(read.status) === 'done' && !read.malformed,
      sleep: (ms) => this.deps.sleep(ms, this.signal),
      now: this.deps.now,
      deadline: this.deadline,
      aborted: () => this.signal.aborted,
      note: (text) => this.notes.push(text),
    };
  }

  private async registryType(): Promise<ScanType | undefined> {
    const known = await this.registryTypeAsked.answer();
    if (known?.note) this.notes.push(known.note);
    return known?.type;
  }

  private async finish(first: ScanRead): Promise<ScanOutcome> {
    const doneAt = this.deps.now();
    const registryType = await this.registryType();
    const settled = await settle(
      this.settleContext(),
      first,
      registryType,
      Math.max(0, this.options.settleMs ?? DEFAULT_SETTLE_MS),
      doneAt,
    );
    const final = settledRead(settled);
    if (final.note) this.notes.push(final.note);
    // Enhanced findings prove the type; an empty basic-shaped list does not (aws/aws-sdk#289).
    const type = final.read.type === 'ENHANCED' ? 'ENHANCED' : (registryType ?? final.read.type);
    return this.fromRead(type ? { ...final.read, type } : final.read, final.usable);
  }

  async run(): Promise<ScanOutcome> {
    const grace = Math.min(START_GRACE_MAX_MS, this.options.timeoutMs / 3);
    this.registryTypeAsked.ask();
    for (;;) {
      if (this.options.signal?.aborted) return this.cancelled();
      // Only after a stalled sleep: what the polls saw so far stands.
      if (this.expired.aborted) return this.polls === 0 ? this.abandoned() : this.timedOut();
      this.polls += 1;
      let waitingFor: string;
      let notFound = false;
      try {
        const read = await this.read();
        this.sawOnlyNotFound = false;
        this.lastError = undefined;
        this.lastStatus = read.status ?? 'UNKNOWN';
        if (read.type) this.typeHint = read.type;
        else if (read.status === 'ACTIVE' || read.status === 'SCAN_ELIGIBILITY_EXPIRED')
          this.typeHint = 'ENHANCED';
        const disposition = dispositionOf(read.status);
        if (disposition === 'done' && read.malformed) {
          // Not "no findings": a broken answer. Ask again; at the deadline it is named.
          this.lastStatus = `${this.lastStatus} with ${read.malformed}`;
          waitingFor = `findings (ECR answered ${this.lastStatus})`;
        } else if (disposition === 'done') {
          this.progress(`scan ${this.lastStatus}`, true);
          return await this.finish(read);
        } else if (disposition === 'stop') {
          this.progress(`scan ${this.lastStatus}`, true);
          return this.fromRead(read, false);
        } else {
          waitingFor = `scan ${this.lastStatus}`;
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

      const mayStart = this.deps.mayStartScan !== false && this.options.timeoutMs > 0;
      if (notFound && mayStart && !this.startTried && this.deps.now() - this.start >= grace) {
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
  /** Page one, asked beside DescribeImages (scan-pages.ts); used only if it describes `image`. */
  early?: EarlyPage,
): Promise<ScanOutcome> {
  if (image.notGated) return Promise.resolve(notGatedOutcome(image.notGated));
  return new ScanWait(deps, image, options, early).run();
}
