/**
 * The pieces of a SARIF run that describe findings: rules, results, locations, fingerprints.
 * What GitHub code scanning reads from them (docs.github.com/en/code-security/reference/
 * code-scanning/sarif-files/sarif-support-for-code-scanning):
 * - `properties.security-severity` sets the alert severity by band (critical >= 9.0, high
 *   7.0-8.9, medium 4.0-6.9, low 0.1-3.9). It is the gate's own severity (the rule the finding
 *   was gated under, enhanced severity included), never the raw CVSS, so code scanning shows
 *   what the gate decided; CVSS stays in `properties.cvss`.
 * - `level`: GitHub shows error, warning and note; `off` detections are notes.
 * - `partialFingerprints.primaryLocationLineHash` keeps an alert across runs. It is ours, from
 *   (registry, region, repository, platform, CVE, package), never the tag, digest, version or
 *   Dockerfile line: a new push or a base-image bump is the same alert, each package its own.
 * - `message.text` may hold SARIF embedded links `[text](target)` (SARIF 2.1.0 section 3.11.6),
 *   so brackets from scanner text are escaped as the spec says (`\[`, `\]`, `\\`).
 */
import * as crypto from 'node:crypto';
import type { ReportingDescriptor, Result } from 'sarif';
import type { Detection, ImageReport, Level, Severity } from '../model.js';
import { RULES } from '../rules/catalog.js';
import { cleanLine, cleanText, defuseGitHubReferences } from './escape.js';
import { registryHost, severityOfRule } from './format.js';

export interface SarifLocationOptions {
  dockerfile?: { path: string; fromLine: number };
}

/** GitHub's bands; one representative value in each. */
export const SEVERITY_SCORE: Readonly<Record<Severity, number>> = {
  CRITICAL: 9.5,
  HIGH: 8.0,
  MEDIUM: 5.5,
  LOW: 2.0,
  INFORMATIONAL: 0.0,
  UNDEFINED: 0.0,
};
/** Splunk severity words of the non-finding rules (`high` for uploads). */
const WORD_SCORE: Readonly<Record<string, number>> = {
  critical: 9.5,
  high: 8.0,
  medium: 5.5,
  low: 2.0,
};
/** Code scanning shows error, warning and note only. */
export const LEVEL: Readonly<Record<Level, Result.level>> = {
  fail: 'error',
  warn: 'warning',
  notice: 'note',
  off: 'note',
};

export const FINGERPRINT_KEY = 'primaryLocationLineHash';

/** One result to be, with what is needed to rank it and to build its rule. */
export interface Candidate {
  detection: Detection;
  packageIndex: number | null;
  ruleId: string;
}

/** Words for the `$name$` placeholders of the rule messages, in help text that has no row. */
const PLACEHOLDER_WORDS: Readonly<Record<string, string>> = {
  user: 'an uploader',
  repository: 'the repository',
  tag: 'a tag',
};
const withoutPlaceholders = (text: string): string =>
  text.replace(
    /\$([a-z_]{1,40})\$/g,
    (_, name: string) => PLACEHOLDER_WORDS[name] ?? name.replace(/_/g, ' '),
  );

/** `cross-account-uploader` -> `CrossAccountUploader`. */
export const ruleName = (id: string): string =>
  id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

/** Plain text for `message.text`: cleaned, references defused, no embedded links. */
export function sarifMessage(text: string, max = 1000): string {
  const defused = defuseGitHubReferences(cleanText(text, max));
  return HAS_LINK_SYNTAX.test(defused) ? defused.replace(/[\\[\]]/g, '\\$&') : defused;
}
const HAS_LINK_SYNTAX = /[\\[\]]/;

/** The gate's severity as a GitHub band value; never the raw CVSS (see the header). */
export function securitySeverity(d: Detection): string {
  const severity = severityOfRule(d.rule);
  if (severity) return SEVERITY_TEXT[severity];
  return (WORD_SCORE[d.severity] ?? 5.5).toFixed(1);
}
const SEVERITY_TEXT = Object.fromEntries(
  Object.entries(SEVERITY_SCORE).map(([s, score]) => [s, score.toFixed(1)]),
) as Readonly<Record<Severity, string>>;

/**
 * The rule of a detection that is not a finding (uploader and scan rules). A finding's rule (one
 * per CVE) is written by `ruleJson` in sarif-json.ts.
 */
