// The report: detections, ignores, warnings, per-image results and the run's verdict, as every
// surface reads it (report/). What AWS answered and the engine's inputs are in model.ts, which
// re-exports these so one import serves both.
import type {
  Severity,
  RuleId,
  Level,
  GateResult,
  Mode,
  AffectedPackage,
  Finding,
  ScanType,
  PrincipalType,
  LookupStats,
  UploaderStatus,
} from './model.js';
/** Splunk risk event + the seed detections' row fields. */
export interface Detection {
  rule: RuleId;
  level: Level;
  /** Splunk-style severity word of the row (`medium` for the seed findings rule, `high` for uploads). */
  severity: string;
  riskScore: number;
  impact: number;
  confidence: number;
  message: string;
  ignored: boolean;
  ignoreReason?: string;
  /** Index into Report.images. */
  imageIndex: number;
  phase: 'release';
  firstTime: string;
  lastTime: string;
  // Finding rows (seed: AWS ECR Container Scanning Findings *)
  awsRegion?: string;
  eventName?: string;
  eventSource?: string;
  imageDigest?: string;
  repository?: string;
  user?: string;
  src_ip?: string;
  finding?: string;
  /** The finding(s) behind a finding row; every affected package. */
  findingId?: string;
  packages?: AffectedPackage[];
  cvss?: number;
  /** `UNTRIAGED` when Amazon Inspector said so: counted as undefined, shown as the scanner wrote it. */
  scannerSeverity?: 'UNTRIAGED';
  uri?: string;
  fixAvailable?: string;
  exploitAvailable?: string;
  // Upload rows (seed: AWS ECR Container Upload Unknown User)
  imageTag?: string;
  registryId?: string;
  image?: string;
  userName?: string;
  principal?: string;
  /** Free-form details: status for scan-incomplete, other pusher for tag-overwrite. */
  detail?: string;
  /** `compare-to`: whether this finding row is new against the reference image (src/rules/compare.ts). */
  compare?: CompareMark;
  /** false: an unchanged finding that adds no risk (`compare.unchanged` below `fail`). */
  countsRisk?: false;
}

/** `fixed` only describes reference findings, listed in ImageReport.compare. */
export type CompareMark = 'new' | 'unchanged';

/** A finding of the reference image that the gated image no longer has (report only). */
export interface FixedFinding {
  id: string;
  severity: Severity;
  /** Package names of the reference that carried it. */
  packages: string[];
  title?: string;
}

/** How one gated image was compared with the `compare-to` reference. */
export interface ImageComparison {
  /** `compared`; otherwise why not (every finding of the image then counts as new). */
  status: 'compared' | 'unreadable';
  /** The reference manifest compared with (the same platform when the reference is an index). */
  digest: string | null;
  reason: string | null;
  new: number;
  unchanged: number;
  fixed: FixedFinding[];
}

/** `compare-to` of the run (JSON `compareTo`). */
export interface CompareTo {
  reference: string;
  /** Digest the reference resolved to (its index digest for a multi-platform image), null when unresolved. */
  digest: string | null;
  /** `compared` when every gated image was compared; `unreadable` when none could be; else `partial`. */
  status: 'compared' | 'partial' | 'unreadable';
  /** Why the reference could not be read, when it could not. */
  reason: string | null;
  /** Level unchanged findings are capped at (policy `compare.unchanged`). */
  unchanged: Level;
}

export interface IgnoredFinding {
  imageIndex: number;
  findingId: string;
  package?: string;
  severity: Severity;
  reason: string;
  expires?: string;
  /** `policy` for ignore entries, `unfixed` for ignore-unfixed, `vex`, `trivyignore`. */
  by: 'policy' | 'unfixed' | 'vex' | 'trivyignore';
  /** Where the entry that ignored it was written (`file:line`, a VEX statement). */
  source?: string;
}

export interface ReportWarning {
  code:
    | 'ignore-stale'
    | 'ignore-expired'
    | 'truncated'
    | 'skipped'
    | 'no-baseline'
    | 'baseline-partial'
    | 'scan-start'
    | 'scan-settle'
    | 'scan-counts'
    | 'scan-note'
    | 'cross-account'
    | 'pr-comment'
    | 'compare-to'
    | 'other';
  message: string;
  /** The image it is about (`repo:tag@digest`), when it is about one. */
  image?: string;
}

export interface ImageReport {
  input: string;
  registryId: string;
  region: string;
  repository: string;
  imageDigest: string;
  imageTags: string[];
  pushedAt: string | null;
  platform?: string;
  indexDigest?: string;
  /** Present when `compare-to` is set. */
  compare?: ImageComparison;
  result: GateResult;
  riskScore: number;
  scan: {
    type: ScanType | null;
    status: string;
    description: string | null;
    completedAt: string | null;
    counts: Record<Lowercase<Severity>, number>;
    findings: Finding[];
  };
  uploader: {
    status: UploaderStatus;
    principal: string | null;
    type: PrincipalType | null;
    accountId: string | null;
    eventTime: string | null;
    eventId: string | null;
    userName: string | null;
    sessionName: string | null;
    reason: string | null;
    baseline: { days: number; principals: number; complete: boolean; reachesBack: string | null };
    lookup: LookupStats | null;
  };
}

import type { SweepReport } from './sweep-model.js';

export interface Report {
  schemaVersion: 2;
  tool: { name: 'ecr-risk-gate'; version: string };
  generatedAt: string;
  mode: Mode;
  result: GateResult;
  /** One line per reason the result is what it is (first: the deciding one). */
  reasons: string[];
  riskScore: number;
  riskThreshold: number | null;
  images: ImageReport[];
  detections: Detection[];
  ignored: IgnoredFinding[];
  warnings: ReportWarning[];
  /** Present when `compare-to` is set. */
  compareTo?: CompareTo;
  calls: { ecr: number; cloudtrail: number };
  durationMs: number;
  /** `uploader-status` of a run that could not be evaluated (it has no images to take it from). */
  uploaderStatus?: UploaderStatus;
  /** Set when the run could not be evaluated at all (denied access, unknown repository); result is then `fail`. */
  error: string | null;
  /** Sweep mode only (issue 15). */
  sweep?: SweepReport;
}
