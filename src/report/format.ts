import { decide } from '../gate.js';
import type {
  AffectedPackage,
  Detection,
  GateResult,
  ImageReport,
  Level,
  Report,
  RuleId,
  Severity,
} from '../model.js';
import { RULE_IDS, SEVERITIES } from '../model.js';
import { SEVERITY_RULE } from '../rules/catalog.js';

/** Facts every surface words the same way. Pure; the surfaces escape what they take from here. */

const FINDING_RULES = new Set<RuleId>(Object.values(SEVERITY_RULE));

export const isFindingRule = (rule: RuleId): boolean => FINDING_RULES.has(rule);

const RULE_SEVERITY = new Map<RuleId, Severity>(SEVERITIES.map((s) => [SEVERITY_RULE[s], s]));

/** The scanner severity behind a finding row (`high` → HIGH), or null for other rules. */
export const severityOfRule = (rule: RuleId): Severity | null => RULE_SEVERITY.get(rule) ?? null;

// Ranks by lookup, not indexOf: the comparators below run ~300,000 times a sort at 20,000 rows.
const SEVERITY_RANK = new Map<Severity, number>(SEVERITIES.map((s, i) => [s, i]));
export const severityRank = (severity: Severity): number => SEVERITY_RANK.get(severity) ?? -1;

export const LEVEL_ORDER: readonly Level[] = ['fail', 'warn', 'notice', 'off'];
const LEVEL_RANK = new Map<Level, number>(LEVEL_ORDER.map((l, i) => [l, i]));
export const levelRank = (level: Level): number => LEVEL_RANK.get(level) ?? -1;
export const ruleRank = (rule: RuleId): number => RULE_IDS.indexOf(rule);

export const RESULT_ICON: Readonly<Record<GateResult, string>> = {
  pass: '✅',
  warn: '⚠️',
  fail: '❌',
};

/**
 * `12,345`: the separator GitHub's own pages use. Not toLocaleString: loading ICU's number
 * formatting costs ~20 ms on a cold start, and the runner's locale is not the reader's.
 */
