import { checkDays, checkHours, checkTimezone } from '../../src/policy/business-hours.js';

describe('checkHours', () => {
  test.each([
    ['08:00-20:00', 480, 1200],
    ['8:30-17:45', 510, 1065],
    ['20:00-24:00', 1200, 1440],
    ['22:00-06:00', 1320, 360],
    ['09:00 - 17:00', 540, 1020],
  ])('%s', (text, startMinute, endMinute) => {
    expect(checkHours(text)).toEqual({ ok: true, value: { startMinute, endMinute } });
  });

  test.each([
    '8-20',
    '08:00',
    '25:00-26:00',
    '08:60-20:00',
    '24:30-24:45',
    '24:00-06:00',
    '00:00-24:00',
    '10:00-10:00',
    'nine-five',
  ])('%j is refused', (text) => {
    expect(checkHours(text).ok).toBe(false);
  });
});

describe('checkDays', () => {
  test.each<[string | string[], number[]]>([
    ['mon-fri', [1, 2, 3, 4, 5]],
    ['Mon,Wed,Fri', [1, 3, 5]],
    ['sun', [0]],
    ['saturday-sunday', [0, 6]],
    ['thu-tue', [0, 1, 2, 4, 5, 6]],
    [
      ['mon', 'tue-wed'],
      [1, 2, 3],
    ],
  ])('%j', (value, days) => {
    expect(checkDays(value)).toEqual({ ok: true, value: days });
  });

  test.each(['', 'weekdays', 'mon-fri-sat', 'mo', 'mon-'])('%j is refused', (value) => {
    expect(checkDays(value).ok).toBe(false);
  });
});

describe('checkTimezone', () => {
  test.each(['Europe/Berlin', 'America/New_York', 'UTC', 'Asia/Kolkata'])('%s', (zone) => {
    expect(checkTimezone(zone)).toEqual({ ok: true, value: zone });
  });

  test.each(['Europe/Berlinn', 'CEST+1', 'Mars/Olympus', ''])('%j is refused', (zone) => {
    expect(checkTimezone(zone).ok).toBe(false);
  });
});
