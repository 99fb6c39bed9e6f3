import type { Detection, FixedFinding, Finding, Level } from '../model.js';
import { SEVERITIES } from '../model.js';

// `compare-to`: which findings this release adds against a reference image (issue 14 §1). Pure.
//
// The key of a finding is its vulnerability id plus the affected package name, not the seed's
// `"<name>, <description>"` row string and not the package version:
// - Inspector and the basic scanner rewrite descriptions when their databases update, so the same
//   CVE in the same package would look "new" after every feed refresh;
// - a version bump that is still vulnerable (openssl 3.0.13 → 3.0.14, both affected) is not a
//   vulnerability this release introduced, while the same CVE arriving through another package
//   (a second copy of log4j in a new jar) is.
// Evidence: ECR's PackageVulnerabilityDetails names `vulnerabilityId` "a unique identifier for this
// vulnerability" next to `vulnerablePackages` and `vendorUpdatedAt` ("when the vendor last updated
// this vulnerability in their database"), and an enhanced finding carries `updatedAt`
// (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_PackageVulnerabilityDetails.html,
// https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_EnhancedImageScanFinding.html);
// basic findings carry the CVE as `name` and the package as the `package_name` attribute.
// A row of several packages is `unchanged` only when every one of its packages was already
// vulnerable to that id in the reference: one new vulnerable package makes the row new (fail closed).

export const compareKey = (id: string, packageName: string): string =>
  `${id.trim()}\u0000${packageName.trim()}`;

/** One key per affected package; a finding without packages is keyed by its id alone. */
export function findingKeys(finding: Pick<Finding, 'id' | 'packages'>): string[] {
  return finding.packages.length === 0
    ? [compareKey(finding.id, '')]
    : finding.packages.map((p) => compareKey(finding.id, p.name));
}

export function referenceKeys(findings: readonly Finding[]): Set<string> {
  const keys = new Set<string>();
  for (const finding of findings) for (const key of findingKeys(finding)) keys.add(key);
  return keys;
}

const LEVEL_ORDER: readonly Level[] = ['off', 'notice', 'warn', 'fail'];

/** The more lenient of the rule's level and the cap: a cap never raises a level. */
export function capLevel(level: Level, cap: Level): Level {
  return LEVEL_ORDER.indexOf(level) <= LEVEL_ORDER.indexOf(cap) ? level : cap;
}

export interface MarkCounts {
  new: number;
  unchanged: number;
}

/**
 * Marks every finding row `new` or `unchanged` against the reference's keys (null: the reference
 * could not be read, so every row is new and the gate keeps its absolute behaviour). Unchanged
 * rows are capped at `unchangedCap` and add no risk unless the cap is `fail` (a finding already in
 * production must not trip `risk-threshold` when it cannot fail the gate by itself). Counts are of
 * rows that are not ignored. Mutates the rows it is given (they are the engine's own).
 */
export function markDetections(
  detections: Detection[],
  reference: ReadonlySet<string> | null,
  unchangedCap: Level,
): MarkCounts {
  const counts: MarkCounts = { new: 0, unchanged: 0 };
  for (const d of detections) {
    if (d.findingId === undefined) continue;
    const unchanged =
      reference !== null &&
      findingKeys({ id: d.findingId, packages: d.packages ?? [] }).every((k) => reference.has(k));
    d.compare = unchanged ? 'unchanged' : 'new';
    if (unchanged) {
      d.level = capLevel(d.level, unchangedCap);
      if (unchangedCap !== 'fail') d.countsRisk = false;
    }
    if (!d.ignored) counts[d.compare] += 1;
  }
  return counts;
}

const SEVERITY_RANK = new Map(SEVERITIES.map((s, i) => [s, i]));

/**
 * Findings of the reference the gated image no longer has (by the same key), one entry per id,
 * most severe first. Every gated finding counts, ignored ones too: a finding still present is not
 * fixed because a policy ignores it.
 */
export function fixedFindings(
  reference: readonly Finding[],
  gated: readonly Finding[],
): FixedFinding[] {
  const present = referenceKeys(gated);
  const byId = new Map<string, FixedFinding>();
  for (const finding of reference) {
    const gone =
      finding.packages.length === 0
        ? present.has(compareKey(finding.id, ''))
          ? []
          : ['']
        : finding.packages
            .map((p) => p.name)
            .filter((n) => !present.has(compareKey(finding.id, n)));
    if (gone.length === 0) continue;
    const entry = byId.get(finding.id);
    const names = gone.filter((n) => n !== '');
    if (entry) {
      for (const n of names) if (!entry.packages.includes(n)) entry.packages.push(n);
      continue;
    }
    byId.set(finding.id, {
      id: finding.id,
      severity: finding.severity,
      packages: [...new Set(names)],
      ...(finding.title ? { title: finding.title } : {}),
    });
  }
  return [...byId.values()].sort(
    (a, b) =>
      (SEVERITY_RANK.get(a.severity) ?? 9) - (SEVERITY_RANK.get(b.severity) ?? 9) ||
      a.id.localeCompare(b.id),
  );
}
