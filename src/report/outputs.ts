import type { Report, UploaderStatus } from '../model.js';
import { SEVERITIES } from '../model.js';
import { cleanLine } from './escape.js';
import { unique } from './format.js';

export interface OutputPaths {
  reportFile: string;
  sarifFile?: string | null;
}

/** Each value stays far below the 1 MB per-job output limit even with hundreds of images. */
const MAX_VALUE_CHARS = 32_000;

/** Most worrying first: with several images, `uploader-status` is the worst of them. */
const STATUS_ORDER: readonly UploaderStatus[] = [
  'unknown',
  'unverified',
  'no-baseline',
  'seen',
  'known',
  'skipped',
];

/**
 * Step outputs (SPEC section 3). Counts are distinct findings after ignores, summed over the
 * images; `uploader` and `image-digest` are newline lists when images differ.
 */
export function buildOutputs(report: Report, paths: OutputPaths): Record<string, string> {
  const out: Record<string, string> = {
    result: report.result,
    'risk-score': String(report.riskScore),
  };
  let total = 0;
  for (const severity of SEVERITIES) {
    const key = severity.toLowerCase() as Lowercase<typeof severity>;
    const n = report.images.reduce((sum, image) => sum + image.scan.counts[key], 0);
    out[key] = String(n);
    total += n;
  }
  out['findings-total'] = String(total);
  // A sweep's pushers are its rows, not its images (issue 15).
  const rows = report.sweep?.rows;
  const principals = unique(
    rows
      ? rows.map((r) => r.principal)
      : report.images.flatMap((i) => (i.uploader.principal ? [i.uploader.principal] : [])),
  );
  out['uploader'] = list(principals);
  const statuses = rows ? rows.map((r) => r.status) : report.images.map((i) => i.uploader.status);
  out['uploader-status'] =
    STATUS_ORDER.find((s) => statuses.includes(s)) ?? report.uploaderStatus ?? 'skipped';
  out['image-digest'] = list(unique(report.images.map((i) => i.imageDigest)));
  out['report-file'] = paths.reportFile;
  out['sarif-file'] = paths.sarifFile ?? '';
  // Severity counts stay absolute; these two say what compare-to changed.
  const compared = report.images.flatMap((i) => (i.compare ? [i.compare] : []));
  out['new-findings'] = report.compareTo ? String(compared.reduce((n, c) => n + c.new, 0)) : '';
  out['fixed-findings'] = report.compareTo
    ? String(compared.reduce((n, c) => n + c.fixed.length, 0))
    : '';
  return out;
}

/** Whole entries only, so a consumer never reads half a digest; the report file has the rest. */
function list(values: readonly string[]): string {
  const kept: string[] = [];
  let size = 0;
  for (const value of values) {
    const line = cleanLine(value, 2048);
    if (size + line.length + 1 > MAX_VALUE_CHARS) break;
    kept.push(line);
    size += line.length + 1;
  }
  const more = values.length - kept.length;
  return [...kept, ...(more > 0 ? [`(+${more} more in the report file)`] : [])].join('\n');
}
