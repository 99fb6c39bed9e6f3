// Fuzzing parsers of untrusted input: an image index from BatchGetImage (any JSON text), the
// DescribeImages / BatchGetImage answers as the SDK passes them through (any value), and a JSON
// report read back from a file (any JSON). Each gives a well-typed answer or refuses with its own
// plain error; never a TypeError from touching a field of the wrong type.
import { describe, expect, test } from '@jest/globals';
import type { DescribeImagesCommandOutput as Described } from '@aws-sdk/client-ecr';
import type { BatchGetImageCommandOutput as Batch } from '@aws-sdk/client-ecr';
import fc from 'fast-check';
import { runs } from './runs.js';
import { OCI_INDEX, OCI_MANIFEST, parseImageIndex } from '../../src/aws/manifest.js';
import * as shapes from '../../src/aws/ecr-shapes.js';
import { expandJsonReport } from '../../src/report/json-read.js';
import { renderJsonReport } from '../../src/report/json.js';
import { findingKey } from '../../src/rules/findings.js';
import { SEVERITIES, type Finding } from '../../src/model.js';
import { buildTestReport } from '../report/fixtures.js';

const RUNS = runs(300);

/** The digest pattern of src/aws/manifest.ts (OCI image spec, descriptor `digest`). */
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
/** Checked with plain code: one jest `expect` per entry is slow on 30,000 entries. */
const bad = <T>(list: readonly T[], ok: (item: T) => boolean): T[] => list.filter((x) => !ok(x));
const deep = (depth: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { manifests: value };
  return value;
};

/** What a hostile or broken writer may put in place of a field: valid JSON, wrong in kind. */
const hostile = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.constantFrom({ toString: {} }, { toString: 1 }, { valueOf: {}, toString: {} }, '\ud800x'),
  fc.constantFrom('', 'sha256:', ':ab', 'sha256:a/b', 'SHA256:ab', 'linux', 7, 1e308, true, null),
  fc.constantFrom([], {}, ['sha256:ab'], { digest: 'sha256:ab' }, { length: 1e9 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
  fc.integer({ min: 100, max: 1500 }).map(deep),
);
/** A valid value most of the time, a hostile one sometimes: one or several fields mutated. */
const mutable = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 5, arbitrary: valid }, { weight: 1, arbitrary: hostile });

const hex = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 1 });
const digest = fc.oneof(
  fc.constantFrom('sha256:aa', 'sha256:bb'), // collisions: duplicates, an image also an index
  fc.tuple(fc.constantFrom('sha256', 'sha512', 'multihash+base58'), hex).map((p) => p.join(':')),
);
const platform = fc.record(
  {
    architecture: mutable(fc.constantFrom('amd64', 'arm64', 'arm', 's390x', 'unknown')),
    os: mutable(fc.constantFrom('linux', 'windows', 'unknown')),
    variant: mutable(fc.constantFrom('v7', 'v8')),
  },
  { requiredKeys: ['architecture', 'os'] },
);
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const [TYPE, FOR] = ['vnd.docker.reference.type', 'vnd.docker.reference.digest'];
const UNKNOWN = { architecture: 'unknown', os: 'unknown' };
/** OCI image-index descriptors as buildx writes them; attestations are `unknown/unknown`. */
const entry = (kind: 'image' | 'attestation' | 'index') =>
  fc.record({
    mediaType: mutable(fc.constantFrom(...(kind === 'index' ? [OCI_INDEX] : [OCI_MANIFEST]))),
    digest: mutable(digest),
    size: mutable(fc.nat()),
    platform: mutable(kind === 'attestation' ? fc.constant(UNKNOWN) : platform),
    annotations: mutable(
      kind === 'attestation'
        ? fc.record({
            [TYPE]: mutable(fc.constant('attestation-manifest')),
            [FOR]: mutable(digest),
          })
        : fc.constant({ 'org.opencontainers.image.created': '2024-05-21T10:00:00Z' }),
    ),
  });
