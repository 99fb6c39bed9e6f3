// Basic (Clair) and enhanced (Amazon Inspector) findings as one `Finding` shape. Pure: SDK types
// only, no calls. Every SDK field is optional, so nothing here assumes a field is present.
import type {
  CvssScore,
  EnhancedImageScanFinding,
  ImageScanFinding,
  VulnerablePackage,
} from '@aws-sdk/client-ecr';
import { SEVERITIES, type AffectedPackage, type Finding, type Severity } from '../model.js';
import { textOf } from '../text-of.js';

const UNNAMED = '(unnamed finding)';

// The SDK passes these shapes through as the JSON arrived: a broken or hostile response can put
// any type in any field. Text of another type counts as absent, a list that is not one as empty.
const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/** The objects of a list field; anything else in it (or a non-list) is skipped. */
export function objectsOf<T extends object>(value: unknown): T[] {
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is T => typeof item === 'object' && item !== null);
}

/**
 * Every severity word ECR's two scanners document: Clair's five plus UNDEFINED, and Inspector's
 * UNTRIAGED (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_ImageScanFinding.html,
 * API_EnhancedImageScanFinding.html). Anything else is a word the gate does not understand.
 */
const KNOWN_SCANNER_SEVERITIES = new Set<string>([...SEVERITIES, 'UNTRIAGED']);

/** Scanner severity → ours. Inspector's UNTRIAGED becomes UNDEFINED. */
export function toSeverity(raw: unknown): Severity {
  const upper = (text(raw) ?? '').trim().toUpperCase();
  return (SEVERITIES as readonly string[]).includes(upper) ? (upper as Severity) : 'UNDEFINED';
}

/**
 * True for a severity the gate understands. `SEVERE`, `""`, `CRITICAL` with a zero-width space or
 * a vendor's own word are not: scored as UNDEFINED they would count for nothing, so the read that
 * carries one fails closed instead (issue 18 §2.2).
 */
export function isKnownSeverity(raw: unknown): boolean {
  const value = text(raw);
  return value !== undefined && KNOWN_SCANNER_SEVERITIES.has(value.trim().toUpperCase());
}

/** A scanner's value shown safely in a message: short, invisible characters spelled out. */
export function showScannerValue(raw: unknown): string {
  const value = typeof raw === 'string' ? raw.slice(0, 40) : textOf(raw, 40);
  const shown = value.replace(
    /[^\x20-\x7e]/gu,
    (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
  return `'${shown}'${typeof raw === 'string' && raw.length > 40 ? '…' : ''}`;
}

function parseScore(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

export function normalizeBasic(f: ImageScanFinding): Finding {
  const attributes = new Map<string, string>();
  for (const attribute of objectsOf<{ key?: unknown; value?: unknown }>(f.attributes)) {
    const key = text(attribute.key);
    const value = text(attribute.value);
    if (key && value !== undefined) attributes.set(key, value);
  }
  const name = text(f.name) ?? UNNAMED;
  const packageName = attributes.get('package_name');
  const packages: AffectedPackage[] = [];
  if (packageName) {
    const version = attributes.get('package_version');
    packages.push({ name: packageName, ...(version ? { version } : {}) });
  }
  const finding: Finding = {
    id: name,
    name,
    description: text(f.description) ?? '',
    severity: toSeverity(f.severity),
    scannerSeverity: text(f.severity) ?? '',
    packages,
    source: 'basic',
  };
  const uri = text(f.uri);
  if (uri) finding.uri = uri;
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

function versionNumber(version: unknown): number {
  const value = Number.parseFloat(text(version) ?? '');
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
  const version = text(p.version);
  if (!version) return undefined;
  const epoch = typeof p.epoch === 'number' && p.epoch > 0 ? `${p.epoch}:` : '';
  const release = text(p.release) ? `-${text(p.release)}` : '';
  return `${epoch}${version}${release}`;
}

function toPackage(p: VulnerablePackage): AffectedPackage {
  const out: AffectedPackage = { name: text(p.name) ?? '(unknown package)' };
  const version = packageVersion(p);
  if (version) out.version = version;
  const fixed = text(p.fixedInVersion);
  if (fixed && !NO_FIX.has(fixed.trim().toUpperCase())) out.fixedInVersion = fixed;
  const manager = text(p.packageManager);
  if (manager) out.packageManager = manager;
  const filePath = text(p.filePath);
  if (filePath) out.filePath = filePath;
  return out;
}

function yesNoPartial(value: unknown): 'YES' | 'NO' | 'PARTIAL' | undefined {
  const upper = text(value)?.toUpperCase();
  return upper === 'YES' || upper === 'NO' || upper === 'PARTIAL' ? upper : undefined;
}

export function normalizeEnhanced(f: EnhancedImageScanFinding): Finding {
  const details = f.packageVulnerabilityDetails;
  const id = text(details?.vulnerabilityId) ?? text(f.title) ?? text(f.findingArn) ?? UNNAMED;
  const finding: Finding = {
    id,
    name: id,
    description: text(f.description) ?? '',
    severity: toSeverity(f.severity),
    scannerSeverity: text(f.severity) ?? '',
    packages: objectsOf<VulnerablePackage>(details?.vulnerablePackages).map(toPackage),
    source: 'enhanced',
  };
  const references: unknown[] = Array.isArray(details?.referenceUrls) ? details.referenceUrls : [];
  const uri =
    text(details?.sourceUrl) ?? references.map(text).find((url) => url !== undefined && url !== '');
  if (uri) finding.uri = uri;
  const cvss = pickCvss(objectsOf<CvssScore>(details?.cvss));
  if (cvss?.baseScore !== undefined) {
    const vector = text(cvss.scoringVector);
    const version = text(cvss.version);
    finding.cvss = {
      score: cvss.baseScore,
      ...(vector ? { vector } : {}),
      ...(version ? { version } : {}),
    };
  } else if (typeof f.scoreDetails?.cvss?.score === 'number') {
    const adjusted = f.scoreDetails.cvss;
    const vector = text(adjusted.scoringVector);
    const version = text(adjusted.version);
    finding.cvss = {
      score: f.scoreDetails.cvss.score,
      ...(vector ? { vector } : {}),
      ...(version ? { version } : {}),
    };
  }
  if (typeof f.score === 'number') finding.inspectorScore = f.score;
  const fix = yesNoPartial(f.fixAvailable);
  if (fix) finding.fixAvailable = fix;
  const exploit = yesNoPartial(f.exploitAvailable);
  if (exploit === 'YES' || exploit === 'NO') finding.exploitAvailable = exploit;
  const title = text(f.title);
  if (title) finding.title = title;
  return finding;
}

/** Counts per severity, from the findings themselves (never from `findingSeverityCounts`). */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}
