// Fuzzing the readers of ignore files the gate takes from outside: OpenVEX documents (parseVex)
// and trivy's .trivyignore.yaml (parseTrivyIgnore). Whatever the text (not JSON or YAML, a real
// document with any field replaced, cut off, nested deeply, huge), a reader returns ignore rules of
// the declared types or throws a UserError naming its input: never another exception, never a hang.
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { parse as parseYaml, stringify as yamlText } from 'yaml';
import { runs } from './runs.js';
import { UserError } from '../../src/errors.js';
import type { IgnoreRule } from '../../src/inputs/settings.js';
import { parseTrivyIgnore } from '../../src/policy/trivyignore.js';
import { parseVex } from '../../src/policy/vex.js';

const RUNS = runs(300);
const VEX_SOURCES = ['vex/api.json', 'https://example.com/vex/api.json'];
const TRIVY_FILES = ['.trivyignore.yaml', 'security/trivy ignore.yaml'];

/** The contract, whatever went in: rules of the declared types, or a UserError naming the input. */
function expectContract(by: 'vex' | 'trivyignore', file: string, read: () => IgnoreRule[]): void {
  // No timing here (timing targets live in npm run bench): a path that hangs ends the run at
  // Jest's timeout; the quadratic alias read is checked in __tests__/policy/reader-alias.test.ts.
  let rules: IgnoreRule[] | undefined;
  try {
    rules = read();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    const prefix =
      by === 'vex' ? `Input 'vex': ${JSON.stringify(file)} ` : `Input 'trivyignore': ${file}`;
    expect((error as Error).message.slice(0, prefix.length)).toBe(prefix);
  }
  if (rules === undefined) return;
  expect(Array.isArray(rules)).toBe(true);
  for (const rule of rules) expectRule(rule, by);
}

const isText = (v: unknown): v is string => typeof v === 'string';
const texts = (v: unknown): boolean => Array.isArray(v) && v.every(isText);
/** An object with the required text fields, and optional ones that are text when present. */
const shape = (v: unknown, required: string[], rest: string[] = []): boolean =>
  typeof v === 'object' &&
  v !== null &&
  required.every((k) => k in v) &&
  Object.entries(v).every(([k, x]) => [...required, ...rest].includes(k) && isText(x));

/** The fields and types IgnoreRule declares (src/inputs/settings.ts), and nothing else. */
function expectRule(rule: IgnoreRule, by: 'vex' | 'trivyignore'): void {
  const { aliases, paths, purls, image, expires, ...scalars } = rule;
  expect(rule.by).toBe(by);
  // Both readers require an id: an entry without one would ignore every finding of a package.
  expect(isText(rule.id) && rule.id !== '' && rule.id.trim() === rule.id).toBe(true);
  expect(shape(scalars, ['id', 'reason', 'source', 'by'], ['package', 'version'])).toBe(true);
  for (const list of [aliases, paths]) expect(list === undefined || texts(list)).toBe(true);
  const packages: unknown = purls ?? [];
  expect(Array.isArray(packages) && packages.every((p) => shape(p, ['name'], ['version']))).toBe(
    true,
  );
  expect(image === undefined || shape(image, ['name'], ['digest', 'repositoryUrl'])).toBe(true);
  expect(expires === undefined || (isText(expires) && /^\d{4}-\d{2}-\d{2}$/.test(expires))).toBe(
    true,
  );
}

