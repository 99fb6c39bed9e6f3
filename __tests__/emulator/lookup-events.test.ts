import { LookupEventsCommand, type LookupEventsCommandInput } from '@aws-sdk/client-cloudtrail';
import { assumedRole, iamUser, putImageRecord } from '../../emulator/builders.js';
import { startEmulator, type Emulator } from '../../emulator/server.js';
import type { CloudTrailEventSpec } from '../../emulator/scenario.js';
import {
  ACCOUNT,
  cloudTrailClient,
  digest,
  manualClock,
  rejectionOf,
  REGION,
  scenario,
  T0,
} from './kit.js';

const BASE_SEC = T0 / 1000 - 86_400;
const ARN = `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/app`;

/** 120 pushes to `app`, one a minute, in shuffled order so the emulator must sort them. */
function pushes(): CloudTrailEventSpec[] {
  const order = Array.from({ length: 120 }, (_, i) => (i * 37) % 120);
  return order.map((i) => ({
    record: putImageRecord({
      identity: assumedRole(ACCOUNT, 'ci', `run-${i}`),
      region: REGION,
      registryId: ACCOUNT,
      repository: 'app',
      digest: digest(i + 1),
      tag: `v${i}`,
      eventTime: BASE_SEC + i * 60,
    }),
  }));
}

const late: CloudTrailEventSpec = {
  record: putImageRecord({
    identity: iamUser(ACCOUNT, 'alice'),
    region: REGION,
    registryId: ACCOUNT,
    repository: 'other',
    digest: digest(999),
    tag: 'late',
    eventTime: BASE_SEC + 10_000,
  }),
  visibleAfterMs: 300,
};

const clock = manualClock();
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator(
    scenario({ cloudTrail: { events: [...pushes(), late], lookupsPerSecond: 0 } }),
    { clock: clock.now },
  );
});
afterAll(() => emulator.close());

const lookup = (input: LookupEventsCommandInput) =>
  cloudTrailClient(emulator).send(new LookupEventsCommand(input));
const byName = (value: string) => [
  { AttributeKey: 'ResourceName' as const, AttributeValue: value },
];

test('pages hold 50 events, newest first across pages', async () => {
  const sizes: number[] = [];
  const times: number[] = [];
  let NextToken: string | undefined;
  do {
    const page = await lookup({
      LookupAttributes: byName('app'),
      ...(NextToken ? { NextToken } : {}),
    });
    sizes.push(page.Events?.length ?? 0);
    times.push(...(page.Events ?? []).map((e) => e.EventTime?.getTime() ?? 0));
    NextToken = page.NextToken;
  } while (NextToken && sizes.length < 10);
  expect(sizes).toEqual([50, 50, 20]);
  expect(times).toEqual([...times].sort((a, b) => b - a));
  expect(times[0]).toBe((BASE_SEC + 119 * 60) * 1000);
  expect(new Set(times).size).toBe(120);
});

