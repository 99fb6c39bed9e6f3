import type { Time } from './scenario.js';

const CONSOLE_TIME = /^([A-Z][a-z]{2}) (\d{1,2}), (\d{4}), (\d{1,2}):(\d{2}):(\d{2}) ([AP]M)$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Epoch seconds of a {@link Time}. Also reads the text CloudTrail prints for ECR timestamps
 * ("Aug 11, 2021, 11:30:16 AM", taken as UTC), which is what recorded responses contain.
 * Returns undefined for anything else.
 */
export function epochSeconds(value: Time): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const consoleTime = CONSOLE_TIME.exec(value);
  if (consoleTime) {
    const [, mon, day, year, hour, minute, second, half] = consoleTime;
    const month = MONTHS.indexOf(mon ?? '');
    if (month < 0) return undefined;
    const h12 = Number(hour) % 12;
    const ms = Date.UTC(
      Number(year),
      month,
      Number(day),
      half === 'PM' ? h12 + 12 : h12,
      Number(minute),
      Number(second),
    );
    return ms / 1000;
  }
  // Only ISO-like text: Date.parse accepts many loose formats that would hide typos.
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

/** CloudTrail's `eventTime` format: second precision, UTC, `Z`. */
export function cloudTrailTime(seconds: number): string {
  return new Date(Math.floor(seconds) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Keys whose values are timestamps in ECR responses: served as epoch seconds. */
export const TIMESTAMP_KEYS = new Set([
  'firstObservedAt',
  'lastObservedAt',
  'updatedAt',
  'vendorCreatedAt',
  'vendorUpdatedAt',
  'pushedAt',
  'lastInUseAt',
  'imageScanCompletedAt',
  'vulnerabilitySourceUpdatedAt',
]);

/** Deep copy with every {@link TIMESTAMP_KEYS} string turned into epoch seconds. */
export function withEpochTimestamps(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withEpochTimestamps);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (TIMESTAMP_KEYS.has(key) && typeof item === 'string') {
      out[key] = epochSeconds(item) ?? item;
    } else {
      out[key] = withEpochTimestamps(item);
    }
  }
  return out;
}
