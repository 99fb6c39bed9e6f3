import { UserError } from '../../src/errors.js';
import { INPUT_DEFAULTS } from '../../src/inputs/defaults.js';
import { readActionInputs } from '../../src/inputs/load.js';
import { parseSettings } from '../../src/inputs/parse.js';
import type { RawInputs } from '../../src/inputs/settings.js';
import { RULE_IDS } from '../../src/model.js';
import { RULES } from '../../src/rules/catalog.js';

const ENV = { AWS_REGION: 'us-east-1' };
const DIGEST = `sha256:${'0f'.repeat(32)}`;
const REGISTRY = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';

const parse = (raw: RawInputs, env: Record<string, string> = ENV) => parseSettings(raw, env, null);

/** The message of the UserError `fn` throws (fails the test if it throws anything else). */
function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as UserError).message;
  }
  throw new Error('expected a UserError, nothing was thrown');
}

describe('defaults', () => {
  test('only an image given: every other setting is its documented default', () => {
    const settings = parse({ image: 'app:1' });
    expect(settings).toEqual({
      images: [{ raw: 'app:1', repository: 'app', tag: '1', region: 'us-east-1' }],
      region: 'us-east-1',
      mode: 'enforce',
      levels: Object.fromEntries(RULE_IDS.map((id) => [id, RULES[id].defaultLevel])),
      riskThreshold: null,
      scanTimeoutSeconds: 600,
      scanSettleSeconds: 60,
      knownUploaders: [],
      uploaderHistoryDays: 30,
      uploaderTimeoutSeconds: 300,
      uploaderCheck: true,
      vex: [],
      trivyignore: null,
      fips: false,
      skippedImages: [],
      businessHours: null,
      ignores: [],
      ignoreUnfixed: false,
      compareTo: null,
      compareUnchanged: 'warn',
      policyFile: null,
      dockerfile: null,
      githubToken: '',
      prComment: true,
      prCommentPerImage: false,
      commentKey: null,
      sarifCategory: null,
      jobSummary: true,
      sarifFile: null,
      reportFile: null,
      sweep: null,
      regions: ['us-east-1'],
    });
  });

  test('the values the runner passes for untouched inputs (action.yml defaults) mean the same', () => {
    const raw = readActionInputs((name) =>
      name === 'image' ? 'app:1' : ((INPUT_DEFAULTS as Record<string, string>)[name] ?? ''),
    );
    const fromRunner = parseSettings(raw, { ...ENV, GITHUB_TOKEN: 'ghs_x' }, null);
    expect(fromRunner).toEqual({ ...parse({ image: 'app:1' }), githubToken: 'ghs_x' });
  });

  test('an explicit github-token is used as given', () => {
    expect(parse({ image: 'app:1', 'github-token': 'ghp_explicit' }).githubToken).toBe(
      'ghp_explicit',
    );
  });

  test('paths are kept; empty means null', () => {
    const settings = parse({
      image: 'app:1',
      dockerfile: 'docker/Dockerfile',
      'sarif-file': 'out/gate.sarif',
      'report-file': '',
    });
    expect(settings).toMatchObject({
      dockerfile: 'docker/Dockerfile',
      sarifFile: 'out/gate.sarif',
      reportFile: null,
    });
  });
});