const kinds = [entry('image'), entry('image'), entry('attestation'), entry('index'), hostile];
const entries = fc.array(fc.oneof(...kinds), { maxLength: 8 });
const index = (manifests: unknown, mediaType: unknown = OCI_INDEX): string =>
  JSON.stringify({ schemaVersion: 2, mediaType, manifests });

function expectIndexOrPlainError(text: string): void {
  let parsed;
  try {
    parsed = parseImageIndex(text);
  } catch (error) {
    expect(Object.getPrototypeOf(error)).toBe(Error.prototype);
    const message = (error as Error).message;
    expect(message).toMatch(/^the image index (is not valid JSON|has no "manifests" list)$/);
    return;
  }
  const { manifests, attestations, nested, invalid } = parsed;
  const digests = [...manifests, ...attestations].map((m) => m.digest).concat(nested);
  expect(bad(digests, (d) => DIGEST.test(d))).toEqual([]);
  const texts = manifests.flatMap((m) => [m.mediaType, m.platform]);
  texts.push(...attestations.map((a) => a.for));
  expect(bad(texts, (t) => t === undefined || typeof t === 'string')).toEqual([]);
  expect(bad(invalid, (why) => /^entry \d{1,6} has no valid digest$/.test(why))).toEqual([]);
}

describe('parseImageIndex', () => {
  test('valid indexes: every entry lands where the spec says (independent oracle)', () => {
    const kind = fc.constantFrom('image', 'image', 'attestation', 'index');
    const os = fc.constantFrom(['linux', 'arm64'], ['windows', 'amd64'], ['unknown', 'unknown']);
    const attested = { [TYPE]: 'attestation-manifest', [FOR]: 'sha256:cc' };
    fc.assert(
      fc.property(fc.array(fc.record({ kind, digest, os }), { maxLength: 10 }), (list) => {
        const descriptors = list.map((e) => ({
          mediaType: e.kind === 'index' ? OCI_INDEX : DOCKER_MANIFEST,
          digest: e.digest,
          size: 1234,
          platform: { os: e.os[0], architecture: e.os[1], variant: 'v8' },
          annotations: e.kind === 'attestation' ? attested : {},
        }));
        const parsed = parseImageIndex(index(descriptors));
        const of = (k: string) => list.filter((e) => e.kind === k);
        // Images once each, in order; `unknown/unknown` alone is no attestation: it is gated.
        const images = of('image').filter(
          (e, i, all) => all.findIndex((f) => f.digest === e.digest) === i,
        );
        const manifest = (e: (typeof list)[number]) => ({
          digest: e.digest,
          mediaType: DOCKER_MANIFEST,
          platform: `${e.os.join('/')}/v8`,
        });
        expect(parsed.manifests).toEqual(images.map(manifest));
        const attestations = of('attestation').map((e) => ({ digest: e.digest, for: 'sha256:cc' }));
        expect(parsed.attestations).toEqual(attestations);
        expect(parsed.nested).toEqual([...new Set(of('index').map((e) => e.digest))]);
        expect(parsed.invalid).toEqual([]);
      }),
      RUNS,
    );
  });

  test('mutated indexes: a typed result or a plain Error, never a TypeError', () => {
    const types = mutable(fc.constant(OCI_INDEX));
    const check = (list: unknown, type: unknown) => expectIndexOrPlainError(index(list, type));
    fc.assert(fc.property(mutable(entries), types, check), RUNS);
  });

  test('any text: not JSON, truncated, deeply nested, huge', () => {
    const cut = (t: string) => fc.nat(t.length).map((n) => t.slice(0, n));
    const nest = (n: number) => `{"manifests":[${'['.repeat(n)}${']'.repeat(n)}]}`;
    const texts = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.json(),
      entries.map((list) => index(list)).chain(cut),
      fc.integer({ min: 1, max: 50_000 }).map(nest),
      fc.integer({ min: 1, max: 30_000 }).map((n) => `{"manifests":[${'{},'.repeat(n)}0]}`),
    );
    fc.assert(fc.property(texts, expectIndexOrPlainError), RUNS);
  });
});

