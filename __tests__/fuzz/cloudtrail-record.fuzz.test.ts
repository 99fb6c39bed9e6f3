// Fuzzing the CloudTrail record parser: whatever LookupEvents hands over (any JSON, a real
// PutImage with any field replaced by anything, text that is not JSON), it never throws, and a
// record it reads as a push carries every field the rules rely on.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { runs } from './runs.js';
import {
  parsePushRecord,
  parseTrailEvent,
  type RecordResult,
} from '../../src/aws/cloudtrail-record.js';
import { principalFromIdentity } from '../../src/rules/identity.js';
import { sharedPath } from '../shared-data.js';

const RUNS = runs(500);
const FIXTURE = sharedPath('splunk/aws_ecr_container_upload_first_event.json');
const REAL = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, unknown>;

test('the recorded PutImage reads as a push (the base the mutations start from)', () => {
  expect(parsePushRecord(REAL).kind).toBe('push');
});

/** The contract of a result, whatever went in. */
function expectValid(result: RecordResult): void {
  expect(['push', 'ignored', 'malformed']).toContain(result.kind);
  if (result.kind !== 'push') {
    expect(typeof result.reason).toBe('string');
    return;
  }
  const { push } = result;
  expect(push.eventTime).toBeInstanceOf(Date);
  expect(Number.isNaN(push.eventTime.getTime())).toBe(false);
  for (const text of [push.eventId, push.region, push.registryId, push.repository]) {
    expect(typeof text).toBe('string');
    expect(text.length).toBeGreaterThan(0);
  }
  expect(typeof push.principal.key).toBe('string');
  expect(typeof push.principal.name).toBe('string');
  expect(typeof push.userName).toBe('string');
  expect(typeof push.sourceIp).toBe('string');
  if (push.digest !== undefined) expect(typeof push.digest).toBe('string');
  if (push.tag !== undefined) expect(typeof push.tag).toBe('string');
}

/** Paths into the recorded event, to replace one value at a time. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries = Object.entries(value as Record<string, unknown>);
  return [prefix, ...entries.flatMap(([key, item]) => paths(item, [...prefix, key]))];
}
const PATHS = paths(REAL);

function replaced(path: readonly string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(REAL);
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path[path.length - 1] ?? '';
  if (replacement === undefined) delete node[last];
  else node[last] = replacement;
  return copy;
}

/** JSON objects whose keys shadow what `String()` and friends call: `{"toString": 1}`. */
const jsonTrap = fc
  .array(
    fc.tuple(
      fc.constantFrom('toString', 'valueOf', '__proto__', 'constructor', 'length'),
      fc.jsonValue({ maxDepth: 1 }),
    ),
    {
      minLength: 1,
      maxLength: 3,
    },
  )
  .map(
    (pairs) =>
      JSON.parse(
        `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`,
      ) as unknown,
  );

const weird = fc.oneof(
  jsonTrap,
  fc.anything({ maxDepth: 2 }),
  fc.constantFrom(
    undefined,
    null,
    '',
    0,
    -1,
    Number.NaN,
    true,
    [],
    {},
    'PutImage',
    '2021-13-45T99:99:99Z',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const mutation = fc.array(fc.tuple(fc.constantFrom(...PATHS), weird), {
  minLength: 1,
  maxLength: 4,
});

const applyAll = (edits: ReadonlyArray<readonly [string[], unknown]>): unknown =>
  edits.reduce<unknown>((record, [path, value]) => {
    // Each edit applies on top of the previous ones (paths may have vanished: skip those).
    try {
      if (path.length === 0) return value;
      const copy = structuredClone(record) as Record<string, unknown>;
      let node = copy;
      for (const key of path.slice(0, -1)) {
        const next = node[key];
        if (typeof next !== 'object' || next === null) return record;
        node = next as Record<string, unknown>;
      }
      const last = path[path.length - 1] ?? '';
      if (value === undefined) delete node[last];
      else node[last] = value;
      return copy;
    } catch {
      return record;
    }
  }, REAL);

describe('parsePushRecord', () => {
  test('any JSON value', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => expectValid(parsePushRecord(value))),
      RUNS,
    );
  });

  test('the recorded PutImage with one field replaced by anything', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), weird, (path, value) => {
        expectValid(parsePushRecord(replaced(path, value)));
      }),
      RUNS,
    );
  });

  test('the recorded PutImage with several fields replaced, and an envelope fallback', () => {
    fc.assert(
      fc.property(
        mutation,
        fc.option(fc.date({ noInvalidDate: false }), { nil: undefined }),
        (edits, date) => {
          const fallback = date === undefined ? {} : { eventTime: date, eventId: 'envelope-id' };
          expectValid(parsePushRecord(applyAll(edits), fallback));
        },
      ),
      {
        ...RUNS,
        // Found with FUZZ_SCALE=50: no eventTime in the record and an invalid Date as the
        // envelope's made a push whose time was NaN.
        examples: [[[[['eventTime'], undefined]], new Date(Number.NaN)]],
      },
    );
  });
});