describe('image', () => {
  test('several lines: blank lines and comments ignored, duplicates removed, order kept', () => {
    const settings = parse({
      image: `# images built by this workflow\napp:1\n\n${REGISTRY}/team/api@${DIGEST}\napp:1\n  worker:2  # the worker\n`,
    });
    expect(settings.images.map((i) => i.raw)).toEqual([
      'app:1',
      `${REGISTRY}/team/api@${DIGEST}`,
      'worker:2',
    ]);
    // No region input: the host's region comes before AWS_REGION for the short references too.
    expect(settings.images.map((i) => i.region)).toEqual(['eu-west-1', 'eu-west-1', 'eu-west-1']);
  });

  test('docker/metadata-action `tags` output (one reference per line) works as-is', () => {
    const tags = `${REGISTRY}/app:sha-4f3c2b1\n${REGISTRY}/app:pr-12\n${REGISTRY}/app:latest`;
    expect(parse({ image: tags }).images.map((i) => i.tag)).toEqual([
      'sha-4f3c2b1',
      'pr-12',
      'latest',
    ]);
  });

  test("build-push-action metadata['image.name'] (comma-separated) works as-is", () => {
    const names = `${REGISTRY}/app:1.2.3,${REGISTRY}/app:latest`;
    expect(parse({ image: names }).images.map((i) => i.tag)).toEqual(['1.2.3', 'latest']);
  });

  test('registry-id applies to references without a registry host', () => {
    const settings = parse({ image: `app:1\n${REGISTRY}/bb:2`, 'registry-id': '999999999999' });
    expect(settings.images.map((i) => i.registryId)).toEqual(['999999999999', '123456789012']);
  });

  test('the same image written with and without defaults is one image', () => {
    const settings = parse({
      image: `${REGISTRY}/app:1\napp:1`,
      'registry-id': '123456789012',
      region: 'eu-west-1',
    });
    expect(settings.images).toHaveLength(1);
  });

  test('repository + image-tag + image-digest', () => {
    const settings = parse({ repository: 'team/app', 'image-tag': 'v1', 'image-digest': DIGEST });
    expect(settings.images).toEqual([
      {
        raw: `team/app:v1@${DIGEST}`,
        repository: 'team/app',
        tag: 'v1',
        digest: DIGEST,
        region: 'us-east-1',
      },
    ]);
  });

  test('repository with the amazon-ecr-login registry prefix takes region from the host', () => {
    const settings = parse({ repository: `${REGISTRY}/app`, 'image-digest': DIGEST }, {});
    expect(settings.region).toBe('eu-west-1');
    expect(settings.images[0]).toMatchObject({ registryId: '123456789012', region: 'eu-west-1' });
  });

  test.each<[RawInputs, string]>([
    [{}, "Input 'image': no image to gate"],
    [{ image: '# nothing yet\n\n' }, "Input 'image': only comments and blank lines"],
    [{ image: 'app:1', repository: 'app' }, 'image and repository are alternatives'],
    [{ image: 'app:1', 'image-tag': 'v1' }, 'image and image-tag are alternatives'],
    [{ 'image-tag': 'v1' }, "Input 'repository': image-tag is set but repository is empty"],
    [{ 'image-digest': DIGEST }, "Input 'repository': image-digest is set but repository is empty"],
    [{ repository: 'app' }, 'no image-tag and no image-digest'],
    [{ image: 'app:1', 'registry-id': '1234' }, `Input 'registry-id': "1234" is not valid`],
    [{ image: 'app:1\napp\n' }, `Input 'image', line 2: "app" is not valid`],
  ])('%j → %s', (raw, message) => {
    expect(errorOf(() => parse(raw))).toContain(message);
  });
});

