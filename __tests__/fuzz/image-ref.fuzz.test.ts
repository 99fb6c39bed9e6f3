// Fuzzing the image-reference parser: whatever text arrives in `image`, it either returns a
// target or throws a UserError naming the input; a target it accepts parses again to itself;
// every reference built from valid parts is accepted with exactly those parts.
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { runs } from './runs.js';
import { UserError } from '../../src/errors.js';
import { imageFromParts, parseImageReference } from '../../src/inputs/image-ref.js';
import type { ImageTarget } from '../../src/model.js';

const RUNS = runs(600);
// eslint-disable-next-line no-control-regex -- a message must not carry raw control characters
const UNCLEAN = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

/** A refusal: a UserError about `input`, on one line with every character of the value visible. */
function expectRefusal(error: unknown, input: RegExp): void {
  expect(error).toBeInstanceOf(UserError);
  const message = (error as UserError).message;
  expect(message).toMatch(input);
  expect([message, UNCLEAN.test(message)]).toEqual([message, false]);
}

const lower = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');
const component = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(...lower), minLength: 1, maxLength: 8 }),
    fc.array(
      fc.tuple(
        fc.constantFrom('.', '_', '-'),
        fc.string({ unit: fc.constantFrom(...lower), minLength: 1, maxLength: 6 }),
      ),
      { maxLength: 2 },
    ),
  )
  .map(([head, rest]) => head + rest.map(([sep, part]) => sep + part).join(''));
const repository = fc
  .array(component, { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join('/'))
  .filter((name) => name.length >= 2 && name.length <= 256);
const tagChars = 'ABCXYZabcxyz0123456789_.-'.split('');
const tag = fc
  .tuple(
    fc.constantFrom(...'Aaz09_'.split('')),
    fc.string({ unit: fc.constantFrom(...tagChars), maxLength: 40 }),
  )
  .map(([first, rest]) => first + rest);
const digest = fc
  .string({ unit: fc.constantFrom(...'0123456789abcdef'.split('')), minLength: 64, maxLength: 64 })
  .map((hex) => `sha256:${hex}`);
const account = fc.string({
  unit: fc.constantFrom(...'0123456789'.split('')),
  minLength: 12,
  maxLength: 12,
});
const regionHost = fc.constantFrom(
  { region: 'us-east-1', suffix: 'amazonaws.com' },
  { region: 'eu-central-1', suffix: 'amazonaws.com' },
  { region: 'ap-southeast-2', suffix: 'amazonaws.com' },
  { region: 'us-gov-west-1', suffix: 'amazonaws.com' },
  { region: 'cn-north-1', suffix: 'amazonaws.com.cn' },
);

interface Parts {
  host?: { account: string; region: string; suffix: string; fips: boolean };
  repository: string;
  tag?: string;
  digest?: string;
}

const parts: fc.Arbitrary<Parts> = fc
  .record({
    host: fc.option(
      fc
        .record({ account, rh: regionHost, fips: fc.boolean() })
        .map(({ account: a, rh, fips }) => ({
          account: a,
          region: rh.region,
          suffix: rh.suffix,
          fips: fips && rh.suffix === 'amazonaws.com',
        })),
      { nil: undefined },
    ),
    repository,
    tag: fc.option(tag, { nil: undefined }),
    digest: fc.option(digest, { nil: undefined }),
  })
  .filter((p) => p.tag !== undefined || p.digest !== undefined)
  // Without a host, docker reads a first path part with a dot as a registry.
  .filter((p) => p.host !== undefined || !(p.repository.split('/')[0] ?? '').includes('.'))
  .map((p) => {
    const out: Parts = { repository: p.repository };
    if (p.host) out.host = p.host;
    if (p.tag !== undefined) out.tag = p.tag;
    if (p.digest !== undefined) out.digest = p.digest;
    return out;
  });

const format = (p: Parts): string => {
  const host = p.host
    ? `${p.host.account}.dkr.ecr${p.host.fips ? '-fips' : ''}.${p.host.region}.${p.host.suffix}/`
    : '';
  return `${host}${p.repository}${p.tag === undefined ? '' : `:${p.tag}`}${p.digest === undefined ? '' : `@${p.digest}`}`;
};

/** Parses, and checks the contract on the way: a target, or a UserError about `image`. */
function parseOrRefuse(text: string): ImageTarget | null {
  try {
    return parseImageReference(text, {});
  } catch (error) {
    expectRefusal(error, /^Input 'image'/);
    return null;
  }
}

/** What every accepted target holds, whatever text produced it. */
function expectWellFormed(target: ImageTarget, reparse?: () => ImageTarget): void {
  expect(target.repository).toMatch(
    /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/,
  );
  expect(target.tag !== undefined || target.digest !== undefined).toBe(true);
  if (target.tag !== undefined) expect(target.tag).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/);
  if (target.digest !== undefined) expect(target.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
  if (target.registryId !== undefined) expect(target.registryId).toMatch(/^\d{12}$/);
  // The round trip: what was accepted parses again to the same target.
  expect(reparse ? reparse() : parseImageReference(target.raw, {})).toEqual(target);
}

/** Small edits of a valid reference: where parsers usually break. */
const mutated = fc
  .tuple(
    parts.map(format),
    fc.array(fc.tuple(fc.nat(), fc.nat(), fc.string({ maxLength: 3 })), { maxLength: 4 }),
  )
  .map(([text, edits]) =>
    edits.reduce((s, [at, drop, insert]) => {
      const i = at % (s.length + 1);
      return s.slice(0, i) + insert + s.slice(i + (drop % 3));
    }, text),
  );

const noise = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.string({ unit: fc.constantFrom(...'@:/.sha256-_ aA0'.split('')), maxLength: 80 }),
);

describe('parseImageReference', () => {
  test('a reference built from valid parts is accepted with exactly those parts', () => {
    fc.assert(
      fc.property(parts, (p) => {
        const target = parseImageReference(format(p), {});
        expect(target.repository).toBe(p.repository);
        expect(target.tag).toBe(p.tag);
        expect(target.digest).toBe(p.digest);
        expect(target.registryId).toBe(p.host?.account);
        expect(target.region).toBe(p.host?.region);
        expectWellFormed(target);
      }),
      RUNS,
    );
  });

  test('edited references: a well-formed target or a UserError about image, nothing else', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        const target = parseOrRefuse(text);
        if (target) expectWellFormed(target);
      }),
      RUNS,
    );
  });

  test('any text at all: a well-formed target or a UserError about image', () => {
    fc.assert(
      fc.property(noise, (text) => {
        const target = parseOrRefuse(text);
        if (target) expectWellFormed(target);
      }),
      RUNS,
    );
  });
});

describe('imageFromParts', () => {
  test('any repository, tag and digest text: a well-formed target or a UserError', () => {
    const field = fc.oneof(fc.constant(''), noise, repository, tag, digest);
    fc.assert(
      fc.property(field, field, field, (repo, t, d) => {
        let target: ImageTarget;
        try {
          target = imageFromParts({ repository: repo, tag: t, digest: d }, {});
        } catch (error) {
          expectRefusal(error, /^Input '(repository|image-tag|image-digest)'/);
          return;
        }
        // `raw` is for display here: `team.a/app` is a valid repository that, written as an
        // image reference, would read as a registry host. Parsed again from the same parts.
        expectWellFormed(target, () =>
          imageFromParts({ repository: target.raw.split(/[:@]/)[0] ?? '', tag: t, digest: d }, {}),
        );
      }),
      RUNS,
    );
  });
});
