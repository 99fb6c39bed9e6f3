// Basic (Clair) and enhanced (Amazon Inspector) findings as one `Finding` shape. Pure: SDK types
// only, no calls. Every SDK field is optional, so nothing here assumes a field is present.
import type {
  CvssScore,
  EnhancedImageScanFinding,
  ImageScanFinding,
  VulnerablePackage,
} from '@aws-sdk/client-ecr';
import { SEVERITIES, type AffectedPackage, type Finding, type Severity } from '../model.js';

const UNNAMED = '(unnamed finding)';

/** Scanner severity → ours. Inspector's UNTRIAGED and anything unknown become UNDEFINED. */
export function toSeverity(raw: string | undefined): Severity {
  const upper = (raw ?? '').trim().toUpperCase();
  return (SEVERITIES as readonly string[]).includes(upper) ? (upper as Severity) : 'UNDEFINED';
}

function parseScore(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

export function normalizeBasic(f: ImageScanFinding): Finding {
  const attributes = new Map<string, string>();
  for (const attribute of f.attributes ?? []) {
    if (attribute.key && attribute.value !== undefined)
      attributes.set(attribute.key, attribute.value);
  }
  const name = f.name ?? UNNAMED;
  const packageName = attributes.get('package_name');
  const packages: AffectedPackage[] = [];
  if (packageName) {
    const version = attributes.get('package_version');
    packages.push({ name: packageName, ...(version ? { version } : {}) });
  }
  const finding: Finding = {
    id: name,
    name,
    description: f.description ?? '',
    severity: toSeverity(f.severity),
    scannerSeverity: f.severity ?? '',
    packages,
    source: 'basic',
  };
  if (f.uri) finding.uri = f.uri;
  // CVSS 3 is the current scoring system; CVSS 2 only when that is all the scanner gave.
  for (const version of ['3', '2'] as const) {
    const score = parseScore(attributes.get(`CVSS${version}_SCORE`));
    if (score === undefined) continue;
    const vector = attributes.get(`CVSS${version}_VECTOR`);
    finding.cvss = { score, version, ...(vector ? { vector } : {}) };
    break;
  }
  return finding;
}

function versionNumber(version: string | undefined): number {
  const value = Number.parseFloat(version ?? '');
  return Number.isFinite(value) ? value : 0;
}

/** Highest CVSS version among v3/v4 entries; an older version only when no v3/v4 exists. */
export function pickCvss(entries: readonly CvssScore[]): CvssScore | undefined {
  const scored = entries.filter((entry) => typeof entry.baseScore === 'number');
  const modern = scored.filter((entry) => versionNumber(entry.version) >= 3);
  const pool = modern.length > 0 ? modern : scored;
  let best: CvssScore | undefined;
  for (const entry of pool) {
    if (!best || versionNumber(entry.version) > versionNumber(best.version)) best = entry;
  }
  return best;
}

// Inspector writes this instead of leaving fixedInVersion out when no fix exists.
const NO_FIX = new Set(['NOTAVAILABLE', 'NOT_AVAILABLE', 'NONE', '']);

/** `epoch:version-release`, as the package manager itself prints it. */
function packageVersion(p: VulnerablePackage): string | undefined {
  if (!p.version) return undefined;
  const epoch = typeof p.epoch === 'number' && p.epoch > 0 ? `${p.epoch}:` : '';
  const release = p.release ? `-${p.release}` : '';
  return `${epoch}${p.version}${release}`;
}

function toPackage(p: VulnerablePackage): AffectedPackage {
  const out: AffectedPackage = { name: p.name ?? '(unknown package)' };
  const version = packageVersion(p);
  if (version) out.version = version;
  if (p.fixedInVersion && !NO_FIX.has(p.fixedInVersion.trim().toUpperCase()))
    out.fixedInVersion = p.fixedInVersion;
  if (p.packageManager) out.packageManager = p.packageManager;
  if (p.filePath) out.filePath = p.filePath;
  return out;
}

function yesNoPartial(value: string | undefined): 'YES' | 'NO' | 'PARTIAL' | undefined {
  const upper = value?.toUpperCase();
  return upper === 'YES' || upper === 'NO' || upper === 'PARTIAL' ? upper : undefined;
}

export function normalizeEnhanced(f: EnhancedImageScanFinding): Finding {
  const details = f.packageVulnerabilityDetails;
  const id = details?.vulnerabilityId ?? f.title ?? f.findingArn ?? UNNAMED;
  const finding: Finding = {
    id,
    name: id,
    description: f.description ?? '',
    severity: toSeverity(f.severity),
    scannerSeverity: f.severity ?? '',
    packages: (details?.vulnerablePackages ?? []).map(toPackage),
    source: 'enhanced',
  };
  const uri = details?.sourceUrl ?? details?.referenceUrls?.find((url) => url !== '');
  if (uri) finding.uri = uri;
  const cvss = pickCvss(details?.cvss ?? []);
  if (cvss?.baseScore !== undefined) {
    finding.cvss = {
      score: cvss.baseScore,
      ...(cvss.scoringVector ? { vector: cvss.scoringVector } : {}),
      ...(cvss.version ? { version: cvss.version } : {}),
    };
  } else if (typeof f.scoreDetails?.cvss?.score === 'number') {
    const adjusted = f.scoreDetails.cvss;
    finding.cvss = {
      score: f.scoreDetails.cvss.score,
      ...(adjusted.scoringVector ? { vector: adjusted.scoringVector } : {}),
      ...(adjusted.version ? { version: adjusted.version } : {}),
    };
  }
  if (typeof f.score === 'number') finding.inspectorScore = f.score;
  const fix = yesNoPartial(f.fixAvailable);
  if (fix) finding.fixAvailable = fix;
  const exploit = yesNoPartial(f.exploitAvailable);
  if (exploit === 'YES' || exploit === 'NO') finding.exploitAvailable = exploit;
  if (f.title) finding.title = f.title;
  return finding;
}

/** Counts per severity, from the findings themselves (never from `findingSeverityCounts`). */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}
