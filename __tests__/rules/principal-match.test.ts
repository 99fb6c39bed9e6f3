import type { Principal } from '../../src/model.js';
import { principalFromIdentity } from '../../src/rules/identity.js';
import {
  globToRegExp,
  matchKnownUploader,
  withoutIamPath,
} from '../../src/rules/principal-match.js';

const role = (path: string, name: string, session: string, account = '123456789012') =>
  principalFromIdentity({
    type: 'AssumedRole',
    arn: `arn:aws:sts::${account}:assumed-role/${name}/${session}`,
    accountId: account,
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        arn: `arn:aws:iam::${account}:role/${path}${name}`,
        accountId: account,
        userName: name,
      },
    },
  });

const user = (path: string, name: string, account = '123456789012') =>
  principalFromIdentity({
    type: 'IAMUser',
    arn: `arn:aws:iam::${account}:user/${path}${name}`,
    accountId: account,
    userName: name,
  });

const prodDeploy = role('', 'ProdDeployRole', 'GitHubActions');
const prodDeployX = role('', 'ProdDeployRoleX', 'GitHubActions');
const pathRole = role('ci/build/', 'Deployer', 'run-1');
const sessionLooksLikeRole = role('', 'Builder', 'ProdDeployRole');
const sso = role(
  'aws-reserved/sso.amazonaws.com/eu-west-1/',
  'AWSReservedSSO_Dev_0123abcd',
  'alice@example.com',
);
const splunkUser = user('', 'test', '111111111111');
const service = principalFromIdentity({ type: 'AWSService', invokedBy: 'ecr.amazonaws.com' });
const root = principalFromIdentity({
  type: 'Root',
  arn: 'arn:aws:iam::123456789012:root',
  accountId: '123456789012',
});

type Row = [string, Principal, string, boolean];

const table: Row[] = [
  // Anchored globs on names
  ['*DeployRole matches role ProdDeployRole', prodDeploy, '*DeployRole', true],
  ['*DeployRole does not match ProdDeployRoleX', prodDeployX, '*DeployRole', false],
  ['*DeployRole* matches ProdDeployRoleX', prodDeployX, '*DeployRole*', true],
  ['DeployRole (no glob) does not match ProdDeployRole', prodDeploy, 'DeployRole', false],
  ['exact role name', prodDeploy, 'ProdDeployRole', true],
  ['names are case-sensitive', prodDeploy, 'proddeployrole', false],
  ['* matches every name', prodDeploy, '*', true],
  // Session names are never candidates
  ['an entry never matches a session name', sessionLooksLikeRole, 'ProdDeployRole', false],
  ['a glob never matches a session name', sessionLooksLikeRole, '*DeployRole', false],
  ['the session name as written', prodDeploy, 'GitHubActions', false],
  // ARNs
  ['the role ARN', prodDeploy, 'arn:aws:iam::123456789012:role/ProdDeployRole', true],
  ['a role ARN glob', prodDeploy, 'arn:aws:iam::123456789012:role/Prod*', true],
  ['another account', prodDeploy, 'arn:aws:iam::999999999999:role/ProdDeployRole', false],
  ['ARN entries are anchored', prodDeployX, 'arn:aws:iam::123456789012:role/ProdDeployRole', false],
  [
    'the STS session ARN of an ordinary role does not match (it names a session)',
    prodDeploy,
    'arn:aws:sts::123456789012:assumed-role/ProdDeployRole/GitHubActions',
    false,
  ],
  // IAM paths
  [
    'role ARN without the path matches the role at a path',
    pathRole,
    'arn:aws:iam::123456789012:role/Deployer',
    true,
  ],
  [
    'role ARN with the right path',
    pathRole,
    'arn:aws:iam::123456789012:role/ci/build/Deployer',
    true,
  ],
  ['role ARN with a wrong path', pathRole, 'arn:aws:iam::123456789012:role/other/Deployer', false],
  ['path glob', pathRole, 'arn:aws:iam::123456789012:role/ci/*', true],
  ['path glob for another path', pathRole, 'arn:aws:iam::123456789012:role/prod/*', false],
  [
    'user ARN without the path',
    user('division/', 'alice'),
    'arn:aws:iam::123456789012:user/alice',
    true,
  ],
  ['user name', user('division/', 'alice'), 'alice', true],
  // Users and root
  ['the recorded Splunk user by ARN', splunkUser, 'arn:aws:iam::111111111111:user/test', true],
  ['the recorded Splunk user by name', splunkUser, 'test', true],
  ['another user does not match', splunkUser, 'arn:aws:iam::111111111111:user/ci', false],
  [
    'account root ARN = the whole account (IAM policy meaning)',
    splunkUser,
    'arn:aws:iam::111111111111:root',
    true,
  ],
  ['account root ARN of the registry account', splunkUser, 'arn:aws:iam::111111111112:root', false],
  ['root by its ARN', root, 'arn:aws:iam::123456789012:root', true],
  ['"root" as a name matches no root user', root, 'root', false],
  // Services and SSO
  ['a service by name', service, 'ecr.amazonaws.com', true],
  ['a service glob', service, '*.amazonaws.com', true],
  [
    'SSO permission set role ARN (any person)',
    sso,
    'arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Dev_0123abcd',
    true,
  ],
  [
    'SSO role ARN without path',
    sso,
    'arn:aws:iam::123456789012:role/AWSReservedSSO_Dev_0123abcd',
    true,
  ],
  [
    'SSO person by session ARN',
    sso,
    'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Dev_0123abcd/alice@example.com',
    true,
  ],
  [
    'SSO other person by session ARN',
    sso,
    'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Dev_0123abcd/bob@example.com',
    false,
  ],
  ['SSO role name', sso, 'AWSReservedSSO_Dev_*', true],
  ['SSO person name alone (a session name) does not match', sso, 'alice@example.com', false],
];

test.each(table)('%s', (_label, principal, entry, expected) => {
  expect(matchKnownUploader(principal, [entry]) !== undefined).toBe(expected);
});

test('returns the entry that matched, skipping blanks and trimming', () => {
  expect(
    matchKnownUploader(prodDeploy, ['', '  ', 'arn:aws:iam::1:role/x', '  *DeployRole  ']),
  ).toBe('  *DeployRole  ');
  expect(matchKnownUploader(prodDeploy, [])).toBeUndefined();
});

test('globToRegExp treats regex characters literally', () => {
  expect(globToRegExp('a.b').test('axb')).toBe(false);
  expect(globToRegExp('a.b').test('a.b')).toBe(true);
  expect(globToRegExp('a+(b)').test('a+(b)')).toBe(true);
  expect(globToRegExp('a*').test('xa')).toBe(false);
});

test.each([
  ['arn:aws:iam::1:role/a/b/Name', 'arn:aws:iam::1:role/Name'],
  ['arn:aws:iam::1:role/Name', 'arn:aws:iam::1:role/Name'],
  ['arn:aws-cn:iam::1:user/p/u', 'arn:aws-cn:iam::1:user/u'],
  ['arn:aws:sts::1:assumed-role/R/s', 'arn:aws:sts::1:assumed-role/R/s'],
  ['arn:aws:iam::1:root', 'arn:aws:iam::1:root'],
])('withoutIamPath(%s) = %s', (arn, expected) => {
  expect(withoutIamPath(arn)).toBe(expected);
});
