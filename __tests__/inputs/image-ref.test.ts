import { UserError } from '../../src/errors.js';
import { shown } from '../../src/inputs/checks.js';
import {
  imageFromParts,
  parseImageReference,
  parseRegistryHost,
} from '../../src/inputs/image-ref.js';

const DIGEST = `sha256:${'a1b2c3d4'.repeat(8)}`;
const SHA = '4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b';
// What aws-actions/amazon-ecr-login puts in `outputs.registry`.
const LOGIN_REGISTRY = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';

describe('parseImageReference accepts every documented form', () => {
  test.each([
    {
      name: 'full reference with tag',
      line: '123456789012.dkr.ecr.us-east-1.amazonaws.com/my-app:v1.2.3',
      want: {
        registryId: '123456789012',
        region: 'us-east-1',
        repository: 'my-app',
        tag: 'v1.2.3',
      },
    },
    {
      name: 'full reference with tag and digest',
      line: `123456789012.dkr.ecr.us-east-1.amazonaws.com/my-app:v1@${DIGEST}`,
      want: { registryId: '123456789012', repository: 'my-app', tag: 'v1', digest: DIGEST },
    },
    {
      name: 'full reference with digest only',
      line: `123456789012.dkr.ecr.us-east-1.amazonaws.com/my-app@${DIGEST}`,
      want: { repository: 'my-app', digest: DIGEST },
    },
    {
      name: 'China partition (.amazonaws.com.cn)',
      line: '210987654321.dkr.ecr.cn-north-1.amazonaws.com.cn/app:1',
      want: { registryId: '210987654321', region: 'cn-north-1', repository: 'app' },
    },
    {
      name: 'China Ningxia',
      line: '210987654321.dkr.ecr.cn-northwest-1.amazonaws.com.cn/app:1',
      want: { region: 'cn-northwest-1' },
    },
    {
      name: 'FIPS host',
      line: '123456789012.dkr.ecr-fips.us-east-1.amazonaws.com/app:1',
      want: { registryId: '123456789012', region: 'us-east-1', repository: 'app' },
    },
    {
      name: 'FIPS host in GovCloud',
      line: '123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/app:1',
      want: { region: 'us-gov-west-1' },
    },
    {
      name: 'dual-stack host',
      line: '123456789012.dkr-ecr.eu-central-1.on.aws/app:1',
      want: { registryId: '123456789012', region: 'eu-central-1' },
    },
    {
      name: 'newer regions',
      line: '123456789012.dkr.ecr.ap-southeast-5.amazonaws.com/app:1',
      want: { region: 'ap-southeast-5' },
    },
    {
      name: 'mx-central-1',
      line: '123456789012.dkr.ecr.mx-central-1.amazonaws.com/app:1',
      want: { region: 'mx-central-1' },
    },
    {
      name: 'nested repository path (the seed detection data)',
      line: '111111111111.dkr.ecr.us-west-2.amazonaws.com/devsecops/cat_dog_client:latest',
      want: { repository: 'devsecops/cat_dog_client', tag: 'latest', region: 'us-west-2' },
    },
    {
      name: 'amazon-ecr-login registry output + github.sha',
      line: `${LOGIN_REGISTRY}/team/service:${SHA}`,
      want: {
        registryId: '123456789012',
        region: 'eu-west-1',
        repository: 'team/service',
        tag: SHA,
      },
    },
    {
      name: 'amazon-ecr-login registry output + build-push-action digest output',
      line: `${LOGIN_REGISTRY}/team/service@${DIGEST}`,
      want: { repository: 'team/service', digest: DIGEST },
    },
    {
      name: 'docker/metadata-action tag style',
      line: `${LOGIN_REGISTRY}/service:sha-4f3c2b1`,
      want: { tag: 'sha-4f3c2b1' },
    },
    {
      name: 'host written in capitals',
      line: '123456789012.DKR.ECR.US-EAST-1.AMAZONAWS.COM/app:1',
      want: { region: 'us-east-1', registryId: '123456789012' },
    },
    {
      name: 'surrounding whitespace',
      line: '   app:1  ',
      want: { repository: 'app', tag: '1' },
    },
    {
      name: 'punctuation allowed in repository names and tags',
      line: 'team_a/my.app-x_y:Release_1.0-rc.1',
      want: { repository: 'team_a/my.app-x_y', tag: 'Release_1.0-rc.1' },
    },
    {
      name: 'a repository whose first part has a dot, written with its registry',
      line: '123456789012.dkr.ecr.us-east-1.amazonaws.com/team.a/app:1',
      want: { repository: 'team.a/app', tag: '1' },
    },
  ])('$name', ({ line, want }) => {
    const target = parseImageReference(line, {});
    expect(target).toMatchObject({ ...want, raw: line.trim() });
    if (!('tag' in want) && !/:[^/]*$/.test(line.split('@')[0] ?? '')) {
      expect(target).not.toHaveProperty('tag');
    }
  });

  test.each([
    { line: 'app:1', want: { repository: 'app', tag: '1' } },
    { line: `app@${DIGEST}`, want: { repository: 'app', digest: DIGEST } },
    { line: `app:1@${DIGEST}`, want: { repository: 'app', tag: '1', digest: DIGEST } },
    { line: 'devsecops/cat_dog_client:v7', want: { repository: 'devsecops/cat_dog_client' } },
  ])('$line takes registry and region from the defaults', ({ line, want }) => {
    const target = parseImageReference(line, { registryId: '999999999999', region: 'eu-west-3' });
    expect(target).toMatchObject({ ...want, registryId: '999999999999', region: 'eu-west-3' });
  });

  test('without defaults, a short reference leaves registry and region unset', () => {
    const target = parseImageReference('app:1', {});
    expect(target).toEqual({ raw: 'app:1', repository: 'app', tag: '1' });
  });

  test('the host wins over the defaults for its own image', () => {
    const target = parseImageReference(`${LOGIN_REGISTRY}/app:1`, {
      registryId: '999999999999',
      region: 'us-east-1',
    });
    expect(target).toMatchObject({ registryId: '123456789012', region: 'eu-west-1' });
  });

  test('length limits: 256-character repository and 128-character tag are accepted', () => {
    const repository = `a${'b'.repeat(255)}`;
    const tag = `t${'x'.repeat(127)}`;
    expect(parseImageReference(`${repository}:${tag}`, {})).toMatchObject({ repository, tag });
  });
});

