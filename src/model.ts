// The domain model shared by every stage of the pipeline. Pure types only: no I/O, no SDK types,
// so rules, gate and renderers are tested on plain objects.

export const SEVERITIES = [
  'CRITICAL',
  'HIGH',
  'MEDIUM',
  'LOW',
  'INFORMATIONAL',
  'UNDEFINED',
] as const;
export type Severity = (typeof SEVERITIES)[number];

export const RULE_IDS = [
  'critical',
  'high',
  'medium',
  'low',
  'informational',
  'undefined',
  'exploitable',
  'unknown-uploader',
  'tag-overwrite',
  'cross-account-uploader',
  'unverified-uploader',
  'outside-business-hours',
  'scan-incomplete',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const LEVELS = ['fail', 'warn', 'notice', 'off'] as const;
export type Level = (typeof LEVELS)[number];

export type GateResult = 'pass' | 'warn' | 'fail';
export type Mode = 'enforce' | 'audit';

/** An image as the user named it, before any AWS call. */
export interface ImageTarget {
  /** The text as given (one line of `image`, or built from `repository`/`image-tag`/...). */
  raw: string;
  repository: string;
  registryId?: string;
  region?: string;
  tag?: string;
  digest?: string;
  /** The host was a FIPS registry host (`dkr.ecr-fips`): API calls go to FIPS endpoints too. */
  fips?: true;
}

/** One gated manifest: a single-platform image, or one platform of an image index. */
export interface ResolvedImage {
  target: ImageTarget;
  registryId: string;
  region: string;
  repository: string;
  imageDigest: string;
  imageTags: string[];
  pushedAt?: Date;
  manifestMediaType?: string;
  /** `os/architecture[/variant]` when this manifest came from an index. */
  platform?: string;
  /** Digest of the index this manifest belongs to. */
  indexDigest?: string;
  /** When the index was pushed: CloudTrail attributes the push of the index, not its children. */
  indexPushedAt?: Date;
  /**
   * Set when the target named both a tag and a digest and the tag now points at this other
   * (index or manifest) digest: the tag was overwritten after the gated push.
   */
  tagMovedTo?: string;
  /**
   * Why this index entry could not be gated (a digest that is not valid, one ECR cannot
   * describe): its scan is reported as not usable, naming the entry, and the gate fails closed.
   */
  notGated?: string;
  /** Attestation manifests of the index left out for this platform (they hold no packages). */
  attestations?: string[];
  /** Every tag the user named for this manifest when several references reached it. */
  gatedTags?: string[];
}

export interface AffectedPackage {
  name: string;
  version?: string;
  fixedInVersion?: string;
  packageManager?: string;
  filePath?: string;
}

/** Basic and enhanced findings normalised into one shape. */
export interface Finding {
  /** CVE id (or the scanner's name for the finding). */
  id: string;
  /** Seed SPL grouping key source: `name`. Equal to `id` for basic scans. */
  name: string;
  description: string;
  /** Normalised: enhanced UNTRIAGED becomes UNDEFINED. */
  severity: Severity;
  /** Severity exactly as the scanner sent it. */
  scannerSeverity: string;
  uri?: string;
  cvss?: { score: number; vector?: string; version?: string };
  packages: AffectedPackage[];
  fixAvailable?: 'YES' | 'NO' | 'PARTIAL';
  exploitAvailable?: 'YES' | 'NO';
  /** Inspector score (enhanced) when present. */
  inspectorScore?: number;
  title?: string;
  source: 'basic' | 'enhanced';
}

export type ScanType = 'BASIC' | 'ENHANCED';

export interface ScanOutcome {
  type: ScanType;
  /** Last status seen (COMPLETE, ACTIVE, FAILED, ..., or TIMEOUT / NOT_FOUND when we gave up). */
  status: string;
  description?: string;
  /** true when findings are trustworthy (COMPLETE or ACTIVE). */
  usable: boolean;
  completedAt?: Date;
  vulnerabilitySourceUpdatedAt?: Date;
  findings: Finding[];
  /** API calls this wait made, for the report and the benchmark. */
  calls: number;
  /** Things worth telling the user that did not stop the wait (e.g. StartImageScan refused). */
  notes?: string[];
}

export type PrincipalType =
  | 'IAMUser'
  | 'AssumedRole'
  | 'Root'
  | 'FederatedUser'
  | 'AWSService'
  | 'AWSAccount'
  | 'IdentityCenterUser'
  | 'WebIdentityUser'
  | 'SAMLUser'
  | 'Unknown';

/** A stable identity of whoever made a call (never the per-run session name). */
export interface Principal {
  /** What known-uploaders and the baseline match on: role ARN, user ARN, root ARN, service name. */
  key: string;
  type: PrincipalType;
  arn?: string;
  accountId?: string;
  /** Human name: user name, role name, service. */
  name: string;
  /** Session name of an assumed role, kept for display only. */
  sessionName?: string;
  /** `arn:…:sts::…:assumed-role/ROLE/SESSION`: what a session-ARN known-uploaders entry matches. */
  sessionArn?: string;
  partition?: string;
}

/** One PutImage as CloudTrail recorded it. */
export interface PushEvent {
  eventId: string;
  eventTime: Date;
  region: string;
  registryId: string;
  repository: string;
  tag?: string;
  digest?: string;
  principal: Principal;
  /** `userIdentity.userName` or the session issuer's user name, as Splunk's `userName`. */
  userName: string;
  sourceIp: string;
  userAgent?: string;
}

export interface LookupStats {
  strategy: string;
  calls: number;
  pages: number;
  events: number;
  malformed: number;
  throttled: number;
}

/** What CloudTrail told us about one image (or why it could not). */
export interface UploaderEvidence {
  state: 'found' | 'not-found' | 'error' | 'skipped';
  /** Why the state is not `found`, in words a user can act on. */
  reason?: string;
  /** The push of the gated digest. */
  push?: PushEvent;
  /** Pushes of the gated tag after `push` (possible overwrites). */
  tagPushes: PushEvent[];
  /** Earlier pushes to the same repository within the baseline window. */
  history: PushEvent[];
  /** False when the page bound was hit before the window's start. */
  historyComplete: boolean;
  historyReachesBack?: Date;
  /**
   * Set when the push was found but the reads around it (baseline, later pushes of the tag)
   * failed: which read, and why. The uploader is then unverified, never `no-baseline`.
   */
  historyError?: string;
  /** Current digest the gated tag points at, when known (tag overwrite by digest change). */
  tagNowPointsAt?: string;
  stats: LookupStats;
}

export type UploaderStatus =
  'known' | 'seen' | 'unknown' | 'no-baseline' | 'unverified' | 'skipped';

// The report's types (detections, images, the verdict) and sweep mode's (issue 15) live in their
// own modules.
export type {
  Detection,
  CompareMark,
  FixedFinding,
  ImageComparison,
  CompareTo,
  IgnoredFinding,
  ReportWarning,
  ImageReport,
  Report,
} from './report-model.js';
export type { SweepReport, UploadRow } from './sweep-model.js';