/** Any value at all: what the SDK's deserializer can hand over, and then some. */
const odd = { withBoxedValues: true, withDate: true, withMap: true, withNullPrototype: true };
const anyValue = fc.oneof(
  fc.anything({ maxDepth: 2, withSparseArray: true, withBigInt: true, ...odd }),
  hostile,
  fc.constantFrom(undefined, new Date(NaN), new Date(0), NaN, Infinity, [1, 'a'], ['a', 'b']),
);
const text = mutable(fc.string({ maxLength: 20 }));
const some = { requiredKeys: [] };
const list = <T>(item: fc.Arbitrary<T>) => {
  const items = fc.oneof({ weight: 4, arbitrary: item }, { weight: 1, arbitrary: anyValue });
  return fc.oneof(anyValue, fc.array(items, { maxLength: 40 }));
};
const answer = <T>(fields: Record<string, fc.Arbitrary<T>>) =>
  fc.oneof(anyValue, fc.record({ ...fields, $metadata: anyValue }, some));
/** The declared type of each DescribeImages imageDetails field the gate reads (the SDK's types). */
const isText = (v: unknown) => typeof v === 'string';
const DECLARED: Record<string, (v: unknown) => boolean> = {
  ...Object.fromEntries(['registryId', 'repositoryName', 'imageDigest'].map((k) => [k, isText])),
  imageManifestMediaType: isText,
  artifactMediaType: isText,
  imageTags: (v) => Array.isArray(v) && v.every(isText),
  imagePushedAt: (v) => v instanceof Date && !Number.isNaN(v.getTime()),
  imageSizeInBytes: (v) => typeof v === 'number' && Number.isFinite(v),
};
const detail = fc.record(
  {
    ...Object.fromEntries(Object.keys(DECLARED).map((key) => [key, text])),
    imageDigest: mutable(digest),
    imageTags: mutable(fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 })),
    imagePushedAt: mutable(fc.date({ noInvalidDate: true })),
    imageSizeInBytes: mutable(fc.nat()),
  },
  some,
);
const imageId = mutable(fc.record({ imageDigest: mutable(digest), imageTag: text }, some));
const image = fc.record(
  { registryId: text, repositoryName: text, imageManifest: text, imageId },
  some,
);
const failure = fc.record({ failureCode: text, failureReason: text, imageId: anyValue }, some);

/** The input back unchanged, or a MalformedAnswerError with a short message; nothing else. */
function checked<T>(check: (out: T) => T, out: unknown): out is T {
  let result;
  try {
    result = check(out as T);
  } catch (error) {
    expect(error).toBeInstanceOf(shapes.MalformedAnswerError);
    expect((error as Error).message.length).toBeLessThan(1000);
    return false;
  }
  expect(result).toBe(out);
  expect(typeof out).toBe('object'); // a non-object answer is malformed too
  return true;
}
const present = (v: unknown) => v !== undefined && v !== null;

describe('ECR answer shapes', () => {
  test('checkDescribeImages: passes only well-typed details', () => {
    fc.assert(
      fc.property(answer({ imageDetails: list(detail), nextToken: text }), (out) => {
        if (!checked<Described>(shapes.checkDescribeImages, out)) return;
        if (present(out.nextToken)) expect(typeof out.nextToken).toBe('string');
        // forEach as the check does: a hole in a sparse array (never from JSON) is no detail.
        out.imageDetails?.forEach((d) => {
          const fields = d as Record<string, unknown>;
          const wrong = bad(
            Object.keys(DECLARED),
            (k) => !present(fields[k]) || DECLARED[k]!(fields[k]),
          );
          expect(wrong).toEqual([]);
        });
      }),
      // As for BatchGetImage below: a null answer made `out.imageDetails` throw a TypeError.
      { ...RUNS, examples: [[null], [undefined]] },
    );
  });
  test('checkBatchGetImage: its input or a MalformedAnswerError', () => {
    fc.assert(
      fc.property(answer({ images: list(image), failures: list(failure) }), (out) => {
        if (!checked<Batch>(shapes.checkBatchGetImage, out)) return;
        const manifests = (out.images ?? []).map((i) => i.imageManifest);
        expect(bad(manifests, (m) => !present(m) || typeof m === 'string')).toEqual([]);
      }),
      // Found at once (seed 383753232): a null answer made `out.images` throw a TypeError.
      { ...RUNS, examples: [[null]] },
    );
  });
});