test.each(['eventSource', 'errorCode', 'eventName', 'eventTime', 'userIdentity'])(
  'found by fuzzing: %s as {"toString": 1} is a reason, not a TypeError',
  (field) => {
    const text = JSON.stringify({ ...REAL, [field]: { toString: 1 } });
    expectValid(parseTrailEvent({ CloudTrailEvent: text }));
  },
);

describe('parseTrailEvent', () => {
  const cloudTrailEvent = fc.oneof(
    fc.string({ maxLength: 200 }),
    mutation.map((edits) => JSON.stringify(applyAll(edits)) ?? ''),
    mutation.map((edits) => (JSON.stringify(applyAll(edits)) ?? '').slice(0, 50)),
  );
  const event = fc.record(
    {
      EventId: fc.option(fc.string(), { nil: undefined }),
      EventName: fc.option(fc.constantFrom('PutImage', 'BatchGetImage', ''), { nil: undefined }),
      EventTime: fc.option(fc.date({ noInvalidDate: false }), { nil: undefined }),
      CloudTrailEvent: fc.option(cloudTrailEvent, { nil: undefined }),
    },
    { requiredKeys: [] },
  );

  test('any envelope, any CloudTrailEvent text (cut off, not JSON, mutated)', () => {
    fc.assert(
      fc.property(event, (e) => expectValid(parseTrailEvent(e))),
      RUNS,
    );
  });

  test('an envelope whose fields are not even of their types', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom('EventId', 'EventName', 'EventTime', 'CloudTrailEvent'),
          fc.anything(),
        ),
        (e) => {
          expectValid(parseTrailEvent(e as Parameters<typeof parseTrailEvent>[0]));
        },
      ),
      RUNS,
    );
  });
});

test('principalFromIdentity: any userIdentity gives a principal with a key and a name', () => {
  const identity = fc.oneof(
    fc.anything(),
    fc.record(
      {
        type: fc.oneof(
          fc.constantFrom(
            'IAMUser',
            'AssumedRole',
            'Root',
            'FederatedUser',
            'AWSService',
            'AWSAccount',
            'IdentityCenterUser',
          ),
          fc.anything(),
        ),
        arn: fc.oneof(
          fc.string(),
          fc.constantFrom(
            'arn:aws:sts::123456789012:assumed-role/r/s',
            'arn:',
            'arn:aws:iam::x:user/',
          ),
        ),
        accountId: fc.anything(),
        userName: fc.anything(),
        principalId: fc.anything(),
        invokedBy: fc.anything(),
        sessionContext: fc.anything(),
        onBehalfOf: fc.anything(),
      },
      { requiredKeys: [] },
    ),
  );
  fc.assert(
    fc.property(identity, (id) => {
      const principal = principalFromIdentity(id);
      expect(typeof principal.key).toBe('string');
      expect(typeof principal.name).toBe('string');
    }),
    RUNS,
  );
});

test('an EventName that cannot be made a string is ignored, not a crash (found by the property above)', () => {
  const result = parseTrailEvent({
    EventName: Object.create(null) as unknown as string,
    CloudTrailEvent: '{}',
  });
  expect(result.kind).toBe('ignored');
});
