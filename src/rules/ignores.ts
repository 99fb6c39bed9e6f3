import type { AffectedPackage, Finding, ReportWarning } from '../model.js';
import type { IgnoreRule } from '../inputs/settings.js';
import { ecosystemsOf, parseRange, satisfies } from './versions.js';

export interface IgnoredPart {
  /** The finding as the scanner reported it (every package). */
  finding: Finding;
  /** Set when only this package of the finding was ignored. */
  package?: string;
  reason: string;
  expires?: string;
  by: 'policy' | 'unfixed' | 'vex' | 'trivyignore';
  /** Where the entry was written; absent for ignore-unfixed. */
  source?: string;
}

export interface IgnoreOutcome {
  /** Findings that still count; a partly ignored finding keeps only its other packages. */
  kept: Finding[];
  ignored: IgnoredPart[];
  /** Entries that matched at least one finding (for stale-entry warnings across images). */
  used: Set<IgnoreRule>;
}

const UNFIXED_REASON = 'no fix available (ignore-unfixed: true)';
const DAY_MS = 24 * 60 * 60 * 1000;

/** An entry applies through the end of its `expires` day, UTC. */
export function isIgnoreExpired(rule: IgnoreRule, now: Date): boolean {
  if (rule.expires === undefined) return false;
  const start = Date.parse(`${rule.expires}T00:00:00Z`);
  // An unparseable date never reaches here (the policy parser rejects it); fail open would hide
  // findings forever, so treat it as expired.
  if (Number.isNaN(start)) return true;
  return now.getTime() >= start + DAY_MS;
}

// CVE ids and package names are compared case-insensitively: scanners and people disagree on
// `cve-` vs `CVE-` and `OpenSSL` vs `openssl`.
const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** An entry without an id covers every finding; its package fields then say which parts. */
const matchesFinding = (rule: IgnoreRule, finding: Finding): boolean => {
  if (rule.id === undefined) return true;
  const names = [rule.id, ...(rule.aliases ?? [])];
  return names.some((name) => same(name, finding.id) || same(name, finding.name));
};

/** The image being gated, for entries scoped to one (OpenVEX products). */
export interface GatedImage {
  repository: string;
  /** The manifest digest and, for a platform of an index, the index digest. */
  digests: string[];
  /** `ACCOUNT.dkr.ecr.REGION.amazonaws.com`. */
  host: string;
}

/**
 * purl-spec's oci type (https://github.com/package-url/purl-spec, PURL-TYPES.rst): the name is
 * the last path segment of the repository, lower case; the version is the digest;
 * `repository_url` names the registry and full repository. An entry scoped to an image never
 * applies when the image is unknown.
 */
