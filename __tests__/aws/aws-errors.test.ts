import {
  awsErrorName,
  describeAwsError,
  isRetryableAwsError,
  type AwsErrorContext,
} from '../../src/aws/aws-errors.js';
import { translateAwsError } from '../../src/aws/aws-error-text.js';
import { UserError } from '../../src/errors.js';

const awsError = (name: string, message = name, httpStatusCode = 400) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode } });

const nodeError = (code: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`connect ${code}`), { code, ...extra, $metadata: {} });

const ecr = (operation: string, extra: Partial<AwsErrorContext> = {}): AwsErrorContext => ({
  service: 'ecr',
  operation,
  region: 'eu-west-1',
  repository: 'x',
  registryId: '1234',
  ...extra,
});

const denial = (caller: string, action: string, resource: string) =>
  awsError(
    'AccessDeniedException',
    `User: arn:aws:sts::${caller}:assumed-role/gh-actions/run-42 is not authorized to perform: ` +
      `${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
  );

describe('translateAwsError', () => {
  test('AccessDenied names the IAM action, the repository, registry and region', () => {
    const error = translateAwsError(
      awsError('AccessDeniedException', 'not authorized'),
      ecr('DescribeImageScanFindings'),
    );
    expect(error).toBeInstanceOf(UserError);
    expect(error.kind).toBe('aws');
    expect(error.message).toContain(
      "AWS denied ecr:DescribeImageScanFindings on repository 'x' (registry 1234, eu-west-1). " +
        "Grant it to the role this step runs as; see README 'IAM policy'.",
    );
  });

  test('an unnamed 403 is a denial too', () => {
    const error = translateAwsError(awsError('UnknownError', '', 403), ecr('BatchGetImage'));
    expect(error.message).toContain('AWS denied ecr:BatchGetImage');
  });

  test("the action AWS names in its message wins over the operation's own", () => {
    const error = translateAwsError(
      denial('1234', 'inspector2:ListFindings', 'arn:aws:inspector2:eu-west-1:1234:/findings/list'),
      ecr('DescribeImageScanFindings', { registryId: '1234' }),
    );
    expect(error.message).toContain("AWS denied inspector2:ListFindings on repository 'x'");
    expect(error.message).not.toContain('cross-account');
  });

  test('cross-account: enhanced findings refused says Inspector findings are not readable cross-account', () => {
    const error = translateAwsError(
      denial('111111111111', 'inspector2:ListFindings', '*'),
      ecr('DescribeImageScanFindings', { registryId: '222222222222' }),
    );
    expect(error.message).toContain(
      'Amazon Inspector (enhanced scanning) findings are not readable cross-account',
    );
    expect(error.message).toContain("caller's account 111111111111");
    expect(error.message).toContain('role in account 222222222222');
  });

  test('cross-account ScanNotFound with a known caller says the same', () => {
    const error = translateAwsError(
      awsError('ScanNotFoundException'),
      ecr('DescribeImageScanFindings', {
        registryId: '222222222222',
        callerAccountId: '111111111111',
      }),
    );
    expect(error.message).toContain('not readable cross-account');
  });

  test('cross-account ECR denial points at the repository policy', () => {
    const error = translateAwsError(
      denial(
        '111111111111',
        'ecr:DescribeImages',
        'arn:aws:ecr:eu-west-1:222222222222:repository/x',
      ),
      ecr('DescribeImages', { registryId: '222222222222' }),
    );
    expect(error.message).toContain('AWS denied ecr:DescribeImages');
    expect(error.message).toContain('repository policy there must also allow it');
  });

  test('CloudTrail denial names cloudtrail:LookupEvents and the region', () => {
    const error = translateAwsError(awsError('AccessDeniedException'), {
      service: 'cloudtrail',
      operation: 'LookupEvents',
      region: 'us-east-1',
    });
    expect(error.message).toContain('AWS denied cloudtrail:LookupEvents in us-east-1.');
  });

  test('RepositoryNotFound names repository, registry and region', () => {
    expect(
      translateAwsError(awsError('RepositoryNotFoundException'), ecr('DescribeImages')).message,
    ).toContain("Repository 'x' was not found in registry 1234 (eu-west-1)");
    const noRegistry = ecr('DescribeImages');
    delete noRegistry.registryId;
    expect(
      translateAwsError(awsError('RepositoryNotFoundException'), noRegistry).message,
    ).toContain("the caller's default registry (eu-west-1)");
  });

  test('ImageNotFound names the tag or the digest', () => {
    expect(
      translateAwsError(
        awsError('ImageNotFoundException'),
        ecr('DescribeImages', { imageTag: 'v1' }),
      ).message,
    ).toContain("Image tag 'v1' was not found in repository 'x' (registry 1234, eu-west-1)");
    expect(
      translateAwsError(
        awsError('ImageNotFoundException'),
        ecr('DescribeImages', { imageDigest: 'sha256:abc' }),
      ).message,
    ).toContain('Image digest sha256:abc was not found');
  });

  test.each([
    ['ExpiredTokenException', 'AWS rejected the credentials'],
    ['UnrecognizedClientException', 'AWS rejected the credentials'],
    ['InvalidSignatureException', 'AWS rejected the credentials'],
    ['CredentialsProviderError', 'No usable AWS credentials'],
  ])('%s is a credentials message', (name, expected) => {
    const error = translateAwsError(awsError(name, 'token expired', 400), ecr('DescribeImages'));
    expect(error.message).toContain(expected);
    expect(error.message).toContain('ecr:DescribeImages');
  });

  test.each([
    ['ECONNREFUSED', {}, 'api.ecr.eu-west-1.amazonaws.com'],
    [
      'ENOTFOUND',
      { hostname: 'api.ecr.eu-west-9.amazonaws.com' },
      'api.ecr.eu-west-9.amazonaws.com',
    ],
    ['ETIMEDOUT', {}, 'api.ecr.eu-west-1.amazonaws.com'],
  ])('network error %s names the endpoint host', (code, extra, host) => {
    const error = translateAwsError(nodeError(code, extra), ecr('DescribeImages'));
    expect(error.message).toContain(`Could not reach ${host}`);
    expect(error.message).toContain(code);
  });

  test('a network error inside an AggregateError (Node happy eyeballs) is recognised', () => {
    const aggregate = Object.assign(new AggregateError([nodeError('ECONNREFUSED')], ''), {
      $metadata: {},
    });
    expect(translateAwsError(aggregate, ecr('DescribeImages')).message).toContain('ECONNREFUSED');
  });

  test('the endpoint override is the host named for network errors', () => {
    const saved = process.env.AWS_ENDPOINT_URL_ECR;
    process.env.AWS_ENDPOINT_URL_ECR = 'http://127.0.0.1:4510';
    try {
      const error = translateAwsError(
        Object.assign(new Error('timed out'), { name: 'TimeoutError' }),
        ecr('DescribeImages'),
      );
      expect(error.message).toContain('Could not reach 127.0.0.1:4510');
    } finally {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_ECR;
      else process.env.AWS_ENDPOINT_URL_ECR = saved;
    }
  });

  test('throttling and 5xx that survived the retries say so', () => {
    expect(
      translateAwsError(awsError('ThrottlingException', 'Rate exceeded'), ecr('DescribeImages'))
        .message,
    ).toContain('AWS kept throttling ecr:DescribeImages in eu-west-1');
    expect(
      translateAwsError(awsError('InternalError', 'boom', 503), ecr('DescribeImages')).message,
    ).toContain('ECR returned a server error for ecr:DescribeImages');
  });

  test('anything else names the action, the resource and what AWS said', () => {
    const error = translateAwsError(awsError('KmsException', 'key disabled'), ecr('BatchGetImage'));
    expect(error.message).toBe(
      "ecr:BatchGetImage failed in repository 'x' (registry 1234, eu-west-1): KmsException. AWS said: key disabled",
    );
  });

  test('non-Error values do not crash', () => {
    expect(translateAwsError('boom', ecr('DescribeImages')).message).toContain('boom');
    expect(translateAwsError(undefined, ecr('DescribeImages'))).toBeInstanceOf(UserError);
  });

  test('a UserError passes through unchanged', () => {
    const original = new UserError('already clear', 'aws');
    expect(translateAwsError(original, ecr('DescribeImages'))).toBe(original);
  });
});

describe('isRetryableAwsError', () => {
  test.each<[string, unknown, boolean]>([
    ['ThrottlingException', awsError('ThrottlingException'), true],
    ['TooManyRequestsException', awsError('TooManyRequestsException'), true],
    ['HTTP 429', awsError('Whatever', '', 429), true],
    ['ServerException', awsError('ServerException', '', 500), true],
    ['HTTP 503', awsError('Unknown', '', 503), true],
    ['TimeoutError', Object.assign(new Error('t'), { name: 'TimeoutError' }), true],
    ['ECONNRESET', nodeError('ECONNRESET'), true],
    ['AccessDeniedException', awsError('AccessDeniedException', '', 400), false],
    ['HTTP 403', awsError('Unknown', '', 403), false],
    ['ExpiredTokenException', awsError('ExpiredTokenException'), false],
    ['RepositoryNotFoundException', awsError('RepositoryNotFoundException'), false],
    ['ValidationException', awsError('ValidationException'), false],
    ['a string', 'oops', false],
  ])('%s → %s', (_label, error, expected) => {
    expect(isRetryableAwsError(error)).toBe(expected);
  });
});

test('describeAwsError and awsErrorName', () => {
  expect(describeAwsError(awsError('ThrottlingException', 'Rate\n exceeded'))).toBe(
    'ThrottlingException: Rate exceeded',
  );
  expect(awsErrorName({ name: 'X' })).toBe('X');
  expect(awsErrorName(null)).toBeUndefined();
});

describe('hostile error messages (issue 19 §3)', () => {
  // The red-team case: 150,000 spaces took 26 s of CPU and 400,000 took 186 s, because a
  // pattern ran on the raw message several times per error. Now the text is cut first.
  const hint =
    'Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.';
  const hostile = [
    ' '.repeat(400_000),
    `${' '.repeat(400_000)}${hint}`,
    `${' '.repeat(150_000)}x${' '.repeat(150_000)}${hint}`,
    `${'perform: '.repeat(50_000)}`,
  ];

  test.each(hostile.map((message, i) => [i, message] as const))(
    'message %d: every translation finishes at once and stays bounded',
    (_i, message) => {
      const started = performance.now();
      const error = awsError('InternalFailure', message, 500);
      const described = describeAwsError(error);
      const translated = translateAwsError(error, ecr('DescribeImageScanFindings'));
      isRetryableAwsError(error);
      const elapsed = performance.now() - started;
      expect(elapsed).toBeLessThan(1_000);
      expect(described.length).toBeLessThan(5_000);
      expect(translated.message.length).toBeLessThan(6_000);
      expect(described).not.toContain('Deserialization error');
    },
  );
});

describe('credential errors speak to both surfaces (issue 17 §5)', () => {
  test('no credentials: names the CLI ways first, the action way as GitHub-only', () => {
    const error = translateAwsError(
      awsError('CredentialsProviderError', 'Could not load credentials from any providers'),
      ecr('DescribeImages'),
    );
    expect(error.message).toContain('AWS_PROFILE');
    expect(error.message).toContain('in GitHub Actions, aws-actions/configure-aws-credentials');
    expect(error.message).not.toMatch(/this (step|action)/);
  });

  test('rejected credentials: no action-only advice', () => {
    const error = translateAwsError(
      awsError('ExpiredTokenException', 'The security token included in the request is expired'),
      ecr('DescribeImages'),
    );
    expect(error.message).toContain('Refresh them and check the system clock');
    expect(error.message).not.toContain('configure-aws-credentials');
  });
});