describe('parseImageReference rejects malformed references with a clear message', () => {
  test.each([
    ['', 'it is empty'],
    ['app', 'names no tag and no digest'],
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com/app', 'names no tag and no digest'],
    ['docker.io/library/nginx:1.25', 'docker.io is not an Amazon ECR registry'],
    ['ghcr.io/acme/app:1', 'ghcr.io is not an Amazon ECR registry'],
    ['team.a/app:1', 'needs the full ACCOUNT.dkr.ecr.REGION.amazonaws.com/ prefix'],
    ['localhost:5000/app:1', 'localhost:5000 is not an Amazon ECR registry'],
    ['public.ecr.aws/nginx/nginx:1', 'Amazon ECR Public, which does not scan images'],
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com', 'names a registry but no repository'],
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com/', 'names a registry but no repository'],
    ['12345678901.dkr.ecr.us-east-1.amazonaws.com/app:1', '"12345678901", is not 12 digits'],
    [
      '123456789012.dkr.ecr.europe.amazonaws.com/app:1',
      '"europe" in the host is not an AWS region',
    ],
    [
      '123456789012.dkr.ecr.cn-north-1.amazonaws.com/app:1',
      'cn-north-1 does not belong under .amazonaws.com',
    ],
    [
      '123456789012.dkr.ecr.us-east-1.amazonaws.co/app:1',
      'is not a valid Amazon ECR registry host',
    ],
    ['https://123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1', 'remove the scheme'],
    ['/app:1', 'the registry part is empty'],
    ['app:', 'the tag is empty'],
    ['app@', 'the digest is empty'],
    ['app@sha256:abc', '"sha256:abc" is not a sha256 digest'],
    [`app@sha512:${'ab'.repeat(64)}`, 'ECR image digests are sha256'],
    [`app@${'ab'.repeat(32)}`, 'add the sha256: prefix'],
    [`app@sha256:${'AB'.repeat(32)}`, 'hex digits are lowercase'],
    [`app:1@${DIGEST}@${DIGEST}`, 'is not a sha256 digest'],
    ['My-App:1', 'ECR repository names are lowercase'],
    ['a:1', 'is 1 characters long'],
    [`${'a'.repeat(257)}:1`, 'is 257 characters long'],
    ['team//app:1', '"team//app" is not a repository name'],
    ['-app:1', '"-app" is not a repository name'],
    ['app:-bad', '"-bad" is not a valid tag'],
    [`app:${'x'.repeat(129)}`, 'is not a valid tag'],
    ['app:1:2', 'more than one ":"'],
    ['app:1 app:2', 'give one image per line'],
    ['$ECR_REGISTRY/app:$IMAGE_TAG', 'not expanded by a shell'],
    ['${{ steps.login.outputs.registry }}/app:1', 'unexpanded ${{ }} expression'],
  ])('%j → %s', (line, message) => {
    let caught: unknown;
    try {
      parseImageReference(line, { region: 'us-east-1' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UserError);
    const text = (caught as UserError).message;
    expect(text).toContain(message);
    // Every message names the input and the value, and says what is accepted.
    expect(text.startsWith(`Input 'image': ${shown(line.trim())} is not valid`)).toBe(true);
    expect(text).toMatch(/Expected .+\.$/);
  });

  test('a line number is named when the reference came from a multi-line input', () => {
    expect(() => parseImageReference('app', {}, { input: 'image', line: 3 })).toThrow(
      /^Input 'image', line 3: "app" is not valid/,
    );
  });
});

describe('parseRegistryHost', () => {
  test.each([
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com', { fips: false, dualStack: false }],
    ['123456789012.dkr.ecr-fips.us-east-2.amazonaws.com', { fips: true, dualStack: false }],
    ['123456789012.dkr-ecr.us-east-1.on.aws', { fips: false, dualStack: true }],
    ['123456789012.dkr-ecr-fips.us-east-1.on.aws', { fips: true, dualStack: true }],
    ['123456789012.dkr.ecr.us-iso-east-1.c2s.ic.gov', { fips: false, dualStack: false }],
    ['123456789012.dkr.ecr.eusc-de-east-1.amazonaws.eu', { fips: false, dualStack: false }],
  ])('%s', (host, flags) => {
    const result = parseRegistryHost(host);
    expect(result).toEqual({
      ok: true,
      value: { host, registryId: '123456789012', region: expect.any(String), ...flags },
    });
  });
});

describe('imageFromParts (repository / image-tag / image-digest inputs)', () => {
  test('repository with tag and digest', () => {
    expect(
      imageFromParts(
        { repository: 'team/app', tag: 'v1', digest: DIGEST },
        { region: 'us-east-1' },
      ),
    ).toEqual({
      raw: `team/app:v1@${DIGEST}`,
      repository: 'team/app',
      tag: 'v1',
      digest: DIGEST,
      region: 'us-east-1',
    });
  });

  test('repository prefixed with the amazon-ecr-login registry output', () => {
    expect(
      imageFromParts({ repository: `${LOGIN_REGISTRY}/app`, tag: SHA, digest: '' }, {}),
    ).toMatchObject({
      registryId: '123456789012',
      region: 'eu-west-1',
      repository: 'app',
      tag: SHA,
    });
  });

  test('a repository whose first part has a dot is a repository, not a host', () => {
    expect(imageFromParts({ repository: 'team.a/app', tag: '1', digest: '' }, {})).toMatchObject({
      repository: 'team.a/app',
      tag: '1',
    });
  });

  test.each([
    [
      { repository: 'app:v1', tag: '', digest: '' },
      "Input 'repository'",
      'give the tag in image-tag',
    ],
    [
      { repository: 'app', tag: '', digest: '' },
      "Input 'repository'",
      'no image-tag and no image-digest',
    ],
    [{ repository: 'App', tag: '1', digest: '' }, "Input 'repository'", 'lowercase'],
    [{ repository: 'app', tag: 'app:1', digest: '' }, "Input 'image-tag'", 'is not a valid tag'],
    [{ repository: 'app', tag: '', digest: 'abc' }, "Input 'image-digest'", 'sha256'],
    [
      { repository: 'app', tag: '$TAG', digest: '' },
      "Input 'image-tag'",
      'not expanded by a shell',
    ],
    [{ repository: 'quay.io/app', tag: '1', digest: '' }, "Input 'repository'", 'quay.io is not'],
    [
      { repository: 'docker.io/library/nginx', tag: '1', digest: '' },
      "Input 'repository'",
      'docker.io is not',
    ],
    [
      { repository: 'public.ecr.aws/a/b', tag: '1', digest: '' },
      "Input 'repository'",
      'Amazon ECR Public',
    ],
    [
      { repository: '123.dkr.ecr.us-east-1.amazonaws.com/a', tag: '1', digest: '' },
      "Input 'repository'",
      'not 12 digits',
    ],
  ])('%j names %s', (parts, input, message) => {
    expect(() => imageFromParts(parts, {})).toThrow(input);
    expect(() => imageFromParts(parts, {})).toThrow(message);
  });
});
