import {
  Document,
  LineCounter,
  isAlias,
  isMap,
  isPair,
  parseDocument,
  isScalar,
  isSeq,
  visit,
  type Alias,
  type Node,
  type YAMLMap,
} from 'yaml';
import { describeFailure, escapeInvisible, shown, type Check } from '../inputs/checks.js';

// Walking the policy's YAML tree: every problem is recorded with its line, so the file's author
// sees all of them at once, each as `file:line: key: message`.

export interface Entry {
  key: string;
  keyNode: Node;
  value: Node | null;
  line: number;
}

/** A key within edit distance 2 of a known one (`ignores` → `ignore`), for the error message. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let diagonal = row[0] ?? 0;
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const above = row[j] ?? 0;
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + cost);
        diagonal = above;
      }
    }
    return row[b.length] ?? Number.POSITIVE_INFINITY;
  };
  return candidates.find((c) => distance(word.toLowerCase(), c) <= 2);
}

export function kindOf(node: Node | null): string {
  if (node === null) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    if (node.value === null) return 'an empty value';
    return `${typeof node.value} ${shown(node.value)}`;
  }
  return 'an alias';
}

export const isEmpty = (node: Node | null): boolean =>
  node === null || (isScalar(node) && node.value === null);

/** Problems listed in one error message; the rest are counted. */
export const MAX_LISTED = 50;

/** Walks the YAML tree and records every problem with the line it is on. */
export class PolicyReader {
  readonly problems: Array<{ line: number; message: string }> = [];
  /** Every alias's node, found in one walk on first use (see `resolve`). */
  private aliasTargets: Map<Alias, Node | undefined> | undefined;

  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    readonly file: string,
  ) {}

  /**
   * The problems in file order as a bulleted list, the first MAX_LISTED only: a broken file of
   * 60,000 lines gave a message of 100,000 problems (the count still says how many).
   */
  listed(): { count: number; first: string | undefined; list: string } {
    const sorted = [...this.problems].sort((a, b) => a.line - b.line).map((p) => p.message);
    const shown = sorted.slice(0, MAX_LISTED).map((m) => `  - ${m}`);
    if (sorted.length > MAX_LISTED) shown.push(`  - … and ${sorted.length - MAX_LISTED} more`);
    return { count: sorted.length, first: sorted[0], list: shown.join('\n') };
  }

  line(node: Node | null | undefined, fallback: number): number {
    const offset = node?.range?.[0];
    return offset === undefined ? fallback : this.lines.linePos(offset).line;
  }

  at(line: number, message: string): void {
    this.problems.push({ line, message: `${this.file}:${line}: ${message}` });
  }

  fail(node: Node | null, fallbackLine: number, path: string, message: string): void {
    this.at(this.line(node, fallbackLine), `${path}: ${message}`);
  }

  resolve(node: unknown): Node | null {
    if (isAlias(node)) return this.resolve(this.aliasTarget(node));
    return isScalar(node) || isMap(node) || isSeq(node) ? node : null;
  }

  /**
   * What yaml's `Alias.resolve(doc)` returns (the last node anchored with the alias's name before
   * it, in document order), without its walk of the whole document on every call: 4,000 aliases
   * in a policy file took 11 s that way, 16,000 (64 KB) minutes (found by fuzzing).
   */
  private aliasTarget(alias: Alias): Node | undefined {
    if (this.aliasTargets === undefined) {
      const targets = new Map<Alias, Node | undefined>();
      const latest = new Map<string, Node>();
      visit(this.doc, {
        Node: (_key, node) => {
          if (isAlias(node)) targets.set(node, latest.get(node.source));
          if (node.anchor) latest.set(node.anchor, node);
        },
      });
      this.aliasTargets = targets;
    }
    return this.aliasTargets.get(alias);
  }

  /** The checked value, or undefined after recording the failure on the node's line. */
  checked<T>(node: Node, path: string, value: unknown, check: Check<T>): T | undefined {
    if (check.ok) return check.value;
    this.fail(node, 1, path, `${shown(value)} ${describeFailure(check)}`);
    return undefined;
  }

  /** A non-empty string scalar, or undefined after recording why not. */
  text(entry: Entry, path: string, what: string): string | undefined {
    const node = entry.value;
    if (node === null || isEmpty(node)) {
      this.fail(node, entry.line, path, `has no value; expected ${what}`);
      return undefined;
    }
    if (!isScalar(node) || typeof node.value !== 'string') {
      this.fail(node, entry.line, path, `expected ${what}, got ${kindOf(node)}`);
      return undefined;
    }
    if (node.value.trim() === '') {
      this.fail(node, entry.line, path, `is empty; expected ${what}`);
      return undefined;
    }
    return node.value.trim();
  }

  /** The pairs of a mapping; keys that are not words or not allowed are reported and skipped. */
  entries(map: YAMLMap, path: string, allowed: readonly string[]): Map<string, Entry> {
    const out = new Map<string, Entry>();
    const mapLine = this.line(map, 1);
    for (const pair of map.items) {
      const keyNode = this.resolve(pair.key);
      if (keyNode === null || !isScalar(keyNode) || typeof keyNode.value !== 'string') {
        this.fail(keyNode, mapLine, path || 'key', `keys must be words, got ${kindOf(keyNode)}`);
        continue;
      }
      const key = keyNode.value;
      // A key with spaces, line breaks or control characters is shown quoted: raw, it would
      // blur the message or break it over lines.
      const shownKey = /^[\w.-]+$/.test(key) ? key : shown(key);
      const keyPath = path === '' ? shownKey : `${path}.${shownKey}`;
      if (!allowed.includes(key)) {
        const hint = closest(key, allowed);
        const suggestion = hint === undefined ? '' : ` (did you mean ${hint}?)`;
        this.fail(
          keyNode,
          mapLine,
          keyPath,
          `unknown key${suggestion}; expected one of ${allowed.join(', ')}`,
        );
        continue;
      }
      out.set(key, {
        key,
        keyNode,
        value: this.resolve(pair.value),
        line: this.line(keyNode, mapLine),
      });
    }
    return out;
  }
}

