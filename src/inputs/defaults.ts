import type { InputName } from './settings.js';

// The single source of every input's default and description. action.yml must agree with it (a
// unit test compares them); the CLI's --help and the README's input table are rendered from it.

export const DEFAULT_POLICY_FILE = '.github/ecr-risk-gate.yml';
/** What the runner substitutes; outside GitHub the CLI falls back to GITHUB_TOKEN. */
export const GITHUB_TOKEN_DEFAULT = '${{ github.token }}';

export interface InputDoc {
  default: string;
  description: string;
}

export const INPUTS: Readonly<Record<InputName, InputDoc>> = {
  image: {
    default: '',
    description:
      'Images to gate, one per line: ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO:TAG, REPO:TAG, REPO@sha256:DIGEST or REPO:TAG@sha256:DIGEST (also .amazonaws.com.cn and FIPS hosts). A tag or a digest is required. Blank lines and # comments are ignored.',
  },
  repository: {
    default: '',
    description:
      'Alternative to image for one image: the repository name (optionally prefixed by the registry host).',
  },
  'image-tag': {
    default: '',
    description: 'With repository: the tag that was pushed.',
  },
  'image-digest': {
    default: '',
    description: 'With repository: the digest that was pushed (sha256:...).',
  },
  'registry-id': {
    default: '',
    description:
      'Account id of the registry for images given without a registry host (default: the account of the credentials).',
  },
  region: {
    default: '',
    description:
      'AWS region for images given without a registry host (checked against the AWS SDK partition data; must agree with any image host region). Default: the region in the image host, else AWS_REGION, else AWS_DEFAULT_REGION.',
  },
  mode: {
    default: 'enforce',
    description:
      'enforce fails the step when the result is fail; audit reports the same result but never fails the step.',
  },
  'fail-on': {
    default: '',
    description:
      'What fails the gate, comma- or newline-separated: a severity word is a threshold (high = critical + high; undefined only when named), other rule ids name a rule. Replaces the default fail set family by family (severity, uploader, scan-incomplete): unnamed families keep their defaults, left-out rules of a named family drop to warn. none: no rule fails the gate.',
  },
  'risk-threshold': {
    default: '',
    description:
      'Fail when the total risk score of all detections reaches this number. Empty: no threshold.',
  },
  'scan-timeout': {
    default: '600',
    description: 'Seconds (0-3600) to wait for a usable ECR scan result.',
  },
  'scan-settle-seconds': {
    default: '60',
    description:
      'Seconds (0-3600) that zero findings from a fresh enhanced (or unknown-type) scan are re-checked before they are believed: Amazon Inspector can answer COMPLETE before its findings exist. A window that cannot finish within scan-timeout is scan-incomplete.',
  },
  'known-uploaders': {
    default: '',
    description:
      'Principals allowed to push, one per line: role ARN, user ARN, account root ARN, or a name; * is a wildcard. Assumed roles match on their role ARN.',
  },
  'uploader-history-days': {
    default: '30',
    description:
      'Days (0-90) of CloudTrail history whose pushers to this repository count as seen. 0 turns the baseline off.',
  },
  'uploader-timeout': {
    default: '300',
    description: 'Seconds (0-3600) to wait for the push to become visible in CloudTrail.',
  },
  'uploader-check': {
    default: 'true',
    description: 'false skips all CloudTrail work; the rules that need it report as skipped.',
  },
  'policy-file': {
    default: DEFAULT_POLICY_FILE,
    description:
      'YAML policy file (ignores, known uploaders, rule levels), relative to the workspace. A missing default file is fine; a missing named file is an error.',
  },
  'ignore-unfixed': {
    default: '',
    description:
      'true: enhanced findings with no fix available (fixAvailable NO) do not count; they are still reported as ignored. Empty: the policy file decides (default false).',
  },
  vex: {
    default: '',
    description:
      'OpenVEX documents, one per line: a path in the workspace or an https URL. Statements not_affected and fixed suppress the findings they name for this image; affected and under_investigation do not.',
  },
  trivyignore: {
    default: '',
    description:
      'A trivy .trivyignore.yaml in the workspace whose vulnerabilities entries (id, paths, purls, expired_at, statement) are applied as ignores. Empty: none is read.',
  },
  dockerfile: {
    default: '',
    description:
      "Dockerfile whose FROM line annotations and SARIF results point at, so they show in the pull request's diff.",
  },
  'github-token': {
    default: GITHUB_TOKEN_DEFAULT,
    description: 'Token for the pull-request comment only.',
  },
  'pr-comment': {
    default: 'true',
    description:
      'On pull_request events keep one comment per job, updated in place, with a section per image; per-image keeps one comment per image; false writes none.',
  },
  'comment-key': {
    default: '',
    description:
      "Name of this job's sticky PR comment. Default: the workflow, the job and the images gated, so matrix jobs gating different images keep their own comments; set it when two jobs gate the same images.",
  },
  'job-summary': {
    default: 'true',
    description: 'Write a Markdown report to the job summary.',
  },
  'sarif-file': {
    default: '',
    description: 'Write SARIF 2.1.0 results to this path.',
  },
  'sarif-category': {
    default: '',
    description:
      "Prefix of every SARIF run's category (automationDetails.id), for two jobs that upload SARIF for the same images. Default: none; each image already has its own category.",
  },
  'report-file': {
    default: '',
    description:
      'Write the JSON report to this path (default: a file under RUNNER_TEMP). The path is always an output.',
  },
  'compare-to': {
    default: '',
    description:
      'Reference image to compare with, e.g. the one in production (team/api:prod or a full ECR reference, in the forms of image). Findings it already has are unchanged and at most warn (policy compare.unchanged); only new ones fail. Its scan is read like the gated image; if it cannot be read, every finding counts as new.',
  },
  sweep: {
    default: '',
    description:
      'Sweep mode: check every PutImage of the account in this window relative to now, e.g. 70m..10m (the seed searches: earliest=-70m latest=-10m), instead of named images. image stays empty; region may list several regions.',
  },
};

export const INPUT_DEFAULTS: Readonly<Record<InputName, string>> = Object.fromEntries(
  Object.entries(INPUTS).map(([name, doc]) => [name, doc.default]),
) as Record<InputName, string>;
