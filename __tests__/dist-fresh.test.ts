// dist/ is committed and the end-to-end tests run it: it must be exactly what src/ builds to.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

test('dist/ matches a fresh build of src/', () => {
  const fresh = join(mkdtempSync(join(tmpdir(), 'erg-dist-')), 'dist');
  execFileSync(process.execPath, ['scripts/bundle.mjs', fresh], { stdio: 'pipe' });
  const committed = files('dist')
    .map((f) => relative('dist', f))
    .sort();
  expect(
    files(fresh)
      .map((f) => relative(fresh, f))
      .sort(),
  ).toEqual(committed);
  const stale = committed.filter(
    (f) => !readFileSync(join('dist', f)).equals(readFileSync(join(fresh, f))),
  );
  if (stale.length > 0)
    throw new Error(`dist/ is stale (${stale.join(', ')}): run 'npm run build' and commit dist/`);
}, 300_000);