// A realistic OpenVEX v0.2.0 document (https://github.com/openvex/spec/blob/main/OPENVEX-SPEC.md).
const DIGEST = 'ab'.repeat(32);
const GHSA = 'GHSA-gqxg-9vqr-9cqq';
const REPO = '111111111111.dkr.ecr.eu-west-1.amazonaws.com/team/api';
const IMAGE_PURL = `pkg:oci/api@sha256%3A${DIGEST}?repository_url=${REPO}`;
const VEX = {
  '@context': 'https://openvex.dev/ns/v0.2.0',
  '@id': 'https://example.com/vex/api-2026-001',
  author: 'Security Team <security@example.com>',
  timestamp: '2026-01-15T10:00:00Z',
  version: 2,
  statements: [
    {
      vulnerability: {
        '@id': 'https://nvd.nist.gov/vuln/detail/CVE-2023-2650',
        name: 'CVE-2023-2650',
        aliases: [GHSA],
      },
      timestamp: '2026-01-15T10:00:00Z',
      products: [
        {
          '@id': IMAGE_PURL,
          identifiers: { purl: IMAGE_PURL },
          subcomponents: [{ '@id': 'pkg:deb/debian/openssl@3.0.7' }],
        },
      ],
      status: 'not_affected',
      justification: 'vulnerable_code_not_in_execute_path',
      impact_statement: 'OBJ_obj2txt is never called',
    },
    {
      vulnerability: { name: 'CVE-2023-0464' },
      products: [{ '@id': 'pkg:deb/debian/openssl@3.0.7' }],
      status: 'fixed',
    },
    {
      vulnerability: { name: 'CVE-2024-0727' },
      products: [{ '@id': 'pkg:oci/api' }],
      status: 'affected',
      action_statement: 'Upgrade to openssl 3.0.13',
    },
    { vulnerability: 'CVE-2024-2511', products: ['pkg:oci/worker'], status: 'under_investigation' },
  ],
};

// trivy's documented .trivyignore.yaml (https://trivy.dev/latest/docs/configuration/filtering/).
const TRIVY = `# .trivyignore.yaml
vulnerabilities:
  - id: CVE-2022-40897
    paths:
      - "usr/local/lib/python3.9/site-packages/setuptools-58.1.0.dist-info/METADATA"
    statement: Accept the risk
  - id: CVE-2023-2650
  - id: CVE-2023-3817
    purls:
      - "pkg:deb/debian/libssl1.1"
  - id: CVE-2023-29491
    expired_at: 2023-09-01
misconfigurations:
  - id: AVD-DS-0002
    paths:
      - "docs/Dockerfile"
    statement: The image needs root privileges
secrets:
  - id: aws-access-key-id
licenses:
  - id: GPL-3.0 # License name is used as ID
`;
const TRIVY_DOC = parseYaml(TRIVY) as Record<string, unknown>;
// The plain .trivyignore (one id a line): the gate reads only the YAML form, so this is an error.
const PLAIN = '# Accept the risk\nCVE-2018-14618\n\n# No impact\nCVE-2019-1543 exp:2023-01-01\n';

test('the documents the mutations start from read as their specs say', () => {
  const source = 'vex/api.json';
  const why = 'VEX not_affected (vulnerable_code_not_in_execute_path: OBJ_obj2txt is never called)';
  const vex = { by: 'vex', purls: [{ name: 'openssl', version: '3.0.7' }] };
  const image = { name: 'api', digest: `sha256:${DIGEST}`, repositoryUrl: REPO };
  const at = (i: number) => `${source}#statements[${i}]`;
  expect(parseVex(JSON.stringify(VEX), source)).toEqual([
    { ...vex, id: 'CVE-2023-2650', aliases: [GHSA], reason: why, source: at(0), image },
    { ...vex, id: 'CVE-2023-0464', reason: 'VEX fixed', source: at(1) },
  ]);
  // Only vulnerabilities are read (ECR scans nothing the other sections are about), each at its
  // line; the same document written by yaml (the mutations' base) reads the same.
  for (const text of [TRIVY, yamlText(TRIVY_DOC)]) {
    const rules = parseTrivyIgnore(text, '.trivyignore.yaml');
    expect(rules.map((r) => [r.id, r.paths?.length, r.purls?.[0]?.name, r.expires])).toEqual([
      ['CVE-2022-40897', 1, undefined, undefined],
      ['CVE-2023-2650', undefined, undefined, undefined],
      ['CVE-2023-3817', undefined, 'libssl1.1', undefined],
      ['CVE-2023-29491', undefined, undefined, '2023-09-01'],
    ]);
  }
  expect(() => parseTrivyIgnore(PLAIN, '.trivyignore')).toThrow(UserError);
});

