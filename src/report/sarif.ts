/**
 * SARIF 2.1.0 for GitHub code scanning.
 *
 * - One run per gated image, `automationDetails.id` = `ecr-risk-gate/<registry host>/<repository>
 *   [/<platform>]/` (a category: the trailing slash leaves the run id empty), so every image keeps
 *   its own alerts across tags and pushes. Do not set upload-sarif's `category` input: it would
 *   give every run the same category, which GitHub rejects.
 * - Rules: one per CVE (help text, `helpUri` = the advisory, `security-severity` from the gate's
 *   severity) plus one per non-finding rule id (`unknown-uploader`, `scan-incomplete`...).
 *   Rules and results are defined in `sarif-entries.ts` and serialised in `sarif-json.ts`, the
 *   run around them in `sarif-run.ts`, the limits kept in `sarif-limits.ts`.
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
 * - `renderSarif` holds the log until the limits are applied; the `sarif-file` is written as it
 *   is rendered (`sarif-write.ts`) and comes out the same, byte for byte.
 */
import type { Log } from 'sarif';
import type { ImageReport, Report } from '../model.js';
import { plural, thousands } from './format.js';
import { type Candidate, type SarifLocationOptions, location } from './sarif-entries.js';
import { imageJson, resultJson, ruleJson } from './sarif-json.js';
import {
  type Assembled,
  type Pieces,
  compressedSize,
  globalOrder,
  sampleRatio,
  select,
} from './sarif-limits.js';
import { PieceList } from './sarif-pieces.js';
import {
  LOG_HEAD,
  LOG_TAIL,
  SARIF_MAX_RESULTS_PER_RUN,
  SARIF_MAX_RUNS,
  candidatesOf,
  category,
  resultRank,
  runParts,
} from './sarif-run.js';

export { FINGERPRINT_KEY } from './sarif-entries.js';
export {
  DEFAULT_INFORMATION_URI,
  SARIF_MAX_RESULTS_PER_RUN,
  SARIF_MAX_RUNS,
  SARIF_SCHEMA,
} from './sarif-run.js';

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

/** GitHub's limit is 10 MB gzipped; stay a little under it. */
export const SARIF_MAX_GZIP_BYTES = 10_000_000;

/** What the log holds before any size is known: its runs, their candidates and categories. */
export interface SarifPlan {
  runs: Array<{ index: number; id: string; candidates: Candidate[] }>;
  omittedRuns: number;
  maxResults: number;
  maxGzip: number;
  /** Room for the JSON around the entries, which the entries' costs leave out. */
  slack: number;
}

export function planSarif(report: Report, options: SarifOptions): SarifPlan {
  const maxRuns = options.maxRuns ?? SARIF_MAX_RUNS;
  const imageIndexes = report.images.map((_, i) => i);
  // When there are more images than runs allowed, keep the worst ones.
  const worstFirst = [...imageIndexes].sort(
    (a, b) => resultRank(report.images[a]) - resultRank(report.images[b]) || a - b,
  );
  const keptRuns = new Set(worstFirst.slice(0, maxRuns));
  const categories = new Map<string, number>();
  const runs = imageIndexes
    .filter((i) => keptRuns.has(i))
    .map((index) => {
      const base = category(report.images[index] as ImageReport, options.categoryPrefix);
      const seen = categories.get(base) ?? 0;
      categories.set(base, seen + 1);
      const id = seen === 0 ? base : `${base.slice(0, -1)}-${seen + 1}/`;
      return { index, id, candidates: candidatesOf(report, index) };
    });
  return {
    runs,
    omittedRuns: imageIndexes.length - keptRuns.size,
    maxResults: options.maxResultsPerRun ?? SARIF_MAX_RESULTS_PER_RUN,
    maxGzip: options.maxGzipBytes ?? SARIF_MAX_GZIP_BYTES,
    slack: 64 * 1024 + runs.length * 16 * 1024,
  };
}

export function renderSarif(report: Report, options: SarifOptions = {}): SarifOutput {
  const plan = planSarif(report, options);
  const { runs, omittedRuns, maxResults, maxGzip, slack } = plan;
  const built = runs.map((run) =>
    buildPieces(report.images[run.index] as ImageReport, run.candidates, options),
  );
  const assemble = (keep: readonly number[]): Assembled => {
    const chunks = [LOG_HEAD];
    runs.forEach((run, i) => {
      if (i > 0) chunks.push(',');
      const pieces = built[i] as Pieces;
      const kept = keep[i] ?? 0;
      const parts = runParts(report, run.index, run.id, run.candidates, kept, {
        omittedRuns: i === 0 ? omittedRuns : 0,
        informationUri: options.informationUri,
      });
      chunks.push(parts.head);
      pieces.rules.pushPrefix(chunks, pieces.rulesFor[kept] ?? 0);
      chunks.push(parts.middle);
      pieces.results.pushPrefix(chunks, kept);
      chunks.push(parts.tail);
    });
    chunks.push(LOG_TAIL);
    return { chunks, length: chunks.reduce((n, c) => n + c.length, 0) };
  };

  // Costs are UTF-16 units; a unit is at most 3 UTF-8 bytes, and the gzipped size never exceeds
  // the raw size by more than a header, so a log whose pieces fit three times over needs no
  // compression at all. Otherwise the compressed bytes per unit are estimated on a sample.
  const costs = built.map((b) => b.costs);
  const rawTotal = costs.reduce((sum, c) => sum + c.reduce((a, n) => a + n, 0), 0);
  const order = globalOrder(runs.map((p) => p.candidates));
  let ratio = 3 * rawTotal + slack <= maxGzip ? 3 : sampleRatio(built);
  let keep = select(order, costs, maxResults, (maxGzip - slack) / ratio);
  let log = assemble(keep);
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const zipped = compressedSize(log, ratio, maxGzip);
    if (zipped <= maxGzip) break;
    ratio *= (zipped / maxGzip) * 1.05;
    keep = select(order, costs, maxResults, (maxGzip - slack) / ratio);
    log = assemble(keep);
  }
  const omittedResults = runs.reduce((sum, p, i) => sum + p.candidates.length - (keep[i] ?? 0), 0);
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
