// The CloudTrail part of a scenario: the records LookupEvents serves, when each becomes visible,
// and how ResourceName lookups match a repository.
import type { DelaySpec } from './delays.js';

export interface SessionIssuer {
  type?: string;
  principalId?: string;
  arn?: string;
  accountId?: string;
  userName?: string;
}

export interface UserIdentity {
  type: string;
  principalId?: string;
  arn?: string;
  accountId?: string;
  accessKeyId?: string;
  userName?: string;
  invokedBy?: string;
  sessionContext?: {
    sessionIssuer?: SessionIssuer;
    webIdFederationData?: Record<string, unknown>;
    attributes?: { creationDate?: string; mfaAuthenticated?: string };
    sourceIdentity?: string;
  };
  [key: string]: unknown;
}

/** A CloudTrail record as delivered (the `CloudTrailEvent` JSON of LookupEvents). */
export interface CloudTrailRecord {
  eventVersion?: string;
  eventTime: string;
  eventName: string;
  eventSource: string;
  eventID?: string;
  readOnly?: boolean;
  awsRegion?: string;
  userIdentity?: UserIdentity;
  resources?: { ARN?: string; accountId?: string; type?: string }[];
  requestParameters?: Record<string, unknown> | null;
  responseElements?: Record<string, unknown> | null;
  recipientAccountId?: string;
  [key: string]: unknown;
}

export interface LookupResource {
  ResourceType?: string;
  ResourceName?: string;
}

export interface CloudTrailEventSpec {
  record: CloudTrailRecord;
  /** LookupEvents returns the event only this long after emulator start. Default 0. */
  visibleAfterMs?: number;
  /** Instead of `visibleAfterMs`: a delay drawn from this model or preset `cloudtrail` (delays.ts). */
  visibleAfter?: DelaySpec;
  /** Overrides the derived `Username`. */
  username?: string;
  /** Overrides the derived `Resources`. */
  resources?: LookupResource[];
}

/**
 * How a `ResourceName` lookup matches an ECR repository: by ARN, by repository name, or either.
 * Real CloudTrail does not document it, so clients calibrate against all three.
 */
export type ResourceNameMatch = 'arn' | 'name' | 'both';

export interface CloudTrailSpec {
  events: CloudTrailEventSpec[];
  /** Default `both`. */
  resourceNameMatch?: ResourceNameMatch;
  /** LookupEvents calls allowed per sliding second per region; 0 turns throttling off. Default 2. */
  lookupsPerSecond?: number;
}
