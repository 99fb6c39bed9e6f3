// The `sweep` input: a window relative to now, in the seed searches' own form
// (`earliest=-70m latest=-10m`), written `70m..10m`. Pure.
import { type Check, bad, ok } from './checks.js';

/** Minutes before now; start > end >= 0. */
export interface SweepWindow {
  startMinutes: number;
  endMinutes: number;
  /** As the user wrote it, for messages. */
  text: string;
}

// CloudTrail's LookupEvents keeps 90 days
// (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html).
export const MAX_SWEEP_MINUTES = 90 * 24 * 60;

const EXPECTED =
  'a window relative to now, START..END, each a number with a unit (s, m, h, d), e.g. 70m..10m or 2h..10m (as the seed searches: earliest=-70m latest=-10m), START > END >= 0, at most 90d back';

const UNIT_MINUTES: Readonly<Record<string, number>> = { s: 1 / 60, m: 1, h: 60, d: 1440 };

// Bounded and anchored: the value is at most 80 characters before this runs.
const AGO = /^-?(\d{1,7})\s*([smhd])$/;
const SEED_FORM = /^earliest\s*=\s*(\S{1,12})\s+latest\s*=\s*(\S{1,12})$/;

function minutesAgo(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (t === '0' || t === 'now') return 0;
  const m = AGO.exec(t);
  if (!m?.[1] || !m[2]) return undefined;
  return Number(m[1]) * (UNIT_MINUTES[m[2]] ?? NaN);
}

export function checkSweepWindow(text: string): Check<SweepWindow> {
  const value = text.trim();
  if (value.length > 80) return bad(EXPECTED, 'it is too long');
  const seed = SEED_FORM.exec(value.toLowerCase());
  const parts = seed ? [seed[1] ?? '', seed[2] ?? ''] : value.split('..');
  if (parts.length !== 2) return bad(EXPECTED);
  const [startText = '', endText = ''] = parts;
  const start = minutesAgo(startText);
  const end = minutesAgo(endText);
  if (start === undefined || end === undefined) return bad(EXPECTED);
  if (!(start > end)) {
    return bad(EXPECTED, 'the start must lie further back than the end');
  }
  if (start > MAX_SWEEP_MINUTES) {
    return bad(
      EXPECTED,
      'CloudTrail keeps 90 days of events, so the start cannot lie further back',
    );
  }
  return ok({ startMinutes: start, endMinutes: end, text: value });
}

/** The window's bounds at `now`. */
export function windowAt(window: SweepWindow, now: Date): { start: Date; end: Date } {
  const t = now.getTime();
  return {
    start: new Date(t - window.startMinutes * 60_000),
    end: new Date(t - window.endMinutes * 60_000),
  };
}
