// Issue 18 §1: every real CloudTrail PutImage record and userIdentity block of
// ../shared/data/realworld, through the bundle. PutImage records are served as published (only
// eventTime moved to a minute ago so the push falls in the lookup window); identity blocks are put,
// verbatim, into a PutImage built by emulator/builders. Verdicts written from the SPEC (§1
// known-uploaders, §2 rules, §3 uploader-status) and README "Who pushed it" before running.
import {
  putImageRecord,
  type CloudTrailRecord,
  type Scenario,
  type UserIdentity,
} from '../../emulator/index.js';
import { entry, expectVerdict, ids, runCase, type Expected } from './corpus.js';
import { emptySuiteEmulator } from './harness.js';

const emulator = emptySuiteEmulator();

type Json = Record<string, unknown>;
const OTHER_ROLE = 'arn:aws:iam::999999999999:role/release-pipeline';

interface Push {
  registryId: string;
  region: string;
  repository: string;
  tag: string;
  digest: string;
  record: CloudTrailRecord;
}

interface UploaderCase {
  id: string;
  file: 'cloudtrail-putimage-records.json' | 'cloudtrail-user-identities.json';
  /** The identity block of this corpus entry, with its session name changed to this one. */
  session?: { from: string; name: string };
  knownUploaders: string;
  expected: Expected;
  /** The trail holds this record, but the gated image is a private one of the same name. */
  privateImageOnly?: boolean;
}

const ago = (seconds: number) =>
  new Date(Math.floor(Date.now() / 1000 - seconds) * 1000).toISOString().replace('.000Z', 'Z');

function pushOf(c: UploaderCase): Push {
  const e = entry(c.file, c.session?.from ?? c.id);
  if (c.file === 'cloudtrail-putimage-records.json') {
    const record = { ...(e.record as CloudTrailRecord), eventTime: ago(60) };
    const request = record.requestParameters as Json;
    const image = (record.responseElements as { image: { imageId: Json } }).image;
    return {
      registryId: request.registryId as string,
      region: record.awsRegion as string,
      repository: request.repositoryName as string,
      tag: request.imageTag as string,
      digest: image.imageId.imageDigest as string,
      record,
    };
  }
  let identity = e.userIdentity as UserIdentity & Json;
  if (c.session) {
    const old = String(identity.arn).split('/').pop() as string;
    identity = JSON.parse(JSON.stringify(identity).replaceAll(old, c.session.name));
  }
  const context = (e.recordContext ?? {}) as Json;
  const registryId = (context.recipientAccountId as string | undefined) ?? '123456789012';
  const region = (context.awsRegion as string | undefined) ?? 'eu-central-1';
  const digest = `sha256:${'7'.repeat(64)}`;
  const record = putImageRecord({
    identity,
    region,
    registryId,
    repository: 'app',
    digest,
    tag: 'v1',
    eventTime: ago(60),
  });
  // The block exactly as recorded (putImageRecord adds `invokedBy`).
  record.userIdentity = identity;
  return { registryId, region, repository: 'app', tag: 'v1', digest, record };
}

const known = (status = 'known'): Pick<Expected, 'result' | 'rules' | 'uploaderStatus'> => ({
  result: 'pass',
  rules: {},
  uploaderStatus: status,
});
const unknown: Expected = {
  result: 'fail',
  rules: { 'unknown-uploader': 1 },
  uploaderStatus: 'unknown',
};

