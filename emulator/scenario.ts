/**
 * The scenario an emulator serves: plain JSON data, so a scenario built in code can be written to
 * a file and served by `emulator/cli.ts`. Times written as {@link Time}; durations in ms are
 * measured from the moment the emulator started (or was reset). Read a JSON file with
 * `loadScenario` from `./load.ts` (also exported by `./index.ts`).
 */

import type { DelaySpec } from './delays.js';
import type { CloudTrailSpec } from './scenario-cloudtrail.js';

/** Epoch seconds (may be fractional) or an ISO-8601 string. */
export type Time = number | string;

export type ScanType = 'BASIC' | 'ENHANCED';

export const SCAN_STATUSES = [
  'ACTIVE',
  'COMPLETE',
  'FAILED',
  'FINDINGS_UNAVAILABLE',
  'IMAGE_ARCHIVED',
  'IN_PROGRESS',
  'LIMIT_EXCEEDED',
  'PENDING',
  'SCAN_ELIGIBILITY_EXPIRED',
  'UNSUPPORTED_IMAGE',
] as const;
export type ScanStatus = (typeof SCAN_STATUSES)[number];

/** `NOT_FOUND`: while this step lasts, DescribeImageScanFindings answers ScanNotFoundException. */
export type ScanStepStatus = ScanStatus | 'NOT_FOUND';

export interface ScanStep {
  status: ScanStepStatus;
  /** How long this step lasts. The last step lasts forever whatever it says. */
  forMs?: number;
  /** `imageScanStatus.description`; a realistic default per status otherwise. */
  description?: string;
}

export const BASIC_SEVERITIES = [
  'CRITICAL',
  'HIGH',
  'MEDIUM',
  'LOW',
  'INFORMATIONAL',
  'UNDEFINED',
] as const;
export type BasicSeverity = (typeof BASIC_SEVERITIES)[number];

export const ENHANCED_SEVERITIES = [
  'CRITICAL',
  'HIGH',
  'MEDIUM',
  'LOW',
  'INFORMATIONAL',
  'UNTRIAGED',
] as const;
export type EnhancedSeverity = (typeof ENHANCED_SEVERITIES)[number];

/**
 * `findingSeverityCounts` in DescribeImageScanFindings: counts of the page served, of the whole
 * scan, or absent. Defaults: `whole` for BASIC, `per-page` for ENHANCED.
 */
export type SeverityCountsMode = 'per-page' | 'whole' | 'none';

export interface BasicFinding {
  name: string;
  description?: string;
  uri?: string;
  severity: BasicSeverity;
  attributes?: { key: string; value?: string }[];
}

export interface VulnerablePackage {
  name?: string;
  version?: string;
  release?: string;
  epoch?: number;
  arch?: string;
  packageManager?: string;
  filePath?: string;
  sourceLayerHash?: string;
  fixedInVersion?: string;
}

/** Amazon Inspector finding as ECR serves it. Times may be given as {@link Time}. */
export interface EnhancedFinding {
  findingArn?: string;
  awsAccountId?: string;
  title?: string;
  description?: string;
  severity: EnhancedSeverity;
  status?: 'ACTIVE' | 'SUPPRESSED' | 'CLOSED';
  type?: string;
  score?: number;
  fixAvailable?: 'YES' | 'NO' | 'PARTIAL';
  exploitAvailable?: 'YES' | 'NO';
  firstObservedAt?: Time;
  lastObservedAt?: Time;
  updatedAt?: Time;
  packageVulnerabilityDetails?: {
    vulnerabilityId?: string;
    source?: string;
    sourceUrl?: string;
    vendorSeverity?: string;
    vendorCreatedAt?: Time;
    vendorUpdatedAt?: Time;
    referenceUrls?: string[];
    relatedVulnerabilities?: string[];
    cvss?: { baseScore?: number; scoringVector?: string; source?: string; version?: string }[];
    vulnerablePackages?: VulnerablePackage[];
  };
  remediation?: { recommendation?: { text?: string; url?: string } };
  scoreDetails?: {
    cvss?: { score?: number; scoreSource?: string; scoringVector?: string; version?: string };
  };
  resources?: {
    id?: string;
    type?: string;
    tags?: Record<string, string>;
    details?: {
      awsEcrContainerImage?: {
        architecture?: string;
        imageHash?: string;
        imageTags?: string[];
        platform?: string;
        pushedAt?: Time;
        registry?: string;
        repositoryName?: string;
      };
    };
  }[];
}

