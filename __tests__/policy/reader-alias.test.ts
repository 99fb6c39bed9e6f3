// PolicyReader resolves aliases from one walk of the document (src/policy/reader.ts): it must
// pick the node yaml's own Alias.resolve picks, for any arrangement of anchors and aliases.
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { LineCounter, isAlias, parseDocument, visit, type Alias, type Node } from 'yaml';
import { parsePolicy } from '../../src/policy/parse.js';
import { MAX_YAML_DEPTH, PolicyReader } from '../../src/policy/reader.js';
import { runs } from '../fuzz/runs.js';

function aliasesOf(text: string) {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const aliases: Alias[] = [];
  visit(doc, {
    Alias: (_key, node) => {
      aliases.push(node);
    },
  });
  return { doc, aliases, reader: new PolicyReader(doc, lines, 'p.yml') };
}

/** What the reader did before: yaml's own resolve, followed through alias chains. */
function yamlResolve(doc: ReturnType<typeof parseDocument>, node: unknown): unknown {
  let at = node;
  for (let hops = 0; isAlias(at) && hops < 100; hops++) at = at.resolve(doc);
  return isAlias(at) ? null : (at ?? null);
}

describe('PolicyReader.resolve on aliases', () => {
  // Items like `&a1 x`, `*a1`, `&a2 [ *a1 ]`, `&a1 { k: *a2 }`: names reused, aliases before,
  // after and inside their anchors.
  const name = fc.constantFrom('a', 'b', 'c');
  const item: fc.Arbitrary<string> = fc.letrec((tie) => ({
    item: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.tuple(name, fc.constantFrom('x', '1', 'true', 'null')).map(([n, v]) => `&${n} ${v}`),
      name.map((n) => `*${n}`),
      fc
        .tuple(fc.option(name, { nil: undefined }), fc.array(tie('item'), { maxLength: 3 }))
        .map(([n, items]) => `${n ? `&${n} ` : ''}[ ${items.join(', ')} ]`),
      fc
        .tuple(fc.option(name, { nil: undefined }), fc.array(tie('item'), { maxLength: 3 }))
        .map(
          ([n, items]) =>
            `${n ? `&${n} ` : ''}{ ${items.map((v, i) => `k${i}: ${v}`).join(', ')} }`,
        ),
    ),
  })).item;

  test('picks the node yaml itself picks', () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 8 }), (items) => {
        const text = items.map((i) => `- ${i}`).join('\n');
        const { doc, aliases, reader } = aliasesOf(text);
        for (const alias of aliases) {
          const expected = yamlResolve(doc, alias);
          const got: Node | null = reader.resolve(alias);
          // The reader keeps scalars, maps and lists only; anything else is null for both.
          expect(got).toBe(expected === null || isAlias(expected) ? null : expected);
        }
      }),
      runs(300),
    );
  });

  test('a policy of 16,000 aliases is read in well under the time a hang would take', () => {
    // 4,000 aliases took 11 s with yaml's resolve per alias. The bound here is generous: the
    // point is linear, not fast (timing targets live in npm run bench).
    const text =
      'version: 1\nrules:\n  critical:\n    level: &a fail\nignore:\n' +
      '  - id: *a\n'.repeat(16_000);
    const started = Date.now();
    expect(() => parsePolicy(text, 'p.yml')).toThrow();
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe('nesting is bounded before the YAML library recurses', () => {
  // 5,000 nested block lists crashed the whole process (V8 ran out of stack compiling a regexp
  // inside the YAML library, which no catch can stop); 2,000 overflowed the stack.
  test.each([
    ['block lists on one line', `ignore:\n  - ${'- '.repeat(5000)}x\n`, 2],
    ['flow lists', `ignore: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`, 1],
    [
      'indentation',
      `ignore:\n${Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}- a:\n`).join('')}`,
      131, // line k + 2 is indented k spaces; the first past 4 × 32 = 128 is k = 129
    ],
  ])('%s: one problem naming the line, no crash', (_what, text, line) => {
    expect(() => parsePolicy(text, 'p.yml')).toThrow(
      `p.yml:${line}: YAML: nested more than ${MAX_YAML_DEPTH} levels deep`,
    );
  });

  test('what a policy needs reads as before', () => {
    const policy = parsePolicy(
      'rules:\n  critical: { level: fail }\nignore:\n  - id: CVE-2024-1\n    package: openssl\n' +
        '    reason: not reachable\n',
      'p.yml',
    );
    expect(policy.ignores).toHaveLength(1);
    expect(policy.ignores[0]).toMatchObject({ id: 'CVE-2024-1', package: 'openssl' });
  });

  test('a file of thousands of problems lists the first 50 and counts the rest', () => {
    const text = `ignore:\n${'  - 5\n'.repeat(3000)}`;
    let message = '';
    try {
      parsePolicy(text, 'p.yml');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.startsWith('Policy file p.yml has 3000 problems:\n')).toBe(true);
    expect(message.split('\n')).toHaveLength(1 + 50 + 1);
    expect(message.endsWith('  - … and 2950 more')).toBe(true);
  });
});
