import { readFileSync } from 'node:fs';
import type { Principal } from '../../src/model.js';
import {
  parseArn,
  partitionOfRegion,
  principalFromIdentity,
  roleNameOf,
} from '../../src/rules/identity.js';
import { sharedPath } from '../shared-data.js';

const splunk = JSON.parse(
  readFileSync(sharedPath('splunk/aws_ecr_container_upload_first_event.json'), 'utf8'),
) as { userIdentity: unknown; resources: Array<{ ARN: string }> };

const assumed = (role: string, session: string, partition = 'aws', account = '123456789012') => ({
  type: 'AssumedRole',
  principalId: `AROAEXAMPLE:${session}`,
  arn: `arn:${partition}:sts::${account}:assumed-role/${role.split('/').pop() ?? role}/${session}`,
  accountId: account,
  sessionContext: {
    sessionIssuer: {
      type: 'Role',
      principalId: 'AROAEXAMPLE',
      arn: `arn:${partition}:iam::${account}:role/${role}`,
      accountId: account,
      userName: role.split('/').pop(),
    },
    attributes: { mfaAuthenticated: 'false', creationDate: '2024-01-01T00:00:00Z' },
  },
});

type Row = [string, unknown, Partial<Principal>];

const table: Row[] = [
  [
    'IAMUser: the user ARN (the recorded Splunk push)',
    splunk.userIdentity,
    {
      type: 'IAMUser',
      key: 'arn:aws:iam::111111111111:user/test',
      arn: 'arn:aws:iam::111111111111:user/test',
      name: 'test',
      accountId: '111111111111',
      partition: 'aws',
    },
  ],
  [
    'IAMUser with a path keeps the path in key and ARN',
    {
      type: 'IAMUser',
      arn: 'arn:aws:iam::123456789012:user/division/alice',
      accountId: '123456789012',
      userName: 'alice',
    },
    { key: 'arn:aws:iam::123456789012:user/division/alice', name: 'alice' },
  ],
  [
    'AssumedRole: the role ARN, not the session',
    assumed('github-actions-ecr-push', 'GitHubActions-123'),
    {
      type: 'AssumedRole',
      key: 'arn:aws:iam::123456789012:role/github-actions-ecr-push',
      arn: 'arn:aws:iam::123456789012:role/github-actions-ecr-push',
      name: 'github-actions-ecr-push',
      sessionName: 'GitHubActions-123',
    },
  ],
  [
    'AssumedRole with a path keeps the path',
    assumed('ci/build/Deployer', 'run-9'),
    {
      key: 'arn:aws:iam::123456789012:role/ci/build/Deployer',
      name: 'Deployer',
      sessionName: 'run-9',
    },
  ],
  [
    'AssumedRole in aws-cn',
    assumed('Deployer', 's1', 'aws-cn'),
    { key: 'arn:aws-cn:iam::123456789012:role/Deployer', partition: 'aws-cn' },
  ],
  [
    'AssumedRole in aws-us-gov',
    assumed('Deployer', 's1', 'aws-us-gov'),
    { key: 'arn:aws-us-gov:iam::123456789012:role/Deployer', partition: 'aws-us-gov' },
  ],
  [
    'AssumedRole without a session issuer: the role ARN is rebuilt (path unknown)',
    {
      type: 'AssumedRole',
      arn: 'arn:aws:sts::123456789012:assumed-role/Deployer/run-1',
      accountId: '123456789012',
    },
    {
      key: 'arn:aws:iam::123456789012:role/Deployer',
      name: 'Deployer',
      sessionName: 'run-1',
    },
  ],
  [
    'IAM Identity Center role: keyed per person (the session name is the person)',
    assumed(
      'aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_AdministratorAccess_0123abcd',
      'alice@example.com',
    ),
    {
      type: 'AssumedRole',
      key: 'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_AdministratorAccess_0123abcd/alice@example.com',
      arn: 'arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_AdministratorAccess_0123abcd',
      name: 'AWSReservedSSO_AdministratorAccess_0123abcd/alice@example.com',
      sessionName: 'alice@example.com',
    },
  ],
  [
    'Root: the account root ARN',
    {
      type: 'Root',
      principalId: '123456789012',
      arn: 'arn:aws:iam::123456789012:root',
      accountId: '123456789012',
      userName: 'my-alias',
    },
    { type: 'Root', key: 'arn:aws:iam::123456789012:root', name: 'root' },
  ],
  [
    'Root without an ARN takes the partition from the context',
    { type: 'Root', accountId: '123456789012' },
    { key: 'arn:aws-cn:iam::123456789012:root', partition: 'aws-cn' },
  ],
  [
    'FederatedUser: the federated-user ARN',
    {
      type: 'FederatedUser',
      principalId: '123456789012:Bob',
      arn: 'arn:aws:sts::123456789012:federated-user/Bob',
      accountId: '123456789012',
      sessionContext: {
        sessionIssuer: {
          type: 'IAMUser',
          arn: 'arn:aws:iam::123456789012:user/Alice',
          userName: 'Alice',
        },
      },
    },
    {
      type: 'FederatedUser',
      key: 'arn:aws:sts::123456789012:federated-user/Bob',
      name: 'Bob',
    },
  ],
  [
    'AWSService: no ARN, keyed by the service',
    { type: 'AWSService', invokedBy: 'ecr.amazonaws.com' },
    { type: 'AWSService', key: 'ecr.amazonaws.com', name: 'ecr.amazonaws.com' },
  ],
  [
    'AWSAccount: the other account, as its root ARN (partition from the context)',
    { type: 'AWSAccount', principalId: 'AIDAEXAMPLE', accountId: '210987654321' },
    {
      type: 'AWSAccount',
      key: 'arn:aws-cn:iam::210987654321:root',
      accountId: '210987654321',
      name: '210987654321',
    },
  ],
  [
    'IdentityCenterUser: the identity store user',
    {
      type: 'IdentityCenterUser',
      accountId: '123456789012',
      onBehalfOf: {
        userId: '544894e8-80c1-707f-60e3-3ba6510dfac1',
        identityStoreArn: 'arn:aws:identitystore::123456789012:identitystore/d-9067642ac7',
      },
      credentialId: 'EXAMPLE',
    },
    {
      type: 'IdentityCenterUser',
      key: 'arn:aws:identitystore:::user/544894e8-80c1-707f-60e3-3ba6510dfac1',
      name: '544894e8-80c1-707f-60e3-3ba6510dfac1',
    },
  ],
  [
    'WebIdentityUser: provider + subject',
    {
      type: 'WebIdentityUser',
      principalId: 'accounts.google.com:app.apps.googleusercontent.com:user-id',
      userName: 'user-id',
      identityProvider: 'accounts.google.com',
    },
    {
      type: 'WebIdentityUser',
      key: 'accounts.google.com:app.apps.googleusercontent.com:user-id',
      name: 'user-id',
    },
  ],
  [
    'SAMLUser: name qualifier + subject',
    {
      type: 'SAMLUser',
      principalId: 'SomeQualifier:alice@example.com',
      userName: 'alice@example.com',
      identityProvider: 'arn:aws:iam::123456789012:saml-provider/Okta',
    },
    { type: 'SAMLUser', key: 'SomeQualifier:alice@example.com', name: 'alice@example.com' },
  ],
  [
    'an unknown type is tolerated and keyed by its ARN',
    { type: 'Directory', arn: 'arn:aws:ds::123456789012:user/x', principalId: 'P1' },
    { type: 'Unknown', key: 'arn:aws:ds::123456789012:user/x', name: 'x' },
  ],
];