test('an event carries the lookup fields and its record as a JSON string', async () => {
  const page = await lookup({ LookupAttributes: byName('app'), MaxResults: 1 });
  const event = page.Events?.[0];
  expect(event?.EventName).toBe('PutImage');
  expect(event?.EventSource).toBe('ecr.amazonaws.com');
  expect(event?.ReadOnly).toBe('false');
  expect(event?.Username).toBe('run-119');
  expect(event?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
  expect(event?.Resources).toEqual([
    { ResourceType: 'AWS::ECR::Repository', ResourceName: ARN },
    { ResourceType: 'AWS::ECR::Repository', ResourceName: 'app' },
  ]);
  const record = JSON.parse(event?.CloudTrailEvent ?? '{}') as {
    eventID: string;
    responseElements: { image: { imageId: { imageDigest: string } } };
  };
  expect(record.eventID).toBe(event?.EventId);
  expect(record.responseElements.image.imageId.imageDigest).toBe(digest(120));
});

test('StartTime and EndTime bound the events', async () => {
  const page = await lookup({
    LookupAttributes: byName('app'),
    StartTime: new Date((BASE_SEC + 10 * 60) * 1000),
    EndTime: new Date((BASE_SEC + 14 * 60) * 1000),
  });
  expect(page.Events?.map((e) => e.Username)).toEqual([
    'run-14',
    'run-13',
    'run-12',
    'run-11',
    'run-10',
  ]);
  const reversed = await rejectionOf(
    lookup({
      LookupAttributes: byName('app'),
      StartTime: new Date(T0),
      EndTime: new Date(T0 - 1000),
    }),
  );
  expect(reversed.name).toBe('InvalidTimeRangeException');
});

test('a NextToken works only with the parameters it came from', async () => {
  const first = await lookup({ LookupAttributes: byName('app'), MaxResults: 10 });
  const token = first.NextToken;
  expect(token).toBeDefined();
  const resized = await lookup({
    LookupAttributes: byName('app'),
    MaxResults: 5,
    NextToken: token,
  });
  expect(resized.Events?.[0]?.Username).toBe('run-109');
  for (const changed of [
    { LookupAttributes: byName(ARN) },
    { LookupAttributes: [{ AttributeKey: 'EventName' as const, AttributeValue: 'PutImage' }] },
    { LookupAttributes: byName('app'), StartTime: new Date(BASE_SEC * 1000) },
  ]) {
    const error = await rejectionOf(lookup({ ...changed, NextToken: token }));
    expect(error.name).toBe('InvalidNextTokenException');
  }
  const garbage = await rejectionOf(lookup({ LookupAttributes: byName('app'), NextToken: 'xyz' }));
  expect(garbage.name).toBe('InvalidNextTokenException');
});

test('exactly one valid lookup attribute and at most 50 results are accepted', async () => {
  const two = await rejectionOf(
    lookup({
      LookupAttributes: [
        { AttributeKey: 'EventName', AttributeValue: 'PutImage' },
        { AttributeKey: 'ResourceName', AttributeValue: 'app' },
      ],
    }),
  );
  expect(two.name).toBe('InvalidLookupAttributesException');
  expect((await rejectionOf(lookup({}))).name).toBe('InvalidLookupAttributesException');
  const empty = await rejectionOf(lookup({ LookupAttributes: byName('') }));
  expect(empty.name).toBe('InvalidLookupAttributesException');
  const tooMany = await rejectionOf(lookup({ LookupAttributes: byName('app'), MaxResults: 51 }));
  expect(tooMany.name).toBe('InvalidMaxResultsException');
});

test('each lookup attribute filters on its own field', async () => {
  const count = async (
    AttributeKey: NonNullable<LookupEventsCommandInput['LookupAttributes']>[number]['AttributeKey'],
    AttributeValue: string,
  ) =>
    (await lookup({ LookupAttributes: [{ AttributeKey, AttributeValue }], MaxResults: 50 })).Events
      ?.length;
  expect(await count('Username', 'run-7')).toBe(1);
  expect(await count('EventName', 'DescribeImages')).toBe(0);
  expect(await count('ReadOnly', 'true')).toBe(0);
  expect(await count('ResourceType', 'AWS::ECR::Repository')).toBe(50);
  const one = await lookup({ LookupAttributes: byName('app'), MaxResults: 1 });
  const eventId = one.Events?.[0]?.EventId ?? '';
  const accessKeyId = one.Events?.[0]?.AccessKeyId ?? '';
  expect(await count('EventId', eventId)).toBe(1);
  expect(await count('AccessKeyId', accessKeyId)).toBe(1);
});

test('an event is visible only visibleAfterMs after the emulator started', async () => {
  emulator.reset();
  const find = async () => (await lookup({ LookupAttributes: byName('other') })).Events?.length;
  clock.advance(299);
  expect(await find()).toBe(0);
  clock.advance(1);
  expect(await find()).toBe(1);
});

describe.each([
  ['arn', { arn: 1, name: 0 }],
  ['name', { arn: 0, name: 1 }],
  ['both', { arn: 1, name: 1 }],
] as const)('resourceNameMatch %s', (mode, expected) => {
  test('matches the repository by ARN and by name as configured', async () => {
    emulator.reset(
      scenario({
        cloudTrail: { events: pushes().slice(0, 1), resourceNameMatch: mode, lookupsPerSecond: 0 },
      }),
    );
    const byArn = await lookup({ LookupAttributes: byName(ARN) });
    const byRepo = await lookup({ LookupAttributes: byName('app') });
    expect({ arn: byArn.Events?.length, name: byRepo.Events?.length }).toEqual(expected);
    const shown = [...(byArn.Events ?? []), ...(byRepo.Events ?? [])][0]?.Resources?.map(
      (r) => r.ResourceName,
    );
    expect(shown).toEqual(mode === 'arn' ? [ARN] : mode === 'name' ? ['app'] : [ARN, 'app']);
  });
});
