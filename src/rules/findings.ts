import type {
  AffectedPackage,
  Detection,
  Finding,
  Level,
  ResolvedImage,
  RuleId,
  ScanOutcome,
} from '../model.js';
import { RULES, SEVERITY_RULE, fillMessage, riskEvent } from './catalog.js';
import { splunkTime } from './time.js';

export interface FindingRulesInput {
  image: ResolvedImage;
  imageIndex: number;
  scan: ScanOutcome;
  /** Findings that count (after ignores). */
  kept: Finding[];
  /** Findings or packages taken out by ignores, with the reason shown on their rows. */
  ignored: ReadonlyArray<{ finding: Finding; package?: string; reason: string }>;
  levels: Readonly<Record<RuleId, Level>>;
  /** Who pushed the image, when CloudTrail told us (seed row fields `user`, `src_ip`). */
  user?: string;
  srcIp?: string;
}

/** `"<name>, <description>"`: the seed SPL's grouping key and the row's `finding` field. */
/** Seed `finding` field: `name, description`, or the name alone when there is no description. */
export const findingKey = (f: Pick<Finding, 'name' | 'description'>): string =>
  f.description.trim() === '' ? f.name : `${f.name}, ${f.description}`;

interface Row {
  rule: RuleId;
  finding: Finding;
  /** `findingKey(finding)`, made once: the row's key and its `finding` field. */
  text: string;
  packages: AffectedPackage[];
  ignoreReason?: string;
}

/**
 * The severity rules (`critical` … `undefined`): one row per distinct finding string per image,
 * carrying every affected package, as the seed detection's `stats … by finding` does.
 */
export function findingDetections(input: FindingRulesInput): Detection[] {
  // Rows in first-seen order, found by (rule, ignored or not) and then the finding text: no key
  // string per finding beyond the text itself, which the row keeps as its `finding` field.
  const rows: Row[] = [];
  const groups = new Map<string, Map<string, Row>>();
  const add = (finding: Finding, packages: AffectedPackage[], ignoreReason?: string) => {
    const text = findingKey(finding);
    addRow(SEVERITY_RULE[finding.severity], finding, text, packages, ignoreReason);
    // A known exploit is its own risk event on top of the severity row; an ignore hides both.
    if (finding.exploitAvailable === 'YES') {
      addRow('exploitable', finding, text, packages, ignoreReason);
    }
  };
  const addRow = (
    rule: RuleId,
    finding: Finding,
    text: string,
    packages: AffectedPackage[],
    ignoreReason?: string,
  ) => {
    // Ignored parts get their own row so a partly ignored finding still counts for the rest.
    const group = `${rule}\u0000${ignoreReason === undefined ? '' : 'ignored'}`;
    let byText = groups.get(group);
    if (byText === undefined) {
      byText = new Map();
      groups.set(group, byText);
    }
    const row = byText.get(text);
    if (row) {
      row.packages.push(...packages);
      mergeBest(row, finding);
    } else {
      const added: Row = { rule, finding, text, packages: [...packages] };
      if (ignoreReason !== undefined) added.ignoreReason = ignoreReason;
      byText.set(text, added);
      rows.push(added);
    }
  };
  for (const finding of input.kept) add(finding, finding.packages);
  for (const item of input.ignored) {
    const packages = item.package
      ? item.finding.packages.filter((p) => p.name === item.package)
      : item.finding.packages;
    add(item.finding, packages, item.reason);
  }
  // The same for every row of the image: worked out once, not 20,000 times.
  const time = splunkTime(input.scan.completedAt ?? input.image.pushedAt ?? new Date(0));
  const events = new Map<RuleId, RuleEvent>();
  const eventOf = (rule: RuleId): RuleEvent => {
    let event = events.get(rule);
    if (event === undefined) {
      event = {
        ...riskEvent(rule, input.levels[rule], input.imageIndex, time),
        message: fillMessage(RULES[rule].message, { repository: input.image.repository }),
      };
      events.set(rule, event);
    }
    return event;
  };
  return rows.map((row) => {
    const detection = toDetection(row, input, eventOf(row.rule));
    if (row.rule === 'exploitable') {
      // Named per finding: one exploitable CVE is what a reader must find, not a count.
      detection.message = fillMessage(RULES.exploitable.message, {
        finding: row.finding.id,
        repository: input.image.repository,
      });
    }
    return detection;
  });
}