describe('principalFromIdentity', () => {
  test.each(table)('%s', (_label, identity, expected) => {
    const principal = principalFromIdentity(identity, { partition: 'aws-cn' });
    expect(principal).toMatchObject(expected);
    expect(principal.key).not.toBe('');
  });

  test('a session name never becomes the key of an ordinary role', () => {
    const a = principalFromIdentity(assumed('Deployer', 'run-1'));
    const b = principalFromIdentity(assumed('Deployer', 'run-2'));
    expect(a.key).toBe(b.key);
    expect(a.sessionName).not.toBe(b.sessionName);
  });

  test('two people in one SSO permission set are two principals', () => {
    const role = 'aws-reserved/sso.amazonaws.com/AWSReservedSSO_Dev_1a2b';
    const alice = principalFromIdentity(assumed(role, 'alice'));
    const bob = principalFromIdentity(assumed(role, 'bob'));
    expect(alice.key).not.toBe(bob.key);
    expect(alice.arn).toBe(bob.arn);
    expect(roleNameOf(alice)).toBe('AWSReservedSSO_Dev_1a2b');
  });

  test.each([
    ['null', null],
    ['a string', 'IAMUser'],
    ['an array', [1, 2]],
    ['wrong field types', { type: 'IAMUser', arn: 42, userName: { x: 1 }, accountId: [] }],
    ['AssumedRole with junk context', { type: 'AssumedRole', sessionContext: 'x' }],
    ['IdentityCenterUser without onBehalfOf', { type: 'IdentityCenterUser' }],
    ['no type', { arn: 'arn:aws:iam::1:user/x' }],
  ])('never throws on %s', (_label, identity) => {
    const principal = principalFromIdentity(identity);
    expect(typeof principal.key).toBe('string');
    expect(principal.key.length).toBeGreaterThan(0);
  });
});

describe('parseArn', () => {
  test('the 13-digit account of the recorded resource ARN is kept as written', () => {
    const arn = splunk.resources[0]?.ARN ?? '';
    expect(parseArn(arn)).toEqual({
      partition: 'aws',
      service: 'ecr',
      region: 'eu-central-1',
      account: '1111111111111',
      resource: 'repository/devsecops/cat_dog_server',
    });
  });

  test.each([['not an arn'], ['arn:aws:iam'], ['']])('%p is not an ARN', (text) => {
    expect(parseArn(text)).toBeUndefined();
  });
});

test.each([
  ['eu-central-1', 'aws'],
  ['cn-north-1', 'aws-cn'],
  ['cn-northwest-1', 'aws-cn'],
  ['us-gov-west-1', 'aws-us-gov'],
  ['us-iso-east-1', 'aws-iso'],
  ['us-isob-east-1', 'aws-iso-b'],
])('partition of %s is %s', (region, partition) => {
  expect(partitionOfRegion(region)).toBe(partition);
});
