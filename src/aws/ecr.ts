// The engine's view of ECR (EcrPort). Clients, clock and randomness are injected so tests run on
// aws-sdk-client-mock with a fake clock and never really wait.
import type { ECRClient } from '@aws-sdk/client-ecr';
import type { ImageTarget, ResolvedImage, ScanOutcome } from '../model.js';
import type { EcrPort, ResolveCallOptions, ScanWaitOptions } from '../ports.js';
import { countingEcrCalls, type EcrCalls } from './ecr-calls.js';
import { RESOLVE_TIMEOUT_MS, resolveTarget } from './ecr-resolve.js';
import { EarlyPages } from './scan-pages.js';
import { registryScanTypes, type ScanTypeLookup } from './scan-type.js';
import { waitForScanOf } from './scan-wait.js';

export interface EcrAdapterDeps {
  clientFor: (region: string) => ECRClient;
  /** Client for StartImageScan alone, built with one attempt (see ecr-calls.ts). */
  startClientFor?: (region: string) => ECRClient;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  random?: () => number;
  /** Account of the credentials in use, when known: sharpens cross-account messages. */
  callerAccountId?: string;
  /** Deadline of resolving one image (DescribeImages + BatchGetImage); default RESOLVE_TIMEOUT_MS. */
  resolveTimeoutMs?: number;
}

/** setTimeout that ends early (without throwing) when the signal aborts; callers check the signal. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });
}

export class EcrAdapter implements EcrPort {
  private readonly calls: EcrCalls;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly scanTypes: ScanTypeLookup;
  /**
   * scan-timeout bounds the step's scan waiting, not each manifest (issue 19 §3): the first wait
   * fixes the deadline and every later one (platforms of an index, other images) gets what is left.
   */
  private scanDeadline: number | undefined;
  private readonly early: EarlyPages;

  constructor(private readonly deps: EcrAdapterDeps) {
    this.calls = countingEcrCalls(deps.clientFor, deps.startClientFor);
    this.sleep = deps.sleep ?? abortableSleep;
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.scanTypes = registryScanTypes(this.calls);
    this.early = new EarlyPages(this.calls);
  }

  async resolve(
    target: ImageTarget,
    region: string,
    options: ResolveCallOptions = {},
  ): Promise<ResolvedImage[]> {
    const timeoutMs = this.deps.resolveTimeoutMs ?? RESOLVE_TIMEOUT_MS;
    // Page one of the scan goes out with DescribeImages, not after it (scan-pages.ts).
    const early = options.readScanEarly
      ? this.early.ask(target, target.region ?? region, timeoutMs)
      : undefined;
    // So is the registry's scan type, which the wait needs once the scan is done (cached per
    // region; the lookup never rejects).
    if (early) void this.scanTypes(target.region ?? region, target.registryId);
    const images = await resolveTarget(this.calls, target, region, { timeoutMs });
    if (early) this.early.keep(early, images);
    return images;
  }

  waitForScan(image: ResolvedImage, options: ScanWaitOptions): Promise<ScanOutcome> {
    const configured = Math.max(0, options.timeoutMs);
    this.scanDeadline ??= this.now() + configured;
    const left = Math.max(0, Math.min(configured, this.scanDeadline - this.now()));
    return waitForScanOf(
      {
        calls: this.calls,
        sleep: this.sleep,
        now: this.now,
        random: this.random,
        scanType: (img, signal) => this.scanTypes(img.region, img.registryId || undefined, signal),
        mayStartScan: configured > 0,
        ...(this.deps.callerAccountId ? { callerAccountId: this.deps.callerAccountId } : {}),
      },
      image,
      { ...options, timeoutMs: left },
      this.early.take(image),
    );
  }

  callCount(): number {
    return this.calls.count();
  }
}
