import type { CompiledScenario } from './compile.js';
import type { CompiledEvent } from './compile-events.js';
import { rawArray, toJson } from './json.js';
import type { Params } from './params.js';
import { AwsError } from './protocol.js';
import { bindingOf, decodeToken, encodeToken } from './token.js';

const ATTRIBUTE_KEYS = [
  'EventName',
  'ResourceName',
  'Username',
  'EventSource',
  'EventId',
  'ResourceType',
  'ReadOnly',
  'AccessKeyId',
] as const;
type AttributeKey = (typeof ATTRIBUTE_KEYS)[number];

const MAX_RESULTS = 50;
const WINDOW_MS = 1000;

/** Accepted LookupEvents calls per key (account + region) in the last second. */
export class RateLimiter {
  private readonly calls = new Map<string, number[]>();

  /** Records the call and returns true when it is within `perSecond`; throttled calls do not count. */
  allow(key: string, perSecond: number, nowMs: number): boolean {
    if (perSecond <= 0) return true;
    const recent = (this.calls.get(key) ?? []).filter((t) => t > nowMs - WINDOW_MS);
    const allowed = recent.length < perSecond;
    if (allowed) recent.push(nowMs);
    this.calls.set(key, recent);
    return allowed;
  }
}

function lookupAttribute(params: Params): { key: AttributeKey; value: string } {
  const attributes = params['LookupAttributes'];
  if (!Array.isArray(attributes) || attributes.length !== 1) {
    throw new AwsError(
      'InvalidLookupAttributesException',
      'You must specify exactly one lookup attribute.',
    );
  }
  const attribute: unknown = attributes[0];
  const { AttributeKey: key, AttributeValue: value } =
    typeof attribute === 'object' && attribute !== null
      ? (attribute as Record<string, unknown>)
      : {};
  if (typeof key !== 'string' || !(ATTRIBUTE_KEYS as readonly string[]).includes(key)) {
    throw new AwsError(
      'InvalidLookupAttributesException',
      `AttributeKey ${JSON.stringify(key)} is not valid. Valid keys: ${ATTRIBUTE_KEYS.join(', ')}.`,
    );
  }
  if (typeof value !== 'string' || value === '' || value.length > 2000) {
    throw new AwsError(
      'InvalidLookupAttributesException',
      'AttributeValue must be a string of 1 to 2000 characters.',
    );
  }
  return { key: key as AttributeKey, value };
}

function matcher(
  key: AttributeKey,
  value: string,
  compiled: CompiledScenario,
): (e: CompiledEvent) => boolean {
  switch (key) {
    case 'EventName':
      return (e) => e.eventName === value;
    case 'EventSource':
      return (e) => e.eventSource === value;
    case 'EventId':
      return (e) => e.eventId === value;
    case 'Username':
      return (e) => e.username === value;
    case 'AccessKeyId':
      return (e) => e.accessKeyId === value;
    case 'ReadOnly':
      return (e) => e.readOnly === value;
    case 'ResourceType':
      return (e) => e.resourceTypes.includes(value);
    case 'ResourceName':
      switch (compiled.resourceNameMatch) {
        case 'arn':
          return (e) => e.arns.includes(value);
        case 'name':
          return (e) => e.names.includes(value);
        case 'both':
          return (e) => e.arns.includes(value) || e.names.includes(value);
      }
  }
}

function timeParam(params: Params, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new AwsError('InvalidTimeRangeException', `${name} must be a timestamp.`);
  }
  return value;
}

/** LookupEvents: newest first, `MaxResults` (≤ 50) a page, tokens bound to the query. */
export function lookupEvents(params: Params, compiled: CompiledScenario, nowMs: number): string {
  const { key, value } = lookupAttribute(params);
  const maxRaw = params['MaxResults'];
  if (
    maxRaw !== undefined &&
    maxRaw !== null &&
    (typeof maxRaw !== 'number' || !Number.isInteger(maxRaw) || maxRaw < 1 || maxRaw > MAX_RESULTS)
  ) {
    throw new AwsError(
      'InvalidMaxResultsException',
      `MaxResults ${String(maxRaw)} is not valid: it must be between 1 and ${MAX_RESULTS}.`,
    );
  }
  const maxResults = typeof maxRaw === 'number' ? maxRaw : MAX_RESULTS;
  const start = timeParam(params, 'StartTime');
  const end = timeParam(params, 'EndTime');
  if (start !== undefined && end !== undefined && start > end) {
    throw new AwsError('InvalidTimeRangeException', 'StartTime must be before EndTime.');
  }
  const category = params['EventCategory'];
  const binding = bindingOf([key, value, start ?? null, end ?? null, category ?? null]);
  const token = params['NextToken'];
  let from = 0;
  if (token !== undefined && token !== null) {
    const position = typeof token === 'string' ? decodeToken(token, binding) : undefined;
    if (position === undefined) {
      throw new AwsError(
        'InvalidNextTokenException',
        'Invalid NextToken: it must be used with the same parameters as the call that returned it.',
      );
    }
    from = position;
  }
  // Insights events are not modelled: an insight lookup finds nothing.
  if (category === 'insight') return toJson({ Events: rawArray([]) });

  const matches = matcher(key, value, compiled);
  const visibleAt = nowMs - compiled.startedAtMs;
  const page: string[] = [];
  let next: number | undefined;
  for (let i = from; i < compiled.events.length; i++) {
    const event = compiled.events[i];
    if (event === undefined) continue;
    // Sorted newest first: once older than StartTime, every later event is too.
    if (start !== undefined && event.eventTime < start) break;
    if (event.visibleAfterMs > visibleAt) continue;
    if (end !== undefined && event.eventTime > end) continue;
    if (!matches(event)) continue;
    if (page.length === maxResults) {
      next = i;
      break;
    }
    page.push(event.json);
  }
  return toJson({
    Events: rawArray(page),
    NextToken: next === undefined ? undefined : encodeToken(binding, next),
  });
}
