import type { ImageTarget, ResolvedImage, ScanOutcome, UploaderEvidence } from './model.js';

/** Progress of a long wait, for logs and the CLI's live line. */
export interface ProgressEvent {
  image: string;
  phase: 'scan' | 'uploader';
  /** What we are waiting for, e.g. `scan IN_PROGRESS` or `PutImage event in CloudTrail`. */
  waitingFor: string;
  elapsedMs: number;
  /** The wait is over and `waitingFor` is the state it ended in (`scan COMPLETE`): not "waiting". */
  final?: boolean;
}

export type ProgressSink = (event: ProgressEvent) => void;

/** Everything the engine needs from ECR. Implemented by `aws/ecr.ts`; tests pass fakes. */
export interface EcrPort {
  /**
   * Resolves a tag or digest to the manifests to gate: one for a single-platform image, one per
   * platform (attestations excluded) for an image index.
   */
  resolve(target: ImageTarget, region: string): Promise<ResolvedImage[]>;
  /** Waits (bounded by timeoutMs) for a usable scan and reads every finding. Never throws for scan states. */
  waitForScan(image: ResolvedImage, options: ScanWaitOptions): Promise<ScanOutcome>;
  /** Calls made so far. */
  callCount(): number;
}

export interface ScanWaitOptions {
  timeoutMs: number;
  /** scan-settle-seconds in ms: how long zero findings of a (maybe) enhanced scan are re-checked. */
  settleMs?: number;
  onProgress?: ProgressSink;
  signal?: AbortSignal;
}

/** Everything the engine needs from CloudTrail. Implemented by `aws/cloudtrail.ts`. */
export interface UploaderPort {
  investigate(image: ResolvedImage, options: UploaderLookupOptions): Promise<UploaderEvidence>;
  callCount(): number;
}

export interface UploaderLookupOptions {
  timeoutMs: number;
  /** 0 = no baseline lookup. */
  historyDays: number;
  onProgress?: ProgressSink;
  signal?: AbortSignal;
}