describe('region', () => {
  test.each<[string, RawInputs, Record<string, string>, string]>([
    ['the input first', { image: 'app:1', region: 'eu-north-1' }, ENV, 'eu-north-1'],
    ['else the image host', { image: `${REGISTRY}/app:1` }, ENV, 'eu-west-1'],
    [
      'else AWS_REGION',
      { image: 'app:1' },
      { AWS_REGION: 'ap-south-1', AWS_DEFAULT_REGION: 'us-west-2' },
      'ap-south-1',
    ],
    [
      'else AWS_DEFAULT_REGION',
      { image: 'app:1' },
      { AWS_DEFAULT_REGION: 'us-west-2' },
      'us-west-2',
    ],
    [
      'a blank AWS_REGION is skipped',
      { image: 'app:1' },
      { AWS_REGION: ' ', AWS_DEFAULT_REGION: 'us-west-2' },
      'us-west-2',
    ],
  ])('%s', (_name, raw, env, region) => {
    const settings = parse(raw, env);
    expect(settings.region).toBe(region);
  });

  test('a region input that contradicts an image host is an error naming both (issue 18 §4.4)', () => {
    const message = errorOf(() => parse({ image: `app:1\n${REGISTRY}/bb:2`, region: 'us-east-2' }));
    expect(message).toContain("Input 'region'");
    expect(message).toContain('us-east-2');
    expect(message).toContain('eu-west-1');
    // agreeing is fine
    const settings = parse({ image: `app:1\n${REGISTRY}/bb:2`, region: 'eu-west-1' });
    expect(settings.images.map((i) => i.region)).toEqual(['eu-west-1', 'eu-west-1']);
  });

  test.each([
    'us-east-1',
    'eu-central-1',
    'cn-north-1',
    'us-gov-west-1',
    'ap-southeast-5',
    'mx-central-1',
  ])('region %s is accepted', (region) => {
    expect(parse({ image: 'app:1', region }).region).toBe(region);
  });

  test.each([
    ['europe', `Input 'region': "europe" is not valid. Expected an AWS region such as us-east-1`],
    ['us-east-1a', 'this is an availability zone'],
    ['US-EAST-1', 'regions are lowercase'],
    ['Frankfurt', `"Frankfurt" is not valid`],
  ])('region %j is an error', (region, message) => {
    expect(errorOf(() => parse({ image: 'app:1', region }))).toContain(message);
  });

  test('no region anywhere says how to set one', () => {
    const message = errorOf(() => parse({ image: 'app:1' }, {}));
    expect(message).toContain("Input 'region': no region is known");
    expect(message).toContain('set the region input');
    expect(message).toContain('AWS_REGION');
  });

  test('a malformed AWS_REGION is named as the environment variable', () => {
    expect(errorOf(() => parse({ image: 'app:1' }, { AWS_REGION: 'europe' }))).toBe(
      'Environment variable AWS_REGION: "europe" is not valid. Expected an AWS region such as us-east-1, eu-central-1 or cn-north-1.',
    );
  });
});

describe('scalar inputs', () => {
  test.each<[RawInputs, object]>([
    [{ mode: 'audit' }, { mode: 'audit' }],
    [{ mode: 'AUDIT' }, { mode: 'audit' }],
    [{ 'scan-timeout': '0' }, { scanTimeoutSeconds: 0 }],
    [{ 'scan-timeout': '3600' }, { scanTimeoutSeconds: 3600 }],
    [{ 'uploader-timeout': '45' }, { uploaderTimeoutSeconds: 45 }],
    [{ 'uploader-history-days': '0' }, { uploaderHistoryDays: 0 }],
    [{ 'uploader-history-days': '90' }, { uploaderHistoryDays: 90 }],
    [{ 'uploader-check': 'False' }, { uploaderCheck: false }],
    [{ 'pr-comment': 'no' }, { prComment: false }],
    [{ 'job-summary': '0' }, { jobSummary: false }],
    [{ 'job-summary': 'YES' }, { jobSummary: true }],
    [{ 'risk-threshold': '150' }, { riskThreshold: 150 }],
    [{ 'risk-threshold': '12.5' }, { riskThreshold: 12.5 }],
  ])('%j', (raw, expected) => {
    expect(parse({ image: 'app:1', ...raw })).toMatchObject(expected);
  });

  test.each<[RawInputs, string]>([
    [{ mode: 'warn' }, `Input 'mode': "warn" is not valid. Expected enforce or audit.`],
    [
      { 'scan-timeout': 'abc' },
      `Input 'scan-timeout': "abc" is not valid. Expected a whole number of seconds from 0 to 3600.`,
    ],
    [
      { 'scan-timeout': '10m' },
      `Input 'scan-timeout': "10m" is not valid: give the number alone, in seconds.`,
    ],
    [{ 'scan-timeout': '3601' }, `Input 'scan-timeout': "3601" is not valid: out of range.`],
    [{ 'scan-timeout': '-5' }, `Input 'scan-timeout': "-5" is not valid.`],
    [{ 'uploader-timeout': '1.5' }, `Input 'uploader-timeout': "1.5" is not valid.`],
    [
      { 'uploader-history-days': '91' },
      `Input 'uploader-history-days': "91" is not valid: out of range. Expected a whole number of days from 0 to 90.`,
    ],
    [
      { 'uploader-check': 'maybe' },
      `Input 'uploader-check': "maybe" is not valid. Expected true or false`,
    ],
    [{ 'pr-comment': 'on' }, `Input 'pr-comment': "on" is not valid.`],
    [{ 'job-summary': 'y' }, `Input 'job-summary': "y" is not valid.`],
    [
      { 'risk-threshold': '0' },
      `Input 'risk-threshold': "0" is not valid: must be greater than 0.`,
    ],
    [
      { 'risk-threshold': 'high' },
      `Input 'risk-threshold': "high" is not valid. Expected a positive number`,
    ],
    [
      { 'fail-on': 'crit' },
      `Input 'fail-on': "crit" is not valid: unknown rule id "crit". Expected rule ids separated by commas or newlines (critical, high, medium, low, informational, undefined, exploitable, unknown-uploader, tag-overwrite, cross-account-uploader, unverified-uploader, outside-business-hours, scan-incomplete; a severity word is a threshold: high = critical + high), or none.`,
    ],
    [
      { dockerfile: 'Dockerfile\nother' },
      `Input 'dockerfile': "Dockerfile\\nother" is not valid: it spans several lines.`,
    ],
  ])('%j', (raw, message) => {
    expect(errorOf(() => parse({ image: 'app:1', ...raw }))).toContain(message);
  });

  test('every bad input is reported in one error', () => {
    const message = errorOf(() =>
      parse({ image: 'app', mode: 'strict', 'scan-timeout': 'soon', 'pr-comment': 'maybe' }),
    );
    expect(message.split('\n')[0]).toBe('4 problems with the inputs:');
    for (const input of ['image', 'mode', 'scan-timeout', 'pr-comment']) {
      expect(message).toContain(`Input '${input}'`);
    }
  });
});

