/**
 * SARIF 2.1.0 for GitHub code scanning.
 *
 * - One run per gated image, `automationDetails.id` = `ecr-risk-gate/<registry host>/<repository>
 *   [/<platform>]/` (a category: the trailing slash leaves the run id empty), so every image keeps
 *   its own alerts across tags and pushes. Do not set upload-sarif's `category` input: it would
 *   give every run the same category, which GitHub rejects.
 * - Rules: one per CVE (help text, `helpUri` = the advisory, `security-severity` from CVSS, else
 *   from the severity) plus one per non-finding rule id (`unknown-uploader`, `scan-incomplete`...).
 * - Results: one per CVE and package, and one per uploader/scan detection. Ignored ones carry an
 *   external suppression with the ignore reason.
 * - Location: the `dockerfile` FROM line when given, else the synthetic, stable path
 *   `ecr/<registry host>/<repository>/Dockerfile` line 1 (no such file exists in the repository;
 *   GitHub shows the alert without a code snippet).
 * - `partialFingerprints["ecrRiskGate/v1"]`: sha256 of registry, region, repository, platform,
 *   package, installed version and CVE (rule and principal for other rules). Never the tag or
 *   digest, so a new push of the same vulnerable package is the same alert.
 * - Limits: at most 25,000 results per run, 20 runs, 10 MB gzipped; the lowest severities go
 *   first, and the run says what it left out (`properties` and a tool notification).
 */
import * as crypto from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Log, Notification, ReportingDescriptor, Result, Run } from 'sarif';
import type { Detection, ImageReport, Level, Report, Severity } from '../model.js';
import { RULES } from '../rules/catalog.js';
import { cleanLine, cleanText, escapeMarkdown, markdownLink, safeUrl } from './escape.js';
import {
  compareDetections,
  detectionsOf,
  imageLabel,
  isFindingRule,
  packageText,
  plural,
  registryHost,
  severityOfRule,
  severityRank,
} from './format.js';

export interface SarifOptions {
  dockerfile?: { path: string; fromLine: number };
  maxResultsPerRun?: number;
  maxGzipBytes?: number;
  maxRuns?: number;
}

