// Reading PutImage pushes out of CloudTrail records. Pure: takes the shapes LookupEvents returns
// (structurally, no SDK import) and never throws. A record that cannot be read is reported as
// `malformed` with the reason, so the caller can skip and count it instead of crashing.
import type { PushEvent } from '../model.js';
import { partitionOfRegion, principalFromIdentity } from '../rules/identity.js';
import { textOf } from '../text-of.js';

/** The fields of a LookupEvents `Event` this module reads (the SDK type fits it). */
export interface TrailEventLike {
  EventId?: string | undefined;
  EventName?: string | undefined;
  EventTime?: Date | undefined;
  CloudTrailEvent?: string | undefined;
  Resources?:
    | ReadonlyArray<{ ResourceType?: string | undefined; ResourceName?: string | undefined }>
    | undefined;
}

export type RecordResult =
  | { kind: 'push'; push: PushEvent }
  /** Readable, but not a successful PutImage (another event, or a push that failed). */
  | { kind: 'ignored'; reason: string }
  | { kind: 'malformed'; reason: string };

export const PUT_IMAGE = 'PutImage';
export const ECR_EVENT_SOURCE = 'ecr.amazonaws.com';

type Json = Readonly<Record<string, unknown>>;

const asObject = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined;

const asString = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** One LookupEvents event → a push, or why not. */
export function parseTrailEvent(event: TrailEventLike): RecordResult {
  if (event.EventName !== undefined && event.EventName !== PUT_IMAGE) {
    return { kind: 'ignored', reason: `event ${textOf(event.EventName)}` };
  }
  if (typeof event.CloudTrailEvent !== 'string') {
    return { kind: 'malformed', reason: 'no CloudTrailEvent text' };
  }
  let record: unknown;
  try {
    record = JSON.parse(event.CloudTrailEvent);
  } catch {
    return { kind: 'malformed', reason: 'CloudTrailEvent is not valid JSON' };
  }
  const eventTime = validDate(event.EventTime);
  return parsePushRecord(record, {
    ...(event.EventId ? { eventId: event.EventId } : {}),
    ...(eventTime ? { eventTime } : {}),
  });
}

/**
 * One CloudTrail record (the parsed `CloudTrailEvent`, or a line of a trail file) → a push.
 * `fallback` fills the id and time from the LookupEvents envelope when the record lacks them.
 */
export function parsePushRecord(
  value: unknown,
  fallback: { eventId?: string; eventTime?: Date } = {},
): RecordResult {
  const record = asObject(value);
  if (!record) return { kind: 'malformed', reason: 'record is not a JSON object' };

  const eventName = record.eventName;
  if (typeof eventName !== 'string') return { kind: 'malformed', reason: 'eventName missing' };
  if (eventName !== PUT_IMAGE) return { kind: 'ignored', reason: `event ${eventName}` };
  const source = record.eventSource;
  if (source !== undefined && source !== ECR_EVENT_SOURCE) {
    return { kind: 'ignored', reason: `event source ${textOf(source)}` };
  }
  // A failed PutImage (ImageAlreadyExists, ImageTagAlreadyExists, denied) changed nothing.
  if (record.errorCode !== undefined && record.errorCode !== null) {
    return { kind: 'ignored', reason: `failed call (${textOf(record.errorCode)})` };
  }

  // The fallback is checked too: an envelope's Date can be invalid (found by fuzzing).
  const eventTime = readTime(record.eventTime) ?? validDate(fallback.eventTime);
  if (!eventTime) return { kind: 'malformed', reason: 'eventTime missing or not a time' };
  const eventId = asString(record.eventID) ?? fallback.eventId;
  if (!eventId) return { kind: 'malformed', reason: 'eventID missing' };
  const region = asString(record.awsRegion);
  if (!region) return { kind: 'malformed', reason: 'awsRegion missing' };

  const identity = asObject(record.userIdentity);
  if (!identity) return { kind: 'malformed', reason: 'userIdentity missing' };

  if (record.requestParameters !== undefined && record.requestParameters !== null) {
    if (!asObject(record.requestParameters)) {
      return { kind: 'malformed', reason: 'requestParameters is not an object' };
    }
  }
  const request = asObject(record.requestParameters) ?? {};
  const image = asObject(asObject(record.responseElements)?.image) ?? {};
  const imageId = asObject(image.imageId) ?? {};

  const repository = asString(request.repositoryName) ?? asString(image.repositoryName);
  if (!repository) return { kind: 'malformed', reason: 'repositoryName missing' };
  const registryId =
    asString(request.registryId) ??
    asString(image.registryId) ??
    asString(record.recipientAccountId) ??
    asString(identity.accountId);
  if (!registryId) return { kind: 'malformed', reason: 'registryId missing' };

  const digest = asString(imageId.imageDigest) ?? asString(request.imageDigest);
  const tag = asString(request.imageTag) ?? asString(imageId.imageTag);
  const principal = principalFromIdentity(identity, { partition: partitionOfRegion(region) });
  const issuer = asObject(asObject(identity.sessionContext)?.sessionIssuer);
  const userName = asString(identity.userName) ?? asString(issuer?.userName) ?? principal.name;
  const userAgent = asString(record.userAgent);

  const push: PushEvent = {
    eventId,
    eventTime,
    region,
    registryId,
    repository,
    principal,
    userName,
    sourceIp: asString(record.sourceIPAddress) ?? '',
    ...(tag ? { tag } : {}),
    ...(digest ? { digest } : {}),
    ...(userAgent ? { userAgent } : {}),
  };
  return { kind: 'push', push };
}

function validDate(value: unknown): Date | undefined {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value : undefined;
}

function readTime(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  // CloudTrail writes `2021-08-18T23:17:30Z`; anything Date cannot read is rejected, not guessed.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(value)) return undefined;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? undefined : time;
}

/** True when `push` is the PutImage of `digest` in this repository, registry and region. */
export function isPushOf(
  push: PushEvent,
  where: { region: string; registryId: string; repository: string },
  digest: string,
): boolean {
  return (
    push.digest === digest &&
    push.repository === where.repository &&
    push.registryId === where.registryId &&
    push.region === where.region
  );
}

/** Same repository, registry and region (any digest). */
export function isPushTo(
  push: PushEvent,
  where: { region: string; registryId: string; repository: string },
): boolean {
  return (
    push.repository === where.repository &&
    push.registryId === where.registryId &&
    push.region === where.region
  );
}
