import { bytes, count, markdownTable, mb, ms, ratio } from '../../bench/table.js';

test('markdownTable pads every column and right-aligns numbers', () => {
  const table = markdownTable(
    ['scenario', 'wall ms'],
    [
      ['basic', '1,234'],
      ['a longer name', '7'],
    ],
    ['left', 'right'],
  );
  expect(table.split('\n')).toEqual([
    '| scenario      | wall ms |',
    '| ------------- | ------: |',
    '| basic         |   1,234 |',
    '| a longer name |       7 |',
  ]);
});

test('a cell cannot break the table', () => {
  const table = markdownTable(['a'], [['x | y\nz']]);
  expect(table.split('\n')).toHaveLength(3);
  expect(table).toContain('x / y z');
});

test('missing cells are empty; columns are at least three wide', () => {
  expect(markdownTable(['a', 'b'], [['1']]).split('\n')).toEqual([
    '| a   | b   |',
    '| --- | --- |',
    '| 1   |     |',
  ]);
});

test('number formats', () => {
  expect(ms(1234.6)).toBe('1,235');
  expect(ms(Number.NaN)).toBe('–');
  expect(ms(null)).toBe('–');
  expect(ratio(1.149)).toBe('1.15×');
  expect(ratio(Number.POSITIVE_INFINITY)).toBe('–');
  expect(mb(249.6)).toBe('250');
  expect(bytes(512)).toBe('512 B');
  expect(bytes(2048)).toBe('2.0 KiB');
  expect(bytes(3_133_292)).toBe('2.99 MiB');
  expect(count(20_000)).toBe('20,000');
  expect(count(2.5)).toBe('2.5');
});
