// Test doubles for the CloudTrail adapter: a fake clock whose sleeps advance time instantly, and
// an in-memory CloudTrail that answers LookupEvents like the service does (one attribute, newest
// first, 50 a page, NextToken) and records when each request arrived.
import type { ResolvedImage } from '../../src/model.js';
import type {
  Event,
  LookupEventsCommandInput,
  LookupEventsCommandOutput,
} from '@aws-sdk/client-cloudtrail';

export function setAwsTestEnv(region = 'eu-west-1'): void {
  process.env.AWS_REGION = region;
  process.env.AWS_ACCESS_KEY_ID = 'test';
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
}

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/**
 * Sleeps resolve in time order without real waiting: once every pending promise has settled
 * (a macrotask later), the clock jumps to the earliest timer and fires it.
 */
export class FakeClock {
  private t: number;
  private seq = 0;
  private timers: Timer[] = [];
  private scheduled = false;
  readonly sleeps: number[] = [];

  constructor(start = 0) {
    this.t = start;
  }

  now = (): number => this.t;

  sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      this.sleeps.push(ms);
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const timer: Timer = { at: this.t + Math.max(0, ms), seq: this.seq++, resolve };
      this.timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((t) => t !== timer);
          reject(signal.reason);
        },
        { once: true },
      );
      this.schedule();
    });

  advance(ms: number): void {
    this.t += ms;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.fire());
  }

  private fire(): void {
    this.scheduled = false;
    if (this.timers.length === 0) return;
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = this.timers[0];
    if (!next) return;
    this.t = Math.max(this.t, next.at);
    const due = this.timers.filter((t) => t.at <= this.t);
    this.timers = this.timers.filter((t) => t.at > this.t);
    for (const timer of due) timer.resolve();
    if (this.timers.length > 0) this.schedule();
  }
}

export interface FakeEvent {
  id: string;
  time: Date;
  name: string;
  /** What CloudTrail indexed for ResourceName lookups. */
  indexed: string[];
  /** Whether `Resources` is returned on the event. */
  listResources: boolean;
  record: string;
  /** Fake-clock time from which lookups return it. */
  visibleAt: number;
}

export interface PushSpec {
  id: string;
  time: Date;
  repository: string;
  registryId?: string;
  region?: string;
  tag?: string;
  digest: string;
  identity: unknown;
}

export const roleIdentity = (name: string, session: string, account = '123456789012') => ({
  type: 'AssumedRole',
  principalId: `AROAEXAMPLE:${session}`,
  arn: `arn:aws:sts::${account}:assumed-role/${name}/${session}`,
  accountId: account,
  sessionContext: {
    sessionIssuer: {
      type: 'Role',
      principalId: 'AROAEXAMPLE',
      arn: `arn:aws:iam::${account}:role/${name}`,
      accountId: account,
      userName: name,
    },
  },
});

/** A PutImage record shaped like the recorded Splunk one. */
export function putImageRecord(spec: PushSpec): string {
  const registryId = spec.registryId ?? '123456789012';
  return JSON.stringify({
    eventVersion: '1.08',
    userIdentity: spec.identity,
    eventTime: spec.time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource: 'ecr.amazonaws.com',
    eventName: 'PutImage',
    awsRegion: spec.region ?? 'eu-west-1',
    sourceIPAddress: 'AWS Internal',
    userAgent: 'AWS Internal',
    requestParameters: {
      registryId,
      repositoryName: spec.repository,
      ...(spec.tag ? { imageTag: spec.tag } : {}),
    },
    responseElements: {
      image: {
        registryId,
        repositoryName: spec.repository,
        imageId: { imageDigest: spec.digest, ...(spec.tag ? { imageTag: spec.tag } : {}) },
      },
    },
    eventID: spec.id,
    readOnly: false,
    eventType: 'AwsApiCall',
    recipientAccountId: registryId,
  });
}

/** How ResourceName lookups match an ECR repository; `none`: they match nothing. */
export type IndexMode = 'arn' | 'name' | 'none';

export class FakeCloudTrail {
  readonly events: FakeEvent[] = [];
  readonly requests: Array<{ at: number; input: LookupEventsCommandInput }> = [];

  constructor(
    private readonly clock: { now: () => number },
    private readonly options: { index: IndexMode; listResources: boolean } = {
      index: 'arn',
      listResources: true,
    },
  ) {}