const CASES: UploaderCase[] = [
  // §1 / §3.2: the gate reports the user guide's `sts::…:user/` ARN as the uploader; written
  // verbatim in known-uploaders it is accepted and matches.
  {
    id: 'ecr-userguide-putimage-mary-major',
    file: 'cloudtrail-putimage-records.json',
    knownUploaders: 'arn:aws:sts::123456789012:user/Mary_Major',
    expected: known(),
  },
  // An ECR Public push is not the push of a private image: the gated digest's push is never found
  // → unverified-uploader (warn), never known and never pass.
  {
    id: 'ecr-public-userguide-putimage',
    file: 'cloudtrail-putimage-records.json',
    knownUploaders: OTHER_ROLE,
    privateImageOnly: true,
    expected: { result: 'warn', rules: { 'unverified-uploader': 1 }, uploaderStatus: 'unverified' },
  },
  // `userIdentity: {}`: a push by nobody the gate can name is not in known-uploaders → unknown
  // (fail); with no account known, cross-account cannot be claimed.
  {
    id: 'eventbridge-2018-putimage-empty-useridentity',
    file: 'cloudtrail-putimage-records.json',
    knownUploaders: OTHER_ROLE,
    expected: unknown,
  },
  // Panther's "authorized account": arn …:user/DeployRole (userName Mary_Major) listed verbatim.
  {
    id: 'panther-ecr-crud-authorized-account',
    file: 'cloudtrail-putimage-records.json',
    knownUploaders: 'arn:aws:sts::123456789000:user/DeployRole',
    expected: known(),
  },
  // The same user, not listed, no earlier push: unknown-uploader.
  {
    id: 'panther-ecr-crud-authorized-account-unauthorized-region',
    file: 'cloudtrail-putimage-records.json',
    knownUploaders: OTHER_ROLE,
    expected: unknown,
  },
  // Root of the registry's account, listed by its root ARN.
  {
    id: 'panther-root',
    file: 'cloudtrail-user-identities.json',
    knownUploaders: 'arn:aws:iam::123456789012:root',
    expected: known(),
  },
  // SPEC §1: a session ARN allows that session (one IAM Identity Center person).
  {
    id: 'panther-sso-fake-user-path-with-region',
    file: 'cloudtrail-user-identities.json',
    knownUploaders:
      'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_DevAdmin_635426549a280cc6/fake.user',
    expected: known(),
  },
  // §3.1: fake.user's session ARN never lets evil.genius (same permission set) in.
  {
    id: 'panther-sso-evil-genius',
    file: 'cloudtrail-user-identities.json',
    knownUploaders:
      'arn:aws:sts::123123123123:assumed-role/AWSReservedSSO_DevAdmin_635426549a280cc6/fake.user',
    expected: unknown,
  },
  // The role ARN (with its reserved SSO path) allows every session of the permission set.
  {
    id: 'panther-sso-bob-ross-path-without-region',
    file: 'cloudtrail-user-identities.json',
    knownUploaders:
      'arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_DevAdmin_abc123',
    expected: known(),
  },
  // §3.2: the federated-user ARN, verbatim.
  {
    id: 'panther-federated-user',
    file: 'cloudtrail-user-identities.json',
    knownUploaders: 'arn:aws:sts::123456789012:federated-user/federated-user',
    expected: known(),
  },
  // No sessionContext: the role is still DBARole; its role ARN allows the session.
  {
    id: 'panther-assumedrole-dbarole-admin',
    file: 'cloudtrail-user-identities.json',
    knownUploaders: 'arn:aws:iam::123456789012:role/DBARole',
    expected: known(),
  },
  // Session `dba` is not session `admin`.
  {
    id: 'panther-assumedrole-dbarole-dba',
    file: 'cloudtrail-user-identities.json',
    knownUploaders: 'arn:aws:sts::123456789012:assumed-role/DBARole/admin',
    expected: unknown,
  },
  // A listed role of 123123123123 pushing into 123451234515's registry: known, but
  // cross-account-uploader fires (fail).
  {
    id: 'panther-cross-account-assumedrole',
    file: 'cloudtrail-user-identities.json',
    knownUploaders: 'arn:aws:iam::123123123123:role/MakeStuffPublic',
    expected: {
      result: 'fail',
      rules: { 'cross-account-uploader': 1 },
      uploaderStatus: 'known',
    },
  },
  // An AWS service with no ARN and no account: not listed → unknown.
  {
    id: 'panther-awsservice',
    file: 'cloudtrail-user-identities.json',
    knownUploaders: OTHER_ROLE,
    expected: unknown,
  },
  // §3.1: the PR session listed; the same role's session after the merge (inline-snippets
  // `gruntwork-session-name-on-merge`) is another session → unknown.
  {
    id: 'gruntwork-session-name-on-merge',
    file: 'cloudtrail-user-identities.json',
    session: {
      from: 'gruntwork-github-oidc-pr-session',
      name: String(
        entry('inline-snippets.json', 'gruntwork-session-name-on-merge').value ?? 'missing',
      ),
    },
    knownUploaders:
      'arn:aws:sts::123456789012:assumed-role/github/SomeUserInYourOrg123-via-GWPipelines@PR-123',
    expected: unknown,
  },
  // GitHub OIDC session of role `github`: the role ARN allows it whatever the session name.
  {
    id: 'gruntwork-github-oidc-pr-session',
    file: 'cloudtrail-user-identities.json',
    knownUploaders: 'arn:aws:iam::123456789012:role/github',
    expected: known(),
  },
];

test('every PutImage record and identity block of the corpus has a case', () => {
  const covered = new Set(CASES.map((c) => c.session?.from ?? c.id));
  for (const file of ['cloudtrail-putimage-records.json', 'cloudtrail-user-identities.json'])
    for (const id of ids(file)) expect([file, id, covered.has(id)]).toEqual([file, id, true]);
});

test.each(CASES.map((c) => [c.id, c] as const))(
  '%s',
  async (_id, c) => {
    const push = pushOf(c);
    // ECR Public's record names us-east-1; the private image it does not describe lives there too.
    const scenario: Scenario = {
      accountId: push.registryId,
      region: push.region,
      repositories: [{ name: push.repository, registryId: push.registryId, scanType: 'BASIC' }],
      images: [
        {
          repository: push.repository,
          registryId: push.registryId,
          digest: push.digest,
          tags: [push.tag],
          pushedAt: Math.floor(Date.now() / 1000) - 60,
          scan: { timeline: [{ status: 'COMPLETE' }], findings: [] },
        },
      ],
      cloudTrail: { events: [{ record: push.record }] },
    };
    const run = await runCase(emulator(), {
      scenario,
      inputs: {
        image: `${push.registryId}.dkr.ecr.${push.region}.amazonaws.com/${push.repository}:${push.tag}`,
        'known-uploaders': c.knownUploaders,
        'uploader-timeout': c.privateImageOnly ? '8' : '30',
        'scan-timeout': '30',
      },
      killAfterMs: 120_000,
    });
    expectVerdict(run, c.expected);
  },
  180_000,
);
