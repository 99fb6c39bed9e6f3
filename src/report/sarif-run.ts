/**
 * One SARIF run around its rules and results: which candidates it has and in what order, its
 * category, and the run's own JSON (tool, automationDetails, properties, notifications) written
 * around the entries, which are JSON already. Shared by the assembled log (`sarif.ts`) and the
 * log written as it is rendered (`sarif-write.ts`), so both produce the same bytes.
 */
import type { Notification, Run } from 'sarif';
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
import type { Candidate } from './sarif-entries.js';
import { coarseKey } from './sarif-limits.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_MAX_RESULTS_PER_RUN = 25_000;
export const SARIF_MAX_RUNS = 20;
/** The tool's home, until the action's own repository is known (GITHUB_ACTION_REPOSITORY). */
export const DEFAULT_INFORMATION_URI = 'https://github.com/ecr-risk-gate/ecr-risk-gate';

/** The log's opening, before the first run. */
export const LOG_HEAD = `{"$schema":${JSON.stringify(SARIF_SCHEMA)},"version":"2.1.0","runs":[`;
export const LOG_TAIL = ']}';

export const resultRank = (image: ImageReport | undefined): number =>
  image ? ['fail', 'warn', 'pass'].indexOf(image.result) : 3;

export function category(image: ImageReport, prefix?: string): string {
  // The platform comes from the image index, which whoever pushed it wrote: shown, never raw.
  const platform = image.platform ? `/${cleanLine(image.platform, 200)}` : '';
  const before = prefix ? `${withoutTrailingSlashes(cleanLine(prefix, 100))}/` : '';
  return `${before}ecr-risk-gate/${registryHost(image)}/${image.repository}${platform}/`.replace(
    /\s/g,
    '_',
  );
}

/** Results to be for one image, most important first (what survives the limits). */
export function candidatesOf(report: Report, index: number): Candidate[] {
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

/** The run's JSON before its rules, between its rules and results, and after its results. */
export interface RunParts {
  head: string;
  middle: string;
  tail: string;
}

/** The run of image `index` keeping its first `keep` candidates. */
export function runParts(
  report: Report,
  index: number,
  id: string,
  candidates: readonly Candidate[],
  keep: number,
  extra: { omittedRuns: number; informationUri: string | undefined },
): RunParts {
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
  return {
    head: `{"tool":{"driver":${driver.slice(0, -1)},"rules":[`,
    middle: `]}},"automationDetails":${JSON.stringify({ id } satisfies Run['automationDetails'])},"results":[`,
    tail: `],"properties":${JSON.stringify(properties)}${invocations ? `,"invocations":${JSON.stringify(invocations)}` : ''}}`,
  };
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
