/**
 * SARIF 2.1.0 for GitHub code scanning.
 *
 * - One run per gated image, `automationDetails.id` = `ecr-risk-gate/<registry host>/<repository>
 *   [/<platform>]/` (a category: the trailing slash leaves the run id empty), so every image keeps
 *   its own alerts across tags and pushes. Do not set upload-sarif's `category` input: it would
 *   give every run the same category, which GitHub rejects.
 * - Rules: one per CVE (help text, `helpUri` = the advisory, `security-severity` from the gate's
 *   severity) plus one per non-finding rule id (`unknown-uploader`, `scan-incomplete`...).
 *   Rules and results are built in `sarif-entries.ts`, the limits kept in `sarif-limits.ts`.
 * - Results: one per CVE and package, and one per uploader/scan detection. Ignored ones carry an
 *   external suppression with the ignore reason.
 * - Location: the `dockerfile` FROM line when given, else the synthetic, stable path
 *   `ecr/<registry host>/<repository>/Dockerfile` line 1 (no such file exists in the repository;
 *   GitHub shows the alert without a code snippet).
 * - `partialFingerprints.primaryLocationLineHash`: sha256 of registry, region, repository,
 *   platform, CVE and package (rule and principal for other rules). Never the tag, digest,
 *   installed version or Dockerfile line, so a new push of the same vulnerable package is the
 *   same alert.
 * - Limits: at most 25,000 results per run, 20 runs, 10 MB gzipped; the lowest severities go
 *   first, and the run says what it left out (`properties` and a tool notification).
 */
import type { Log, Notification, Run } from 'sarif';
import type { ImageReport, Report } from '../model.js';
import { cleanLine, withoutTrailingSlashes } from './escape.js';
import {
  compareDetections,
  detectionsOf,
  isFindingRule,
  plural,
  registryHost,
  severityOfRule,
  thousands,
} from './format.js';
import { type Candidate, type SarifLocationOptions, location } from './sarif-entries.js';
import { imageJson, resultJson, ruleJson } from './sarif-json.js';
import { PieceList } from './sarif-pieces.js';
import {
  type Assembled,
  type Pieces,
  coarseKey,
  compressedSize,
  globalOrder,
  sampleRatio,
  select,
} from './sarif-limits.js';

export { FINGERPRINT_KEY } from './sarif-entries.js';

export interface SarifOptions extends SarifLocationOptions {
  /** Where the tool is documented (`tool.driver.informationUri`). */
  informationUri?: string;
  /** `sarif-category`: put before every run's category (two jobs gating the same images). */
  categoryPrefix?: string;
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
/** The tool's home, until the action's own repository is known (GITHUB_ACTION_REPOSITORY). */
export const DEFAULT_INFORMATION_URI = 'https://github.com/ecr-risk-gate/ecr-risk-gate';

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
    const base = category(report.images[index] as ImageReport, options.categoryPrefix);
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
        { omittedRuns: i === 0 ? omittedRuns : 0, informationUri: options.informationUri },
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

function buildPieces(
  image: ImageReport,
  candidates: readonly Candidate[],
  options: SarifOptions,
): Pieces {
  const rules = new PieceList();
  const results = new PieceList();
  const ruleIndex = new Map<string, number>();
  const rulesFor = [0];
  const costs: number[] = [];
  // The same for every result of the image, so worked out once and shared (the log is data to
  // serialise): fileUri cleans and encodes every path segment.
  const at = imageJson(image, location(image, options));
  for (const c of candidates) {
    let cost = 0;
    let index = ruleIndex.get(c.ruleId);
    if (index === undefined) {
      index = rules.count;
      ruleIndex.set(c.ruleId, index);
      const rule = ruleJson(c);
      rules.push(rule);
      cost += rule.length + 1;
    }
    const result = resultJson(at, c, index);
    cost += result.length + 1;
    costs.push(cost);
    rulesFor.push(rules.count);
    results.push(result);
  }
  rules.seal();
  results.seal();
  return { results, rules, rulesFor, costs };
}

const resultRank = (image: ImageReport | undefined): number =>
  image ? ['fail', 'warn', 'pass'].indexOf(image.result) : 3;

function category(image: ImageReport, prefix?: string): string {
  // The platform comes from the image index, which whoever pushed it wrote: shown, never raw.
  const platform = image.platform ? `/${cleanLine(image.platform, 200)}` : '';
  const before = prefix ? `${withoutTrailingSlashes(cleanLine(prefix, 100))}/` : '';
  return `${before}ecr-risk-gate/${registryHost(image)}/${image.repository}${platform}/`.replace(
    /\s/g,
    '_',
  );
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
  extra: { omittedRuns: number; informationUri: string | undefined },
): void {
  const { informationUri } = extra;
  const image = report.images[index] as ImageReport;
  const omitted = candidates.slice(keep);

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
    const parts = Object.entries(bySeverity).map(([s, n]) => `${thousands(n)} ${s}`);
    const text = `${plural(omitted.length, 'result')} left out to stay within GitHub's SARIF limits (${thousands(SARIF_MAX_RESULTS_PER_RUN)} results per run, 10 MB gzipped), lowest severities first: ${parts.join(', ')}. The JSON report has every finding.`;
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
    informationUri: informationUri ?? DEFAULT_INFORMATION_URI,
  } satisfies Partial<Run['tool']['driver']>);
  const invocations: Run['invocations'] =
    notifications.length > 0
      ? [{ executionSuccessful: true, toolExecutionNotifications: notifications }]
      : undefined;
  chunks.push(`{"tool":{"driver":${driver.slice(0, -1)},"rules":[`);
  pieces.rules.pushPrefix(chunks, pieces.rulesFor[keep] ?? 0);
  chunks.push(
    `]}},"automationDetails":${JSON.stringify({ id } satisfies Run['automationDetails'])}`,
  );
  chunks.push(',"results":[');
  pieces.results.pushPrefix(chunks, keep);
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

/** One sentence for the log and the summary when GitHub's limits left something out, else null. */
export function sarifLeftOut(
  sarif: Pick<SarifOutput, 'omittedResults' | 'omittedRuns'>,
): string | null {
  const parts = [
    sarif.omittedRuns > 0
      ? `${plural(sarif.omittedRuns, 'image')} (GitHub takes at most ${SARIF_MAX_RUNS} runs per file)`
      : '',
    sarif.omittedResults > 0
      ? `${plural(sarif.omittedResults, 'result')} of the lowest severities (${thousands(SARIF_MAX_RESULTS_PER_RUN)} results per run, 10 MB gzipped)`
      : '',
  ].filter(Boolean);
  if (parts.length === 0) return null;
  return `SARIF file: left out to stay within GitHub's code scanning limits: ${parts.join('; ')}. Code scanning will not show them; the JSON report has every image and finding.`;
}
