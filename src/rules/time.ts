// Time helpers for the rules: Splunk's row time format and business hours in an IANA zone.
// Pure: the zone arithmetic is Intl's, so daylight-saving changes are handled by the platform's
// time zone database rather than by fixed offsets.
import type { BusinessHours } from '../inputs/settings.js';

/** `%Y-%m-%dT%H:%M:%S` in UTC, as the seed detections' `firstTime`/`lastTime`; '' for an invalid date. */
export function splunkTime(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  return date.toISOString().slice(0, 19);
}

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

// Building a formatter is costly; a run evaluates a handful of zones at most.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      // h23: midnight is 00, not 24 (some engines print 24:00 with hour12 false).
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Wall clock of `date` in `timeZone`: day of week (0 = Sunday) and minutes after midnight. */
export function localClock(date: Date, timeZone: string): { day: number; minute: number } {
  const parts = formatterFor(timeZone).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = DAY_NAMES.indexOf(part('weekday').toLowerCase() as (typeof DAY_NAMES)[number]);
  const minute = Number(part('hour')) * 60 + Number(part('minute'));
  return { day, minute };
}

/**
 * True when `date` falls inside the hours on one of the days, in the configured zone. A range
 * whose end is not after its start runs overnight (`22:00-06:00`): the early-morning part belongs
 * to the day the shift started on.
 */
export function isWithinBusinessHours(date: Date, hours: BusinessHours): boolean {
  const { day, minute } = localClock(date, hours.timezone);
  const { startMinute, endMinute } = hours;
  if (startMinute < endMinute) {
    return hours.days.includes(day) && minute >= startMinute && minute < endMinute;
  }
  const previousDay = (day + 6) % 7;
  return (
    (hours.days.includes(day) && minute >= startMinute) ||
    (hours.days.includes(previousDay) && minute < endMinute)
  );
}

const clock = (minute: number): string =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** `08:00-20:00 mon,tue,wed,thu,fri Europe/Berlin`, for messages. */
export function describeBusinessHours(hours: BusinessHours): string {
  const days = [...hours.days]
    .sort((a, b) => a - b)
    .map((d) => DAY_NAMES[d] ?? String(d))
    .join(',');
  return `${clock(hours.startMinute)}-${clock(hours.endMinute)} ${days} ${hours.timezone}`;
}

/** Wall-clock text of `date` in the zone, for messages: `Thu 01:17 Europe/Berlin`. */
export function describeLocalTime(date: Date, timeZone: string): string {
  const { day, minute } = localClock(date, timeZone);
  const name = DAY_NAMES[day] ?? '?';
  return `${name[0]?.toUpperCase() ?? ''}${name.slice(1)} ${clock(minute)} ${timeZone}`;
}
