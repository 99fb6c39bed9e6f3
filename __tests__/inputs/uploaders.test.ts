import { checkUploader } from '../../src/inputs/uploaders.js';

describe('checkUploader (known-uploaders entries)', () => {
  test.each([
    ['arn:aws:iam::123456789012:role/github-actions-ecr-push', undefined],
    ['arn:aws:iam::123456789012:role/service-role/ci/pusher', undefined],
    ['arn:aws:iam::123456789012:user/alice', undefined],
    ['arn:aws:iam::123456789012:user/division/alice', undefined],
    ['arn:aws:iam::123456789012:root', undefined],
    ['arn:aws-cn:iam::123456789012:role/ci', undefined],
    ['arn:aws-us-gov:iam::123456789012:role/ci', undefined],
    ['arn:aws:iam::123456789012:role/ci-*', undefined],
    ['arn:aws:iam::*:role/deployer', undefined],
    ['github-actions-ecr-push', undefined],
    ['ci-*', undefined],
    ['*', undefined],
    ['ecr.amazonaws.com', undefined],
    ['user+name=x,y.z@corp-1', undefined],
    // A session ARN is kept as written: it allows that session only (issue 18 §3.1).
    [
      'arn:aws:sts::123456789012:assumed-role/github-actions-ecr-push/GitHubActions-1234',
      undefined,
    ],
    ['arn:aws:sts::123456789012:assumed-role/ci/*', undefined],
    ['arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_DevAdmin_1/fake.user', undefined],
    // What CloudTrail records and the gate reports (issue 18 §3.2).
    ['arn:aws:sts::123456789012:user/Mary_Major', undefined],
    ['arn:aws:sts::123456789012:federated-user/ci-bot', undefined],
    ['arn:aws:identitystore:::user/906744b8-8081-7029-d4c4-2ff0EXAMPLE', undefined],
    ['accounts.google.com:client.apps.googleusercontent.com:1234', undefined],
  ])('%s is accepted', (entry, normalised) => {
    expect(checkUploader(entry)).toEqual({ ok: true, value: normalised ?? entry });
  });

  test.each([
    ['arn:aws:s3:::my-bucket', 'a s3 ARN is not a principal'],
    [
      'arn:aws:iam::123456789012:group/admins',
      'not a role, user, federated-user, root or session ARN',
    ],
    ['arn:aws:iam::12345:role/ci', 'not a role, user, federated-user, root or session ARN'],
    [
      'arn:aws:iam:us-east-1:123456789012:role/ci',
      'not a role, user, federated-user, root or session ARN',
    ],
    ['arn:aws:iam::123456789012:role/', 'not a role, user, federated-user, root or session ARN'],
    ['arn:aws:iam::123456789012:role/ci/', 'the ARN ends with "/"'],
    ['role name', 'it contains spaces'],
    ['team/ci', 'not an IAM name or ARN'],
    ['', 'it is empty'],
  ])('%j is refused: %s', (entry, problem) => {
    expect(checkUploader(entry)).toMatchObject({
      ok: false,
      problem: expect.stringContaining(problem),
    });
  });
});
