import { createHash } from 'node:crypto';
import { ScenarioError } from './load.js';
import type {
  CloudTrailEventSpec,
  CloudTrailRecord,
  LookupResource,
  ResourceNameMatch,
  UserIdentity,
} from './scenario.js';
import { cloudTrailTime, epochSeconds } from './time.js';

/** A CloudTrail event with everything LookupEvents filters on, and its answer pre-serialised. */
export interface CompiledEvent {
  eventTime: number;
  visibleAfterMs: number;
  eventId: string;
  eventName: string;
  eventSource: string;
  username: string | undefined;
  readOnly: 'true' | 'false';
  accessKeyId: string | undefined;
  resourceTypes: string[];
  arns: string[];
  names: string[];
  json: string;
}

interface DerivedResource {
  type: string | undefined;
  arn: string | undefined;
  name: string | undefined;
}

const READ_PREFIXES = ['Describe', 'Get', 'List', 'Lookup', 'BatchGet', 'BatchCheck'];

function lastSegment(arn: string | undefined): string | undefined {
  if (!arn) return undefined;
  const slash = arn.lastIndexOf('/');
  return slash >= 0 ? arn.slice(slash + 1) : undefined;
}

/** What CloudTrail shows as `Username`: the session name for roles, never the role. */
export function usernameOf(identity: UserIdentity | undefined): string | undefined {
  if (!identity) return undefined;
  switch (identity.type) {
    case 'IAMUser':
      return identity.userName ?? lastSegment(identity.arn);
    case 'AssumedRole':
    case 'FederatedUser':
      return lastSegment(identity.arn);
    case 'Root':
      return 'root';
    case 'AWSService':
      return identity.invokedBy;
    default:
      return identity.userName ?? lastSegment(identity.arn);
  }
}

function fromArn(arn: string): DerivedResource {
  const parts = arn.split(':');
  const resource = parts.slice(5).join(':');
  const slash = resource.indexOf('/');
  const kind = slash >= 0 ? resource.slice(0, slash) : resource;
  const name = slash >= 0 ? resource.slice(slash + 1) : resource;
  const type = parts[2] === 'ecr' && kind === 'repository' ? 'AWS::ECR::Repository' : undefined;
  return { type, arn, name: name || undefined };
}

function deriveResources(record: CloudTrailRecord, accountId: string): DerivedResource[] {
  const listed = (record.resources ?? [])
    .filter((r) => typeof r.ARN === 'string')
    .map((r) => ({ ...fromArn(r.ARN ?? ''), ...(r.type ? { type: r.type } : {}) }));
  if (listed.length > 0) return listed;
  const params = record.requestParameters ?? {};
  const repositoryName = params['repositoryName'];
  if (record.eventSource === 'ecr.amazonaws.com' && typeof repositoryName === 'string') {
    const registryId =
      typeof params['registryId'] === 'string'
        ? params['registryId']
        : (record.recipientAccountId ?? accountId);
    const arn = `arn:aws:ecr:${record.awsRegion ?? ''}:${registryId}:repository/${repositoryName}`;
    return [{ type: 'AWS::ECR::Repository', arn, name: repositoryName }];
  }
  return [];
}

function lookupResources(
  derived: DerivedResource[],
  mode: ResourceNameMatch,
): LookupResource[] | undefined {
  const out: LookupResource[] = [];
  for (const r of derived) {
    const names =
      mode === 'arn' ? [r.arn] : mode === 'name' ? [r.name] : [...new Set([r.arn, r.name])];
    for (const name of names) {
      if (name === undefined) continue;
      out.push({ ...(r.type ? { ResourceType: r.type } : {}), ResourceName: name });
    }
  }
  return out.length > 0 ? out : undefined;
}

/** A stable id for records that lack `eventID`, so tokens and assertions are reproducible. */
function syntheticId(index: number, record: CloudTrailRecord): string {
  const hex = createHash('sha1')
    .update(`${index}/${record.eventTime}/${record.eventName}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function compileEvents(
  specs: CloudTrailEventSpec[],
  options: {
    shiftSec: number;
    resourceNameMatch: ResourceNameMatch;
    accountId: string;
    region: string;
  },
): CompiledEvent[] {
  const compiled = specs.map((spec, index) => {
    const path = `cloudTrail.events[${index}].record`;
    const recorded = epochSeconds(spec.record.eventTime);
    if (recorded === undefined) {
      throw new ScenarioError(
        `${path}.eventTime: ${JSON.stringify(spec.record.eventTime)} is not a time.`,
      );
    }
    const eventTime = recorded + options.shiftSec;
    const eventId = spec.record.eventID ?? syntheticId(index, spec.record);
    const record: CloudTrailRecord =
      options.shiftSec === 0 && spec.record.eventID !== undefined
        ? spec.record
        : {
            ...spec.record,
            eventTime: options.shiftSec === 0 ? spec.record.eventTime : cloudTrailTime(eventTime),
            eventID: eventId,
          };
    const derived = deriveResources(record, options.accountId);
    const readOnly =
      record.readOnly ?? READ_PREFIXES.some((prefix) => record.eventName.startsWith(prefix));
    const username = spec.username ?? usernameOf(record.userIdentity);
    const accessKeyId = record.userIdentity?.accessKeyId;
    const resources = spec.resources ?? lookupResources(derived, options.resourceNameMatch);
    const event: CompiledEvent = {
      eventTime,
      visibleAfterMs: spec.visibleAfterMs ?? 0,
      eventId,
      eventName: record.eventName,
      eventSource: record.eventSource,
      username,
      readOnly: readOnly ? 'true' : 'false',
      accessKeyId,
      resourceTypes: spec.resources
        ? spec.resources.flatMap((r) => (r.ResourceType ? [r.ResourceType] : []))
        : derived.flatMap((r) => (r.type ? [r.type] : [])),
      arns: spec.resources
        ? spec.resources.flatMap((r) => (r.ResourceName ? [r.ResourceName] : []))
        : derived.flatMap((r) => (r.arn ? [r.arn] : [])),
      names: spec.resources
        ? spec.resources.flatMap((r) => (r.ResourceName ? [r.ResourceName] : []))
        : derived.flatMap((r) => (r.name ? [r.name] : [])),
      json: JSON.stringify({
        EventId: eventId,
        EventName: record.eventName,
        ReadOnly: readOnly ? 'true' : 'false',
        AccessKeyId: accessKeyId,
        EventTime: eventTime,
        EventSource: record.eventSource,
        Username: username,
        Resources: resources,
        CloudTrailEvent: JSON.stringify(record),
      }),
    };
    return { event, index };
  });
  // Newest first; among equal times the later-listed record counts as newer.
  compiled.sort((a, b) => b.event.eventTime - a.event.eventTime || b.index - a.index);
  return compiled.map((c) => c.event);
}
