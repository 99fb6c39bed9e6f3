// Bad-input corpus: malformed inputs and policy files, each with the one error it must produce.
// Data only; docs/reliability.md lists these tables.
import type { RawInputs } from '../../src/inputs/settings.js';

export const HOST = '123456789012.dkr.ecr.eu-central-1.amazonaws.com';
export const GOOD_IMAGE = `${HOST}/app:v1`;
export const POLICY_FILE = '.github/ecr-risk-gate.yml';

export interface BadInputCase {
  id: string;
  /** Replaces or adds to `{ image: GOOD_IMAGE }`. */
  inputs: RawInputs;
  env?: Record<string, string>;
  /** The error's subject: `Input 'scan-timeout'`, `Input 'image', line 2`, `Environment variable AWS_REGION`. */
  names: string;
  /** The offending value as the message quotes it, when there is one. */
  value?: string;
  /** Words of the message that say what is wrong or what is accepted. */
  says: string;
}

export const BAD_INPUTS: BadInputCase[] = [
  {
    id: 'image-missing',
    inputs: { image: '' },
    names: "Input 'image'",
    says: 'no image to gate',
  },
  {
    id: 'image-scheme',
    inputs: { image: `https://${GOOD_IMAGE}` },
    names: "Input 'image'",
    value: `https://${GOOD_IMAGE}`,
    says: 'remove the scheme',
  },
  {
    id: 'image-no-tag',
    inputs: { image: `${HOST}/app` },
    names: "Input 'image'",
    value: `${HOST}/app`,
    says: 'names no tag and no digest',
  },
  {
    id: 'image-unexpanded-expression',
    inputs: { image: '${{ steps.login.outputs.registry }}/app:v1' },
    names: "Input 'image'",
    value: '${{ steps.login.outputs.registry }}/app:v1',
    says: 'unexpanded',
  },
  {
    id: 'image-shell-variable',
    inputs: { image: '$REGISTRY/app:v1' },
    names: "Input 'image'",
    value: '$REGISTRY/app:v1',
    says: 'not expanded by a shell',
  },
  {
    id: 'image-two-on-one-line',
    inputs: { image: `${GOOD_IMAGE} ${HOST}/web:v1` },
    names: "Input 'image'",
    says: 'one image per line',
  },
  {
    id: 'image-uppercase-repository',
    inputs: { image: `${HOST}/App:v1` },
    names: "Input 'image'",
    value: `${HOST}/App:v1`,
    says: 'lowercase',
  },
  {
    id: 'image-short-digest',
    inputs: { image: `${HOST}/app@sha256:abc123` },
    names: "Input 'image'",
    value: `${HOST}/app@sha256:abc123`,
    says: '64 lowercase hex digits',
  },
  {
    id: 'image-ecr-public',
    inputs: { image: 'public.ecr.aws/acme/app:v1' },
    names: "Input 'image'",
    value: 'public.ecr.aws/acme/app:v1',
    says: 'ECR Public',
  },
  {
    id: 'image-docker-hub',
    inputs: { image: 'docker.io/library/nginx:1.27' },
    names: "Input 'image'",
    value: 'docker.io/library/nginx:1.27',
    says: 'Amazon ECR only',
  },
  {
    id: 'image-availability-zone-host',
    inputs: { image: '123456789012.dkr.ecr.eu-central-1a.amazonaws.com/app:v1' },
    names: "Input 'image'",
    value: '123456789012.dkr.ecr.eu-central-1a.amazonaws.com/app:v1',
    says: 'is not an AWS region',
  },
  {
    id: 'image-host-region-in-no-partition',
    inputs: { image: '123456789012.dkr.ecr.mars-north-9.amazonaws.com/app:v1' },
    names: "Input 'image'",
    value: '123456789012.dkr.ecr.mars-north-9.amazonaws.com/app:v1',
    says: 'is not an AWS region',
  },
  {
    id: 'image-eusc-region-under-com',
    inputs: { image: '123456789012.dkr.ecr.eusc-de-east-1.amazonaws.com/app:v1' },
    names: "Input 'image'",
    value: '123456789012.dkr.ecr.eusc-de-east-1.amazonaws.com/app:v1',
    says: 'partition aws-eusc',
  },
  {
    id: 'image-only-other-registries',
    inputs: { image: 'ghcr.io/acme/app:v1\ndocker.io/acme/app:v1' },
    names: "Input 'image'",
    says: 'no Amazon ECR image is left',
  },
  {
    id: 'image-short-account',
    inputs: { image: '12345678901.dkr.ecr.eu-central-1.amazonaws.com/app:v1' },
    names: "Input 'image'",
    value: '12345678901.dkr.ecr.eu-central-1.amazonaws.com/app:v1',
    says: 'not 12 digits',
  },
  {
    id: 'image-tag-too-long',
    inputs: { image: `${HOST}/app:${'v'.repeat(129)}` },
    names: "Input 'image'",
    says: 'at most 128',
  },
  {
    id: 'image-bad-second-line',
    inputs: { image: `${GOOD_IMAGE}\n${HOST}/web:` },
    names: "Input 'image', line 2",
    value: `${HOST}/web:`,
    says: 'the tag is empty',
  },
  {
    id: 'image-and-repository',
    inputs: { image: GOOD_IMAGE, repository: 'app', 'image-tag': 'v1' },
    names: "Input 'image'",
    says: 'are alternatives',
  },
  {
    id: 'repository-without-tag',
    inputs: { image: '', repository: 'app' },
    names: "Input 'repository'",
    value: 'app',
    says: 'no image-tag and no image-digest',
  },
  {
    id: 'tag-without-repository',
    inputs: { image: '', 'image-tag': 'v1' },
    names: "Input 'repository'",
    says: 'repository is empty',
  },
  {
    id: 'registry-id-short',
    inputs: { 'registry-id': '12345' },
    names: "Input 'registry-id'",
    value: '12345',
    says: '12-digit AWS account id',
  },
  {
    id: 'region-in-no-partition',
    inputs: { image: 'app:v1', region: 'mars-north-9' },
    names: "Input 'region'",
    value: 'mars-north-9',
    says: 'no AWS partition',
  },
  {
    id: 'region-contradicts-image-host',
    inputs: { region: 'us-east-1' },
    names: "Input 'region'",
    value: 'us-east-1',
    says: 'contradicts the region eu-central-1',
  },
  {
    id: 'region-uppercase',
    inputs: { region: 'EU-CENTRAL-1' },
    names: "Input 'region'",
    value: 'EU-CENTRAL-1',
    says: 'regions are lowercase',
  },
  {
    id: 'region-availability-zone',
    inputs: { region: 'us-east-1a' },
    names: "Input 'region'",
    value: 'us-east-1a',
    says: 'availability zone',
  },
  {
    id: 'region-env-bad',
    inputs: { image: 'app:v1' },
    env: { AWS_REGION: 'europe' },
    names: 'Environment variable AWS_REGION',
    value: 'europe',
    says: 'an AWS region such as',
  },
  {
    id: 'region-unknown',
    inputs: { image: 'app:v1' },
    names: "Input 'region'",
    says: 'no region is known',
  },
  {
    id: 'mode-unknown',
    inputs: { mode: 'strict' },
    names: "Input 'mode'",
    value: 'strict',
    says: 'enforce or audit',
  },
  {
    id: 'fail-on-typo',
    inputs: { 'fail-on': 'critcal' },
    names: "Input 'fail-on'",
    value: 'critcal',
    says: 'critical',
  },
  {
    id: 'fail-on-business-hours-unset',
    inputs: { 'fail-on': 'outside-business-hours' },
    names: "Input 'fail-on'",
    says: 'needs business hours',
  },
  {
    id: 'risk-threshold-negative',
    inputs: { 'risk-threshold': '-5' },
    names: "Input 'risk-threshold'",
    value: '-5',
    says: 'a positive number',
  },
  {
    id: 'scan-timeout-with-unit',
    inputs: { 'scan-timeout': '10m' },
    names: "Input 'scan-timeout'",
    value: '10m',
    says: 'give the number alone',
  },
  {
    id: 'scan-timeout-too-long',
    inputs: { 'scan-timeout': '99999' },
    names: "Input 'scan-timeout'",
    value: '99999',
    says: 'from 0 to 3600',
  },
  {
    id: 'history-days-over-90',
    inputs: { 'uploader-history-days': '120' },
    names: "Input 'uploader-history-days'",
    value: '120',
    says: 'from 0 to 90',
  },
  {
    id: 'uploader-timeout-fraction',
    inputs: { 'uploader-timeout': '1.5' },
    names: "Input 'uploader-timeout'",
    value: '1.5',
    says: 'a whole number of seconds',
  },
  {
    id: 'uploader-check-maybe',
    inputs: { 'uploader-check': 'maybe' },
    names: "Input 'uploader-check'",
    value: 'maybe',
    says: 'true or false',
  },
  {
    id: 'known-uploader-short-account',
    inputs: { 'known-uploaders': 'arn:aws:iam::12345:role/deploy' },
    names: "Input 'known-uploaders'",
    value: 'arn:aws:iam::12345:role/deploy',
    says: '12-digit account',
  },
  {
    id: 'known-uploader-s3-arn',
    inputs: { 'known-uploaders': 'ci-bot\narn:aws:s3:::my-bucket' },
    names: "Input 'known-uploaders', line 2",
    value: 'arn:aws:s3:::my-bucket',
    says: 'a s3 ARN is not a principal',
  },
  {
    id: 'pr-comment-enabled',
    inputs: { 'pr-comment': 'enabled' },
    names: "Input 'pr-comment'",
    value: 'enabled',
    says: 'true, false or per-image',
  },
  {
    id: 'sarif-file-two-lines',
    inputs: { 'sarif-file': 'a.sarif\nb.sarif' },
    names: "Input 'sarif-file'",
    says: 'spans several lines',
  },
  {
    id: 'compare-to-no-tag',
    inputs: { 'compare-to': 'api' },
    names: "Input 'compare-to'",
    value: 'api',
    says: 'names no tag and no digest',
  },
];

