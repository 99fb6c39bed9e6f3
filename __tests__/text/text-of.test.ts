// textOf turns any value from outside into bounded text without throwing (src/text-of.ts).
import { describe, expect, test } from '@jest/globals';
import { textOf } from '../../src/text-of.js';
import { errorMessage } from '../../src/errors.js';

const cyclic: Record<string, unknown> = { a: 1 };
cyclic.self = cyclic;

describe('textOf', () => {
  test.each<[string, unknown, string]>([
    ['a string as it is', 'FAILED', 'FAILED'],
    ['a number', 7, '7'],
    ['a boolean', false, 'false'],
    ['a bigint', 12n, '12'],
    ['undefined', undefined, 'undefined'],
    ['null', null, 'null'],
    ['a symbol', Symbol('x'), 'a symbol'],
    ['a function', () => 1, 'a function'],
    ['an object as JSON', { status: 'X' }, '{"status":"X"}'],
    ['an array as JSON', [1, 'a'], '[1,"a"]'],
    [
      'an object whose toString is not callable (JSON from a fuzz case)',
      { toString: {} },
      '{"toString":{}}',
    ],
    ['an object without a prototype', Object.assign(Object.create(null), { a: 1 }), '{"a":1}'],
    ['a cyclic object', cyclic, 'an object'],
    ['an object holding a BigInt', { n: 1n }, 'an object'],
    ['an array holding a BigInt', [1n], 'an array'],
    [
      'a throwing toJSON',
      {
        toJSON: () => {
          throw new Error('no');
        },
      },
      'an object',
    ],
    ['an Error, by its message', new Error('boom'), 'boom'],
  ])('%s', (_what, value, expected) => {
    expect(textOf(value)).toBe(expected);
  });

  test('bounded to max characters, marked as cut', () => {
    expect(textOf('x'.repeat(500), 10)).toBe(`${'x'.repeat(10)}…`);
    expect(textOf({ long: 'y'.repeat(500) }, 12)).toBe('{"long":"yyy…');
    expect(textOf('exactly', 7)).toBe('exactly');
  });

  test('String() on the fuzz value throws, which is why textOf exists', () => {
    expect(() => String({ toString: {} })).toThrow(TypeError);
  });
});

describe('errorMessage on thrown values that are not Errors', () => {
  test.each<[string, unknown, string]>([
    ['a thrown string', 'plain', 'plain'],
    ['a thrown object with a non-callable toString', { toString: 1 }, '{"toString":1}'],
    ['a thrown null', null, 'null'],
  ])('%s', (_what, value, expected) => {
    expect(errorMessage(value)).toBe(expected);
  });
});
