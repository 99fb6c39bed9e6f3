import { DOCKER_MANIFEST, OCI_INDEX, OCI_MANIFEST } from '../compile.js';
import type {
  CloudTrailEventSpec,
  CloudTrailRecord,
  RepositorySpec,
  Time,
  UserIdentity,
} from '../scenario.js';
import { cloudTrailTime, epochSeconds } from '../time.js';
import { platformManifest } from './images.js';
import { assumedRole, githubActionsRole, iamUser, principalArn, ssoRole } from './principals.js';
import { digestOf, pick, prng, uuidOf } from './random.js';

function seconds(time: Time | Date): number {
  const value = time instanceof Date ? time.getTime() / 1000 : epochSeconds(time);
  if (value === undefined) throw new RangeError(`eventTime: ${JSON.stringify(time)} is not a time`);
  return value;
}

export interface PutImageOptions {
  identity: UserIdentity;
  region: string;
  registryId: string;
  repository: string;
  digest: string;
  /** Absent: a push by digest (buildx pushes platform manifests this way). */
  tag?: string;
  eventTime: Time | Date;
  manifest?: string;
  manifestMediaType?: string;
  /** The account whose trail holds the record. Default: the registry's. */
  recipientAccountId?: string;
  eventId?: string;
}

/** A `PutImage` record shaped like the recorded one in ../shared/data/splunk. */
export function putImageRecord(options: PutImageOptions): CloudTrailRecord {
  const mediaType = options.manifestMediaType ?? DOCKER_MANIFEST;
  const manifest = options.manifest ?? platformManifest(options.digest, mediaType).manifest;
  const at = seconds(options.eventTime);
  const seed = `${options.registryId}/${options.repository}@${options.digest}/${at}/${options.identity.arn ?? ''}`;
  const imageId = {
    imageDigest: options.digest,
    ...(options.tag ? { imageTag: options.tag } : {}),
  };
  return {
    eventVersion: '1.08',
    userIdentity: { ...options.identity, invokedBy: 'AWS Internal' },
    eventTime: cloudTrailTime(at),
    eventSource: 'ecr.amazonaws.com',
    eventName: 'PutImage',
    awsRegion: options.region,
    // Docker's pushes reach ECR through the registry front end, which records itself.
    sourceIPAddress: 'AWS Internal',
    userAgent: 'AWS Internal',
    requestParameters: {
      registryId: options.registryId,
      repositoryName: options.repository,
      imageManifest: manifest,
      imageManifestMediaType: mediaType,
      ...(options.tag ? { imageTag: options.tag } : { imageDigest: options.digest }),
    },
    responseElements: {
      image: {
        registryId: options.registryId,
        repositoryName: options.repository,
        imageId,
        imageManifest: manifest,
        imageManifestMediaType: mediaType,
      },
    },
    requestID: uuidOf(`${seed}/request`),
    eventID: options.eventId ?? uuidOf(`${seed}/event`),
    readOnly: false,
    resources: [
      {
        accountId: options.registryId,
        ARN: `arn:aws:ecr:${options.region}:${options.registryId}:repository/${options.repository}`,
      },
    ],
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: options.recipientAccountId ?? options.registryId,
    eventCategory: 'Management',
  };
}

export interface MultiArchPushOptions extends Omit<
  PutImageOptions,
  'digest' | 'manifest' | 'manifestMediaType'
> {
  indexDigest: string;
  /** Platform and attestation manifests, pushed by digest before the index. */
  childDigests: string[];
}

/** The PutImage records of one buildx push: each child by digest, one second apart, then the tagged index. */
export function multiArchPushRecords(options: MultiArchPushOptions): CloudTrailRecord[] {
  const start = seconds(options.eventTime);
  const { indexDigest, childDigests, tag, ...common } = options;
  const children = childDigests.map((digest, i) =>
    putImageRecord({ ...common, digest, manifestMediaType: OCI_MANIFEST, eventTime: start + i }),
  );
  const index = putImageRecord({
    ...common,
    digest: indexDigest,
    manifestMediaType: OCI_INDEX,
    eventTime: start + childDigests.length,
    ...(tag ? { tag } : {}),
  });
  return [...children, index];
}

export interface PushHistoryOptions {
  /** Records in total, pushes and other ECR calls. Default 5000. */
  events?: number;
  repositories?: number;
  accountId?: string;
  region?: string;
  /** Spread over this many days before `now`. Default 30. */
  days?: number;
  /** Epoch ms. Default Date.now(). */
  now?: number;
  seed?: number;
  /** Share of pushes that are multi-arch (two platforms + index). Default 0.2. */
  multiArchShare?: number;
  /** Share of records that are not pushes (BatchGetImage, DescribeImages, ...). Default 0.3. */
  noiseShare?: number;
  /** Account of the cross-account CI role. Default 210987654321. */
  crossAccountId?: string;
  visibleAfterMs?: number;
}