  addPush(spec: PushSpec, visibleAt = Number.NEGATIVE_INFINITY): void {
    const region = spec.region ?? 'eu-west-1';
    const registry = spec.registryId ?? '123456789012';
    const arn = `arn:aws:ecr:${region}:${registry}:repository/${spec.repository}`;
    this.events.push({
      id: spec.id,
      time: spec.time,
      name: 'PutImage',
      indexed: this.indexed(arn, spec.repository),
      listResources: this.options.listResources,
      record: putImageRecord(spec),
      visibleAt,
    });
  }

  /** A non-push event on the repository (layer upload), as ResourceName lookups return them. */
  addOther(id: string, time: Date, name: string, repository: string, record?: string): void {
    const arn = `arn:aws:ecr:eu-west-1:123456789012:repository/${repository}`;
    this.events.push({
      id,
      time,
      name,
      indexed: this.indexed(arn, repository),
      listResources: this.options.listResources,
      record: record ?? JSON.stringify({ eventName: name, eventID: id }),
      visibleAt: Number.NEGATIVE_INFINITY,
    });
  }

  private indexed(arn: string, name: string): string[] {
    if (this.options.index === 'none') return [];
    return [this.options.index === 'arn' ? arn : name];
  }

  lookup = (input: LookupEventsCommandInput): LookupEventsCommandOutput => {
    this.requests.push({ at: this.clock.now(), input });
    const attribute = input.LookupAttributes?.[0];
    if (!attribute || (input.LookupAttributes?.length ?? 0) > 1) {
      throw Object.assign(new Error('one attribute'), { name: 'InvalidLookupAttributesException' });
    }
    const start = input.StartTime?.getTime() ?? Number.NEGATIVE_INFINITY;
    const end = input.EndTime?.getTime() ?? Number.POSITIVE_INFINITY;
    const matching = this.events
      .filter((e) => e.visibleAt <= this.clock.now())
      .filter((e) => e.time.getTime() >= start && e.time.getTime() <= end)
      .filter((e) =>
        attribute.AttributeKey === 'EventName'
          ? e.name === attribute.AttributeValue
          : attribute.AttributeKey === 'ResourceName'
            ? e.indexed.includes(attribute.AttributeValue ?? '')
            : false,
      )
      .sort((a, b) => b.time.getTime() - a.time.getTime());
    const offset = input.NextToken ? Number(input.NextToken) : 0;
    const size = Math.min(input.MaxResults ?? 50, 50);
    const page = matching.slice(offset, offset + size);
    const next = offset + size < matching.length ? String(offset + size) : undefined;
    return {
      $metadata: {},
      Events: page.map(toSdkEvent),
      ...(next ? { NextToken: next } : {}),
    };
  };

  /** The most requests that arrived within any window of `ms`. */
  maxRequestsWithin(ms: number): number {
    const times = this.requests.map((r) => r.at).sort((a, b) => a - b);
    let most = 0;
    let from = 0;
    for (let to = 0; to < times.length; to += 1) {
      while ((times[to] ?? 0) - (times[from] ?? 0) >= ms) from += 1;
      most = Math.max(most, to - from + 1);
    }
    return most;
  }

  attributesUsed(): string[] {
    return this.requests.map(
      (r) =>
        `${r.input.LookupAttributes?.[0]?.AttributeKey ?? '?'}=${r.input.LookupAttributes?.[0]?.AttributeValue ?? '?'}`,
    );
  }
}

function toSdkEvent(e: FakeEvent): Event {
  return {
    EventId: e.id,
    EventName: e.name,
    EventTime: e.time,
    EventSource: 'ecr.amazonaws.com',
    CloudTrailEvent: e.record,
    ...(e.listResources
      ? {
          Resources: e.indexed.map((name) => ({
            ResourceType: 'AWS::ECR::Repository',
            ResourceName: name,
          })),
        }
      : {}),
  };
}

export const awsError = (name: string, message: string, status = 400): Error =>
  Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });

/** The gated image of the adapter tests: `app:v1` in 123456789012, eu-west-1, pushed at `pushedAt`. */
export const gatedImage = (pushedAt: Date, over: Partial<ResolvedImage> = {}): ResolvedImage => ({
  target: { raw: 'app:v1', repository: 'app', tag: 'v1' },
  registryId: '123456789012',
  region: 'eu-west-1',
  repository: 'app',
  imageDigest: 'sha256:gated',
  imageTags: ['v1'],
  pushedAt,
  ...over,
});
