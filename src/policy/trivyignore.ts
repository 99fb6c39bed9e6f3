import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { PackageURL } from 'packageurl-js';
import { UserError } from '../errors.js';
import { checkDate, shown } from '../inputs/checks.js';
import type { IgnoreRule } from '../inputs/settings.js';
import { PolicyReader, isEmpty, kindOf, readYaml } from './reader.js';

// trivy's `.trivyignore.yaml` (https://trivy.dev/latest/docs/configuration/filtering/#trivyignoreyaml,
// purls since aquasecurity/trivy#6178): `vulnerabilities[]` entries with `id`, optional `paths`
// (files in the image), `purls` (packages), `expired_at` (YYYY-MM-DD) and `statement`. The other
// sections (misconfigurations, secrets, licenses) are about things ECR does not scan: accepted,
// not used. An unknown key in an entry is an error: a scope the gate skipped would widen the
// ignore.

const TOP_KEYS = ['vulnerabilities', 'misconfigurations', 'secrets', 'licenses'] as const;
const ENTRY_KEYS = ['id', 'paths', 'purls', 'expired_at', 'statement'] as const;

function strings(reader: PolicyReader, node: Node | null, line: number, path: string): string[] {
  if (node === null || isEmpty(node)) return [];
  if (!isSeq(node)) {
    reader.fail(node, line, path, `expected a list, got ${kindOf(node)}`);
    return [];
  }
  const out: string[] = [];
  node.items.forEach((item, index) => {
    const value = reader.resolve(item);
    if (
      value === null ||
      !isScalar(value) ||
      typeof value.value !== 'string' ||
      value.value.trim() === ''
    ) {
      reader.fail(value, line, `${path}[${index}]`, `expected text, got ${kindOf(value)}`);
      return;
    }
    out.push(value.value.trim());
  });
  return out;
}

/** trivy matches a purl without a version against every version of the package. */
function readPurl(
  reader: PolicyReader,
  text: string,
  line: number,
  path: string,
): { name: string; version?: string } | undefined {
  try {
    const purl = PackageURL.fromString(text);
    return { name: purl.name, ...(purl.version ? { version: purl.version } : {}) };
  } catch {
    reader.at(line, `${path}: ${shown(text)} is not a package URL (e.g. pkg:deb/debian/libssl1.1)`);
    return undefined;
  }
}

/** Parses a `.trivyignore.yaml`; every problem names the file and the line, all at once. */
export function parseTrivyIgnore(text: string, fileName: string): IgnoreRule[] {
  const { doc, reader } = readYaml(text, fileName);
  const rules: IgnoreRule[] = [];
  const root = reader.problems.length > 0 ? null : reader.resolve(doc.contents);
  if (root !== null && !isEmpty(root)) {
    if (!isMap(root)) {
      reader.at(
        reader.line(root, 1),
        `expected a mapping with vulnerabilities:, got ${kindOf(root)}`,
      );
    } else {
      const vulns = reader.entries(root, '', TOP_KEYS).get('vulnerabilities');
      const list = vulns?.value ?? null;
      if (vulns !== undefined && list !== null && !isEmpty(list) && !isSeq(list)) {
        reader.fail(
          list,
          vulns.line,
          'vulnerabilities',
          `expected a list of entries (- id: ...), got ${kindOf(list)}`,
        );
      } else if (vulns !== undefined && list !== null && isSeq(list)) {
        list.items.forEach((item, index) => {
          const rule = readEntry(
            reader,
            reader.resolve(item),
            `vulnerabilities[${index}]`,
            vulns.line,
          );
          if (rule !== undefined) rules.push(rule);
        });
      }
    }
  }
  const { count, first, list } = reader.listed();
  if (count === 1) throw new UserError(`Input 'trivyignore': ${first ?? ''}`);
  if (count > 1) {
    throw new UserError(`Input 'trivyignore': ${fileName} has ${count} problems:\n${list}`);
  }
  return rules;
}

function readEntry(
  reader: PolicyReader,
  node: Node | null,
  path: string,
  parentLine: number,
): IgnoreRule | undefined {
  if (node === null || !isMap(node)) {
    reader.fail(node, parentLine, path, `expected a mapping with id, got ${kindOf(node)}`);
    return undefined;
  }
  const line = reader.line(node, parentLine);
  const before = reader.problems.length;
  const fields = reader.entries(node, path, ENTRY_KEYS);
  const idField = fields.get('id');
  const id =
    idField === undefined
      ? undefined
      : reader.text(idField, `${path}.id`, 'a vulnerability id such as CVE-2023-2650');
  if (idField === undefined)
    reader.at(line, `${path}: id is required (a vulnerability id such as CVE-2023-2650)`);
  const statementField = fields.get('statement');
  const statement =
    statementField === undefined
      ? undefined
      : reader.text(statementField, `${path}.statement`, 'text');
  const expiredField = fields.get('expired_at');
  let expires: string | undefined;
  if (expiredField !== undefined) {
    const value = expiredField.value;
    const raw = value !== null && isScalar(value) ? String(value.value) : '';
    expires =
      value === null ? undefined : reader.checked(value, `${path}.expired_at`, raw, checkDate(raw));
    if (value === null)
      reader.at(expiredField.line, `${path}.expired_at: has no value; expected a date YYYY-MM-DD`);
  }
  const pathsField = fields.get('paths');
  const paths =
    pathsField === undefined
      ? undefined
      : strings(reader, pathsField.value, pathsField.line, `${path}.paths`);
  const purlsField = fields.get('purls');
  const purls =
    purlsField === undefined
      ? undefined
      : strings(reader, purlsField.value, purlsField.line, `${path}.purls`).map((text, index) =>
          readPurl(reader, text, purlsField.line, `${path}.purls[${index}]`),
        );
  if (reader.problems.length > before || id === undefined) return undefined;
  return {
    id,
    reason: statement ?? 'listed in .trivyignore.yaml (no statement)',
    source: `${reader.file}:${line}`,
    by: 'trivyignore',
    ...(expires === undefined ? {} : { expires }),
    // A path is matched as trivy prints it: relative to the image root, no leading slash.
    ...(paths === undefined || paths.length === 0
      ? {}
      : { paths: paths.map((p) => p.replace(/^\/+/, '')) }),
    ...(purls === undefined || purls.length === 0
      ? {}
      : { purls: purls.filter((p): p is { name: string; version?: string } => p !== undefined) }),
  };
}
