// Issue 17 §5: the CLI speaks for itself. Through the CLI bundle (dist/cli/index.js) where the
// message comes from the real AWS side; through runCli with a fake engine otherwise.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cli, IMAGE } from '../cli/cli-kit.js';
import { splunkReport } from '../report/fixtures.js';

const CLI = resolve('dist/cli/index.js');
const home = mkdtempSync(join(tmpdir(), 'erg-voice-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function bundle(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: home,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      AWS_REGION: 'eu-west-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      // Nothing listens there: a run that got past the profile check fails on the network.
      AWS_ENDPOINT_URL_ECR: 'http://127.0.0.1:9',
      AWS_ENDPOINT_URL_CLOUDTRAIL: 'http://127.0.0.1:9',
      ...env,
    },
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((done) =>
    child.on('close', (code) => {
      clearTimeout(killer);
      done({ code: code ?? -1, stderr });
    }),
  );
}

test('--profile naming no profile says so, lists the ones defined, exits 2 (configuration error)', async () => {
  writeFileSync(join(home, 'config'), '[profile prod]\nregion = eu-west-1\n');
  const run = await bundle(['--profile', 'nope', '--image', IMAGE, '--uploader-check', 'false'], {
    AWS_CONFIG_FILE: join(home, 'config'),
  });
  expect(run.stderr).toContain('--profile "nope" names no AWS profile');
  expect(run.stderr).toContain('Profiles defined there: prod.');
  // One sentence on one line (then the usage hint every configuration error ends with).
  expect(run.stderr.split('\n')[0]).toMatch(/^error: --profile "nope" names no AWS profile .*\.$/);
  expect(run.code).toBe(2);
});

test('AWS_PROFILE naming no profile is named as such', async () => {
  const run = await bundle(['--image', IMAGE, '--uploader-check', 'false'], {
    AWS_PROFILE: 'ghost',
  });
  expect(run.stderr).toContain('AWS_PROFILE "ghost" names no AWS profile');
  expect(run.stderr).toContain('No profile is defined there.');
  expect(run.code).toBe(2);
});

test('a non-ECR image is refused in the CLI\'s own words, not "this action"', async () => {
  const run = await cli(['--image', 'ghcr.io/acme/app:1']);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('ghcr.io is not an Amazon ECR registry; ecr-risk-gate gates images');
  expect(run.stderr).not.toMatch(/this action|actions\/checkout/);
});

test('a missing policy file does not point a CLI user at actions/checkout', async () => {
  const run = await cli(['--image', IMAGE, '--policy-file', 'missing.yml']);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('does not exist');
  expect(run.stderr).not.toMatch(/this action|actions\/checkout/);
});

test('text output points at the JSON report only when one was written', async () => {
  // The Splunk scan has 104 findings: more than the 10 the text lists.
  const without = await cli(['--image', IMAGE], { result: splunkReport() });
  expect(without.stdout).toMatch(/\+\d+ more \(--format json lists all\)/);
  expect(without.stdout).not.toContain('JSON report');
  const withFile = await cli(['--image', IMAGE, '--report-file', 'r.json'], {
    result: splunkReport(),
  });
  expect(withFile.stdout).toMatch(/\+\d+ more in the JSON report/);
  expect(withFile.stderr).toContain('JSON report written to');
  for (const run of [without, withFile]) rmSync(run.cwd, { recursive: true, force: true });
});
