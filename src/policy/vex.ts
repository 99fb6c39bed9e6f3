import { PackageURL } from 'packageurl-js';
import { UserError } from '../errors.js';
import { escapeInvisible, shown } from '../inputs/checks.js';
import type { IgnoreRule } from '../inputs/settings.js';
import { textOf } from '../text-of.js';

// OpenVEX (https://github.com/openvex/spec/blob/main/OPENVEX-SPEC.md, v0.2.0; v0.0.x documents
// with a string `vulnerability` and string `products` are read too). What the gate takes from a
// statement:
// - status `not_affected` (with a `justification` or an `impact_statement`, as the spec requires)
//   and `fixed` suppress; `affected` and `under_investigation` never do.
// - vulnerability `name` and `aliases` match the finding's id or name.
// - products: a `pkg:oci/NAME[@sha256:…][?repository_url=HOST/REPO]` purl (the spec's and purl-spec's
//   way to name a container image) scopes the statement to the gated image of that repository
//   (and digest, when given); its `subcomponents` narrow it to those packages. A product that is
//   any other purl (`pkg:deb/debian/openssl@…`) names a package, in whichever image has it.
//   A product the gate cannot read as a purl matches nothing (and is warned as stale).

const STATUSES = ['not_affected', 'affected', 'fixed', 'under_investigation'] as const;
type Status = (typeof STATUSES)[number];
const SUPPRESS: readonly Status[] = ['not_affected', 'fixed'];

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: Json): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

/** A product's purl: `@id`, else `identifiers.purl` (v0.2.0), or the string itself (v0.0.x). */
function purlOf(product: Json): string | undefined {
  if (typeof product === 'string') return product;
  if (!isObject(product)) return undefined;
  const identifiers = isObject(product.identifiers) ? product.identifiers : {};
  return text(identifiers.purl) ?? text(product['@id']);
}

function parsePurl(value: string | undefined): PackageURL | undefined {
  if (value === undefined || !value.startsWith('pkg:')) return undefined;
  try {
    return PackageURL.fromString(value);
  } catch {
    return undefined;
  }
}

const asPackage = (purl: PackageURL) => ({
  name: purl.name,
  ...(purl.version ? { version: purl.version } : {}),
});

/**
 * Reads one OpenVEX document into ignore entries. `source` names the file or URL in messages and
 * in the report (`source#statements[2]`). A document that is not OpenVEX is an error naming it.
 */
