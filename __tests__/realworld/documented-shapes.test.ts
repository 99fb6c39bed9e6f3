// Issue 18 §1, kinds the corpus lacks (found with the search tool; public text is not copied here,
// the records are built by emulator/builders in the shape the sources document). Verdicts from the
// SPEC, written before running. Runs without ../shared.
import {
  githubActionsRole,
  iamUser,
  putImageRecord,
  type CloudTrailRecord,
  type Scenario,
} from '../../emulator/index.js';
import { expectVerdict, runCase, emptySuiteEmulator, type Expected } from './harness.js';

const emulator = emptySuiteEmulator();

const now = () => Math.floor(Date.now() / 1000);
const DIGEST = `sha256:${'8'.repeat(64)}`;

function world(options: {
  account: string;
  region: string;
  records: CloudTrailRecord[];
}): Scenario {
  return {
    accountId: options.account,
    region: options.region,
    repositories: [{ name: 'app', registryId: options.account, scanType: 'BASIC' }],
    images: [
      {
        repository: 'app',
        registryId: options.account,
        digest: DIGEST,
        tags: ['v1'],
        pushedAt: now() - 120,
        scan: { timeline: [{ status: 'COMPLETE' }], findings: [] },
      },
    ],
    cloudTrail: { events: options.records.map((record) => ({ record })) },
  };
}

interface Case {
  name: string;
  scenario: () => Scenario;
  image: string;
  inputs: Record<string, string>;
  expected: Expected;
}

const CASES: Case[] = [
  {
    // A failed PutImage: CloudTrail records refused calls with `errorCode`/`errorMessage` and no
    // `responseElements` (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html);
    // ECR refuses a push to an immutable tag with ImageTagAlreadyExistsException
    // (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_PutImage.html, Errors).
    // A stranger's refused push of the gated tag after ours changed nothing: no tag-overwrite, and
    // it is never taken for the push. The listed role pushed it → pass, known.
    name: 'a refused PutImage (errorCode, no responseElements) is neither the push nor an overwrite',
    scenario: () => {
      const ours = putImageRecord({
        identity: githubActionsRole('123456789012', 'release', 77),
        region: 'eu-central-1',
        registryId: '123456789012',
        repository: 'app',
        digest: DIGEST,
        tag: 'v1',
        eventTime: now() - 120,
      });
      const refused: CloudTrailRecord = {
        ...putImageRecord({
          identity: iamUser('123456789012', 'mallory'),
          region: 'eu-central-1',
          registryId: '123456789012',
          repository: 'app',
          digest: `sha256:${'9'.repeat(64)}`,
          tag: 'v1',
          eventTime: now() - 60,
        }),
        errorCode: 'ImageTagAlreadyExistsException',
        errorMessage:
          "The image tag 'v1' already exists in the 'app' repository and cannot be overwritten because the repository is immutable.",
        responseElements: null,
      };
      return world({ account: '123456789012', region: 'eu-central-1', records: [ours, refused] });
    },
    image: '123456789012.dkr.ecr.eu-central-1.amazonaws.com/app:v1',
    inputs: { 'known-uploaders': 'arn:aws:iam::123456789012:role/release' },
    expected: { result: 'pass', rules: {}, uploaderStatus: 'known' },
  },
  {
    // aws-cn: registry host `.amazonaws.com.cn` (SPEC §1), ARNs in partition aws-cn
    // (https://docs.amazonaws.cn/en_us/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html).
    // The listed aws-cn role pushed it → pass, known.
    name: 'aws-cn: a listed aws-cn role pushing to a .amazonaws.com.cn registry',
    scenario: () => {
      const identity = githubActionsRole('123456789012', 'release', 78);
      const cn = JSON.parse(JSON.stringify(identity).replaceAll('arn:aws:', 'arn:aws-cn:'));
      return world({
        account: '123456789012',
        region: 'cn-north-1',
        records: [
          putImageRecord({
            identity: cn,
            region: 'cn-north-1',
            registryId: '123456789012',
            repository: 'app',
            digest: DIGEST,
            tag: 'v1',
            eventTime: now() - 120,
          }),
        ],
      });
    },
    image: '123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app:v1',
    inputs: { 'known-uploaders': 'arn:aws-cn:iam::123456789012:role/release' },
    expected: { result: 'pass', rules: {}, uploaderStatus: 'known' },
  },
  {
    // aws-us-gov: the same role name listed in partition aws must not allow the us-gov role.
    name: 'aws-us-gov: a role of another partition is not the listed one',
    scenario: () => {
      const identity = githubActionsRole('123456789012', 'release', 79);
      const gov = JSON.parse(JSON.stringify(identity).replaceAll('arn:aws:', 'arn:aws-us-gov:'));
      return world({
        account: '123456789012',
        region: 'us-gov-west-1',
        records: [
          putImageRecord({
            identity: gov,
            region: 'us-gov-west-1',
            registryId: '123456789012',
            repository: 'app',
            digest: DIGEST,
            tag: 'v1',
            eventTime: now() - 120,
          }),
        ],
      });
    },
    image: '123456789012.dkr.ecr.us-gov-west-1.amazonaws.com/app:v1',
    inputs: { 'known-uploaders': 'arn:aws:iam::123456789012:role/release' },
    expected: { result: 'fail', rules: { 'unknown-uploader': 1 }, uploaderStatus: 'unknown' },
  },
];

test.each(CASES.map((c) => [c.name, c] as const))(
  '%s',
  async (_name, c) => {
    const run = await runCase(emulator(), {
      scenario: c.scenario(),
      inputs: { image: c.image, 'uploader-timeout': '20', 'scan-timeout': '30', ...c.inputs },
      killAfterMs: 120_000,
    });
    expectVerdict(run, c.expected);
  },
  180_000,
);