export function ruleOf(c: Candidate): ReportingDescriptor {
  const d = c.detection;
  const spec = RULES[d.rule];
  return {
    id: c.ruleId,
    name: ruleName(spec.id),
    shortDescription: { text: spec.title },
    fullDescription: { text: cleanText(withoutPlaceholders(spec.message), 1000) },
    help: {
      text: `${spec.title}: ${cleanText(withoutPlaceholders(spec.message), 500)} (risk ${d.riskScore} = impact ${d.impact} × confidence ${d.confidence} / 100).`,
    },
    defaultConfiguration: { level: LEVEL[d.level] },
    properties: { 'security-severity': securitySeverity(d), tags: ['security', 'supply-chain'] },
  };
}

/** ` in openssl, libssl3` (names only, at most five, then how many more). */
export function inPackages(d: Detection): string {
  const packages = d.packages ?? [];
  if (packages.length === 1) return ` in ${packages[0]?.name ?? ''}`;
  const names = [...new Set(packages.map((p) => p.name))];
  if (names.length === 0) return '';
  const more = names.length > 5 ? ` and ${names.length - 5} more` : '';
  return ` in ${names.slice(0, 5).join(', ')}${more}`;
}

/** The description part of the seed's `finding` field (`"<name>, <description>"`). */
export function descriptionOf(d: Detection): string {
  const finding = d.finding ?? '';
  const prefix = `${d.findingId ?? ''}, `;
  return finding.startsWith(prefix) ? finding.slice(prefix.length) : finding;
}

/**
 * The result of a detection that is not a finding. A finding's results (one per package) are
 * written by `resultJson` in sarif-json.ts.
 */
export function resultOf(
  image: ImageReport,
  c: Candidate,
  ruleIndex: number,
  where: SarifLocation,
): Result {
  const d = c.detection;
  const pkg = c.packageIndex === null ? undefined : d.packages?.[c.packageIndex];
  const text = `${d.message}${d.detail ? ` (${d.detail})` : ''}.`;
  const result: Result = {
    ruleId: c.ruleId,
    ruleIndex,
    level: LEVEL[d.level],
    message: { text: sarifMessage(text, 1000) },
    locations: [where],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(image, c) },
    properties: {
      severity: (severityOfRule(d.rule) ?? d.severity).toLowerCase(),
      level: d.level,
      riskScore: d.riskScore,
      ...(d.cvss === undefined ? {} : { cvss: d.cvss }),
      // Enhanced scans only; absent (unknown) on a basic scan's result, never "NO".
      ...(d.fixAvailable === undefined ? {} : { fixAvailable: d.fixAvailable }),
      ...(d.exploitAvailable === undefined ? {} : { exploitAvailable: d.exploitAvailable }),
      ...(pkg
        ? {
            package: cleanLine(pkg.name, 300),
            ...(pkg.version ? { installedVersion: cleanLine(pkg.version, 200) } : {}),
            ...(pkg.fixedInVersion ? { fixedInVersion: cleanLine(pkg.fixedInVersion, 200) } : {}),
          }
        : {}),
      ...(d.principal ? { principal: cleanLine(d.principal, 500) } : {}),
      // compare-to (issue 14 §1): new or unchanged against the reference image.
      ...(d.compare ? { compare: d.compare } : {}),
    },
  };
  if (d.ignored) {
    result.suppressions = [
      { kind: 'external', justification: cleanText(d.ignoreReason ?? 'ignored by policy', 1000) },
    ];
  }
  return result;
}

export type SarifLocation = NonNullable<Result['locations']>[number];

export function location(image: ImageReport, options: SarifLocationOptions): SarifLocation {
  if (options.dockerfile) {
    return {
      physicalLocation: {
        artifactLocation: { uri: fileUri(options.dockerfile.path) },
        region: { startLine: Math.max(1, Math.floor(options.dockerfile.fromLine)) },
      },
    };
  }
  return {
    physicalLocation: {
      artifactLocation: {
        uri: fileUri(`ecr/${registryHost(image)}/${image.repository}/Dockerfile`),
      },
      region: { startLine: 1 },
    },
  };
}

/** A repository-relative path as a URI reference: forward slashes, each segment encoded. */
function fileUri(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .split('/')
    .map((segment) => encodeURIComponent(cleanLine(segment, 255)))
    .join('/');
}

/** A non-finding rule's alert is the rule and whom it is about (findings: sarif-json.ts). */
function fingerprint(image: ImageReport, c: Candidate): string {
  const d = c.detection;
  const identity = [
    image.registryId,
    image.region,
    image.repository,
    image.platform ?? '',
    d.rule,
    d.principal ?? d.user ?? '',
  ];
  return sha256Hex(JSON.stringify(identity));
}

// The one-shot `crypto.hash` (Node ≥ 20.12) skips a Hash object per result; older Node 20 lacks it.
export const sha256Hex: (data: string) => string =
  typeof crypto.hash === 'function'
    ? (data) => crypto.hash('sha256', data, 'hex')
    : (data) => crypto.createHash('sha256').update(data).digest('hex');
