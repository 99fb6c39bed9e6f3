import { readFileSync } from 'node:fs';
import { sharedPath } from '../../__tests__/shared-data.js';
import type {
  BasicFinding,
  CloudTrailEventSpec,
  CloudTrailRecord,
  Scenario,
  UserIdentity,
} from '../scenario.js';
import { epochSeconds } from '../time.js';
import { putImageRecord } from './cloudtrail.js';

/**
 * Scenarios made of the recorded CloudTrail events in ../shared/data/splunk (see its SOURCES.md),
 * read in place when a scenario is built: the recordings are public data the project never commits.
 */

export const SPLUNK_SCAN_FILE = sharedPath('splunk/aws_ecr_scanning_findings_events.json');
export const SPLUNK_UPLOAD_FILE = sharedPath('splunk/aws_ecr_container_upload_first_event.json');

function readRecord(file: string): CloudTrailRecord {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(
      `${file} not found: the Splunk recordings are read in place from ../shared/data/splunk`,
    );
  }
  const value: unknown = JSON.parse(text);
  if (
    typeof value !== 'object' ||
    value === null ||
    !('eventTime' in value) ||
    !('eventName' in value)
  ) {
    throw new Error(`${file} does not hold a CloudTrail record`);
  }
  return value as CloudTrailRecord;
}

function field<T>(value: unknown, path: string[], file: string): T {
  let at: unknown = value;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) break;
    at = (at as Record<string, unknown>)[key];
  }
  if (at === undefined) throw new Error(`${file}: ${path.join('.')} is missing`);
  return at as T;
}

function recordedTime(text: string, file: string, path: string): number {
  const seconds = epochSeconds(text);
  if (seconds === undefined)
    throw new Error(`${file}: ${path} ${JSON.stringify(text)} is not a time`);
  return seconds;
}

export interface SplunkScanOptions {
  /** Move the recorded times to the emulator's start (default true); false serves 2021 as recorded. */
  rebase?: boolean;
  /**
   * Add a PutImage of the scanned digest by the identity that read the scan (default true).
   * Synthetic: the dataset records no push of this image.
   */
  withPush?: boolean;
  visibleAfterMs?: number;
}

/**
 * The image whose scan the Splunk dataset recorded: BASIC, COMPLETE, the real 104 findings
 * (HIGH 2, MEDIUM 14, LOW 22, INFORMATIONAL 63, UNDEFINED 3), times served as epoch seconds.
 */
export function splunkScanScenario(options: SplunkScanOptions = {}): Scenario {
  const file = SPLUNK_SCAN_FILE;
  const record = readRecord(file);
  const response = field<Record<string, unknown>>(record, ['responseElements'], file);
  const registryId = field<string>(response, ['registryId'], file);
  const repository = field<string>(response, ['repositoryName'], file);
  const digest = field<string>(response, ['imageId', 'imageDigest'], file);
  const status = field<{ status: 'COMPLETE'; description: string }>(
    response,
    ['imageScanStatus'],
    file,
  );
  const findings = field<BasicFinding[]>(response, ['imageScanFindings', 'findings'], file);
  const completedAt = recordedTime(
    field<string>(response, ['imageScanFindings', 'imageScanCompletedAt'], file),
    file,
    'imageScanCompletedAt',
  );
  const sourceUpdatedAt = recordedTime(
    field<string>(response, ['imageScanFindings', 'vulnerabilitySourceUpdatedAt'], file),
    file,
    'vulnerabilitySourceUpdatedAt',
  );
  const region = record.awsRegion ?? 'eu-central-1';
  const accountId = record.recipientAccountId ?? registryId;
  // Scan on push finishes shortly after the push; the dataset does not say when the push was.
  const pushedAt = completedAt - 30;
  const visible =
    options.visibleAfterMs === undefined ? {} : { visibleAfterMs: options.visibleAfterMs };
  const events: CloudTrailEventSpec[] = [{ record, ...visible }];
  if (options.withPush ?? true) {
    events.unshift({
      record: putImageRecord({
        identity: field<UserIdentity>(record, ['userIdentity'], file),
        region,
        registryId,
        repository,
        digest,
        tag: 'latest',
        eventTime: pushedAt,
        recipientAccountId: accountId,
      }),
      ...visible,
    });
  }
  return {
    accountId,
    region,
    ...((options.rebase ?? true) ? { timeBase: record.eventTime } : {}),
    repositories: [{ name: repository, registryId, scanType: 'BASIC' }],
    images: [
      {
        repository,
        registryId,
        digest,
        tags: ['latest'],
        pushedAt,
        scan: {
          timeline: [{ status: status.status, description: status.description }],
          findings,
          completedAt,
          vulnerabilitySourceUpdatedAt: sourceUpdatedAt,
          severityCounts: 'whole',
        },
      },
    ],
    cloudTrail: { events },
  };
}

export interface SplunkUploadOptions {
  rebase?: boolean;
  visibleAfterMs?: number;
  /** Findings of the pushed image's (synthetic) scan. Default none. */
  findings?: BasicFinding[];
}

/**
 * The recorded PutImage: IAM user `test` of account 111111111111 pushes
 * `devsecops/cat_dog_server:latest` into registry 111111111112 (a cross-account push).
 * The emulator's account is the trail's, 111111111111.
 */
export function splunkUploadScenario(options: SplunkUploadOptions = {}): Scenario {
  const file = SPLUNK_UPLOAD_FILE;
  const record = readRecord(file);
  const request = field<Record<string, unknown>>(record, ['requestParameters'], file);
  const registryId = field<string>(request, ['registryId'], file);
  const repository = field<string>(request, ['repositoryName'], file);
  const tag = field<string>(request, ['imageTag'], file);
  const digest = field<string>(
    record,
    ['responseElements', 'image', 'imageId', 'imageDigest'],
    file,
  );
  const pushedAt = recordedTime(record.eventTime, file, 'eventTime');
  return {
    accountId: record.recipientAccountId ?? registryId,
    region: record.awsRegion ?? 'eu-central-1',
    ...((options.rebase ?? true) ? { timeBase: pushedAt } : {}),
    repositories: [{ name: repository, registryId, scanType: 'BASIC' }],
    images: [
      {
        repository,
        registryId,
        digest,
        tags: [tag],
        pushedAt,
        manifest: field<string>(request, ['imageManifest'], file),
        manifestMediaType: field<string>(request, ['imageManifestMediaType'], file),
        scan: { timeline: [{ status: 'COMPLETE' }], findings: options.findings ?? [] },
      },
    ],
    cloudTrail: {
      events: [
        {
          record,
          ...(options.visibleAfterMs === undefined
            ? {}
            : { visibleAfterMs: options.visibleAfterMs }),
        },
      ],
    },
  };
}