export interface SarifOutput {
  /** The serialised log in order, as built: written piece by piece, never joined (20,000
   * findings make ~28 MB that would otherwise exist twice more, as one string and its bytes). */
  chunks: readonly string[];
  /** The chunks joined, on demand (stdout, tests). */
  readonly text: string;
  /** The text parsed, on demand (tests, tools). */
  readonly log: Log;
  /** Results left out to stay within the limits, summed over runs. */
  omittedResults: number;
  omittedRuns: number;
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_MAX_RESULTS_PER_RUN = 25_000;
export const SARIF_MAX_RUNS = 20;
/** GitHub's limit is 10 MB gzipped; stay a little under it. */
export const SARIF_MAX_GZIP_BYTES = 10_000_000;
export const FINGERPRINT_KEY = 'ecrRiskGate/v1';

/** GitHub's bands: critical > 9.0, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9. */
const SEVERITY_SCORE: Readonly<Record<Severity, number>> = {
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
const LEVEL: Readonly<Record<Level, Result.level>> = {
  fail: 'error',
  warn: 'warning',
  notice: 'note',
  off: 'none',
};

/** One result to be, with what is needed to rank it and to build its rule. */
interface Candidate {
  detection: Detection;
  packageIndex: number | null;
  ruleId: string;
}

export function renderSarif(report: Report, options: SarifOptions = {}): SarifOutput {
  const maxResults = options.maxResultsPerRun ?? SARIF_MAX_RESULTS_PER_RUN;
  const maxGzip = options.maxGzipBytes ?? SARIF_MAX_GZIP_BYTES;
  const maxRuns = options.maxRuns ?? SARIF_MAX_RUNS;

  const imageIndexes = report.images.map((_, i) => i);
  // When there are more images than runs allowed, keep the worst ones.
  const worstFirst = [...imageIndexes].sort(
    (a, b) => resultRank(report.images[a]) - resultRank(report.images[b]) || a - b,
  );
  const keptRuns = new Set(worstFirst.slice(0, maxRuns));
  const omittedRuns = imageIndexes.length - keptRuns.size;

  const plans = imageIndexes
    .filter((i) => keptRuns.has(i))
    .map((index) => ({ index, candidates: candidatesOf(report, index) }));
  const categories = new Map<string, number>();
  const ids = plans.map(({ index }) => {
    const base = category(report.images[index] as ImageReport);
    const seen = categories.get(base) ?? 0;
    categories.set(base, seen + 1);
    return seen === 0 ? base : `${base.slice(0, -1)}-${seen + 1}/`;
  });

  const built = plans.map((plan) =>
    buildPieces(report.images[plan.index] as ImageReport, plan.candidates, options),
  );
  const assemble = (keep: readonly number[]): Assembled => {
    const chunks = [`{"$schema":${JSON.stringify(SARIF_SCHEMA)},"version":"2.1.0","runs":[`];
    plans.forEach((plan, i) => {
      if (i > 0) chunks.push(',');
      assembleRun(
        chunks,
        report,
        plan.index,
        ids[i] as string,
        plan.candidates,
        built[i] as Pieces,
        keep[i] ?? 0,
        { omittedRuns: i === 0 ? omittedRuns : 0 },
      );
    });
    chunks.push(']}');
    return { chunks, length: chunks.reduce((n, c) => n + c.length, 0) };
  };

  // Costs are UTF-16 units; a unit is at most 3 UTF-8 bytes, and the gzipped size never exceeds
  // the raw size by more than a header, so a log whose pieces fit three times over needs no
  // compression at all. Otherwise the compressed bytes per unit are estimated on a sample.
  const rawTotal = built.reduce((sum, b) => sum + b.costs.reduce((a, c) => a + c, 0), 0);
  const slack = 64 * 1024 + plans.length * 16 * 1024;
  const order = globalOrder(plans.map((p) => p.candidates));
  let ratio = 3 * rawTotal + slack <= maxGzip ? 3 : sampleRatio(built);
  let keep = select(order, built, maxResults, (maxGzip - slack) / ratio);
  let log = assemble(keep);
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const zipped = compressedSize(log, ratio, maxGzip);
    if (zipped <= maxGzip) break;
    ratio *= (zipped / maxGzip) * 1.05;
    keep = select(order, built, maxResults, (maxGzip - slack) / ratio);
    log = assemble(keep);
  }
  const omittedResults = plans.reduce((sum, p, i) => sum + p.candidates.length - (keep[i] ?? 0), 0);
  const { chunks } = log;
  let text: string | undefined;
  let parsed: Log | undefined;
  return {
    chunks,
    get text(): string {
      text ??= chunks.join('');
      return text;
    },
    get log(): Log {
      parsed ??= JSON.parse(this.text) as Log;
      return parsed;
    },
    omittedResults,
    omittedRuns,
  };
}

interface Assembled {
  chunks: string[];
  /** UTF-16 units in all chunks. */
  length: number;
}

/**
 * The gzipped size of the log, or a bound on it that settles the question cheaply. Three bytes a
 * UTF-16 unit bounds the raw UTF-8 size, which bounds the gzipped size (plus a header). Then the
 * sampled estimate: when even twice the estimate is within `limit`, compressing 28 MB (20,000
 * findings) to confirm it is not worth ~150 ms (the content is scanner and image data, not text
 * picked to fool an evenly spread sample; and were a log still over GitHub's limit, the upload
 * step would fail visibly, with the verdict and the JSON report unaffected). Then the exact raw
 * size. Only a log near the limit is compressed, at level 1 first (it compresses less than the
 * default level GitHub's upload uses, so a level-1 size within the limit settles it).
 */
function compressedSize(log: Assembled, ratio: number, limit: number): number {
  if (3 * log.length <= limit - 1024) return log.length;
  if (2 * ratio * log.length <= limit) return ratio * log.length;
  const raw = log.chunks.reduce((n, c) => n + Buffer.byteLength(c, 'utf8'), 0);
  if (raw <= limit - 1024) return raw;
  const text = log.chunks.join('');
  const quick = gzipSync(text, { level: 1 }).length;
  return quick <= limit ? quick : gzipSync(text).length;
}

/** Every run's results and rules built once; a run keeps a prefix of them. */
interface Pieces {
  /** Serialised once: the log is assembled from these strings, never serialised whole. */
  results: string[];
  rules: string[];
  /** rulesFor[k]: how many rules the first k results need (rules come in first-use order). */
  rulesFor: number[];
  /** UTF-16 units a result adds, with the rule it introduces and the separators. */
  costs: number[];
}

function buildPieces(
  image: ImageReport,
  candidates: readonly Candidate[],
  options: SarifOptions,
): Pieces {
  const rules: string[] = [];
  const ruleIndex = new Map<string, number>();
  const rulesFor = [0];
  const costs: number[] = [];
  // The same for every result of the image, so worked out once and shared (the log is data to
  // serialise): fileUri cleans and encodes every path segment.
  const where = location(image, options);
  const results = candidates.map((c) => {
    let cost = 0;
    let at = ruleIndex.get(c.ruleId);
    if (at === undefined) {
      at = rules.length;
      ruleIndex.set(c.ruleId, at);
      const rule = JSON.stringify(ruleOf(c));
      rules.push(rule);
      cost += rule.length + 1;
    }
    const result = JSON.stringify(resultOf(image, c, at, where));
    cost += result.length + 1;
    costs.push(cost);
    rulesFor.push(rules.length);
    return result;
  });
  return { results, rules, rulesFor, costs };
}

/**
 * All candidates of all runs, most important first. Each run is already in (coarse key, then
 * `compareDetections`) order, so sorting by (key, run, position) keeps every run's
 * own order and is cheap for tens of thousands of results.
 */
function globalOrder(
  runs: ReadonlyArray<readonly Candidate[]>,
): Array<{ run: number; pos: number }> {
  const all = runs.flatMap((candidates, run) =>
    candidates.map((c, pos) => ({ run, pos, key: coarseKey(c.detection) })),
  );
  if (runs.length > 1) all.sort((a, b) => a.key - b.key || a.run - b.run || a.pos - b.pos);
  return all;
}

/**
 * What survives the limits: uploader and scan detections first (few, and they gate), then
 * findings by severity and CVSS, ignored last, as one number. The level does not matter here:
 * dropping goes by severity.
 */
function coarseKey(d: Detection): number {
  const severity = severityOfRule(d.rule);
  const weight = severity ? severityRank(severity) + 1 : 0;
  const cvss =
    d.cvss !== undefined && Number.isFinite(d.cvss) ? Math.min(10, Math.max(0, d.cvss)) : -1;
  return (Number(d.ignored) * 10 + weight) * 1000 + (100 - Math.round(cvss * 10));
}

/**
 * Keeps candidates in global priority order while the estimated compressed size allows, so the
 * lowest severities are the ones dropped; a run at the per-run count limit just stops growing.
 */
function select(
  order: ReadonlyArray<{ run: number; pos: number }>,
  built: readonly Pieces[],
  maxResults: number,
  rawBudget: number,
): number[] {
  const keep = built.map(() => 0);
  let used = 0;
  for (const { run, pos } of order) {
    const count = keep[run] ?? 0;
    if (count !== pos || count >= maxResults) continue;
    const cost = built[run]?.costs[pos] ?? 0;
    if (used + cost > rawBudget) break;
    used += cost;
    keep[run] = count + 1;
  }
  return keep;
}

/**
 * Gzipped bytes per UTF-16 unit, measured on up to ~2,000 pieces (≤ 1 MB) spread evenly over the
 * whole log, with a 10 % margin. Spread samples compress no better than the contiguous log
 * (less shared context), so the estimate errs high.
 */
function sampleRatio(built: readonly Pieces[]): number {
  const total = built.reduce((sum, b) => sum + b.results.length, 0);
  const step = Math.max(1, Math.floor(total / 2000));
  const sample: string[] = [];
  let units = 0;
  let seen = 0;
  for (const b of built) {
    for (let i = 0; i < b.results.length && units < 1_000_000; i += 1, seen += 1) {
      if (seen % step !== 0) continue;
      const first = b.rulesFor[i] ?? 0;
      const introduces = (b.rulesFor[i + 1] ?? 0) > first;
      const piece = (b.results[i] ?? '') + (introduces ? (b.rules[first] ?? '') : '');
      sample.push(piece);
      units += piece.length;
    }
  }
  return units === 0 ? 3 : Math.min(3, (gzipSync(sample.join(',')).length / units) * 1.1);
}

const resultRank = (image: ImageReport | undefined): number =>
  image ? ['fail', 'warn', 'pass'].indexOf(image.result) : 3;

function category(image: ImageReport): string {
  // The platform comes from the image index, which whoever pushed it wrote: shown, never raw.
  const platform = image.platform ? `/${cleanLine(image.platform, 200)}` : '';
  return `ecr-risk-gate/${registryHost(image)}/${image.repository}${platform}/`.replace(/\s/g, '_');
}

/** Results to be for one image, most important first (what survives the limits). */
function candidatesOf(report: Report, index: number): Candidate[] {
  const out: Candidate[] = [];
  const keyed = detectionsOf(report, index).map((d) => ({ d, key: coarseKey(d) }));
  keyed.sort((a, b) => a.key - b.key || compareDetections(a.d, b.d));
  for (const { d: detection } of keyed) {
    if (isFindingRule(detection.rule)) {
      const ruleId = cleanLine(detection.findingId ?? 'finding', 200);
      const count = Math.max(1, detection.packages?.length ?? 0);
      for (let p = 0; p < count; p += 1) {
        out.push({ detection, packageIndex: detection.packages?.length ? p : null, ruleId });
      }
    } else {
      out.push({ detection, packageIndex: null, ruleId: detection.rule });
    }
  }
  return out;
}

/** Appends one run to `chunks`: its pieces as they are, around them the run's own JSON. */
function assembleRun(
  chunks: string[],
  report: Report,
  index: number,
  id: string,
  candidates: readonly Candidate[],
  pieces: Pieces,
  keep: number,
  extra: { omittedRuns: number },
): void {
  const image = report.images[index] as ImageReport;
  const omitted = candidates.slice(keep);
  const results = pieces.results.slice(0, keep);
  const rules = pieces.rules.slice(0, pieces.rulesFor[keep] ?? 0);

  const notifications: Notification[] = [];
  const properties: Record<string, unknown> = {
    image: imageProperties(image),
    result: image.result,
    riskScore: image.riskScore,
  };
  if (omitted.length > 0) {
    const bySeverity: Record<string, number> = {};
    for (const c of omitted) {
      const key = (severityOfRule(c.detection.rule) ?? c.detection.rule).toLowerCase();
      bySeverity[key] = (bySeverity[key] ?? 0) + 1;
    }
    const parts = Object.entries(bySeverity).map(([s, n]) => `${n} ${s}`);
    const text = `${plural(omitted.length, 'result')} left out to stay within GitHub's SARIF limits (${SARIF_MAX_RESULTS_PER_RUN} results per run, 10 MB gzipped), lowest severities first: ${parts.join(', ')}. The JSON report has every finding.`;
    properties['omitted'] = { results: omitted.length, bySeverity, reason: text };
    notifications.push({ level: 'warning', message: { text } });
  }
  if (extra.omittedRuns > 0) {
    const text = `${plural(extra.omittedRuns, 'image')} left out: GitHub accepts at most ${SARIF_MAX_RUNS} runs per SARIF file. The JSON report has every image.`;
    properties['omittedRuns'] = extra.omittedRuns;
    notifications.push({ level: 'warning', message: { text } });
  }

  // The run around its pieces, written out rather than serialised: the pieces are JSON already.
  const driver = JSON.stringify({
    name: 'ecr-risk-gate',
    version: report.tool.version,
    semanticVersion: report.tool.version,
  } satisfies Partial<Run['tool']['driver']>);
  const invocations: Run['invocations'] =
    notifications.length > 0
      ? [{ executionSuccessful: true, toolExecutionNotifications: notifications }]
      : undefined;
  const list = (items: readonly string[]) =>
    items.forEach((item, i) => {
      if (i > 0) chunks.push(',');
      chunks.push(item);
    });
  chunks.push(`{"tool":{"driver":${driver.slice(0, -1)},"rules":[`);
  list(rules);
  chunks.push(
    `]}},"automationDetails":${JSON.stringify({ id } satisfies Run['automationDetails'])}`,
  );
  chunks.push(',"results":[');
  list(results);
  chunks.push(`],"properties":${JSON.stringify(properties)}`);
  if (invocations) chunks.push(`,"invocations":${JSON.stringify(invocations)}`);
  chunks.push('}');
}

function imageProperties(image: ImageReport): Record<string, unknown> {
  return {
    registryId: image.registryId,
    region: image.region,
    repository: image.repository,
    imageDigest: image.imageDigest,
    imageTags: image.imageTags,
    ...(image.platform ? { platform: image.platform } : {}),
    scanStatus: image.scan.status,
    uploaderStatus: image.uploader.status,
  };
}

function securitySeverity(d: Detection): string {
  const severity = severityOfRule(d.rule);
  if (severity) {
    const score =
      d.cvss !== undefined && Number.isFinite(d.cvss) ? d.cvss : SEVERITY_SCORE[severity];
    return Math.min(10, Math.max(0, score)).toFixed(1);
  }
  return (WORD_SCORE[d.severity] ?? 5.5).toFixed(1);
}

function ruleOf(c: Candidate): ReportingDescriptor {
  const d = c.detection;
  const tags = ['security'];
  if (!isFindingRule(d.rule)) {
    const spec = RULES[d.rule];
    return {
      id: c.ruleId,
      name: spec.title.replace(/[^A-Za-z0-9]+/g, ''),
      shortDescription: { text: spec.title },
      fullDescription: { text: cleanText(spec.message.replace(/\$[a-z_]+\$/g, '…'), 1000) },
      help: {
        text: `${spec.title}: ${cleanText(spec.message, 500)} (risk ${d.riskScore} = impact ${d.impact} × confidence ${d.confidence} / 100).`,
      },
      defaultConfiguration: { level: LEVEL[d.level] },
      properties: { 'security-severity': securitySeverity(d), tags: [...tags, 'supply-chain'] },
    };
  }
  const severity = severityOfRule(d.rule) as Severity;
  const description = descriptionOf(d);
  const packages = (d.packages ?? []).slice(0, 20).map(packageText);
  const advisory = safeUrl(d.uri);
  const rule: ReportingDescriptor = {
    id: c.ruleId,
    shortDescription: {
      text: cleanLine(`${c.ruleId} (${severity})${packages[0] ? ` in ${packages[0]}` : ''}`, 300),
    },
    fullDescription: { text: cleanText(description || c.ruleId, 500) },
    help: {
      text: cleanText(
        `${cleanText(description || c.ruleId, 1500)}\n\nAffected packages: ${packages.join(', ') || 'unknown'}${advisory ? `\nAdvisory: ${advisory}` : ''}`,
        2500,
      ),
      markdown: [
        `**${markdownLink(c.ruleId, d.uri, 200)}** (${severity}${d.cvss === undefined ? '' : `, CVSS ${d.cvss}`})`,
        '',
        escapeMarkdown(description || c.ruleId, 1500),
        '',
        ...packages.map((p) => `- ${escapeMarkdown(p, 200)}`),
      ].join('\n'),
    },
    defaultConfiguration: { level: LEVEL[d.level] },
    properties: {
      'security-severity': securitySeverity(d),
      tags: [...tags, 'vulnerability', 'container', severity.toLowerCase()],
      precision: 'very-high',
    },
  };
  if (advisory) rule.helpUri = advisory;
  return rule;
}

/** The description part of the seed's `finding` field (`"<name>, <description>"`). */
function descriptionOf(d: Detection): string {
  const finding = d.finding ?? '';
  const prefix = `${d.findingId ?? ''}, `;
  return finding.startsWith(prefix) ? finding.slice(prefix.length) : finding;
}

function resultOf(
  image: ImageReport,
  c: Candidate,
  ruleIndex: number,
  where: SarifLocation,
): Result {
  const d = c.detection;
  const pkg = c.packageIndex === null ? undefined : d.packages?.[c.packageIndex];
  const label = imageLabel(image);
  let text: string;
  if (isFindingRule(d.rule)) {
    const severity = severityOfRule(d.rule) as Severity;
    const fixed = pkg?.fixedInVersion ? ` (fixed in ${pkg.fixedInVersion})` : '';
    const cvss = d.cvss === undefined ? '' : `, CVSS ${d.cvss}`;
    text = `${c.ruleId} in ${pkg ? `${pkg.name}${pkg.version ? ` ${pkg.version}` : ''}` : 'an unknown package'}${fixed}: ${severity}${cvss}, image ${label}.`;
  } else {
    text = `${d.message}${d.detail ? ` (${d.detail})` : ''}.`;
  }
  const result: Result = {
    ruleId: c.ruleId,
    ruleIndex,
    level: LEVEL[d.level],
    message: { text: cleanText(text, 1000) },
    locations: [where],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(image, c, pkg) },
    properties: {
      severity: (severityOfRule(d.rule) ?? d.severity).toLowerCase(),
      level: d.level,
      riskScore: d.riskScore,
      ...(d.cvss === undefined ? {} : { cvss: d.cvss }),
      ...(pkg
        ? {
            package: cleanLine(pkg.name, 300),
            ...(pkg.version ? { installedVersion: cleanLine(pkg.version, 200) } : {}),
            ...(pkg.fixedInVersion ? { fixedInVersion: cleanLine(pkg.fixedInVersion, 200) } : {}),
          }
        : {}),
      ...(d.principal ? { principal: cleanLine(d.principal, 500) } : {}),
    },
  };
  if (d.ignored) {
    result.suppressions = [
      { kind: 'external', justification: cleanText(d.ignoreReason ?? 'ignored by policy', 1000) },
    ];
  }
  return result;
}

type SarifLocation = NonNullable<Result['locations']>[number];

function location(image: ImageReport, options: SarifOptions): SarifLocation {
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

function fingerprint(
  image: ImageReport,
  c: Candidate,
  pkg: NonNullable<Detection['packages']>[number] | undefined,
): string {
  const d = c.detection;
  const parts = isFindingRule(d.rule)
    ? [pkg?.name ?? '', pkg?.version ?? '', c.ruleId]
    : [d.rule, d.principal ?? d.user ?? ''];
  const identity = [
    image.registryId,
    image.region,
    image.repository,
    image.platform ?? '',
    ...parts,
  ];
  return sha256Hex(JSON.stringify(identity));
}

// The one-shot `crypto.hash` (Node ≥ 20.12) skips a Hash object per result; older Node 20 lacks it.
const sha256Hex: (data: string) => string =
  typeof crypto.hash === 'function'
    ? (data) => crypto.hash('sha256', data, 'hex')
    : (data) => crypto.createHash('sha256').update(data).digest('hex');
