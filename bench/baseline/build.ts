// Bundles the baseline script the way scripts/bundle.mjs bundles the gate (ncc, minified, ES2022),
// into a git-ignored folder of the bench run: it is built by the bench, never committed.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function buildBaseline(workDir: string): string {
  const out = resolve(workDir, 'baseline-bundle');
  mkdirSync(out, { recursive: true });
  execFileSync(
    process.execPath,
    [
      'node_modules/@vercel/ncc/dist/ncc/cli.js',
      'build',
      'bench/baseline/count-findings.ts',
      '-o',
      out,
      '--minify',
      '--quiet',
      '--target',
      'es2022',
    ],
    { stdio: 'inherit' },
  );
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  return join(out, 'index.js');
}
