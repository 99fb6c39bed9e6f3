// The engine's view of ECR (EcrPort). Clients, clock and randomness are injected so tests run on
// aws-sdk-client-mock with a fake clock and never really wait.
import type { ECRClient } from '@aws-sdk/client-ecr';
import type { ImageTarget, ResolvedImage, ScanOutcome } from '../model.js';
import type { EcrPort, ScanWaitOptions } from '../ports.js';
import { countingEcrCalls, type EcrCalls } from './ecr-calls.js';
import { resolveTarget } from './ecr-resolve.js';
import { waitForScanOf } from './scan-wait.js';

export interface EcrAdapterDeps {
  clientFor: (region: string) => ECRClient;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  random?: () => number;
  /** Account of the credentials in use, when known: sharpens cross-account messages. */
  callerAccountId?: string;
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

  constructor(private readonly deps: EcrAdapterDeps) {
    this.calls = countingEcrCalls(deps.clientFor);
    this.sleep = deps.sleep ?? abortableSleep;
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
  }

  resolve(target: ImageTarget, region: string): Promise<ResolvedImage[]> {
    return resolveTarget(this.calls, target, region);
  }

  waitForScan(image: ResolvedImage, options: ScanWaitOptions): Promise<ScanOutcome> {
    return waitForScanOf(
      {
        calls: this.calls,
        sleep: this.sleep,
        now: this.now,
        random: this.random,
        ...(this.deps.callerAccountId ? { callerAccountId: this.deps.callerAccountId } : {}),
      },
      image,
      options,
    );
  }

  callCount(): number {
    return this.calls.count();
  }
}
