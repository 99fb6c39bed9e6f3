import type { BusinessHours } from '../../src/inputs/settings.js';
import {
  describeBusinessHours,
  describeLocalTime,
  isValidTimeZone,
  isWithinBusinessHours,
  localClock,
  splunkTime,
} from '../../src/rules/time.js';

const MON_FRI = [1, 2, 3, 4, 5];
const berlin: BusinessHours = {
  startMinute: 8 * 60,
  endMinute: 20 * 60,
  days: MON_FRI,
  timezone: 'Europe/Berlin',
};

describe('splunkTime', () => {
  test.each([
    ['2021-08-18T23:17:30.000Z', '2021-08-18T23:17:30'],
    ['2021-08-18T23:17:30.999Z', '2021-08-18T23:17:30'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00'],
    // The offset is converted, not dropped: the row is in UTC.
    ['2024-03-01T01:30:00+02:00', '2024-02-29T23:30:00'],
  ])('%s → %s', (input, expected) => {
    expect(splunkTime(new Date(input))).toBe(expected);
  });

  test('an invalid date gives an empty string instead of throwing', () => {
    expect(splunkTime(new Date('not a date'))).toBe('');
  });
});

describe('business hours in Europe/Berlin, 08:00-20:00 mon-fri', () => {
  test.each([
    // Winter (CET, UTC+1)
    ['Mon 2024-03-25 07:00 UTC = 08:00 CET', '2024-03-25T07:00:00Z', true],
    ['Mon 2024-03-25 06:59 UTC = 07:59 CET', '2024-03-25T06:59:00Z', false],
    ['Mon 2024-03-25 18:59 UTC = 19:59 CET', '2024-03-25T18:59:00Z', true],
    ['Mon 2024-03-25 19:00 UTC = 20:00 CET (end exclusive)', '2024-03-25T19:00:00Z', false],
    // Summer time starts Sun 2024-03-31: the same UTC hour is now an hour later locally.
    ['Mon 2024-04-01 06:00 UTC = 08:00 CEST', '2024-04-01T06:00:00Z', true],
    ['Mon 2024-04-01 05:59 UTC = 07:59 CEST', '2024-04-01T05:59:00Z', false],
    ['Mon 2024-04-01 18:00 UTC = 20:00 CEST', '2024-04-01T18:00:00Z', false],
    ['Mon 2024-04-01 19:00 UTC = 21:00 CEST', '2024-04-01T19:00:00Z', false],
    // Summer time ends Sun 2024-10-27.
    ['Fri 2024-10-25 06:00 UTC = 08:00 CEST', '2024-10-25T06:00:00Z', true],
    ['Mon 2024-10-28 06:00 UTC = 07:00 CET', '2024-10-28T06:00:00Z', false],
    ['Mon 2024-10-28 07:00 UTC = 08:00 CET', '2024-10-28T07:00:00Z', true],
    // Weekend and the local date differing from the UTC date.
    ['Sat 2024-03-30 12:00 UTC', '2024-03-30T12:00:00Z', false],
    ['Sun 2024-03-31 12:00 UTC', '2024-03-31T12:00:00Z', false],
    ['Sun 2024-03-24 23:30 UTC = Mon 00:30 CET', '2024-03-24T23:30:00Z', false],
    ['Fri 2024-03-29 23:30 UTC = Sat 00:30 CET', '2024-03-29T23:30:00Z', false],
  ])('%s → %s', (_label, iso, expected) => {
    expect(isWithinBusinessHours(new Date(iso), berlin)).toBe(expected);
  });

  test('the Splunk push (Wed 2021-08-18 23:17:30 UTC) is Thu 01:17 in Berlin: outside', () => {
    const pushed = new Date('2021-08-18T23:17:30Z');
    expect(localClock(pushed, 'Europe/Berlin')).toEqual({ day: 4, minute: 77 });
    expect(isWithinBusinessHours(pushed, berlin)).toBe(false);
    expect(describeLocalTime(pushed, 'Europe/Berlin')).toBe('Thu 01:17 Europe/Berlin');
  });

  test('midnight is minute 0, not 24:00', () => {
    expect(localClock(new Date('2024-01-15T23:00:00Z'), 'Europe/Berlin')).toEqual({
      day: 2,
      minute: 0,
    });
  });
});

describe('overnight hours 22:00-06:00 starting mon-fri', () => {
  const night: BusinessHours = {
    startMinute: 22 * 60,
    endMinute: 6 * 60,
    days: MON_FRI,
    timezone: 'UTC',
  };
  test.each([
    ['Mon 23:00', '2024-03-25T23:00:00Z', true],
    ['Tue 05:59 (shift started Mon)', '2024-03-26T05:59:00Z', true],
    ['Tue 06:00', '2024-03-26T06:00:00Z', false],
    ['Mon 05:00 (shift would have started Sun)', '2024-03-25T05:00:00Z', false],
    ['Sat 03:00 (shift started Fri)', '2024-03-30T03:00:00Z', true],
    ['Sat 23:00', '2024-03-30T23:00:00Z', false],
  ])('%s → %s', (_label, iso, expected) => {
    expect(isWithinBusinessHours(new Date(iso), night)).toBe(expected);
  });
});

test('describeBusinessHours names hours, days and zone', () => {
  expect(describeBusinessHours(berlin)).toBe('08:00-20:00 mon,tue,wed,thu,fri Europe/Berlin');
});

test('isValidTimeZone', () => {
  expect(isValidTimeZone('Europe/Berlin')).toBe(true);
  expect(isValidTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
  expect(isValidTimeZone('Mars/Olympus')).toBe(false);
});
