// Issue 17 §1: the npm tarball a team installs. Packs this worktree, installs the tarball into an
// empty folder with no registry reachable (empty npm cache, registry pointed at a closed port,
// --offline), then runs the CLI through npx from there, once for --help and once against the
// emulator.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { splunkScanScenario, startEmulator, type Emulator } from '../../emulator/index.js';
import { baseEnv } from '../e2e/run-action.js';

const SPLUNK = '111111111111.dkr.ecr.eu-central-1.amazonaws.com/devsecops/cat_dog_client:latest';
const root = mkdtempSync(join(tmpdir(), 'erg-pack-'));
const cache = join(root, 'npm-cache');
const app = join(root, 'app');
// No registry: a closed local port, an empty cache and --offline. Any download attempt fails.
const npmEnv = {
  ...process.env,
  npm_config_registry: 'http://127.0.0.1:9/',
  npm_config_cache: cache,
  npm_config_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};
const npm = (args: string[], cwd: string): string =>
  execFileSync('npm', args, {
    cwd,
    env: npmEnv,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
function npx(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const child = spawn('npx', ['--offline', '--no-install', 'ecr-risk-gate', ...args], {
    cwd: app,
    env: { ...env, npm_config_cache: cache, npm_config_registry: 'http://127.0.0.1:9/' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((done) =>
    child.on('close', (code) => {
      clearTimeout(killer);
      done({ code: code ?? -1, stdout, stderr });
    }),
  );
}

let tarball: string;
let emulator: Emulator;
beforeAll(async () => {
  const packed = JSON.parse(
    npm(['pack', '--json', '--pack-destination', root], process.cwd()),
  ) as Array<{ filename: string; files: Array<{ path: string }> }>;
  const first = packed[0];
  if (!first) throw new Error('npm pack returned nothing');
  tarball = join(root, first.filename);
  files = first.files.map((f) => f.path).sort();
  execFileSync('mkdir', ['-p', app, cache]);
  npm(['init', '-y'], app);
  npm(['install', '--offline', '--no-audit', '--no-fund', tarball], app);
  emulator = await startEmulator(splunkScanScenario());
}, 120_000);
afterAll(async () => {
  await emulator?.close();
  rmSync(root, { recursive: true, force: true });
});
let files: string[] = [];

test('the tarball holds the CLI bundle and its chunks, README, LICENSE and package.json only', () => {
  const bundle = readdirSync('dist/cli').filter((f) => /\.(js|cjs)$/.test(f));
  // Every chunk the CLI bundle may load at run time (NNN.index.js); no source-map hook (it cost
  // start-up and no stack trace is ever shown).
  expect(bundle).toContain('index.js');
  expect(bundle).not.toContain('sourcemap-register.cjs');
  const expected = [
    'LICENSE',
    'README.md',
    'package.json',
    'dist/cli/licenses.txt',
    'dist/cli/package.json',
    ...bundle.map((f) => `dist/cli/${f}`),
  ].sort();
  expect(files).toEqual(expected);
});

test('installing downloads nothing: the package has no runtime dependencies', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as Record<string, unknown>;
  expect(pkg.private).toBeUndefined();
  expect(pkg.dependencies ?? {}).toEqual({});
  expect(readdirSync(join(app, 'node_modules')).filter((d) => !d.startsWith('.'))).toEqual([
    'ecr-risk-gate',
  ]);
});

test('npx ecr-risk-gate --help works from the offline install', async () => {
  const run = await npx(['--help'], process.env);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('Usage: ecr-risk-gate');
  expect(run.stdout).toContain('--image');
});

test('npx ecr-risk-gate gates an image against the emulator from the offline install', async () => {
  // SPEC: the Splunk scan has HIGH findings, which fail by default (exit code 1).
  const env = Object.fromEntries(
    Object.entries(baseEnv(emulator.url, app)).filter(
      ([k]) => !k.startsWith('GITHUB_') && !k.startsWith('RUNNER_'),
    ),
  );
  const run = await npx(['--image', SPLUNK, '--uploader-check', 'false', '--format', 'json'], env);
  expect(run.stderr).not.toMatch(/NodeVersionSupportWarning|this action/i);
  expect(run.code).toBe(1);
  const report = JSON.parse(run.stdout) as { result: string; images: unknown[] };
  expect(report.result).toBe('fail');
  expect(report.images).toHaveLength(1);
}, 90_000);