type RuleEvent = ReturnType<typeof riskEvent> & { message: string };

function mergeBest(row: Row, other: Finding): void {
  const score = other.cvss?.score;
  if (score !== undefined && (row.finding.cvss?.score ?? -1) < score) {
    row.finding = { ...row.finding, cvss: other.cvss ?? { score } };
  }
}

/**
 * Fields listed one by one, not spread from the rule's event: a spread into this literal made
 * building 20,000 rows ~10 times slower, and every later pass over them slower too
 * (bench/README.md).
 */
function toDetection(row: Row, input: FindingRulesInput, event: RuleEvent): Detection {
  const { image, finding } = { image: input.image, finding: row.finding };
  const detection: Detection = {
    rule: event.rule,
    level: event.level,
    severity: event.severity,
    riskScore: event.riskScore,
    impact: event.impact,
    confidence: event.confidence,
    ignored: row.ignoreReason !== undefined,
    imageIndex: event.imageIndex,
    phase: event.phase,
    firstTime: event.firstTime,
    lastTime: event.lastTime,
    message: event.message,
    awsRegion: image.region,
    eventName: 'DescribeImageScanFindings',
    eventSource: 'ecr.amazonaws.com',
    imageDigest: image.imageDigest,
    repository: image.repository,
    finding: row.text,
    findingId: finding.id,
    packages: dedupePackages(row.packages),
  };
  if (row.ignoreReason !== undefined) detection.ignoreReason = row.ignoreReason;
  if (input.user !== undefined) detection.user = input.user;
  if (input.srcIp !== undefined) detection.src_ip = input.srcIp;
  if (finding.cvss) detection.cvss = finding.cvss.score;
  if (finding.scannerSeverity.trim().toUpperCase() === 'UNTRIAGED') {
    detection.scannerSeverity = 'UNTRIAGED';
  }
  if (finding.uri) detection.uri = finding.uri;
  if (finding.fixAvailable) detection.fixAvailable = finding.fixAvailable;
  if (finding.exploitAvailable) detection.exploitAvailable = finding.exploitAvailable;
  return detection;
}

function dedupePackages(packages: AffectedPackage[]): AffectedPackage[] {
  if (packages.length <= 1) return [...packages];
  const seen = new Map<string, AffectedPackage>();
  for (const p of packages) {
    const key = `${p.name}\u0000${p.version ?? ''}\u0000${p.filePath ?? ''}`;
    if (!seen.has(key)) seen.set(key, p);
  }
  return [...seen.values()];
}

/** `scan-incomplete`: fail closed when there is no usable scan result. */
export function scanIncompleteDetection(input: {
  image: ResolvedImage;
  imageIndex: number;
  scan: ScanOutcome;
  levels: Readonly<Record<RuleId, Level>>;
  now: Date;
}): Detection | null {
  if (input.scan.usable) return null;
  const spec = RULES['scan-incomplete'];
  const { image, scan } = input;
  const time = splunkTime(input.now);
  const name = imageName(image);
  return {
    ...riskEvent('scan-incomplete', input.levels['scan-incomplete'], input.imageIndex, time),
    message: fillMessage(spec.message, { image: name, status: scan.status }),
    awsRegion: image.region,
    eventName: 'DescribeImageScanFindings',
    eventSource: 'ecr.amazonaws.com',
    imageDigest: image.imageDigest,
    repository: image.repository,
    registryId: image.registryId,
    image: name,
    detail: scan.description ? `${scan.status}: ${scan.description}` : scan.status,
  };
}

/** `repo:tag@sha256:…` (short form for messages). */
export function imageName(image: ResolvedImage): string {
  const tag = image.target.tag ?? image.imageTags[0];
  const platform = image.platform ? ` (${image.platform})` : '';
  const digest = image.imageDigest ? `@${image.imageDigest}` : '';
  return `${image.repository}${tag ? `:${tag}` : ''}${digest}${platform}`;
}
