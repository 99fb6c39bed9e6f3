// Issue 2 acceptance on the real Splunk scan dataset, through the committed bundle.
import { startEmulator, splunkScanScenario, type Emulator } from '../../emulator/index.js';
import { runAction, workflowCommands } from './run-action.js';
import type { Detection } from '../../src/model.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDemo } from '../../demo/demo.js';
import { splunkWorld } from '../../demo/splunk-world.js';

const IMAGE = '111111111111.dkr.ecr.eu-central-1.amazonaws.com/devsecops/cat_dog_client:latest';
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator(splunkScanScenario());
});
afterAll(() => emulator.close());

const gate = (inputs: Record<string, string>) =>
  runAction({
    endpoint: emulator.url,
    inputs: { image: IMAGE, 'uploader-check': 'false', ...inputs },
  });

test('default: 14 medium, 2 high, 22 low, 63 informational, 3 undefined rows; fail, exit 1', async () => {
  const run = await gate({});
  expect(run.code).toBe(1);
  const report = run.report();
  const detections = report.detections as Detection[];
  const byRule = (rule: string) => detections.filter((d) => d.rule === rule);
  expect(
    ['critical', 'high', 'medium', 'low', 'informational', 'undefined'].map(
      (r) => byRule(r).length,
    ),
  ).toEqual([0, 2, 14, 22, 63, 3]);
  for (const d of byRule('medium')) {
    expect(d.riskScore).toBe(21);
    expect(d.message).toBe(
      'Vulnerabilities with severity medium found in repository devsecops/cat_dog_client',
    );
    expect(d.finding).toMatch(/^CVE-\d{4}-\d+, .+/);
    expect(d.phase).toBe('release');
  }
  expect(byRule('high').every((d) => d.riskScore === 70 && d.level === 'fail')).toBe(true);
  expect(byRule('medium')[0]?.finding).toBe(
    'CVE-2018-12886, stack_protect_prologue in cfgexpand.c and stack_protect_epilogue in function.c in GNU Compiler Collection (GCC) 4.1 through 8 (under certain circumstances) generate instruction sequences when targeting ARM targets that spill the address of the stack protector guard, which allows an attacker to bypass the protection of -fstack-protector, -fstack-protector-all, -fstack-protector-strong, and -fstack-protector-explicit against stack overflow by controlling what the stack canary is compared against.',
  );
  expect(report.result).toBe('fail');
  expect(run.outputs).toMatchObject({
    result: 'fail',
    high: '2',
    medium: '14',
    low: '22',
    informational: '63',
    undefined: '3',
    critical: '0',
    'findings-total': '104',
    'uploader-status': 'skipped',
    'image-digest': 'sha256:a27d73188718a511a1ec1ec788826674b21e097f29873dde734a4dedfbfab1c6',
  });
  // 2×70 + 14×21 + 22×5 + 3×5; informational is off by default and adds no risk.
  expect(run.outputs['risk-score']).toBe(String(140 + 294 + 110 + 15));
  expect(run.stdout).toMatch(/::error /);
  expect(run.summary).toContain('devsecops/cat_dog_client');
});

test('mode audit reports fail but exits 0', async () => {
  const run = await gate({ mode: 'audit' });
  expect(run.code).toBe(0);
  expect(run.outputs.result).toBe('fail');
  expect(run.report().result).toBe('fail');
  expect(run.report().mode).toBe('audit');
});

test('fail-on none gives warn', async () => {
  const run = await gate({ 'fail-on': 'none' });
  expect(run.code).toBe(0);
  expect(run.outputs.result).toBe('warn');
  const detections = run.report().detections as Detection[];
  expect(detections.filter((d) => d.rule === 'high').every((d) => d.level === 'warn')).toBe(true);
});

test('the log carries no workflow command but our own annotations', async () => {
  const run = await gate({});
  const commands = workflowCommands(run.stdout).map((line) => /^::([a-z-]+)/.exec(line)?.[1]);
  expect(new Set(commands)).toEqual(new Set(['error', 'warning', 'notice']));
});

test('npm run demo -- --splunk replays the recordings: the seed rule gives its 14 medium rows', async () => {
  const out = mkdtempSync(join(tmpdir(), 'erg-demo-splunk-'));
  try {
    const run = await runDemo({ world: splunkWorld(), out, color: false, write: () => {} });
    const medium = (run.report().detections as Detection[]).filter((d) => d.rule === 'medium');
    expect(medium).toHaveLength(14);
    expect(new Set(medium.map((d) => d.repository))).toEqual(new Set(['devsecops/cat_dog_client']));
    expect(run.outputs.medium).toBe('14');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
