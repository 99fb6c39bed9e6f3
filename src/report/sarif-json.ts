/**
 * The finding rules (one per CVE) and their results (one per package), written by
 * concatenation: constant parts once, `JSON.stringify` only on the variable strings. Building an
 * object per result and serialising it whole cost ~30 µs a result (20,000 findings: ~600 ms,
 * issue 13 §1). The other rule ids (uploader, scan) keep their object forms (`ruleOf`, `resultOf`
 * in sarif-entries.ts). `__tests__/report/sarif-json.test.ts` checks this text against the
 * serialised object form of the same rule and result (its oracle) on hostile text.
 */
import type { AffectedPackage, Detection, ImageReport, Severity } from '../model.js';
import { SEVERITIES } from '../model.js';
import { cleanLine, cleanText, escapeMarkdown, markdownLink, safeUrl } from './escape.js';
import { imageLabel, isFindingRule, packageText, severityOfRule } from './format.js';
import {
  type Candidate,
  type SarifLocation,
  FINGERPRINT_KEY,
  LEVEL,
  descriptionOf,
  inPackages,
  resultOf,
  ruleOf,
  sarifMessage,
  securitySeverity,
  sha256Hex,
} from './sarif-entries.js';

const str = JSON.stringify as (value: string) => string;

/** Per severity: the rule's `properties` after its security-severity, and the result's start. */
const SEVERITY_JSON = new Map<Severity, { tags: string; severity: string }>(
  SEVERITIES.map((s) => [
    s,
    {
      tags: `"tags":["security","vulnerability","container",${str(s.toLowerCase())}],"precision":"very-high"}`,
      severity: `{"severity":${str(s.toLowerCase())}`,
    },
  ]),
);

/** A number as JSON.stringify writes it (NaN and infinities are null). */
const num = (n: number): string =>
  typeof n === 'number' && Number.isFinite(n) ? String(n) : (JSON.stringify(n) ?? 'null');

/** What every result of one image shares, worked out once. */
export interface ImageJson {
  image: ImageReport;
  label: string;
  where: SarifLocation;
  /** `"locations":[…]` as text. */
  locations: string;
  /** `["registry","region","repository","platform",` — the fingerprint identity's start. */
  identity: string;
}

export function imageJson(image: ImageReport, where: SarifLocation): ImageJson {
  const identity = JSON.stringify([
    image.registryId,
    image.region,
    image.repository,
    image.platform ?? '',
  ]);
  return {
    image,
    label: imageLabel(image),
    where,
    locations: `"locations":[${JSON.stringify(where)}]`,
    identity: `${identity.slice(0, -1)},`,
  };
}

/** `JSON.stringify(ruleOf(c))`. */
export function ruleJson(c: Candidate): string {
  const d = c.detection;
  const level = LEVEL[d.level];
  const severity = severityOfRule(d.rule);
  const constants = severity === null ? undefined : SEVERITY_JSON.get(severity);
  if (!isFindingRule(d.rule) || level === undefined || severity === null || !constants) {
    return JSON.stringify(ruleOf(c));
  }
  const description = descriptionOf(d);
  const packages = (d.packages ?? []).slice(0, 20).map(packageText);
  const advisory = safeUrl(d.uri);
  const shortText = cleanLine(`${c.ruleId} (${severity})${inPackages(d)}`, 300);
  const helpText = cleanText(
    `Affected packages: ${packages.join(', ') || 'unknown'}${advisory ? `\nAdvisory: ${advisory}` : ''}`,
    2500,
  );
  let markdown = `**${markdownLink(c.ruleId, d.uri, 200)}** (${severity}${d.cvss === undefined ? '' : `, CVSS ${d.cvss}`})\n`;
  for (const p of packages) markdown += `\n- ${escapeMarkdown(p, 200)}`;
  return (
    `{"id":${str(c.ruleId)},"shortDescription":{"text":${str(shortText)}},` +
    `"fullDescription":{"text":${str(cleanText(description || c.ruleId, 1500))}},` +
    `"help":{"text":${str(helpText)},"markdown":${str(markdown)}},` +
    `"defaultConfiguration":{"level":"${level}"},` +
    `"properties":{"security-severity":${str(securitySeverity(d))},${constants.tags}` +
    `${advisory ? `,"helpUri":${str(advisory)}` : ''}}`
  );
}

