import {
  accountPushHistory,
  basicFindings,
  enhancedFindings,
  githubActionsRole,
  multiArchPushRecords,
  principalArn,
  putImageRecord,
  ssoRole,
} from '../../emulator/builders.js';
import { usernameOf } from '../../emulator/compile-events.js';
import { digest } from './kit.js';

test('finding builders honour the severity mix exactly and give distinct findings', () => {
  const basic = basicFindings(7, { CRITICAL: 1, LOW: 1 });
  expect(basic.filter((f) => f.severity === 'CRITICAL')).toHaveLength(4);
  expect(basic.filter((f) => f.severity === 'LOW')).toHaveLength(3);
  expect(new Set(basic.map((f) => f.name)).size).toBe(7);
  const enhanced = enhancedFindings(300, { HIGH: 1, UNTRIAGED: 2 }, { unfixedShare: 0.5 });
  expect(enhanced.filter((f) => f.severity === 'UNTRIAGED')).toHaveLength(200);
  const ids = enhanced.map((f) => f.packageVulnerabilityDetails?.vulnerabilityId);
  expect(new Set(ids).size).toBe(300);
  const unfixed = enhanced.filter((f) => f.fixAvailable === 'NO').length;
  expect(unfixed).toBeGreaterThan(100);
  expect(unfixed).toBeLessThan(200);
  expect(enhancedFindings(10)).toEqual(enhancedFindings(10));
});

test('putImageRecord puts digest, tag and repository where CloudTrail does', () => {
  const identity = githubActionsRole('123456789012', 'gha-push', 77);
  const record = putImageRecord({
    identity,
    region: 'eu-west-1',
    registryId: '999999999999',
    repository: 'team/app',
    digest: digest(5),
    tag: 'v5',
    eventTime: '2024-05-01T10:00:00.400Z',
    recipientAccountId: '123456789012',
  });
  expect(record.eventTime).toBe('2024-05-01T10:00:00Z');
  expect(record.requestParameters).toMatchObject({
    repositoryName: 'team/app',
    imageTag: 'v5',
    registryId: '999999999999',
  });
  expect(record.responseElements).toMatchObject({
    image: { imageId: { imageDigest: digest(5), imageTag: 'v5' } },
  });
  expect(record.resources).toEqual([
    { accountId: '999999999999', ARN: 'arn:aws:ecr:eu-west-1:999999999999:repository/team/app' },
  ]);
  expect(record.userIdentity?.arn).toBe(
    'arn:aws:sts::123456789012:assumed-role/gha-push/GitHubActions-77',
  );
  expect(principalArn(identity)).toBe('arn:aws:iam::123456789012:role/gha-push');
  expect(usernameOf(record.userIdentity)).toBe('GitHubActions-77');
});

test('IAM Identity Center roles live under the aws-reserved path', () => {
  const identity = ssoRole('123456789012', 'AdministratorAccess', 'carol@example.com');
  expect(principalArn(identity)).toMatch(
    /^arn:aws:iam::123456789012:role\/aws-reserved\/sso\.amazonaws\.com\/AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}$/,
  );
  expect(identity.arn).toMatch(
    /assumed-role\/AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}\/carol@example.com$/,
  );
});

test('a multi-arch push records each child by digest, then the tagged index', () => {
  const records = multiArchPushRecords({
    identity: githubActionsRole('123456789012', 'gha-push', 1),
    region: 'eu-west-1',
    registryId: '123456789012',
    repository: 'app',
    tag: 'v1',
    eventTime: 1_714_557_600,
    indexDigest: digest(10),
    childDigests: [digest(11), digest(12)],
  });
  expect(
    records.map((r) => r.requestParameters?.['imageTag'] ?? r.requestParameters?.['imageDigest']),
  ).toEqual([digest(11), digest(12), 'v1']);
  expect(records.map((r) => r.eventTime)).toEqual([
    '2024-05-01T10:00:00Z',
    '2024-05-01T10:00:01Z',
    '2024-05-01T10:00:02Z',
  ]);
  expect(records[2]?.requestParameters?.['imageManifestMediaType']).toBe(
    'application/vnd.oci.image.index.v1+json',
  );
});

test('accountPushHistory builds a busy account with stable principals and changing sessions', () => {
  const history = accountPushHistory({
    events: 5000,
    repositories: 200,
    now: Date.UTC(2024, 4, 1),
    seed: 3,
  });
  expect(history.events).toHaveLength(5000);
  expect(history.repositories).toHaveLength(200);
  const pushes = history.events.filter((e) => e.record.eventName === 'PutImage');
  expect(pushes.length).toBe(history.pushes.length);
  expect(pushes.length).toBeGreaterThan(2500);
  expect(pushes.length).toBeLessThan(5000);
  const github = pushes.filter((e) =>
    principalArn(e.record.userIdentity ?? { type: '' })?.endsWith(':role/github-actions-ecr-push'),
  );
  expect(github.length).toBeGreaterThan(100);
  // One role, a new session per run: a session pushes once, or the three manifests of a buildx push.
  const perSession = new Map<string, number>();
  for (const e of github) {
    const session = e.record.userIdentity?.arn ?? '';
    perSession.set(session, (perSession.get(session) ?? 0) + 1);
  }
  expect(perSession.size).toBeGreaterThan(100);
  expect(new Set(perSession.values())).toEqual(new Set([1, 3]));
  const crossAccount = history.pushes.filter((p) =>
    p.principal.startsWith('arn:aws:iam::210987654321:'),
  );
  expect(crossAccount.length).toBeGreaterThan(0);
  const untagged = history.pushes.filter((p) => p.tag === undefined);
  expect(untagged.length).toBeGreaterThan(0); // platform manifests of multi-arch pushes
  const times = history.pushes.map((p) => p.eventTime);
  expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.UTC(2024, 3, 1) / 1000);
  expect(Math.max(...times)).toBeLessThan(Date.UTC(2024, 4, 1) / 1000);
});
