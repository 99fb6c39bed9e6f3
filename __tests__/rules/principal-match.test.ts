import { readFileSync } from 'node:fs';
import fc from 'fast-check';

import { checkUploader } from '../../src/inputs/uploaders.js';
import type { Principal } from '../../src/model.js';
import { principalFromIdentity } from '../../src/rules/identity.js';
import { globMatch, matchKnownUploader, withoutIamPath } from '../../src/rules/principal-match.js';

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
    'the session ARN of an ordinary role matches that session',
    prodDeploy,
    'arn:aws:sts::123456789012:assumed-role/ProdDeployRole/GitHubActions',
    true,
  ],
  [
    'a session ARN never widens to another session of the role',
    prodDeploy,
    'arn:aws:sts::123456789012:assumed-role/ProdDeployRole/OtherRun',
    false,
  ],
  [
    'a session ARN glob matches the sessions it names',
    prodDeploy,
    'arn:aws:sts::123456789012:assumed-role/ProdDeployRole/GitHub*',
    true,
  ],
  [
    'a session ARN glob does not match other sessions',
    prodDeploy,
    'arn:aws:sts::123456789012:assumed-role/ProdDeployRole/Local*',
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

test('globMatch treats every character but * literally, anchored', () => {
  expect(globMatch('a.b', 'axb')).toBe(false);
  expect(globMatch('a.b', 'a.b')).toBe(true);
  expect(globMatch('a+(b)', 'a+(b)')).toBe(true);
  expect(globMatch('a*', 'xa')).toBe(false);
  expect(globMatch('*a', 'ab')).toBe(false);
  expect(globMatch('a*a', 'a')).toBe(false);
  expect(globMatch('a*a', 'aa')).toBe(true);
  expect(globMatch('*ab*ab*', 'xabyab')).toBe(true);
  expect(globMatch('*ab*ab*', 'xaab')).toBe(false);
  expect(globMatch('**', '')).toBe(true);
  expect(globMatch('a*b*c', 'abbc')).toBe(true);
  expect(globMatch('a*bc*c', 'abcc')).toBe(true);
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

// Issue 18 §3.1 on real records (../shared/data/realworld/cloudtrail-user-identities.json, from
// panther-labs/panther-analysis; see SOURCES.md): a per-person SSO entry names that person only.
describe('IAM Identity Center per-person entries (real identities)', () => {
  const records = JSON.parse(
    readFileSync(
      new URL('../../../shared/data/realworld/cloudtrail-user-identities.json', import.meta.url),
      'utf8',
    ),
  ) as { id: string; userIdentity: unknown }[];
  const identity = (id: string): unknown => records.find((r) => r.id === id)?.userIdentity;
  const fakeUser = principalFromIdentity(identity('panther-sso-fake-user-path-with-region'));
  const entry =
    'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_DevAdmin_635426549a280cc6/fake.user';
  const evil = principalFromIdentity({
    ...(identity('panther-sso-fake-user-path-with-region') as object),
    principalId: 'AROA2DFDF0C1FDFCAD2B2:evil.genius',
    arn: 'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_DevAdmin_635426549a280cc6/evil.genius',
  });

  test('the entry accepted as written (not widened to the role)', () => {
    expect(checkUploader(entry)).toEqual({ ok: true, value: entry });
  });
  test('matches the person it names', () => {
    expect(matchKnownUploader(fakeUser, [entry])).toBe(entry);
  });
  test('does not let another person of the same permission set in', () => {
    expect(matchKnownUploader(evil, [entry])).toBeUndefined();
  });
  test('the permission set role ARN allows every person', () => {
    const roleEntry = 'arn:aws:iam::123456789012:role/AWSReservedSSO_DevAdmin_635426549a280cc6';
    expect(matchKnownUploader(evil, [roleEntry])).toBe(roleEntry);
  });
});

describe('STS spellings of users (issue 18 §3.2)', () => {
  // AWS's ECR PutImage example records `arn:aws:sts::123456789012:user/Mary_Major` for an IAMUser:
  // https://docs.aws.amazon.com/AmazonECR/latest/userguide/logging-using-cloudtrail.html
  const mary = principalFromIdentity({
    type: 'IAMUser',
    principalId: 'AIDACKCEVSQ6C2EXAMPLE',
    arn: 'arn:aws:sts::123456789012:user/Mary_Major',
    accountId: '123456789012',
    userName: 'Mary_Major',
  });
  const federated = principalFromIdentity({
    type: 'FederatedUser',
    principalId: '123456789012:ci-bot',
    arn: 'arn:aws:sts::123456789012:federated-user/ci-bot',
    accountId: '123456789012',
  });
  test.each([
    [mary, 'arn:aws:sts::123456789012:user/Mary_Major', true],
    [mary, 'arn:aws:iam::123456789012:user/Mary_Major', true],
    [mary, 'arn:aws:sts::123456789012:user/John_Doe', false],
    [user('team/', 'Mary_Major'), 'arn:aws:sts::123456789012:user/Mary_Major', true],
    [federated, 'arn:aws:sts::123456789012:federated-user/ci-bot', true],
    [federated, 'arn:aws:sts::123456789012:federated-user/other', false],
  ])('case %#', (principal, entry, expected) => {
    expect(checkUploader(entry)).toEqual({ ok: true, value: entry });
    expect(matchKnownUploader(principal, [entry]) !== undefined).toBe(expected);
  });
});

test('an empty userIdentity is named plainly and matches no named entry', () => {
  const nobody = principalFromIdentity({});
  expect(nobody.key).toBe('no identity recorded (empty userIdentity)');
  expect(nobody.key).not.toMatch(/no type/);
  expect(matchKnownUploader(nobody, ['no', 'arn:aws:*', 'unknown*'])).toBeUndefined();
});

// Issue 19 §3: the old glob compiled to a backtracking RegExp (six `*` against a long role path:
// 128 s of CPU). Linear matching makes a 1 MB input trivial; the bound is deliberately loose.
test('globs match 1 MB inputs in linear time', () => {
  const longPath = `arn:aws:iam::123456789012:role/${'a/'.repeat(500_000)}x`;
  const hostile = 'arn:aws:iam::*:role/*a*a*a*a*a*b';
  const started = performance.now();
  expect(globMatch(hostile, longPath)).toBe(false);
  expect(globMatch('*'.repeat(6) + 'b', 'a'.repeat(1_000_000))).toBe(false);
  expect(globMatch(`${'*a'.repeat(1000)}*b`, 'a'.repeat(1_000_000))).toBe(false);
  const principal = role('a/'.repeat(250_000), 'Deploy', 's');
  expect(matchKnownUploader(principal, ['arn:aws:iam::*:role/*a*a*a*a*a*Z'])).toBeUndefined();
  expect(performance.now() - started).toBeLessThan(1000);
});

// Issue 18 §3.2 / SPEC 1: whatever the gate reports as `uploader` (the principal's key) is
// accepted verbatim as a known-uploaders entry and matches that principal. Identity shapes from
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
describe('property: the reported uploader is a valid entry that matches', () => {
  const name = fc.stringMatching(/^[\w+=,.@-]{1,24}$/);
  const account = fc.stringMatching(/^\d{12}$/);
  const partition = fc.constantFrom('aws', 'aws-cn', 'aws-us-gov');
  const path = fc.array(name, { maxLength: 3 }).map((p) => p.map((s) => `${s}/`).join(''));
  const identity = fc.oneof(
    fc
      .record({ partition, account, path, name, sts: fc.boolean() })
      .map(({ partition: p, account: a, path: pa, name: n, sts }) => ({
        type: 'IAMUser',
        arn: sts ? `arn:${p}:sts::${a}:user/${n}` : `arn:${p}:iam::${a}:user/${pa}${n}`,
        accountId: a,
        userName: n,
      })),
    fc
      .record({ partition, account, path, role: name, session: name, sso: fc.boolean() })
      .map(({ partition: p, account: a, path: pa, role: r, session, sso }) => {
        const roleName = sso ? `AWSReservedSSO_${r}` : r;
        return {
          type: 'AssumedRole',
          principalId: `AROAEXAMPLE:${session}`,
          arn: `arn:${p}:sts::${a}:assumed-role/${roleName}/${session}`,
          accountId: a,
          sessionContext: {
            sessionIssuer: {
              type: 'Role',
              arn: `arn:${p}:iam::${a}:role/${pa}${roleName}`,
              accountId: a,
              userName: roleName,
            },
          },
        };
      }),
    fc.record({ partition, account }).map(({ partition: p, account: a }) => ({
      type: 'Root',
      arn: `arn:${p}:iam::${a}:root`,
      accountId: a,
    })),
    fc.record({ partition, account, name }).map(({ partition: p, account: a, name: n }) => ({
      type: 'FederatedUser',
      principalId: `${a}:${n}`,
      arn: `arn:${p}:sts::${a}:federated-user/${n}`,
      accountId: a,
    })),
    name.map((n) => ({ type: 'AWSService', invokedBy: `${n}.amazonaws.com` })),
    account.map((a) => ({ type: 'AWSAccount', accountId: a, principalId: `AIDAEXAMPLE:${a}` })),
    fc.record({ account, name }).map(({ account: a, name: n }) => ({
      type: 'IdentityCenterUser',
      accountId: a,
      onBehalfOf: {
        userId: n,
        identityStoreArn: `arn:aws:identitystore::${a}:identitystore/d-1234567890`,
      },
    })),
    fc
      .record({ account, name, kind: fc.constantFrom('SAMLUser', 'WebIdentityUser') })
      .map(({ account: a, name: n, kind }) => ({
        type: kind,
        principalId: `provider.example.com:${n}`,
        userName: n,
        identityProvider: 'provider.example.com',
        accountId: a,
      })),
  );

  test('every identity type', () => {
    fc.assert(
      fc.property(identity, (raw) => {
        const principal = principalFromIdentity(raw);
        const check = checkUploader(principal.key);
        expect(check).toEqual({ ok: true, value: principal.key });
        expect(matchKnownUploader(principal, [principal.key])).toBe(principal.key);
      }),
      { numRuns: 400 },
    );
  });
});