/** `JSON.stringify(resultOf(image, c, ruleIndex, where))`. */
export function resultJson(at: ImageJson, c: Candidate, ruleIndex: number): string {
  const d = c.detection;
  const level = LEVEL[d.level];
  const severity = severityOfRule(d.rule);
  if (!isFindingRule(d.rule) || level === undefined || severity === null) {
    return JSON.stringify(resultOf(at.image, c, ruleIndex, at.where));
  }
  const pkg: AffectedPackage | undefined =
    c.packageIndex === null ? undefined : d.packages?.[c.packageIndex];
  return (
    `{"ruleId":${str(c.ruleId)},"ruleIndex":${num(ruleIndex)},"level":"${level}",` +
    `"message":{"text":${str(message(at, c, d, severity, pkg))}},${at.locations},` +
    `"partialFingerprints":{"${FINGERPRINT_KEY}":"${fingerprint(at, c, pkg)}"},` +
    `"properties":${properties(d, severity, pkg)}${suppressions(d)}}`
  );
}

function message(
  at: ImageJson,
  c: Candidate,
  d: Detection,
  severity: Severity,
  pkg: AffectedPackage | undefined,
): string {
  const fixed = pkg?.fixedInVersion ? ` (fixed in ${pkg.fixedInVersion})` : '';
  const cvss = d.cvss === undefined ? '' : `, CVSS ${d.cvss}`;
  const exploit = d.exploitAvailable === 'YES' ? ', known exploit' : '';
  const mark = d.compare ? ` (${d.compare} against the compare-to reference)` : '';
  const what = pkg ? `${pkg.name}${pkg.version ? ` ${pkg.version}` : ''}` : 'an unknown package';
  return sarifMessage(
    `${c.ruleId} in ${what}${fixed}: ${severity}${cvss}${exploit}, image ${at.label}${mark}.`,
    1000,
  );
}

function properties(d: Detection, severity: Severity, pkg: AffectedPackage | undefined): string {
  let out = `${SEVERITY_JSON.get(severity)?.severity ?? `{"severity":${str(severity.toLowerCase())}`},"level":${str(d.level)},"riskScore":${num(d.riskScore)}`;
  if (d.cvss !== undefined) out += `,"cvss":${num(d.cvss)}`;
  if (d.fixAvailable !== undefined) out += `,"fixAvailable":${str(d.fixAvailable)}`;
  if (d.exploitAvailable !== undefined) out += `,"exploitAvailable":${str(d.exploitAvailable)}`;
  if (pkg) {
    out += `,"package":${str(cleanLine(pkg.name, 300))}`;
    if (pkg.version) out += `,"installedVersion":${str(cleanLine(pkg.version, 200))}`;
    if (pkg.fixedInVersion) out += `,"fixedInVersion":${str(cleanLine(pkg.fixedInVersion, 200))}`;
  }
  if (d.principal) out += `,"principal":${str(cleanLine(d.principal, 500))}`;
  if (d.compare) out += `,"compare":${str(d.compare)}`;
  return `${out}}`;
}

function suppressions(d: Detection): string {
  if (!d.ignored) return '';
  const justification = cleanText(d.ignoreReason ?? 'ignored by policy', 1000);
  return `,"suppressions":[{"kind":"external","justification":${str(justification)}}]`;
}

/**
 * sha256 of `[registry, region, repository, platform, CVE, package]` as JSON. No installed
 * version: a base-image bump that leaves the CVE in the package is the same alert.
 */
function fingerprint(at: ImageJson, c: Candidate, pkg: AffectedPackage | undefined): string {
  return sha256Hex(`${at.identity}${str(c.ruleId)},${str(pkg?.name ?? '')}]`);
}