/**
 * Nesting beyond this is refused before anything walks the tree: the walks (yaml's own `visit`,
 * the readers) recurse, and 1,000 nested lists overflowed the stack with a RangeError (found by
 * fuzzing). A policy or .trivyignore.yaml nests 5 levels at most.
 */
export const MAX_YAML_DEPTH = 32;

/**
 * The first line (1-based) whose nesting certainly goes past what a policy needs, before the YAML
 * library sees the text, else 0. The library recurses per level: 2,000 nested lists overflow its
 * stack (an error it reports), 5,000 crashed the process in V8's regexp compiler, out of stack,
 * which nothing can catch (found by fuzzing). Over-counts on purpose (brackets in quotes and
 * comments count too): only files far past MAX_YAML_DEPTH are refused here, the rest by depthOf.
 */
function deepLine(text: string): number {
  const limit = MAX_YAML_DEPTH * 4;
  let flow = 0;
  let line = 1;
  let atStart = true;
  let indent = 0;
  let dashes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line += 1;
      atStart = true;
      indent = 0;
      dashes = 0;
      continue;
    }
    if (atStart) {
      if (c === 32) indent += 1;
      else if (c === 45 && text.charCodeAt(i + 1) === 32) {
        dashes += 1;
        i += 1;
      } else atStart = false;
      if (indent > limit || dashes > MAX_YAML_DEPTH) return line;
    }
    if (c === 91 || c === 123) flow += 1;
    else if ((c === 93 || c === 125) && flow > 0) flow -= 1;
    if (flow > MAX_YAML_DEPTH) return line;
  }
  return 0;
}

/** The deepest collection in the document, counted without recursion, stopping past `limit`. */
function depthOf(root: unknown, limit: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (!isMap(node) && !isSeq(node)) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const item of node.items) {
      if (isPair(item)) {
        stack.push([item.key, depth + 1], [item.value, depth + 1]);
      } else stack.push([item, depth + 1]);
    }
  }
  return deepest;
}

/**
 * Parses a YAML file for a reader: the YAML library's own errors and warnings, and nesting past
 * MAX_YAML_DEPTH, are recorded as problems on their lines. Read the root only when there are none.
 */
export function readYaml(text: string, file: string): { doc: Document; reader: PolicyReader } {
  const lines = new LineCounter();
  const tooDeep = deepLine(text);
  if (tooDeep !== 0) {
    const reader = new PolicyReader(new Document(null), lines, file);
    reader.at(tooDeep, `YAML: nested more than ${MAX_YAML_DEPTH} levels deep`);
    return { doc: new Document(null), reader };
  }
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const reader = new PolicyReader(doc, lines, file);
  for (const error of [...doc.errors, ...doc.warnings]) {
    // The YAML library quotes the file's text as it is, control characters and all.
    const message = escapeInvisible(error.message.split('\n')[0] ?? error.message);
    reader.at(lines.linePos(error.pos[0]).line || 1, `YAML: ${message}`);
  }
  if (reader.problems.length === 0 && depthOf(doc.contents, MAX_YAML_DEPTH) > MAX_YAML_DEPTH) {
    reader.at(1, `YAML: nested more than ${MAX_YAML_DEPTH} levels deep`);
  }
  return { doc, reader };
}