export interface ScanSpec {
  /** Status over time from emulator start. Default: `[{ status: 'COMPLETE' }]`. */
  timeline?: ScanStep[];
  /**
   * Status over time from a successful StartImageScan (BASIC only).
   * Default: `[{ status: 'PENDING', forMs: 500 }, { status: 'COMPLETE' }]`.
   */
  afterStart?: ScanStep[];
  /** BASIC repositories only. */
  findings?: BasicFinding[];
  /** ENHANCED repositories only. */
  enhancedFindings?: EnhancedFinding[];
  severityCounts?: SeverityCountsMode;
  /**
   * Findings are served only this long after the timeline's origin; before that a COMPLETE or
   * ACTIVE scan answers with an empty list (Inspector's "COMPLETE before findings").
   */
  findingsAfterMs?: number;
  /** Default: the moment the timeline reached COMPLETE or ACTIVE. */
  completedAt?: Time;
  /** Default: one hour before `completedAt`. */
  vulnerabilitySourceUpdatedAt?: Time;
  /**
   * Instead of `timeline`: the scan completes after a delay drawn from this model (or preset
   * `basic-scan` / `enhanced-scan`), PENDING for its first tenth, then IN_PROGRESS (delays.ts).
   */
  completeAfter?: DelaySpec;
}

export interface Platform {
  architecture: string;
  os: string;
  variant?: string;
}

/** One manifest listed by an image index; `digest` must be another image of the same repository. */
export interface IndexEntry {
  digest: string;
  /** Platform manifest. Omit for an attestation manifest. */
  platform?: Platform;
  /** Marks a buildx attestation manifest for the platform manifest with this digest. */
  attestationFor?: string;
  mediaType?: string;
  size?: number;
}

export interface ImageSpec {
  repository: string;
  /** Default: the repository's registry. */
  registryId?: string;
  /** `sha256:` + 64 hex digits. */
  digest: string;
  tags?: string[];
  /** Default: the moment the emulator started. */
  pushedAt?: Time;
  /** Default: OCI index for an index, Docker schema 2 otherwise. */
  manifestMediaType?: string;
  artifactMediaType?: string;
  /** Manifest text served by BatchGetImage; generated when absent. */
  manifest?: string;
  sizeInBytes?: number;
  /** Makes this image an image index / manifest list of these manifests. */
  index?: IndexEntry[];
  /** Absent: the image is never scanned (ScanNotFoundException until a StartImageScan). */
  scan?: ScanSpec;
}

export interface RepositorySpec {
  name: string;
  /** Default: the scenario's account. */
  registryId?: string;
  /** Default: BASIC. */
  scanType?: ScanType;
}

export type * from './scenario-cloudtrail.js';

export const FAULT_KINDS = [
  'latency',
  'throttle',
  'http500',
  'http503',
  'reset',
  'malformed',
  'truncated',
  'accessDenied',
  'expiredToken',
  'hang',
  'error',
  'respond',
  'patch',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export type ServiceName = 'ecr' | 'cloudtrail';

/**
 * A fault applied to the requests it selects. Each fault counts the requests that match its
 * `service`/`operation` (1-based); `calls` picks call numbers, `from`/`count` a run of them,
 * neither = every matching call.
 */
export interface FaultSpec {
  kind: FaultKind;
  service?: ServiceName;
  operation?: string;
  calls?: number[];
  from?: number;
  count?: number;
  /** `latency`: added delay. */
  latencyMs?: number;
  /** `error` (required there) or an override for the error kinds. */
  errorType?: string;
  status?: number;
  message?: string;
  /**
   * `respond`: answered with HTTP 200 and this JSON instead of the real answer (the request is
   * not checked, so any nextToken is accepted). The text `{call}` in a string becomes the call
   * number, so successive answers can hand out distinct tokens.
   */
  body?: unknown;
  /**
   * `patch`: the real answer with this JSON Merge Patch (RFC 7396) applied: objects merge, `null`
   * deletes a key, anything else replaces. Wrong field types and extra tokens without rewriting
   * the scenario. `{call}` as for `body`.
   */
  patch?: unknown;
}

export interface Scenario {
  /** The caller's account: default registry, CloudTrail's account. */
  accountId: string;
  region: string;
  repositories: RepositorySpec[];
  images: ImageSpec[];
  cloudTrail?: CloudTrailSpec;
  faults?: FaultSpec[];
  /** Added to every call. */
  latencyMs?: number;
  /** A `hang` fault ends (socket destroyed) after this long at most. Default 30000. */
  hangMs?: number;
  /**
   * Rebases the scenario's absolute times: this instant is moved to the moment the emulator
   * starts, and every pushedAt, completedAt and eventTime moves with it. For recorded data.
   */
  timeBase?: Time;
  /**
   * Drawn delays (`completeAfter`, `visibleAfter`): the seed (default 1) and a speed-up
   * (`scale`, default 1) every drawn delay is divided by.
   */
  delays?: { seed?: number; scale?: number };
}