export function thousands(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const [whole = '', fraction] = String(n).split('.');
  // A loop, not /\B(?=(\d{3})+$)/g: that lookahead rescans to the end from every digit.
  let grouped = '';
  for (let i = 0; i < whole.length; i++) {
    if (i > 0 && whole.charAt(i - 1) !== '-' && (whole.length - i) % 3 === 0) grouped += ',';
    grouped += whole.charAt(i);
  }
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

export const plural = (n: number, word: string, many = `${word}s`): string =>
  `${thousands(n)} ${n === 1 ? word : many}`;

/** `sha256:a27d73188718` — enough to recognise, short enough for a table. */
export const shortDigest = (digest: string): string => {
  const match = /^([a-z0-9]+):([0-9a-f]{12})[0-9a-f]*$/.exec(digest);
  return match ? `${match[1]}:${match[2]}` : digest.slice(0, 24);
};

/** `ACCOUNT.dkr.ecr.REGION.amazonaws.com` (`.com.cn` in the China partition). */
export const registryHost = (image: Pick<ImageReport, 'registryId' | 'region'>): string =>
  `${image.registryId}.dkr.ecr.${image.region}.amazonaws.com${image.region.startsWith('cn-') ? '.cn' : ''}`;

/** `repo:tag@sha256:abc (linux/arm64)`: how people recognise the image. */
export function imageLabel(image: ImageReport): string {
  const tag = image.imageTags[0];
  const platform = image.platform ? ` (${image.platform})` : '';
  return `${image.repository}${tag ? `:${tag}` : ''}@${shortDigest(image.imageDigest)}${platform}`;
}

export const detectionsOf = (report: Report, imageIndex: number): Detection[] =>
  report.detections.filter((d) => d.imageIndex === imageIndex);

/** Detections that count: not ignored. `off` ones count in the report but raise nothing. */
export const isActive = (d: Detection): boolean => !d.ignored;

/** Highest first: level, then severity of the finding (or the rule's risk), then CVSS, then id. */
export function compareDetections(a: Detection, b: Detection): number {
  return (
    Number(a.ignored) - Number(b.ignored) ||
    levelRank(a.level) - levelRank(b.level) ||
    detectionWeight(b) - detectionWeight(a) ||
    (b.cvss ?? -1) - (a.cvss ?? -1) ||
    compareText(a.findingId ?? a.rule, b.findingId ?? b.rule) ||
    a.imageIndex - b.imageIndex
  );
}

/** Findings tables: severity (critical first), then CVSS high to low, then id; ignored last. */
export function compareFindings(a: Detection, b: Detection): number {
  return (
    Number(a.ignored) - Number(b.ignored) ||
    detectionWeight(b) - detectionWeight(a) ||
    (b.cvss ?? -1) - (a.cvss ?? -1) ||
    compareText(a.findingId ?? a.rule, b.findingId ?? b.rule) ||
    a.imageIndex - b.imageIndex
  );
}

/** Severity rank for findings (critical highest), the rule's risk for the others. */
function detectionWeight(d: Detection): number {
  return FINDING_WEIGHT.get(d.rule) ?? d.riskScore * 10;
}
const FINDING_WEIGHT = new Map<RuleId, number>(
  SEVERITIES.map((s, i) => [SEVERITY_RULE[s], 1000 - i * 100]),
);

export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Why one image got its result, worded as the gate words the overall result. */
export function imageReasons(report: Report, imageIndex: number): string[] {
  return decide(detectionsOf(report, imageIndex), null).reasons;
}

/** `glibc 2.28-10` / `glibc 2.28-10 → 2.28-11`. */
export function packageText(p: AffectedPackage): string {
  const version = p.version ? ` ${p.version}` : '';
  const fixed = p.fixedInVersion ? ` → ${p.fixedInVersion}` : '';
  return `${p.name}${version}${fixed}`;
}

/** Distinct values in first-seen order. */
export function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** A sentence about how the pusher was established (the uploader section of every surface). */
export function uploaderSentence(image: ImageReport): string {
  const u = image.uploader;
  const who = u.principal ?? 'unknown principal';
  const type = u.type ? ` (${u.type}${u.accountId ? `, account ${u.accountId}` : ''})` : '';
  const when = u.eventTime ? ` at ${u.eventTime}` : '';
  const event = u.eventId ? `CloudTrail PutImage event ${u.eventId}${when}` : 'CloudTrail';
  const baseline =
    u.baseline.days > 0
      ? `${u.baseline.days}-day baseline of ${plural(u.baseline.principals, 'principal')}${u.baseline.complete ? '' : ', incomplete'}`
      : 'no baseline';
  switch (u.status) {
    case 'known':
      return `${who}${type}: known uploader (in known-uploaders), verified from ${event}.`;
    case 'seen':
      return `${who}${type}: seen before in the ${baseline}, verified from ${event}.`;
    case 'no-baseline':
      return `${who}${type}: first push with no history to compare against, verified from ${event}.`;
    case 'unknown':
      return `${who}${type}: UNKNOWN uploader (not in known-uploaders, not in the ${baseline}), from ${event}.`;
    case 'unverified':
      return `Uploader not verified: ${endSentence(u.reason ?? 'the push was not found in CloudTrail in time')}`;
    case 'skipped':
      return `Uploader not checked${u.reason ? `: ${endSentence(u.reason)}` : ' (uploader-check is false).'}`;
  }
}

/** One full stop at the end, whether or not the reason already had one ("CloudTrail.."). */
function endSentence(text: string): string {
  return text.endsWith('.') ? text : `${text}.`;
}

/**
 * `fixAvailable` / `exploitAvailable` as every surface words them. Only enhanced findings carry
 * them (EnhancedImageScanFinding); a basic scan's finding shows `—` (unknown), never "no".
 */
export function fixText(d: Pick<Detection, 'fixAvailable'>): string {
  switch (d.fixAvailable) {
    case 'YES':
      return 'yes';
    case 'NO':
      return 'no';
    case 'PARTIAL':
      return 'partial';
    default:
      return '—';
  }
}

export function exploitText(d: Pick<Detection, 'exploitAvailable'>): string {
  return d.exploitAvailable === 'YES' ? 'yes' : d.exploitAvailable === 'NO' ? 'no' : '—';
}

/** `, fix: yes, exploit: no` for one-line surfaces; empty when the scan says neither. */
export function signalsText(d: Pick<Detection, 'fixAvailable' | 'exploitAvailable'>): string {
  if (d.fixAvailable === undefined && d.exploitAvailable === undefined) return '';
  return `, fix: ${fixText(d)}, exploit: ${exploitText(d)}`;
}

/** Who ignored it and where it is written: `vex: vex/api.json#statements[0]`. */
export function ignoredByText(item: Pick<Report['ignored'][number], 'by' | 'source'>): string {
  return item.source === undefined ? item.by : `${item.by}: ${item.source}`;
}
