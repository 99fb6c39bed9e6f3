import type {
  ImageTarget,
  PushEvent,
  ResolvedImage,
  ScanOutcome,
  UploaderEvidence,
} from './model.js';

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
  resolve(
    target: ImageTarget,
    region: string,
    options?: ResolveCallOptions,
  ): Promise<ResolvedImage[]>;
  /** Waits (bounded by timeoutMs) for a usable scan and reads every finding. Never throws for scan states. */
  waitForScan(image: ResolvedImage, options: ScanWaitOptions): Promise<ScanOutcome>;
  /** Calls made so far. */
  callCount(): number;
}

export interface ResolveCallOptions {
  /**
   * The image's scan is waited for next: ask page one of it beside the resolve, so a finished
   * scan costs one round trip less (aws/scan-pages.ts). One more call when it cannot be used.
   */
  readScanEarly?: boolean;
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

/** One region's read of a sweep window (issue 15). */
export interface SweepRead {
  region: string;
  /** Successful PutImage pushes of `ecr.amazonaws.com` (failed calls are not pushes). */
  pushes: PushEvent[];
  /** False when the read failed or was cut short: the sweep is then never `pass`. */
  complete: boolean;
  /** What is missing and why, when not complete. */
  error?: string;
  pages: number;
  calls: number;
  malformed: number;
}

/** Every push of an account in a window, per region. Implemented by `aws/cloudtrail-sweep.ts`. */
export interface SweepPort {
  /** Never throws: a failed or cut-short read comes back with `complete: false` and why. */
  readPushes(region: string, start: Date, end: Date, options: SweepReadOptions): Promise<SweepRead>;
  /**
   * Pushes to `first`'s repository in the `historyDays` before it (the first-seen baseline),
   * `first` being a push `readPushes` returned. Never throws.
   */
  readBaseline(
    first: PushEvent,
    historyDays: number,
    options: SweepReadOptions,
  ): Promise<BaselineRead>;
  callCount(): number;
}

export interface BaselineRead {
  pushes: PushEvent[];
  /** False when the page bound ended the read before the baseline's start. */
  complete: boolean;
  /** Set when the read failed: the baseline is then unknown. */
  error?: string;
}

export interface SweepReadOptions {
  /** Bounds the whole read of this region. */
  timeoutMs: number;
  /** Page bound (50 events each); reaching it with more to read makes the read incomplete. */
  maxPages?: number;
  signal?: AbortSignal;
  /** Each page's pushes as they arrive, so the scans are waited for while the read goes on. */
  onPushes?: (pushes: readonly PushEvent[]) => void;
}
