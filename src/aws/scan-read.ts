// One read of an image's scan: the first page always (it carries the status), every further page
// when the status says the findings are final. Pagination is bounded: a nextToken that repeats, a
// run of empty pages that keep handing out tokens, or more pages than any real scan has all stop
// the read, and the read says it is incomplete.
import type {
  DescribeImageScanFindingsCommandOutput,
  EnhancedImageScanFinding,
  ImageScanFinding,
} from '@aws-sdk/client-ecr';
import type { Finding, ScanType } from '../model.js';
import {
  isKnownSeverity,
  normalizeBasic,
  normalizeEnhanced,
  objectsOf,
  showScannerValue,
} from './findings.js';
import { textOf } from '../text-of.js';

/** 1,000 pages × 100 enhanced findings is far beyond any real image. */
export const MAX_PAGES = 1000;
/** Empty pages in a row that still carry a nextToken before we stop believing the token. */
export const MAX_EMPTY_PAGES = 5;
/** Basic pages honour up to 1,000; enhanced pages hold 100 whatever is asked. */
export const PAGE_SIZE = 1000;

export type FetchPage = (
  nextToken: string | undefined,
) => Promise<DescribeImageScanFindingsCommandOutput>;

export interface ScanRead {
  /** `imageScanStatus.status` exactly as sent; undefined when ECR sent none. */
  status: string | undefined;
  description?: string;
  /** From the shape of the findings: undefined when the response had no findings list at all. */
  type: ScanType | undefined;
  findings: Finding[];
  /** Sum of the first page's `findingSeverityCounts` (whole-scan counts under some scanners). */
  firstPageCountSum?: number;
  completedAt?: Date;
  vulnerabilitySourceUpdatedAt?: Date;
  pages: number;
  /** Why the findings cannot all be trusted (pagination stopped early, unreadable entries). */
  incomplete?: string;
  /** Findings entries without a readable severity (not an object, severity not text). */
  unreadable?: number;
  /** Severity words the gate does not understand, as sent (a few, for the message). */
  unknownSeverities?: string[];
  /** First page's `findingSeverityCounts`, per severity as sent. */
  claimedCounts?: Record<string, number>;
  /**
   * A final status whose findings are missing or not a list (no `imageScanFindings`,
   * `findings: null`): not "no findings" but a malformed answer, said in these words.
   */
  malformed?: string;
}

/**
 * Entries of a findings list the verdict cannot rest on: a severity that is not text could have
 * been CRITICAL. Counted so the read fails closed instead of scoring them as UNDEFINED.
 */
function unreadableEntries(list: unknown): number {
  if (list === undefined || list === null) return 0;
  if (!Array.isArray(list)) return 1;
  return list.filter(
    (item: unknown) =>
      typeof item !== 'object' ||
      item === null ||
      typeof (item as { severity?: unknown }).severity !== 'string',
  ).length;
}

function typeOf(page: DescribeImageScanFindingsCommandOutput): ScanType | undefined {
  const findings = page.imageScanFindings;
  if (findings?.enhancedFindings !== undefined) return 'ENHANCED';
  if (findings?.findings !== undefined) return 'BASIC';
  return undefined;
}

function addPage(read: ScanRead, page: DescribeImageScanFindingsCommandOutput): void {
  const findings = page.imageScanFindings;
  const basic = objectsOf<ImageScanFinding>(findings?.findings).map(normalizeBasic);
  const enhanced = objectsOf<EnhancedImageScanFinding>(findings?.enhancedFindings).map(
    normalizeEnhanced,
  );
  // A loop, not push(...): one hostile page of 130,000 findings would overflow the stack.
  for (const finding of basic) read.findings.push(finding);
  for (const finding of enhanced) read.findings.push(finding);
  for (const list of [findings?.findings, findings?.enhancedFindings]) {
    for (const item of objectsOf<{ severity?: unknown }>(list)) {
      if (typeof item.severity !== 'string' || isKnownSeverity(item.severity)) continue;
      const unknown = (read.unknownSeverities ??= []);
      const shown = showScannerValue(item.severity);
      if (unknown.length < 5 && !unknown.includes(shown)) unknown.push(shown);
    }
  }
  const unreadable =
    unreadableEntries(findings?.findings) + unreadableEntries(findings?.enhancedFindings);
  if (unreadable > 0) read.unreadable = (read.unreadable ?? 0) + unreadable;
  read.type ??= typeOf(page);
}

function entryCount(page: DescribeImageScanFindingsCommandOutput): number {
  const findings = page.imageScanFindings;
  return objectsOf(findings?.findings).length + objectsOf(findings?.enhancedFindings).length;
}