/** Paths into a document, to replace (or delete) one value at a time. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries = Object.entries(value as Record<string, unknown>);
  return [prefix, ...entries.flatMap(([key, item]) => paths(item, [...prefix, key]))];
}

/** A replacement: a value, or raw text put in the document's text where the value would be. */
type Edit = readonly [string[], { value: unknown } | { raw: string }];
const RAW = (i: number) => `RAWTEXT_${i}_`;

/** The document with each edit applied on top of the previous ones, as JSON or YAML text. */
function edited(base: unknown, edits: readonly Edit[], yaml: boolean): string {
  const raws: string[] = [];
  const doc = edits.reduce<unknown>((doc, [path, edit]) => {
    const value = 'raw' in edit ? RAW(raws.push(edit.raw) - 1) : edit.value;
    if (path.length === 0) return value;
    // An earlier edit may have replaced the whole document with a value that has no fields.
    if (typeof doc !== 'object' || doc === null) return doc;
    const copy = structuredClone(doc);
    let node = copy as Record<string, unknown>;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      // Each edit applies on top of the previous ones (paths may have vanished: skip those).
      if (typeof next !== 'object' || next === null) return doc;
      node = next as Record<string, unknown>;
    }
    if (typeof node !== 'object' || node === null) return doc;
    const last = path[path.length - 1] ?? '';
    if (value === undefined) delete node[last];
    else node[last] = value;
    return copy;
  }, base);
  let text = (yaml ? yamlText(doc) : JSON.stringify(doc)) ?? '';
  raws.forEach((raw, i) => (text = text.split(yaml ? RAW(i) : `"${RAW(i)}"`).join(raw)));
  return text;
}

const list = (words: string) => words.split(' | ');
const aliases = (n: number) => `[&a CVE-1${', *a'.repeat(n)}]`;
/** JSON objects whose keys shadow what `String()` and `${}` call: `{"toString": 1}`. */
const jsonTrap = fc.dictionary(
  fc.constantFrom('toString', 'valueOf', '__proto__', 'constructor'),
  fc.jsonValue({ maxDepth: 1 }),
  { minKeys: 1 },
);
const huge = fc
  .tuple(
    fc.constantFrom(' ', ...list('a | CVE- | pkg:oci/a | \uD800 | \\ | % | / | \n | "')),
    fc.integer({ min: 1, max: 50_000 }),
  )
  .map(([unit, n]) => unit.repeat(n));