export interface Push {
  repository: string;
  tag: string | undefined;
  digest: string;
  /** Stable principal: the role ARN for sessions. */
  principal: string;
  eventTime: number;
  eventId: string;
}

export interface PushHistory {
  repositories: RepositorySpec[];
  events: CloudTrailEventSpec[];
  /** Every PutImage in `events`, oldest first. */
  pushes: Push[];
}

const NOISE_EVENTS = [
  'BatchGetImage',
  'DescribeImages',
  'GetDownloadUrlForLayer',
  'DescribeImageScanFindings',
];

/**
 * A busy account's ECR history: IAM users, a GitHub Actions role whose session changes per run,
 * IAM Identity Center users, a cross-account CI role; single and multi-arch pushes; read noise.
 */
export function accountPushHistory(options: PushHistoryOptions = {}): PushHistory {
  const accountId = options.accountId ?? '123456789012';
  const region = options.region ?? 'us-east-1';
  const total = options.events ?? 5000;
  const repoCount = options.repositories ?? 200;
  const nowSec = Math.floor((options.now ?? Date.now()) / 1000);
  const spanSec = (options.days ?? 30) * 86_400;
  const random = prng(options.seed ?? 42);
  const crossAccount = options.crossAccountId ?? '210987654321';
  const visible =
    options.visibleAfterMs === undefined ? {} : { visibleAfterMs: options.visibleAfterMs };

  const repositories: RepositorySpec[] = Array.from({ length: repoCount }, (_, i) => ({
    name: `team-${i % 20}/service-${i}`,
  }));
  let run = 1000;
  const identities: (() => UserIdentity)[] = [
    () => iamUser(accountId, 'alice'),
    () => iamUser(accountId, 'bob'),
    () => githubActionsRole(accountId, 'github-actions-ecr-push', run++),
    () => githubActionsRole(accountId, 'github-actions-ecr-push', run++),
    () => ssoRole(accountId, 'AdministratorAccess', 'carol@example.com'),
    () => ssoRole(accountId, 'PowerUserAccess', 'dave@example.com', 'eu-west-1'),
    () => assumedRole(crossAccount, 'ci-deployer', `build-${run++}`),
  ];

  const records: CloudTrailRecord[] = [];
  const pushes: Push[] = [];
  while (records.length < total) {
    const repository = pick(random, repositories).name;
    const identity = pick(random, identities)();
    const eventTime = nowSec - 60 - Math.floor(random() * spanSec);
    const seed = `${records.length}/${repository}`;
    if (random() < (options.noiseShare ?? 0.3)) {
      const eventName = pick(random, NOISE_EVENTS);
      records.push({
        eventVersion: '1.08',
        userIdentity: identity,
        eventTime: cloudTrailTime(eventTime),
        eventSource: 'ecr.amazonaws.com',
        eventName,
        awsRegion: region,
        sourceIPAddress: '192.0.2.10',
        userAgent: 'aws-cli/2.15.0',
        requestParameters: { registryId: accountId, repositoryName: repository },
        responseElements: null,
        eventID: uuidOf(`${seed}/noise`),
        readOnly: true,
        resources: [
          { accountId, ARN: `arn:aws:ecr:${region}:${accountId}:repository/${repository}` },
        ],
        eventType: 'AwsApiCall',
        managementEvent: true,
        recipientAccountId: accountId,
        eventCategory: 'Management',
      });
      continue;
    }
    const tag =
      random() < 0.8 ? `v${Math.floor(random() * 100)}.${Math.floor(random() * 10)}` : 'latest';
    const common = {
      identity,
      region,
      registryId: accountId,
      repository,
      tag,
      eventTime,
      recipientAccountId: accountId,
    };
    const multiArch = random() < (options.multiArchShare ?? 0.2) && total - records.length >= 3;
    const pushed = multiArch
      ? multiArchPushRecords({
          ...common,
          indexDigest: digestOf(`${seed}/index`),
          childDigests: [digestOf(`${seed}/amd64`), digestOf(`${seed}/arm64`)],
        })
      : [putImageRecord({ ...common, digest: digestOf(`${seed}/image`) })];
    for (const record of pushed) {
      records.push(record);
      const response = record.responseElements as {
        image: { imageId: { imageDigest: string; imageTag?: string } };
      };
      pushes.push({
        repository,
        tag: response.image.imageId.imageTag,
        digest: response.image.imageId.imageDigest,
        principal: principalArn(identity) ?? '',
        eventTime: seconds(record.eventTime),
        eventId: record.eventID ?? '',
      });
    }
  }
  pushes.sort((a, b) => a.eventTime - b.eventTime);
  return {
    repositories,
    events: records.map((record) => ({ record, ...visible })),
    pushes,
  };
}
