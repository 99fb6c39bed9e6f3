// Confirming a finished scan's findings before they are trusted. Enhanced scanning (Amazon
// Inspector) can answer COMPLETE or ACTIVE before its findings exist: aws/aws-sdk#289
// (https://github.com/aws/aws-sdk/issues/289) shows COMPLETE with `{"findings": []}` and the
// findings 20+ s later. Zero findings from a scan that is (or may be) enhanced are therefore only
// believed after re-reads over the whole `scan-settle-seconds` window; findings that are still
// changing, or fewer than `findingSeverityCounts` claims, are re-read a few times.
import type { Finding, Severity, ScanType } from '../model.js';
import { SEVERITIES } from '../model.js';
import { toSeverity } from './findings.js';
import { sameFindings, type ScanRead } from './scan-read.js';
import { REREAD_DELAYS_MS } from './scan-status.js';

/** scan-settle-seconds' default: longer than the 20+ s aws/aws-sdk#289 reports. */
export const DEFAULT_SETTLE_MS = 60_000;
/** Gap between the re-reads that confirm zero findings over the settle window. */
export const SETTLE_POLL_MS = 5_000;

export interface SettleContext {
  /** One more read; undefined when it failed or was cut off (the context noted why). */
  reread(): Promise<ScanRead | undefined>;
  isDone(read: ScanRead): boolean;
  sleep(ms: number): Promise<void>;
  now(): number;
  deadline: number;
  aborted(): boolean;
  note(text: string): void;
}

export type Settled =
  { read: ScanRead; confirmed: true } | { read: ScanRead; confirmed: false; why: string };

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

/**
 * Re-reads until two reads agree (bounded): when findings just appeared after zero (`mustAgree`),
 * or fewer came back than the counts claim.
 */
async function stable(ctx: SettleContext, first: ScanRead, mustAgree: boolean): Promise<ScanRead> {
  const suspicious = (read: ScanRead) => (read.firstPageCountSum ?? 0) > read.findings.length;
  if (!mustAgree && !suspicious(first)) return first;
  let previous = first;
  for (const delay of REREAD_DELAYS_MS) {
    const remaining = ctx.deadline - ctx.now();
    if (remaining <= 0 || ctx.aborted()) {
      ctx.note('Findings were not confirmed by a second read before the deadline.');
      return previous;
    }
    await ctx.sleep(Math.min(delay, remaining));
    const next = await ctx.reread();
    if (!next) return previous;
    if (!ctx.isDone(next)) continue;
    if (sameFindings(previous, next) && !suspicious(next)) return next;
    previous = next;
  }
  if (!suspicious(previous)) {
    ctx.note(
      `Findings were still changing after ${REREAD_DELAYS_MS.length} re-reads; the last read is used.`,
    );
  }
  return previous;
}

/**
 * Settles a finished read. `registryType` is the registry's scan type (undefined: unknown, handled
 * as enhanced); `settleMs` is scan-settle-seconds; `doneAt` is when the scan was first seen done.
 */
