import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { encoded, writeOutputFile } from '../../src/runtime/files.js';

describe('writeOutputFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ecr-risk-gate-files-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('writes a string or its pieces byte for byte, creating the folder', async () => {
    const text = `{"a":"é${'\u{1F600}'.repeat(300_000)}"}`;
    const one = await writeOutputFile(join(dir, 'one', 'a.json'), text);
    const many = await writeOutputFile(join(dir, 'many', 'b.json'), [
      text.slice(0, 7),
      text.slice(7),
    ]);
    expect(readFileSync(one, 'utf8')).toBe(text);
    expect(readFileSync(many, 'utf8')).toBe(text);
  });

  test('replaces what was there before', async () => {
    const path = join(dir, 'r.json');
    await writeOutputFile(path, 'x'.repeat(1000));
    await writeOutputFile(path, ['short']);
    expect(readFileSync(path, 'utf8')).toBe('short');
  });
});

/** What `encoded` hands out, copied as it goes: each view is overwritten by the next. */
function drawn(pieces: Iterable<string>): Buffer[] {
  const out: Buffer[] = [];
  for (const bytes of encoded(pieces)) out.push(Buffer.from(bytes));
  return out;
}

describe('encoded', () => {
  test.each([
    ['small pieces are one buffer', ['a', 'b', 'c'], ['abc']],
    ['nothing', [], []],
    ['an empty piece', [''], []],
  ])('%s', (_, pieces, expected) => {
    expect(drawn(pieces).map((b) => b.toString('utf8'))).toEqual(expected);
  });

  test('at most 1 MiB a buffer', () => {
    const sizes = drawn(Array.from({ length: 100 }, () => 'é'.repeat(30_000))).map((b) => b.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1 << 20);
    expect(sizes.reduce((a, n) => a + n, 0)).toBe(100 * 60_000);
  });

  test('the UTF-8 of the pieces joined, large pieces and surrogate pairs included', () => {
    const pair = '\u{1F600}';
    const pieces = [
      'a',
      `é${pair}`.repeat(200_000),
      ...Array.from({ length: 3000 }, (_, i) => `${i},${pair}`),
      `${'x'.repeat(32 * 1024 - 1)}${pair}${'y'.repeat(40_000)}`,
      '',
      'end',
    ];
    const out = Buffer.concat(drawn(pieces));
    expect(out.equals(Buffer.from(pieces.join(''), 'utf8'))).toBe(true);
  });
});
