import {
  checkBoolean,
  checkDate,
  checkInteger,
  checkPositiveNumber,
  checkRegion,
  splitList,
} from '../../src/inputs/checks.js';

describe('checkBoolean (core.getBooleanInput words plus yes/no, 1/0)', () => {
  test.each(['true', 'True', 'TRUE', 'yes', 'YES', '1', ' true '])('%j is true', (text) => {
    expect(checkBoolean(text)).toEqual({ ok: true, value: true });
  });
  test.each(['false', 'False', 'FALSE', 'no', 'No', '0'])('%j is false', (text) => {
    expect(checkBoolean(text)).toEqual({ ok: true, value: false });
  });
  test.each(['maybe', 'y', 'n', 'on', 'off', '', 'truee', '2'])('%j is refused', (text) => {
    expect(checkBoolean(text)).toMatchObject({
      ok: false,
      expected: expect.stringContaining('true or false'),
    });
  });
});

describe('checkInteger', () => {
  test.each([
    ['0', 0],
    ['600', 600],
    [' 3600 ', 3600],
  ])('%j → %d', (text, value) => {
    expect(checkInteger(text, 0, 3600, 'seconds')).toEqual({ ok: true, value });
  });
  test.each([
    ['abc', undefined],
    ['-1', undefined],
    ['1.5', undefined],
    ['3601', 'out of range'],
    ['10m', 'give the number alone, in seconds'],
    ['600s', 'give the number alone, in seconds'],
    ['', undefined],
    ['1e3', undefined],
  ])('%j is refused', (text, problem) => {
    const result = checkInteger(text, 0, 3600, 'seconds');
    expect(result).toMatchObject({
      ok: false,
      expected: 'a whole number of seconds from 0 to 3600',
    });
    if (!result.ok) expect(result.problem).toBe(problem);
  });
});

describe('checkPositiveNumber', () => {
  test.each([
    ['150', 150],
    ['12.5', 12.5],
    ['1', 1],
  ])('%j → %d', (text, value) => {
    expect(checkPositiveNumber(text)).toEqual({ ok: true, value });
  });
  test.each(['0', '-5', 'abc', '1,5', 'Infinity', '0.0'])('%j is refused', (text) => {
    expect(checkPositiveNumber(text).ok).toBe(false);
  });
});

describe('checkRegion', () => {
  test.each([
    'us-east-1',
    'eu-central-1',
    'cn-north-1',
    'cn-northwest-1',
    'us-gov-west-1',
    'ap-southeast-5',
    'mx-central-1',
    'il-central-1',
    'ca-west-1',
    'us-iso-east-1',
    'us-isob-east-1',
    'eusc-de-east-1',
  ])('%s is a region', (region) => {
    expect(checkRegion(region)).toEqual({ ok: true, value: region });
  });
  test.each([
    ['europe', undefined],
    ['us-east-1a', 'this is an availability zone; drop the final letter'],
    ['US-EAST-1', 'regions are lowercase'],
    ['us-east', undefined],
    ['east-1', undefined],
    ['us_east_1', undefined],
    ['us-east-1 b', undefined],
    ['useast1', undefined],
  ])('%j is not a region', (text, problem) => {
    const result = checkRegion(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toBe(problem);
  });
});

describe('checkDate', () => {
  test.each(['2027-01-31', '2028-02-29', '2026-12-31'])('%s is a date', (text) => {
    expect(checkDate(text)).toEqual({ ok: true, value: text });
  });
  test.each([
    ['2027-02-30', 'February 2027 has no day 30'],
    ['2027-02-29', 'February 2027 has no day 29'],
    ['2027-13-01', 'there is no month 13'],
    ['2027-04-31', 'April 2027 has no day 31'],
    ['2027-1-31', 'not a date (YYYY-MM-DD)'],
    ['31.01.2027', 'not a date (YYYY-MM-DD)'],
    ['next week', 'not a date (YYYY-MM-DD)'],
  ])('%s → %s', (text, problem) => {
    expect(checkDate(text)).toMatchObject({ ok: false, problem });
  });
});

describe('splitList', () => {
  test('newlines and commas separate; blanks and comments are dropped; lines are counted', () => {
    const text = 'a, b\n\n# a comment\nc # trailing comment\n  d  ,\n';
    expect(splitList(text)).toEqual([
      { value: 'a', line: 1 },
      { value: 'b', line: 1 },
      { value: 'c', line: 4 },
      { value: 'd', line: 5 },
    ]);
  });

  test('commas can be kept (IAM names may contain them)', () => {
    expect(splitList('role,x\nother', false)).toEqual([
      { value: 'role,x', line: 1 },
      { value: 'other', line: 2 },
    ]);
  });

  test('Windows line endings', () => {
    expect(splitList('a\r\nb').map((e) => e.value)).toEqual(['a', 'b']);
  });
});