function stopReason(
  token: string,
  pages: number,
  emptyRun: number,
  seenTokens: ReadonlySet<string>,
): string | undefined {
  if (seenTokens.has(token)) return `ECR repeated a pagination token after ${pages} pages`;
  if (pages >= MAX_PAGES) return `stopped after ${MAX_PAGES} pages of findings`;
  if (emptyRun >= MAX_EMPTY_PAGES)
    return `ECR returned ${emptyRun} empty pages in a row that still pointed to more`;
  return undefined;
}

/**
 * Reads page one; when `final(status)` holds, reads the rest. Errors propagate: the caller decides
 * which are scan states (ScanNotFound), which are worth another try, and which stop the run.
 */
export async function readScan(
  fetchPage: FetchPage,
  final: (status: string | undefined) => boolean,
): Promise<ScanRead> {
  const first = await fetchPage(undefined);
  const summary = first.imageScanFindings;
  // A status or description of another type is an unknown status (fail closed), not a crash.
  const status: unknown = first.imageScanStatus?.status;
  const description: unknown = first.imageScanStatus?.description;
  const read: ScanRead = {
    status: typeof status === 'string' ? status : status === undefined ? undefined : textOf(status),
    type: typeOf(first),
    findings: [],
    pages: 1,
  };
  if (typeof description === 'string' && description !== '') read.description = description;
  if (summary?.imageScanCompletedAt) read.completedAt = summary.imageScanCompletedAt;
  if (summary?.vulnerabilitySourceUpdatedAt)
    read.vulnerabilitySourceUpdatedAt = summary.vulnerabilitySourceUpdatedAt;
  if (summary?.findingSeverityCounts) {
    read.firstPageCountSum = Object.values(summary.findingSeverityCounts).reduce(
      (sum: number, n) => sum + (typeof n === 'number' ? n : 0),
      0,
    );
    read.claimedCounts = {};
    for (const [severity, n] of Object.entries(summary.findingSeverityCounts)) {
      if (typeof n === 'number' && Number.isFinite(n) && n > 0) read.claimedCounts[severity] = n;
    }
  }
  if (!final(read.status)) return read;
  const malformed = malformedFindings(first);
  if (malformed) {
    read.malformed = malformed;
    return read;
  }

  // Page n + 1 is requested before page n is normalised, so the next round trip overlaps the
  // work on this one (issue 13 §1). Still one request in flight at most, and every bound below is
  // checked before a request goes out.
  const seenTokens = new Set<string>();
  let page = first;
  let emptyRun = 0;
  for (;;) {
    emptyRun = entryCount(page) === 0 ? emptyRun + 1 : 0;
    const token = page.nextToken;
    let next: Promise<DescribeImageScanFindingsCommandOutput> | undefined;
    if (token) {
      const stop = stopReason(token, read.pages, emptyRun, seenTokens);
      if (stop) read.incomplete = stop;
      else {
        seenTokens.add(token);
        // Any thenable (or a synchronous throw) becomes a real promise.
        next = new Promise((resolve) => resolve(fetchPage(token)));
        // Handled where it is awaited; this only keeps a rejection that lands while the page
        // before it is being processed from counting as unhandled.
        next.catch(() => undefined);
      }
    }
    addPage(read, page);
    if (!next) break;
    page = await next;
    read.pages += 1;
  }
  if (read.unreadable && !read.incomplete) {
    read.incomplete = `ECR sent ${read.unreadable} finding entr${read.unreadable === 1 ? 'y' : 'ies'} without a readable severity`;
  }
  if (read.unknownSeverities && !read.incomplete) {
    read.incomplete = `ECR sent finding severit${read.unknownSeverities.length === 1 ? 'y' : 'ies'} ${read.unknownSeverities.join(', ')} that the gate does not understand (known: CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNDEFINED, UNTRIAGED)`;
  }
  return read;
}

/**
 * A COMPLETE or ACTIVE answer must carry a findings list (`[]` when clean: every real response in
 * ../shared/data/realworld/ecr-scan-responses.json does, the aws-sdk#289 one included). Without
 * one, "no findings" would be a guess.
 */
function malformedFindings(page: DescribeImageScanFindingsCommandOutput): string | undefined {
  const findings: unknown = page.imageScanFindings;
  if (findings === undefined || findings === null) return 'no imageScanFindings';
  if (typeof findings !== 'object') return 'imageScanFindings is not an object';
  const { findings: basic, enhancedFindings: enhanced } = findings as Record<string, unknown>;
  if (Array.isArray(basic) || Array.isArray(enhanced)) return undefined;
  if (basic === null) return 'findings: null';
  if (enhanced === null) return 'enhancedFindings: null';
  return 'no findings list in imageScanFindings';
}

/** Two reads describe the same findings (same ids, same number of each). */
export function sameFindings(a: ScanRead, b: ScanRead): boolean {
  if (a.findings.length !== b.findings.length) return false;
  const key = (read: ScanRead) =>
    read.findings
      .map((f) => `${f.id}\u0000${f.packages.map((p) => p.name).join(',')}`)
      .sort()
      .join('\u0001');
  return key(a) === key(b);
}
