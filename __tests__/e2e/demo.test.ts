// `npm run demo` on a fresh clone (issue 16): the default world is built by our own builders, so
// it needs nothing from ../shared; its output honours NO_COLOR and it leaves no temp folder.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDemo, wantsColor } from '../../demo/demo.js';
import { builtWorld } from '../../demo/world.js';
import type { Detection } from '../../src/model.js';

const out = mkdtempSync(join(tmpdir(), 'erg-demo-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

test('the built world: ~100 basic findings over every severity, a stranger pushing cross-account', async () => {
  let text = '';
  const run = await runDemo({
    world: builtWorld(),
    out,
    color: false,
    write: (t) => (text += t),
  });
  // SPEC §2 defaults: critical and high fail, and the cross-account push by an unlisted IAM user
  // fires unknown-uploader and cross-account-uploader (both fail).
  expect(run.outputs.result).toBe('fail');
  expect(run.code).toBe(1);
  expect(run.outputs).toMatchObject({
    critical: '1',
    high: '2',
    medium: '14',
    low: '22',
    informational: '62',
    undefined: '3',
    'findings-total': '104',
  });
  const rules = new Set((run.report().detections as Detection[]).map((d) => d.rule));
  for (const rule of ['critical', 'high', 'medium', 'unknown-uploader', 'cross-account-uploader'])
    expect(rules).toContain(rule);
  expect(text).not.toContain('\x1b[');
  expect(existsSync(run.dir)).toBe(false);
  expect(existsSync(join(out, 'report.json'))).toBe(true);
});

test('colour only on a terminal without NO_COLOR', () => {
  expect(wantsColor({}, true)).toBe(true);
  expect(wantsColor({ NO_COLOR: '1' }, true)).toBe(false);
  expect(wantsColor({}, false)).toBe(false);
  expect(wantsColor({ TERM: 'dumb' }, true)).toBe(false);
});