describe('known-uploaders input', () => {
  test('one per line, comments ignored, session ARNs kept as written, duplicates removed', () => {
    const settings = parse({
      image: 'app:1',
      'known-uploaders': [
        '# CI',
        'arn:aws:iam::123456789012:role/github-actions-ecr-push',
        'arn:aws:sts::123456789012:assumed-role/github-actions-ecr-push/GitHubActions',
        'release-bot',
        'release-bot',
      ].join('\n'),
    });
    expect(settings.knownUploaders).toEqual([
      'arn:aws:iam::123456789012:role/github-actions-ecr-push',
      'arn:aws:sts::123456789012:assumed-role/github-actions-ecr-push/GitHubActions',
      'release-bot',
    ]);
  });

  test('a bad entry is named with its line', () => {
    expect(
      errorOf(() => parse({ image: 'app:1', 'known-uploaders': 'ci\narn:aws:s3:::bucket' })),
    ).toContain(
      `Input 'known-uploaders', line 2: "arn:aws:s3:::bucket" is not valid: a s3 ARN is not a principal`,
    );
  });
});

describe('matrix-safe inputs (issue 12 section 4)', () => {
  const image = `${REGISTRY}/api@${DIGEST}`;
  test('pr-comment: per-image, comment-key and sarif-category', () => {
    const s = parse({
      image,
      'pr-comment': 'per-image',
      'comment-key': 'linux-arm64',
      'sarif-category': 'arm64/',
    });
    expect([s.prComment, s.prCommentPerImage, s.commentKey, s.sarifCategory]).toEqual([
      true,
      true,
      'linux-arm64',
      'arm64/',
    ]);
    expect(parse({ image, 'pr-comment': 'false' }).prComment).toBe(false);
  });
  test('bad values name the input, the value and what is accepted', () => {
    expect(errorOf(() => parse({ image, 'pr-comment': 'sometimes' }))).toMatch(
      /pr-comment.*"sometimes".*true, false or per-image/,
    );
    expect(errorOf(() => parse({ image, 'comment-key': 'a --> b' }))).toMatch(
      /comment-key.*"a --> b".*letters, digits/,
    );
  });
});
