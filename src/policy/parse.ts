import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { UserError } from '../errors.js';
import {
  checkBoolean,
  checkDate,
  checkPositiveNumber,
  shown,
  type Check,
} from '../inputs/checks.js';
import type { IgnoreRule } from '../inputs/settings.js';
import { checkUploader } from '../inputs/uploaders.js';
import { POLICY_KEYS, emptyPolicy, type Policy } from './policy.js';
import { PolicyReader, isEmpty, kindOf, readYaml, type Entry } from './reader.js';
import { readRules } from './rules.js';
import { readCompare } from './compare.js';
import { RANGE_EXPECTED, parseRange } from '../rules/versions.js';

export const IGNORE_KEYS = ['id', 'package', 'version', 'reason', 'expires'] as const;

function readIgnores(reader: PolicyReader, entry: Entry): IgnoreRule[] {
  const node = entry.value;
  if (node === null || isEmpty(node)) return [];
  if (!isSeq(node)) {
    reader.fail(
      node,
      entry.line,
      'ignore',
      `expected a list of entries (- id: ..., reason: ...), got ${kindOf(node)}`,
    );
    return [];
  }
  const rules: IgnoreRule[] = [];
  node.items.forEach((item, index) => {
    const rule = readIgnore(reader, reader.resolve(item), `ignore[${index}]`, entry.line);
    if (rule !== undefined) rules.push(rule);
  });
  return rules;
}

function readIgnore(
  reader: PolicyReader,
  node: Node | null,
  path: string,
  parentLine: number,
): IgnoreRule | undefined {
  if (node === null || !isMap(node)) {
    reader.fail(
      node,
      parentLine,
      path,
      `expected a mapping with id and reason, got ${kindOf(node)}`,
    );
    return undefined;
  }
  const line = reader.line(node, parentLine);
  const fields = reader.entries(node, path, IGNORE_KEYS);
  const before = reader.problems.length;
  const text = (key: string, what: string): string | undefined => {
    const field = fields.get(key);
    return field === undefined ? undefined : reader.text(field, `${path}.${key}`, what);
  };

  const id = text('id', 'a finding id such as CVE-2021-3326');
  const pkg = text('package', 'a package name such as glibc');
  const version = text('version', `${RANGE_EXPECTED} (quoted)`);
  const versionField = fields.get('version');
  if (version !== undefined && versionField?.value != null && parseRange(version) === null) {
    reader.fail(
      versionField.value,
      line,
      `${path}.version`,
      `${shown(version)} is not valid. Expected ${RANGE_EXPECTED}.`,
    );
  }
  if (fields.has('version') && !fields.has('package'))
    reader.at(line, `${path}: version needs package (the package whose versions it names)`);
  const reason = text('reason', 'a reason (why the finding is safe to ignore)');
  const expiresText = text('expires', 'a date YYYY-MM-DD');
  const expiresField = fields.get('expires');
  const expires =
    expiresText === undefined || expiresField?.value == null
      ? undefined
      : reader.checked(expiresField.value, `${path}.expires`, expiresText, checkDate(expiresText));
  if (!fields.has('id') && !fields.has('package'))
    reader.at(
      line,
      `${path}: id or package is required (a finding id such as CVE-2021-3326, or a package such as glibc for all of its findings)`,
    );
  if (!fields.has('reason'))
    reader.at(line, `${path}: reason is required (why the finding is safe to ignore)`);
  const idField = fields.get('id');
  if (id !== undefined && idField?.value != null && /\s/.test(id)) {
    reader.fail(
      idField.value,
      line,
      `${path}.id`,
      `${shown(id)} contains spaces; expected one finding id`,
    );
  }

  if (
    reader.problems.length > before ||
    (id === undefined && pkg === undefined) ||
    reason === undefined
  )
    return undefined;
  return {
    ...(id === undefined ? {} : { id }),
    reason,
    source: `${reader.file}:${line}`,
    ...(pkg === undefined ? {} : { package: pkg }),
    ...(version === undefined ? {} : { version }),
    ...(expires === undefined ? {} : { expires }),
  };
}

function readKnownUploaders(reader: PolicyReader, entry: Entry): string[] {
  const node = entry.value;
  if (node === null || isEmpty(node)) return [];
  const items = isSeq(node) ? node.items.map((i) => reader.resolve(i)) : [node];
  const out: string[] = [];
  items.forEach((item, index) => {
    const path = isSeq(node) ? `known-uploaders[${index}]` : 'known-uploaders';
    if (item === null || !isScalar(item) || typeof item.value !== 'string') {
      reader.fail(item, entry.line, path, `expected an ARN or a name, got ${kindOf(item)}`);
      return;
    }
    const value = reader.checked(item, path, item.value, checkUploader(item.value));
    if (value !== undefined) out.push(value);
  });
  return out;
}

function readScalar<T>(
  reader: PolicyReader,
  entry: Entry,
  what: string,
  check: (text: string) => Check<T>,
): T | null {
  const node = entry.value;
  if (node === null || isEmpty(node)) return null;
  if (
    !isScalar(node) ||
    (typeof node.value !== 'string' &&
      typeof node.value !== 'number' &&
      typeof node.value !== 'boolean')
  ) {
    reader.fail(node, entry.line, entry.key, `expected ${what}, got ${kindOf(node)}`);
    return null;
  }
  return reader.checked(node, entry.key, node.value, check(String(node.value))) ?? null;
}

/**
 * Parses the policy file (SPEC section 5). Every problem names the file, the line and the key;
 * all of them are reported together in one UserError.
 */
export function parsePolicy(text: string, fileName: string): Policy {
  const { doc, reader } = readYaml(text, fileName);
  const policy = emptyPolicy(fileName);
  const root = reader.problems.length > 0 ? null : reader.resolve(doc.contents);

  if (root !== null && !isEmpty(root)) {
    if (!isMap(root)) {
      reader.at(
        reader.line(root, 1),
        `expected a mapping with the keys ${POLICY_KEYS.join(', ')}, got ${kindOf(root)}`,
      );
    } else {
      const fields = reader.entries(root, '', POLICY_KEYS);
      const field = (key: string) => fields.get(key);
      const ignore = field('ignore');
      if (ignore) policy.ignores = readIgnores(reader, ignore);
      const uploaders = field('known-uploaders');
      if (uploaders) policy.knownUploaders = readKnownUploaders(reader, uploaders);
      const rules = field('rules');
      if (rules) {
        const settings = readRules(reader, rules);
        policy.rules = settings.levels;
        policy.businessHours = settings.businessHours;
      }
      const threshold = field('risk-threshold');
      if (threshold)
        policy.riskThreshold = readScalar(
          reader,
          threshold,
          'a positive number',
          checkPositiveNumber,
        );
      const unfixed = field('ignore-unfixed');
      if (unfixed)
        policy.ignoreUnfixed = readScalar(reader, unfixed, 'true or false', checkBoolean);
      const compare = field('compare');
      if (compare) policy.compareUnchanged = readCompare(reader, compare);
    }
  }

  // Reported in file order, whichever part of the walk found them.
  const { count, first, list } = reader.listed();
  if (count === 1) throw new UserError(first ?? '');
  if (count > 1) throw new UserError(`Policy file ${fileName} has ${count} problems:\n${list}`);
  return policy;
}
