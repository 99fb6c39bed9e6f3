// `npm test`: type check, lint, then Jest (ESM). Ends with `N passed, N failed` from Jest's own
// results so a run that executed no test is visible. Extra arguments go to Jest and skip the checks.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const run = (cmd, cmdArgs, env = {}) =>
  spawnSync(cmd, cmdArgs, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

if (args.length === 0) {
  for (const [label, cmd, cmdArgs] of [
    ['typecheck', 'node_modules/.bin/tsc', ['--noEmit', '-p', 'tsconfig.test.json']],
    ['eslint', 'node_modules/.bin/eslint', ['.']],
    ['prettier', 'node_modules/.bin/prettier', ['--check', '.', '--log-level', 'warn']],
  ]) {
    console.log(`> ${label}`);
    if (run(cmd, cmdArgs) !== 0) {
      console.log(`${label} failed`);
      console.log('0 passed, 1 failed');
      process.exit(1);
    }
  }
}

mkdirSync('.tmp', { recursive: true });
const out = '.tmp/jest-results.json';
if (existsSync(out)) rmSync(out);
// Every temporary folder the tests make (bundle runs, event payloads, CLI homes) goes into one
// folder of this run, removed at the end: the suite leaves nothing in the system's temp folder.
const scratch = mkdtempSync(join(tmpdir(), 'ecr-risk-gate-test-'));
let status;
try {
  status = run(
    process.execPath,
    ['node_modules/jest/bin/jest.js', '--json', `--outputFile=${out}`, ...args],
    {
      NODE_OPTIONS: '--experimental-vm-modules --no-warnings=ExperimentalWarning',
      TMPDIR: scratch,
    },
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
let passed = 0;
let failed = 0;
if (existsSync(out)) {
  const results = JSON.parse(readFileSync(out, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
} else {
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(status !== 0 || failed > 0 || passed === 0 ? 1 : 0);