export function parseVex(body: string, source: string): IgnoreRule[] {
  const fail = (message: string): never => {
    throw new UserError(`Input 'vex': ${shown(source)} ${escapeInvisible(message)}`);
  };
  let doc: Json;
  try {
    doc = JSON.parse(body);
  } catch (error) {
    return fail(
      `is not JSON (${error instanceof Error ? error.message.slice(0, 200) : 'parse error'}); expected an OpenVEX document.`,
    );
  }
  if (!isObject(doc)) return fail('is not an OpenVEX document: expected a JSON object.');
  const context = text(doc['@context']);
  if (context === undefined || !context.startsWith('https://openvex.dev/ns')) {
    fail(
      `is not an OpenVEX document: "@context" is ${shown(doc['@context'] ?? 'missing')}; expected https://openvex.dev/ns/v0.2.0.`,
    );
  }
  if (!Array.isArray(doc.statements))
    fail('has no "statements" list; expected an OpenVEX document.');
  const statements = doc.statements as Json[];
  const latest = latestStatements(statements, doc.timestamp);
  const rules: IgnoreRule[] = [];
  statements.forEach((statement, index) => {
    const at = `statements[${index}]`;
    if (!isObject(statement)) return fail(`${at} is not an object.`);
    const vuln = statement.vulnerability;
    const name =
      typeof vuln === 'string' ? text(vuln) : isObject(vuln) ? text(vuln.name) : undefined;
    if (name === undefined)
      return fail(`${at}.vulnerability.name is missing; expected a CVE or other id.`);
    const aliases =
      isObject(vuln) && Array.isArray(vuln.aliases)
        ? vuln.aliases.flatMap((a) => (text(a) === undefined ? [] : [text(a) as string]))
        : [];
    const status = text(statement.status) as Status | undefined;
    if (status === undefined || !STATUSES.includes(status)) {
      return fail(
        `${at}.status is ${shown(statement.status ?? 'missing')}; expected one of ${STATUSES.join(', ')}.`,
      );
    }
    const justification = text(statement.justification);
    const impact = text(statement.impact_statement);
    if (status === 'not_affected' && justification === undefined && impact === undefined) {
      return fail(
        `${at}: not_affected needs a justification or an impact_statement (OpenVEX spec).`,
      );
    }
    if (!Array.isArray(statement.products) || statement.products.length === 0) {
      return fail(
        `${at}.products is missing; the gate needs to know which image or package the statement is about.`,
      );
    }
    if (!SUPPRESS.includes(status)) return;
    const why = [justification, impact].filter((t) => t !== undefined).join(': ');
    const reason = `VEX ${status}${why ? ` (${why})` : ''}`.slice(0, 500);
    for (const product of statement.products as Json[]) {
      // A later statement about the same vulnerability and product (e.g. now `affected`) wins.
      if (latest.get(statementKey(name, product)) !== index) continue;
      const base = {
        id: name,
        ...(aliases.length > 0 ? { aliases } : {}),
        reason,
        source: `${source}#${at}`,
        by: 'vex' as const,
      };
      const purl = parsePurl(purlOf(product));
      if (purl === undefined) {
        // Kept so it is reported as stale: the author sees which product the gate could not read.
        rules.push({ ...base, purls: [] });
        continue;
      }
      if (purl.type !== 'oci') {
        rules.push({ ...base, purls: [asPackage(purl)] });
        continue;
      }
      const repositoryUrl = purl.qualifiers?.repository_url;
      const subs =
        isObject(product) && Array.isArray(product.subcomponents) ? product.subcomponents : [];
      const packages = subs.flatMap((s) => {
        const sub = parsePurl(purlOf(s));
        return sub === undefined ? [] : [asPackage(sub)];
      });
      if (subs.length > 0 && packages.length === 0) {
        rules.push({ ...base, purls: [] });
        continue;
      }
      rules.push({
        ...base,
        image: {
          name: purl.name,
          ...(purl.version ? { digest: purl.version } : {}),
          ...(repositoryUrl ? { repositoryUrl } : {}),
        },
        ...(packages.length > 0 ? { purls: packages } : {}),
      });
    }
    return undefined;
  });
  return rules;
}

// textOf, not JSON.stringify: a product nested thousands deep made stringify throw a RangeError
// (found by fuzzing); such a product is keyed `an array` (it matches nothing either way).
const statementKey = (name: string, product: Json): string =>
  `${name.toLowerCase()}\u0000${purlOf(product) ?? textOf(product, Infinity)}`;

/**
 * OpenVEX: statements about one vulnerability and product form its history, and the latest one
 * (its `timestamp`, else the document's; a tie goes to the later in the document) is what holds.
 * So `not_affected` followed by `affected` suppresses nothing. Index of that statement per key.
 */
function latestStatements(statements: readonly Json[], docTime: Json): Map<string, number> {
  const when = new Map<string, { index: number; time: number }>();
  const fallback = typeof docTime === 'string' ? Date.parse(docTime) : Number.NaN;
  statements.forEach((statement, index) => {
    if (!isObject(statement) || !Array.isArray(statement.products)) return;
    const vuln = statement.vulnerability;
    const name =
      typeof vuln === 'string' ? text(vuln) : isObject(vuln) ? text(vuln.name) : undefined;
    if (name === undefined) return;
    const own =
      typeof statement.timestamp === 'string' ? Date.parse(statement.timestamp) : Number.NaN;
    const time = Number.isNaN(own) ? (Number.isNaN(fallback) ? 0 : fallback) : own;
    for (const product of statement.products as Json[]) {
      const key = statementKey(name, product);
      const seen = when.get(key);
      if (seen === undefined || time >= seen.time) when.set(key, { index, time });
    }
  });
  return new Map([...when].map(([key, value]) => [key, value.index]));
}