export async function settle(
  ctx: SettleContext,
  first: ScanRead,
  registryType: ScanType | undefined,
  settleMs: number,
  doneAt: number,
): Promise<Settled> {
  // ACTIVE is continuous scanning, enhanced only; aws/aws-cli#6759 shows it with `{"findings": []}`.
  const mayBeEnhanced =
    registryType !== 'BASIC' || first.type === 'ENHANCED' || first.status === 'ACTIVE';
  if (first.findings.length > 0 || !mayBeEnhanced || (first.firstPageCountSum ?? 0) > 0) {
    return { read: await stable(ctx, first, false), confirmed: true };
  }
  // A scan finished longer ago than the window has had its findings for that long already.
  const age = first.completedAt ? ctx.now() - first.completedAt.getTime() : -1;
  if (age >= settleMs) {
    if (settleMs > 0) {
      ctx.note(
        `Zero findings: the scan completed ${seconds(age)} ago, longer than the ` +
          `${seconds(settleMs)} settle window (scan-settle-seconds).`,
      );
    }
    return { read: first, confirmed: true };
  }
  let read = first;
  for (;;) {
    const elapsed = ctx.now() - doneAt;
    if (elapsed >= settleMs) break;
    const remaining = ctx.deadline - ctx.now();
    if (remaining <= 0 || ctx.aborted()) {
      return {
        read,
        confirmed: false,
        why:
          `ECR answered ${first.status ?? 'done'} with zero findings, but an enhanced scan's ` +
          `findings can arrive after it does (aws/aws-sdk#289); zero findings were confirmed ` +
          `for only ${seconds(elapsed)} of the ${seconds(settleMs)} settle window ` +
          `(scan-settle-seconds) before scan-timeout ended the wait; raise scan-timeout or ` +
          `lower scan-settle-seconds`,
      };
    }
    await ctx.sleep(Math.min(SETTLE_POLL_MS, settleMs - elapsed, remaining));
    const next = await ctx.reread();
    if (next && ctx.isDone(next)) read = next;
    if (read.findings.length > 0 || (read.firstPageCountSum ?? 0) > 0) {
      return { read: await stable(ctx, read, true), confirmed: true };
    }
  }
  const type = registryType ?? 'unknown';
  ctx.note(
    `Zero findings were confirmed over the ${seconds(settleMs)} settle window ` +
      `(scan-settle-seconds; registry scan type ${type}).`,
  );
  return { read, confirmed: true };
}

/**
 * Findings ECR's `findingSeverityCounts` claims but did not return, per severity, as stand-in
 * findings: the verdict fails closed at the claimed severity instead of passing on what is missing.
 * Counts are compared per severity: under enhanced scanning they describe the first page only
 * (SPEC §6), which can never exceed what was read.
 */
export function unreturnedFindings(read: ScanRead): Finding[] {
  const claimed = new Map<Severity, number>();
  for (const [raw, n] of Object.entries(read.claimedCounts ?? {})) {
    const severity = toSeverity(raw);
    claimed.set(severity, (claimed.get(severity) ?? 0) + n);
  }
  const out: Finding[] = [];
  for (const severity of SEVERITIES) {
    const want = claimed.get(severity) ?? 0;
    const got = read.findings.filter((f) => f.severity === severity).length;
    if (want <= got) continue;
    const id = `ECR-UNRETURNED-${severity}`;
    out.push({
      id,
      name: id,
      description:
        `ECR's findingSeverityCounts claims ${want} ${severity} finding${want === 1 ? '' : 's'} ` +
        `but returned ${got}, also after re-reading; the gate counts the missing ones at the ` +
        `claimed severity`,
      severity,
      scannerSeverity: severity,
      packages: [],
      source: read.type === 'ENHANCED' ? 'enhanced' : 'basic',
    });
  }
  return out;
}

/** The read a settled scan is judged on: fail closed when unconfirmed or incomplete. */
export function settledRead(settled: Settled): { read: ScanRead; usable: boolean; note?: string } {
  const read = settled.read;
  if (!settled.confirmed) {
    return {
      read: { ...read, status: 'UNCONFIRMED', description: `${settled.why}.` },
      usable: false,
    };
  }
  if (read.incomplete) {
    const description = `Findings could not all be read: ${read.incomplete}.`;
    return { read: { ...read, status: 'FINDINGS_INCOMPLETE', description }, usable: false };
  }
  const unreturned = unreturnedFindings(read);
  if (unreturned.length === 0) return { read, usable: true };
  return {
    read: { ...read, findings: [...read.findings, ...unreturned] },
    usable: true,
    note:
      `ECR's findingSeverityCounts claim findings that were not returned ` +
      `(${unreturned.map((f) => f.severity).join(', ')}); they are counted at the claimed severity.`,
  };
}