export interface BadPolicyCase {
  id: string;
  yaml: string;
  /** The line the error must name (`.github/ecr-risk-gate.yml:LINE:`). */
  line: number;
  says: string;
}

const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;

export const BAD_POLICIES: BadPolicyCase[] = [
  {
    id: 'ignore-without-reason',
    yaml: yaml('ignore:', '  - id: CVE-2021-3326', '    package: glibc'),
    line: 2,
    says: 'reason is required',
  },
  {
    id: 'ignore-without-id',
    yaml: yaml('ignore:', '  - reason: not reachable'),
    line: 2,
    says: 'id or package is required',
  },
  {
    id: 'ignore-version-not-a-range',
    yaml: yaml('ignore:', '  - package: openssl', '    version: "~> 3.0"', '    reason: r'),
    line: 3,
    says: 'is not valid. Expected a version or a range',
  },
  {
    id: 'ignore-version-without-package',
    yaml: yaml('ignore:', '  - id: CVE-2023-0464', '    version: "<3.0.8"', '    reason: r'),
    line: 2,
    says: 'version needs package',
  },
  {
    id: 'ignore-empty-reason',
    yaml: yaml('ignore:', '  - id: CVE-2021-3326', '    reason: ""'),
    line: 3,
    says: 'is empty',
  },
  {
    id: 'ignore-id-with-spaces',
    yaml: yaml('ignore:', '  - id: CVE-2021-3326 CVE-2021-3999', '    reason: both fine'),
    line: 2,
    says: 'contains spaces',
  },
  {
    id: 'ignore-not-a-list',
    yaml: yaml('ignore: CVE-2021-3326'),
    line: 1,
    says: 'expected a list of entries',
  },
  {
    id: 'ignore-impossible-date',
    yaml: yaml('ignore:', '  - id: CVE-2021-3326', '    reason: fine', '    expires: 2027-02-30'),
    line: 4,
    says: 'has no day 30',
  },
  {
    id: 'top-level-typo',
    yaml: yaml('risk-threshold: 100', 'ignores:', '  - id: CVE-1'),
    line: 2,
    says: 'did you mean ignore',
  },
  {
    id: 'tab-indentation',
    yaml: 'ignore:\n\t- id: CVE-2021-3326\n',
    line: 2,
    says: 'YAML',
  },
  {
    id: 'duplicate-key',
    yaml: yaml('risk-threshold: 100', 'risk-threshold: 200'),
    line: 2,
    says: 'unique',
  },
  {
    id: 'two-documents',
    yaml: yaml('risk-threshold: 100', '---', 'risk-threshold: 200'),
    line: 2,
    says: 'YAML',
  },
  {
    id: 'root-is-a-list',
    yaml: yaml('- ignore', '- rules'),
    line: 1,
    says: 'expected a mapping',
  },
  {
    id: 'rule-typo',
    yaml: yaml('rules:', '  medium: notice', '  critcal: fail'),
    line: 3,
    says: 'critcal',
  },
  {
    id: 'rule-level-unknown',
    yaml: yaml('rules:', '  medium: loud'),
    line: 2,
    says: 'loud',
  },
  {
    id: 'business-hours-impossible',
    yaml: yaml(
      'rules:',
      '  outside-business-hours:',
      '    level: warn',
      '    hours: "25:00-26:00"',
      '    days: mon-fri',
      '    timezone: Europe/Berlin',
    ),
    line: 4,
    says: 'hours',
  },
  {
    id: 'business-hours-unknown-zone',
    yaml: yaml(
      'rules:',
      '  outside-business-hours: { level: warn, hours: "08:00-20:00", days: mon-fri, timezone: Mars/Olympus_Mons }',
    ),
    line: 2,
    says: 'Mars/Olympus_Mons',
  },
  {
    id: 'risk-threshold-text',
    yaml: yaml('risk-threshold: lots'),
    line: 1,
    says: 'a positive number',
  },
  {
    id: 'ignore-unfixed-maybe',
    yaml: yaml('ignore-unfixed: maybe'),
    line: 1,
    says: 'true or false',
  },
  {
    id: 'known-uploaders-mapping',
    yaml: yaml('known-uploaders:', '  - role: deploy'),
    line: 2,
    says: 'expected an ARN or a name',
  },
  {
    id: 'key-is-a-list',
    yaml: yaml('? [a, b]', ': c'),
    line: 1,
    says: 'keys must be words',
  },
  {
    id: 'compare-unchanged-loud',
    yaml: yaml('compare:', '  unchanged: loud'),
    line: 2,
    says: 'fail, warn, notice, off',
  },
];