function appliesToImage(rule: IgnoreRule, image: GatedImage | undefined): boolean {
  if (rule.image === undefined) return true;
  if (image === undefined) return false;
  const last = image.repository.split('/').pop() ?? image.repository;
  if (!same(rule.image.name, last)) return false;
  if (
    rule.image.digest !== undefined &&
    !image.digests.some((d) => same(d, rule.image?.digest ?? ''))
  )
    return false;
  const url = trimSlashes(rule.image.repositoryUrl?.replace(/^[a-z]+:\/\//i, ''));
  return url === undefined || same(url, `${image.host}/${image.repository}`);
}

/** Trailing slashes off; a loop, not /\/+$/, which is quadratic on a long run of slashes. */
function trimSlashes(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let end = text.length;
  while (end > 0 && text.charAt(end - 1) === '/') end--;
  return text.slice(0, end);
}

/** Whether the entry is about some packages only (else it covers the whole finding). */
const isScoped = (rule: IgnoreRule): boolean =>
  rule.package !== undefined || rule.paths !== undefined || rule.purls !== undefined;

/**
 * A package the entry covers. A version range is compared by the package's own ecosystem; a
 * version that cannot be read there never matches, so the finding keeps counting (fail closed).
 */
function matchesPackage(rule: IgnoreRule, p: AffectedPackage): boolean {
  if (rule.package !== undefined && !same(p.name, rule.package)) return false;
  if (rule.version !== undefined) {
    const range = parseRange(rule.version);
    if (range === null) return false;
    const version = p.version ?? '';
    if (!satisfies(version, range, ecosystemsOf(p.packageManager, version))) return false;
  }
  const file = (p.filePath ?? '').replace(/^\/+/, '');
  if (rule.paths !== undefined && !rule.paths.some((path) => file === path)) return false;
  if (
    rule.purls !== undefined &&
    !rule.purls.some(
      (purl) =>
        same(purl.name, p.name) && (purl.version === undefined || purl.version === p.version),
    )
  )
    return false;
  return true;
}

const withReason = (
  part: Omit<IgnoredPart, 'reason' | 'expires' | 'by' | 'source'>,
  rule: IgnoreRule,
): IgnoredPart => ({
  ...part,
  reason: rule.reason,
  by: rule.by ?? 'policy',
  source: rule.source,
  ...(rule.expires === undefined ? {} : { expires: rule.expires }),
});

/**
 * Applies the policy's ignore entries and `ignore-unfixed` to one image's findings. Pure: the
 * caller merges `used` across images before asking for stale-entry warnings.
 */
export function applyIgnores(
  findings: readonly Finding[],
  ignores: readonly IgnoreRule[],
  options: { ignoreUnfixed: boolean; now: Date; image?: GatedImage },
): IgnoreOutcome {
  const active = ignores.filter(
    (rule) => !isIgnoreExpired(rule, options.now) && appliesToImage(rule, options.image),
  );
  const kept: Finding[] = [];
  const ignored: IgnoredPart[] = [];
  const used = new Set<IgnoreRule>();

  for (const finding of findings) {
    const matching = active.filter((rule) => matchesFinding(rule, finding));
    const whole = matching.find((rule) => !isScoped(rule));
    if (whole !== undefined) {
      for (const rule of matching) used.add(rule);
      ignored.push(withReason({ finding }, whole));
      continue;
    }

    let remaining: AffectedPackage[] = finding.packages;
    for (const rule of matching) {
      const hit = remaining.filter((p) => matchesPackage(rule, p));
      if (hit.length === 0) continue;
      used.add(rule);
      remaining = remaining.filter((p) => !hit.includes(p));
      const names = [...new Set(hit.map((p) => p.name))];
      for (const name of names) ignored.push(withReason({ finding, package: name }, rule));
    }
    if (remaining.length === 0 && finding.packages.length > 0) continue;

    const rest = remaining === finding.packages ? finding : { ...finding, packages: remaining };
    if (options.ignoreUnfixed && rest.source === 'enhanced' && rest.fixAvailable === 'NO') {
      ignored.push({ finding, reason: UNFIXED_REASON, by: 'unfixed' });
      continue;
    }
    kept.push(rest);
  }
  return { kept, ignored, used };
}

function describe(rule: IgnoreRule): string {
  const version = rule.version === undefined ? '' : ` ${rule.version}`;
  const pkg = rule.package === undefined ? '' : `package ${rule.package}${version}`;
  const what = rule.id === undefined ? pkg : `${rule.id}${pkg ? ` (${pkg})` : ''}`;
  const kind =
    rule.by === 'vex'
      ? 'VEX statement'
      : rule.by === 'trivyignore'
        ? 'trivyignore entry'
        : 'Ignore entry';
  return `${kind} ${what} at ${rule.source}`;
}

/**
 * Warnings for the report: expired entries (they no longer hide anything) and unexpired entries
 * that matched no finding in any gated image (stale; probably fixed and safe to remove).
 */
export function ignoreWarnings(
  ignores: readonly IgnoreRule[],
  used: ReadonlySet<IgnoreRule>,
  now: Date,
): ReportWarning[] {
  const warnings: ReportWarning[] = [];
  for (const rule of ignores) {
    if (isIgnoreExpired(rule, now)) {
      warnings.push({
        code: 'ignore-expired',
        message: `${describe(rule)} expired on ${rule.expires ?? '?'} and no longer applies; renew it with a new date or remove it.`,
      });
    } else if (!used.has(rule)) {
      warnings.push({
        code: 'ignore-stale',
        message: `${describe(rule)} matched no finding in any gated image; remove it if it is no longer needed.`,
      });
    }
  }
  return warnings;
}
