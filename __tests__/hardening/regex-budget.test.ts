// Issue 19 §3: every regular expression in src/ against 1 MB of its worst input. The table is
// read from the source itself (the TypeScript parser finds every regex literal), so a pattern
// added later is covered without anyone remembering to list it. Each literal gets the runs of
// characters that make backtracking patterns blow up: long runs of one character or of a short
// unit the pattern half-matches, ended by a character that makes the match fail.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@jest/globals';
import ts from 'typescript';

const SRC = 'src';
const MB = 1 << 20;

/** Patterns left out here, with why. */
const EXEMPT: Record<string, string> = {};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

interface Literal {
  file: string;
  text: string;
}

function literals(): Literal[] {
  const found: Literal[] = [];
  for (const file of sourceFiles(SRC)) {
    if (file in EXEMPT) continue;
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        found.push({ file, text: node.getText(source) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

// Runs that half-match the patterns of this code base: whitespace, words, digits, separators,
// ARNs, IAM actions, paths, heredocs, digests, surrogates.
const UNITS = [
  ' ',
  '\n',
  'a',
  '0',
  '-',
  '/',
  ':',
  '#',
  'a.',
  'a-',
  ':1',
  ' #',
  'arn:aws',
  'perform ',
  'role/a/',
  '<<a',
  'www.',
  '\uD800',
];

function attacks(): string[] {
  return UNITS.flatMap((unit) => {
    const run = unit.repeat(Math.ceil(MB / unit.length));
    return [`${run}\u0000!`, `!${run}\u0000`];
  });
}

function compile(text: string): RegExp {
  const end = text.lastIndexOf('/');
  // Without `g`: one exec tries every start position, which is where backtracking blows up;
  // a global replace would also time building half a million replacements.
  return new RegExp(text.slice(1, end), text.slice(end + 1).replace('g', ''));
}

const TABLE = literals().map((l) => [`${l.file} ${l.text}`, l] as const);
const INPUTS = attacks();

test('the table covers the source (regular expressions are found)', () => {
  expect(TABLE.length).toBeGreaterThan(80);
});

test.each(TABLE)(
  '%s: 1 MB of worst input in well under a second',
  (_name, literal) => {
    // Measured per input: a linear pattern takes a few ms on 1 MB, a quadratic one minutes.
    const pattern = compile(literal.text);
    for (const input of INPUTS) {
      const started = performance.now();
      if (pattern.global) input.replace(pattern, '');
      else pattern.exec(input);
      const elapsed = performance.now() - started;
      if (elapsed > 500) {
        throw new Error(
          `${literal.text} took ${Math.round(elapsed)} ms on ${JSON.stringify(input.slice(0, 12))}...`,
        );
      }
    }
  },
  60_000,
);
