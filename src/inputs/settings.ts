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

export type IgnoreSource = 'policy' | 'vex' | 'trivyignore';

export interface IgnoreRule {
  /** Finding id; absent: every finding of `package` (a base image's CVEs of one package). */
  id?: string;
  /** Other names of the vulnerability (OpenVEX `aliases`). */
  aliases?: string[];
  package?: string;
  /** Version or range of `package` (`<3.0.8`), compared per ecosystem (rules/versions.ts). */
  version?: string;
  /** trivy `paths`: the finding's package file paths this entry covers. */
  paths?: string[];
  /** trivy `purls` / OpenVEX subcomponents: packages by name and optional exact version. */
  purls?: Array<{ name: string; version?: string }>;
  /**
   * OpenVEX product `pkg:oci/NAME[@DIGEST][?repository_url=HOST/REPO]`: only images whose
   * repository ends in NAME (and has that digest / URL when given). Absent: every image.
   */
  image?: { name: string; digest?: string; repositoryUrl?: string };
  /** Where the entry comes from; absent: the policy file. */
  by?: IgnoreSource;
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
  /** `vex`: OpenVEX documents, workspace paths or https URLs, in the order given. */
  vex: string[];
  /** `trivyignore`: a trivy `.trivyignore.yaml` in the workspace, or null. */
  trivyignore: string | null;
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
  'ignore-unfixed',
  'vex',
  'trivyignore',
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
