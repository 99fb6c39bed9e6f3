// Issue 6 acceptance: the CLI bundle against the emulator, compared with the action bundle.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { splunkScanScenario, startEmulator, type Emulator } from '../../emulator/index.js';
import type { Report } from '../../src/model.js';
import { oneImage, HOST } from './scenarios.js';
import { runAction } from './run-action.js';
import { CLI, runCli } from './run-cli.js';

const SPLUNK = '111111111111.dkr.ecr.eu-central-1.amazonaws.com/devsecops/cat_dog_client:latest';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator(splunkScanScenario());
});
afterAll(() => emulator.close());

/** The report without what differs run to run. */
const comparable = (report: Report) => ({
  ...report,
  generatedAt: null,
  durationMs: null,
  calls: null,
  images: report.images.map((image) => ({
    ...image,
    uploader: { ...image.uploader, lookup: null },
  })),
});

test('the Splunk dataset through the CLI: same detections and result as the action; --format json equals its report', async () => {
  emulator.reset(splunkScanScenario());
  const cli = await runCli(
    ['--image', SPLUNK, '--uploader-check', 'false', '--format', 'json'],
    emulator.url,
  );
  // Same emulator state for both: its scan completion time is part of the rows.
  const action = await runAction({
    endpoint: emulator.url,
    inputs: { image: SPLUNK, 'uploader-check': 'false', 'pr-comment': 'false' },
  });
  expect(cli.code).toBe(1);
  const fromCli = JSON.parse(cli.stdout) as Report;
  const fromAction = action.report() as unknown as Report;
  expect(fromCli.result).toBe('fail');
  expect(fromCli.detections.length).toBe(104);
  expect(comparable(fromCli)).toEqual(comparable(fromAction));
});

test('text format: verdict, severity table and top findings, no colour when piped', async () => {
  emulator.reset(splunkScanScenario());
  const run = await runCli(['--image', SPLUNK, '--uploader-check', 'false'], emulator.url);
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('FAIL');
  expect(run.stdout).toContain('devsecops/cat_dog_client');
  expect(run.stdout).toContain('CVE-2021-33574');
  expect(run.stdout).not.toContain('\u001b[');
});

test('audit mode exits 0 with a failing result', async () => {
  emulator.reset(splunkScanScenario());
  const run = await runCli(
    ['--image', SPLUNK, '--uploader-check', 'false', '--mode', 'audit', '--format', 'json'],
    emulator.url,
  );
  expect(run.code).toBe(0);
  expect((JSON.parse(run.stdout) as Report).result).toBe('fail');
});

test.each([
  ['unknown flag', ['--image', SPLUNK, '--frobnicate'], /frobnicate/],
  ['missing --image', ['--mode', 'audit'], /image/],
  ['bad value', ['--image', SPLUNK, '--scan-timeout', 'soon'], /scan-timeout/],
  ['bad format', ['--image', SPLUNK, '--format', 'xml'], /format/],
])('%s: exit 2, one clear message and the usage line', async (_name, args, message) => {
  emulator.reset(splunkScanScenario());
  const run = await runCli(args, emulator.url);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).toMatch(/Usage: ecr-risk-gate/);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stdout).toBe('');
  expect(emulator.requests).toHaveLength(0);
});

test('an unknown repository: exit 3 (could not evaluate)', async () => {
  emulator.reset(splunkScanScenario());
  const run = await runCli(
    [
      '--image',
      `${HOST.replace('123456789012', '111111111111')}/nope:v1`,
      '--uploader-check',
      'false',
    ],
    emulator.url,
  );
  expect(run.code).toBe(3);
  expect(run.stderr).toContain('nope');
});

describe('progress while a scan is in progress', () => {
  const inProgress = () =>
    oneImage({ timeline: [{ status: 'IN_PROGRESS', forMs: 3500 }, { status: 'COMPLETE' }] });
  const args = ['--image', `${HOST}/app:v1`, '--uploader-check', 'false', '--format', 'json'];

  test('under a pseudo-terminal the line updates in place', async () => {
    emulator.reset(inProgress());
    // script(1) gives the CLI a real TTY; its transcript is what the terminal received.
    const typescript = join(mkdtempSync(join(tmpdir(), 'erg-tty-')), 'typescript');
    const run = await runCli(args, emulator.url, (a) => [
      'script',
      ['-q', '-e', '-c', [process.execPath, CLI, ...a].map((w) => `'${w}'`).join(' '), typescript],
    ]);
    expect(run.code).toBe(0);
    const screen = readFileSync(typescript, 'utf8');
    const redraws = screen.split('\r\u001b[2K').length - 1;
    expect(redraws).toBeGreaterThanOrEqual(2);
    expect(screen).toMatch(/IN_PROGRESS/);
  });

  test('piped: plain lines, no escape codes', async () => {
    emulator.reset(inProgress());
    const run = await runCli(args, emulator.url);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/IN_PROGRESS/);
    expect(run.stderr).not.toContain('\u001b');
    expect(run.stderr).not.toContain('\r');
    expect(() => JSON.parse(run.stdout) as unknown).not.toThrow();
  });
});
