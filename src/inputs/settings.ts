import type { ImageTarget, Level, Mode, RuleId } from '../model.js';
import type { SweepWindow } from './sweep-window.js';

/** Business hours for `outside-business-hours` (policy file `rules.outside-business-hours`). */
export interface BusinessHours {
  /** Minutes after local midnight, start inclusive, end exclusive. */
  startMinute: number;
  endMinute: number;
  /** 0 = Sunday … 6 = Saturday. */
  days: number[];
  /** IANA time zone name. */
  timezone: string;
}

export interface IgnoreRule {
  id: string;
  package?: string;
  reason: string;
  /** `YYYY-MM-DD`; the entry applies through the end of that day (UTC). */
  expires?: string;
  /** Where it was written, for messages (`.github/ecr-risk-gate.yml:4`). */
  source: string;
}

/**
 * Every setting of one run, validated: what action.yml inputs, CLI flags and the policy file
 * produce together. Built once, before any AWS call; nothing downstream reads inputs again.
 */
export interface Settings {
  /** Images to gate, in the order given. Never empty. */
  images: ImageTarget[];
  /** Region for images whose reference does not carry one. */
  region: string;
  mode: Mode;
  /** Effective level of every rule after defaults, policy `rules:` and `fail-on`. */
  levels: Record<RuleId, Level>;
  /** null: no threshold. */
  riskThreshold: number | null;
  scanTimeoutSeconds: number;
  /** How long zero findings of a (maybe) enhanced scan are re-checked before they are believed. */
  scanSettleSeconds: number;
  knownUploaders: string[];
  /** 0 = baseline off. */
  uploaderHistoryDays: number;
  uploaderTimeoutSeconds: number;
  uploaderCheck: boolean;
  /** An image host was a FIPS host: ECR and CloudTrail clients use FIPS endpoints. */
  fips: boolean;
  /** Notices for `image` refs to other registries that were skipped (docker/metadata-action). */
  skippedImages: string[];
  businessHours: BusinessHours | null;
  ignores: IgnoreRule[];
  ignoreUnfixed: boolean;
  /** `compare-to`: the reference image (e.g. the one in production), or null. */
  compareTo: ImageTarget | null;
  /** Policy `compare.unchanged`: the most an unchanged finding can be (default `warn`). */
  compareUnchanged: Level;
  /** Path of the policy file that was read, or null when none was. */
  policyFile: string | null;
  dockerfile: string | null;
  githubToken: string;
  prComment: boolean;
  /** `pr-comment: per-image`: one comment per image instead of one per job. */
  prCommentPerImage: boolean;
  /** `comment-key`; null: derived from the workflow, job and images. */
  commentKey: string | null;
  /** `sarif-category`: prefix of every run's category, or null. */
  sarifCategory: string | null;
  jobSummary: boolean;
  sarifFile: string | null;
  /** null: the runner picks a default path (RUNNER_TEMP or the OS temp dir). */
  reportFile: string | null;
  /** `sweep`: every PutImage of the account in this window instead of named images (issue 15). */
  sweep: SweepWindow | null;
  /** Regions a sweep reads (the `region` list); `[region]` otherwise. */
  regions: string[];
}

/** The input names of action.yml; the CLI uses the same names as `--flags`. */
export const INPUT_NAMES = [
  'image',
  'repository',
  'image-tag',
  'image-digest',
  'registry-id',
  'region',
  'mode',
  'fail-on',
  'risk-threshold',
  'scan-timeout',
  'scan-settle-seconds',
  'known-uploaders',
  'uploader-history-days',
  'uploader-timeout',
  'uploader-check',
  'policy-file',
  'dockerfile',
  'github-token',
  'pr-comment',
  'comment-key',
  'job-summary',
  'sarif-file',
  'sarif-category',
  'report-file',
  'compare-to',
  'sweep',
] as const;
export type InputName = (typeof INPUT_NAMES)[number];

/** Raw input strings keyed by their real names (missing = default). */
export type RawInputs = Partial<Record<InputName, string>>;
