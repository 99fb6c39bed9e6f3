import { bad, ok, type Check } from '../inputs/checks.js';

export const HOURS_EXPECTED =
  'a range HH:MM-HH:MM in local time, e.g. "08:00-20:00" ("22:00-06:00" runs overnight)';
export const DAYS_EXPECTED =
  'days as mon-fri, mon,wed,fri or a mix (mon-wed,fri); sun mon tue wed thu fri sat';
export const TIMEZONE_EXPECTED = 'an IANA time zone such as Europe/Berlin, America/New_York or UTC';

const TIME = /^(\d{1,2}):(\d{2})$/;

function minuteOf(text: string): number | undefined {
  const match = TIME.exec(text.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return undefined;
  return hours * 60 + minutes;
}

/**
 * `08:00-20:00`: start inclusive, end exclusive, local to the configured time zone. An end before
 * the start is an overnight range (`22:00-06:00`), owned by the day it starts on.
 */
export function checkHours(text: string): Check<{ startMinute: number; endMinute: number }> {
  const parts = text.split('-');
  if (parts.length !== 2) return bad(HOURS_EXPECTED);
  const start = minuteOf(parts[0] ?? '');
  const end = minuteOf(parts[1] ?? '');
  if (start === undefined || end === undefined || start === 24 * 60) return bad(HOURS_EXPECTED);
  if (start === end || (start === 0 && end === 24 * 60)) {
    return bad(
      HOURS_EXPECTED,
      'the range covers no time or the whole day; set the rule to off instead',
    );
  }
  return ok({ startMinute: start, endMinute: end });
}

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const FULL_DAY_NAMES = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
];

function dayIndex(text: string): number | undefined {
  const word = text.trim().toLowerCase();
  const short = DAY_NAMES.indexOf(word);
  if (short >= 0) return short;
  const full = FULL_DAY_NAMES.indexOf(word);
  return full >= 0 ? full : undefined;
}

/** Days as 0 = Sunday … 6 = Saturday, sorted; a range may wrap the week (`fri-mon`). */
export function checkDays(value: string | readonly string[]): Check<number[]> {
  const tokens = (typeof value === 'string' ? value.split(',') : value.flatMap((v) => v.split(',')))
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (tokens.length === 0) return bad(DAYS_EXPECTED, 'no day given');
  const days = new Set<number>();
  for (const token of tokens) {
    const [from, to, extra] = token.split('-');
    const start = dayIndex(from ?? '');
    const end = to === undefined ? start : dayIndex(to);
    if (start === undefined || end === undefined || extra !== undefined) {
      return bad(DAYS_EXPECTED, `"${token}" is not a day or a range of days`);
    }
    for (let day = start; ; day = (day + 1) % 7) {
      days.add(day);
      if (day === end) break;
    }
  }
  return ok([...days].sort((a, b) => a - b));
}

/** Validated with Intl: exactly the zones the runtime can compute local times in. */
export function checkTimezone(text: string): Check<string> {
  const zone = text.trim();
  if (zone === '') return bad(TIMEZONE_EXPECTED, 'it is empty');
  try {
    // Kept as written: ICU would rename some zones to legacy names (Asia/Kolkata → Asia/Calcutta).
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return ok(zone);
  } catch (error) {
    if (error instanceof RangeError) return bad(TIMEZONE_EXPECTED, 'unknown time zone');
    throw error;
  }
}