describe('expandJsonReport', () => {
  const hostileJson = fc.constantFrom({ toString: {} }, { toString: 1 }, -1, 0.5, 1e9, null);
  const json = fc.oneof(fc.jsonValue({ maxDepth: 2 }), hostileJson);
  const or = <T>(valid: fc.Arbitrary<T>, weight = 4) =>
    fc.oneof({ weight, arbitrary: valid }, { weight: 1, arbitrary: json });
  const name = or(fc.string({ maxLength: 4 }));
  const finding = fc.record({ detection: or(fc.nat(3)), name }, some);
  const row = fc.record({ finding: or(fc.string({ maxLength: 8 }), 1) }, some);
  const scan = fc.record({ findings: or(fc.array(or(finding), { maxLength: 4 })) });
  const images = fc.array(or(fc.record({ scan: or(scan) })), { maxLength: 3 });
  const detections = fc.array(or(row), { minLength: 1, maxLength: 4 });
  const schemaVersion = or(fc.constantFrom(1, 2));
  const report = fc.record({ schemaVersion, images: or(images), detections: or(detections) }, some);

  test('any parsed JSON: a report, or a plain Error naming the schemaVersion', () => {
    const v2 = { schemaVersion: 2, images: [{ scan: { findings: [{ detection: 0 }] } }] };
    const check = (raw: unknown) => {
      const parsed: unknown = JSON.parse(JSON.stringify(raw) ?? 'null');
      let expanded;
      try {
        expanded = expandJsonReport(parsed);
      } catch (error) {
        expect(Object.getPrototypeOf(error)).toBe(Error.prototype);
        const message = (error as Error).message;
        expect(message).toMatch(/^not an ecr-risk-gate JSON report: schemaVersion /);
        return;
      }
      expect([1, 2]).toContain((expanded as { schemaVersion?: unknown }).schemaVersion);
    };
    fc.assert(fc.property(fc.oneof(json, report, report), check), {
      ...RUNS,
      // Found at once (seed -230239148): a row's `finding` not text made
      // descriptionFrom call startsWith on a number, a TypeError.
      examples: [[{ ...v2, detections: [{ finding: 0 }, {}] }]],
    });
  });

  test('round trip: rendered, parsed and expanded, every finding has its description back', () => {
    const unit = fc.constantFrom('a', 'b', ',', ' ', ', ', '\ud800', '"', 'é');
    const words = fc.string({ unit, maxLength: 6 });
    const severity = fc.constantFrom(...SEVERITIES);
    const spec = fc.record({ name: words, description: words, severity });
    const findingOf = (s: { name: string; description: string; severity: Finding['severity'] }) =>
      ({ ...s, id: s.name, scannerSeverity: s.severity, packages: [], source: 'basic' }) as Finding;
    fc.assert(
      fc.property(fc.array(spec, { maxLength: 6 }), fc.boolean(), (specs, engineRows) => {
        const findings = specs.map(findingOf);
        const built = buildTestReport([{ findings }]);
        // The engine's rows hold the name alone for a blank description; the fixture's never do.
        const rows = built.detections;
        if (engineRows) findings.forEach((f, i) => rows[i] && (rows[i].finding = findingKey(f)));
        const expanded = expandJsonReport(JSON.parse(renderJsonReport(built)));
        const descriptions = expanded.images[0]?.scan.findings.map((f) => f.description);
        expect(descriptions).toEqual(specs.map((s) => s.description));
        expect(expanded).toEqual(JSON.parse(JSON.stringify({ ...built, schemaVersion: 2 })));
      }),
      RUNS,
    );
  });
});
