import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { digest, scenario } from './kit.js';

const TSX = resolve('node_modules/.bin/tsx');
const CLI = resolve('emulator/cli.ts');

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function run(args: string[]): Run {
  const child = spawn(TSX, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** The announced URL, waiting at most 20 s for it. */
async function urlOf(r: Run): Promise<string> {
  for (let waited = 0; waited < 20_000; waited += 50) {
    const match = /^EMULATOR_URL=(http:\/\/127\.0\.0\.1:\d+)\n/.exec(r.stdout());
    if (match?.[1]) return match[1];
    if (r.child.exitCode !== null) break;
    await new Promise((done) => setTimeout(done, 50));
  }
  r.child.kill('SIGKILL');
  throw new Error(`no EMULATOR_URL line; stderr: ${r.stderr()}`);
}

test('serves a preset, prints one line, and stops cleanly on SIGTERM', async () => {
  const r = run(['--scenario', 'splunk-upload']);
  const url = await urlOf(r);
  const ecr = new ECRClient({
    region: 'eu-central-1',
    endpoint: url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  const images = await ecr.send(
    new DescribeImagesCommand({
      repositoryName: 'devsecops/cat_dog_server',
      registryId: '111111111112',
    }),
  );
  expect(images.imageDetails?.[0]?.imageTags).toEqual(['latest']);
  r.child.kill('SIGTERM');
  expect(await r.exited).toBe(0);
  expect(r.stdout()).toBe(`EMULATOR_URL=${url}\n`);
});

test('serves a scenario file', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'emulator-cli-')), 'scenario.json');
  writeFileSync(
    file,
    JSON.stringify(scenario({ images: [{ repository: 'app', digest: digest(1), tags: ['x'] }] })),
  );
  const r = run(['--scenario', file]);
  const url = await urlOf(r);
  const ecr = new ECRClient({
    region: 'eu-central-1',
    endpoint: url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  const images = await ecr.send(new DescribeImagesCommand({ repositoryName: 'app' }));
  expect(images.imageDetails?.map((d) => d.imageDigest)).toEqual([digest(1)]);
  r.child.kill('SIGINT');
  expect(await r.exited).toBe(0);
});

test('bad arguments stop with one clear message and exit code 2', async () => {
  const missing = run(['--scenario', '/nonexistent.json']);
  expect(await missing.exited).toBe(2);
  expect(missing.stderr()).toContain('Scenario file /nonexistent.json cannot be read');
  expect(missing.stderr()).not.toMatch(/\n\s+at /);
  const port = run(['--scenario', 'splunk-scan', '--port', 'eighty']);
  expect(await port.exited).toBe(2);
  expect(port.stderr()).toContain('--port: "eighty" is not valid');
  expect(port.stdout()).toBe('');
});