const value = fc.oneof(
  jsonTrap,
  fc.anything({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  huge,
  fc.constantFrom(undefined, null, 0, -1, 1e308, true, [], {}, [{}], [[]]),
  fc.constantFrom(
    ...list('\uDC00x | pkg: | pkg:oci/ | pkg:oci/api?repository_url= | pkg:deb/debian/@1'),
    ...list('not_affected | fixed | CVE-2023-2650 | https://openvex.dev/ns | 2023-02-30 | '),
  ),
);
/** Nesting deep enough to exhaust a recursive walk: `[[[1]]]`, `{"a":{"a":1}}`, `- - - x`. */
const deep = (opens: string[], middle: string) =>
  fc.tuple(fc.constantFrom(...opens), fc.integer({ min: 1, max: 100_000 })).map(([open, n]) => {
    const close = [...open.replace(/[^[{]/g, '')].reverse().join('');
    return `${open.repeat(n)}${middle}${close.replace(/\[/g, ']').replace(/\{/g, '}').repeat(n)}`;
  });
const jsonRaw = fc.oneof(deep(['[', '{"a":', '[{"@id":'], '1'), huge);
const yamlRaw = fc.oneof(
  deep(['[', '{a: ', '- ', '[{id: '], 'x'),
  // Many aliases of one anchor: each is resolved when read.
  fc.integer({ min: 1, max: 30_000 }).map(aliases),
  fc.constantFrom(
    ...list('&a x | *a | *nowhere | !!binary aGk= | !foo x | !!int x | ? [a] | {a: 1, a: 2}'),
    ...list('|\n  text | \' | " | ---\nx: 1 | 0x1F | ~ | {toString: {}} | {toString: 1}'),
  ),
);
const edits = (base: unknown, raw: fc.Arbitrary<string>) =>
  fc.array(
    fc.tuple(
      fc.constantFrom(...paths(base)),
      fc.oneof(
        value.map((v) => ({ value: v })),
        raw.map((r) => ({ raw: r })),
      ),
    ),
    { minLength: 1, maxLength: 4 },
  );
/** The text cut off, with something spliced in at a random place. */
const spliced = (bases: string[], insert: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.constantFrom(...bases), fc.nat(), fc.nat({ max: 40 }), insert)
    .map(([text, at, cut, middle]) => {
      const i = at % (text.length + 1);
      return text.slice(0, i) + middle + text.slice(i + cut);
    });
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.json(), huge);

function fuzz<T>(arbitrary: fc.Arbitrary<T>, check: (value: T) => void, examples: T[] = []) {
  fc.assert(fc.property(arbitrary, check), { ...RUNS, examples: examples.map((e) => [e]) });
}

describe('parseVex', () => {
  const check = ([body, source]: [string, string]) =>
    expectContract('vex', source, () => parseVex(body, source));
  const json = (v: unknown) => JSON.stringify(v) ?? '';
  test('any text, any JSON value', () => {
    fuzz(
      fc.tuple(fc.oneof(anyText, fc.jsonValue().map(json)), fc.constantFrom(...VEX_SOURCES)),
      check,
    );
  });
  test('a valid document with fields replaced by anything', () => {
    const arbitrary = fc.tuple(edits(VEX, jsonRaw), fc.constantFrom(...VEX_SOURCES));
    fuzz(arbitrary, ([e, source]) => check([edited(VEX, e, false), source]), [
      // Found by this property: JSON.stringify of a product 10,000 deep threw a RangeError.
      [
        [[['statements', '3', 'products', '0'], { raw: `${'['.repeat(1e4)}${']'.repeat(1e4)}` }]],
        'v',
      ],
    ]);
  });
  test('a valid document cut off, or with text spliced in', () => {
    const text = spliced([JSON.stringify(VEX, null, 2)], fc.oneof(anyText, jsonRaw));
    fuzz(text, (t) => check([t, 'v.json']));
  });
});

describe('parseTrivyIgnore', () => {
  const check = ([text, file]: [string, string]) =>
    expectContract('trivyignore', file, () => parseTrivyIgnore(text, file));
  test('any text', () => {
    fuzz(fc.tuple(anyText, fc.constantFrom(...TRIVY_FILES)), check);
  });
  test('a valid .trivyignore.yaml with fields replaced by anything', () => {
    const arbitrary = fc.tuple(edits(TRIVY_DOC, yamlRaw), fc.constantFrom(...TRIVY_FILES));
    fuzz(arbitrary, ([e, file]) => check([edited(TRIVY_DOC, e, true), file]), [
      // Found by this property: yaml resolves each alias by walking the whole document: 10,000
      // aliases took 8 s.
      [[[['vulnerabilities', '0', 'paths'], { raw: aliases(10_000) }]], '.trivyignore.yaml'],
      // Found by this property: 2,000+ nested block lists overflowed the stack (a RangeError
      // from the readers); 5,000 crashed the process in V8's regexp compiler (reader.ts).
      [[[['vulnerabilities', '2'], { raw: `${'- '.repeat(5000)}x` }]], '.trivyignore.yaml'],
    ]);
  });
  test('a .trivyignore.yaml or plain .trivyignore cut off, or with text spliced in', () => {
    fuzz(spliced([TRIVY, PLAIN], fc.oneof(anyText, yamlRaw)), (t) => check([t, '.trivyignore']), [
      // Found by this property: 50,000 nested flow lists spliced into a plain .trivyignore.
      `${PLAIN}${'['.repeat(50_000)}${']'.repeat(50_000)}\nCVE-2019-1543\n`,
    ]);
  });
});
