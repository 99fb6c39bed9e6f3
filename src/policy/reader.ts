import {
  LineCounter,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Document,
  type Node,
  type YAMLMap,
} from 'yaml';
import { describeFailure, shown, type Check } from '../inputs/checks.js';

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

/** Walks the YAML tree and records every problem with the line it is on. */
export class PolicyReader {
  readonly problems: Array<{ line: number; message: string }> = [];

  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    readonly file: string,
  ) {}

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
    if (isAlias(node)) return this.resolve(node.resolve(this.doc));
    return isScalar(node) || isMap(node) || isSeq(node) ? node : null;
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
