import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { batches, writeOutputFile } from '../../src/runtime/files.js';

const MiB = 1 << 20;

describe('batches', () => {
  test.each([
    ['small pieces are joined', ['a', 'b', 'c'], ['abc']],
    ['nothing', [], []],
    ['an empty piece', [''], ['']],
  ])('%s', (_, pieces, expected) => {
    expect([...batches(pieces)]).toEqual(expected);
  });

  test('pieces are joined up to ~1 MiB, a large one is split; the text is unchanged', () => {
    const pieces = ['x'.repeat(MiB - 10), 'y'.repeat(20), 'z'.repeat(2 * MiB + 5), 'tail'];
    const out = [...batches(pieces)];
    expect(out.join('')).toBe(pieces.join(''));
    expect(Math.max(...out.map((b) => b.length))).toBeLessThanOrEqual(MiB);
    expect(out.length).toBeLessThanOrEqual(5);
  });

  test('never splits a surrogate pair at a batch boundary', () => {
    const emoji = '\u{1F600}';
    const text = `${'a'.repeat(MiB - 1)}${emoji}${'b'.repeat(10)}`;
    const out = [...batches([text])];
    expect(out.join('')).toBe(text);
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    for (const batch of out) {
      expect(loneSurrogate.test(batch)).toBe(false);
    }
    expect(out.length).toBe(2);
  });
});

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
