// Issue 2 acceptance: scan states, pagination, faults and errors, through the committed bundle.
import { enhancedFindings, startEmulator, type Emulator } from '../../emulator/index.js';
import type { Detection } from '../../src/model.js';
import { HOST, oneImage, scanOnly } from './scenarios.js';
import { runAction } from './run-action.js';

const IMAGE = `${HOST}/app:v1`;
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator(oneImage({}));
});
afterAll(() => emulator.close());

const gate = (inputs: Record<string, string> = {}) =>
  runAction({ endpoint: emulator.url, inputs: scanOnly(IMAGE, inputs) });
const rules = (report: Record<string, unknown>) =>
  (report.detections as Detection[]).map((d) => d.rule);
const scanOf = (report: Record<string, unknown>) =>
  (report.images as Array<{ scan: { status: string; type: string } }>)[0]?.scan;

test('enhanced scan with 2,345 findings, 100 a page, per-page counts: exact counts, every page read', async () => {
  const findings = enhancedFindings(
    2345,
    { CRITICAL: 1, HIGH: 2, MEDIUM: 4, LOW: 3, INFORMATIONAL: 1, UNTRIAGED: 1 },
    { repository: 'app' },
  );
  const expected = { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0, UNTRIAGED: 0 };
  for (const f of findings) expected[f.severity] += 1;
  emulator.reset(
    oneImage({ enhancedFindings: findings, severityCounts: 'per-page' }, { scanType: 'ENHANCED' }),
  );
  const run = await gate();
  expect(run.code).toBe(1);
  expect(run.outputs).toMatchObject({
    critical: String(expected.CRITICAL),
    high: String(expected.HIGH),
    medium: String(expected.MEDIUM),
    low: String(expected.LOW),
    informational: String(expected.INFORMATIONAL),
    undefined: String(expected.UNTRIAGED),
    'findings-total': '2345',
  });
  const pages = emulator.requests.filter(
    (r) => r.operation === 'DescribeImageScanFindings' && r.status === 200,
  );
  expect(pages.length).toBeGreaterThanOrEqual(24);
  expect(scanOf(run.report())?.type).toBe('ENHANCED');
});

test.each([
  [
    'PENDING → IN_PROGRESS → COMPLETE',
    [
      { status: 'PENDING', forMs: 700 },
      { status: 'IN_PROGRESS', forMs: 700 },
      { status: 'COMPLETE' },
    ],
    'COMPLETE',
  ],
  [
    'ScanNotFound → COMPLETE',
    [{ status: 'NOT_FOUND', forMs: 1200 }, { status: 'COMPLETE' }],
    'COMPLETE',
  ],
] as const)('%s ends with a usable scan', async (_name, timeline, status) => {
  emulator.reset(
    oneImage({
      timeline: [...timeline],
      findings: [{ name: 'CVE-2024-1', severity: 'MEDIUM', description: 'd' }],
    }),
  );
  const run = await gate();
  expect(run.code).toBe(0);
  expect(run.outputs.result).toBe('warn');
  expect(scanOf(run.report())?.status).toBe(status);
  expect(rules(run.report())).toEqual(['medium']);
});

test('ACTIVE (enhanced continuous scanning) is done', async () => {
  emulator.reset(
    oneImage(
      { timeline: [{ status: 'ACTIVE' }], enhancedFindings: enhancedFindings(3, { LOW: 1 }) },
      { scanType: 'ENHANCED' },
    ),
  );
  const run = await gate();
  expect(run.outputs.result).toBe('pass');
  expect(run.outputs.low).toBe('3');
  expect(scanOf(run.report())?.status).toBe('ACTIVE');
});

test.each(['FAILED', 'UNSUPPORTED_IMAGE'] as const)(
  '%s ends as scan-incomplete naming the status',
  async (status) => {
    emulator.reset(oneImage({ timeline: [{ status }] }));
    const run = await gate();
    expect(run.code).toBe(1);
    const report = run.report();
    const incomplete = (report.detections as Detection[]).find((d) => d.rule === 'scan-incomplete');
    expect(incomplete?.message).toContain(`(${status})`);
    expect(incomplete?.level).toBe('fail');
    expect(run.stdout).toContain(status);
  },
);

test('a scan that never completes in time ends as scan-incomplete (TIMEOUT)', async () => {
  emulator.reset(oneImage({ timeline: [{ status: 'IN_PROGRESS' }] }));
  const run = await gate({ 'scan-timeout': '3' });
  expect(run.code).toBe(1);
  const incomplete = (run.report().detections as Detection[]).find(
    (d) => d.rule === 'scan-incomplete',
  );
  expect(incomplete?.message).toMatch(/\(TIMEOUT\)$/);
  expect(incomplete?.detail).toMatch(/IN_PROGRESS/);
});

test('throttling and 5xx bursts are survived', async () => {
  emulator.reset({
    ...oneImage({ findings: [{ name: 'CVE-2024-2', severity: 'LOW', description: 'd' }] }),
    faults: [
      { kind: 'throttle', operation: 'DescribeImages', count: 2 },
      { kind: 'http503', operation: 'DescribeImageScanFindings', count: 3 },
      { kind: 'http500', operation: 'DescribeImageScanFindings', from: 5, count: 1 },
    ],
  });
  const run = await gate();
  expect(run.code).toBe(0);
  expect(run.outputs.result).toBe('pass');
  expect(run.outputs.low).toBe('1');
  expect(emulator.requests.filter((r) => r.status >= 400).length).toBeGreaterThanOrEqual(5);
});

test('AccessDenied ends with one clear error naming the missing permission', async () => {
  emulator.reset({
    ...oneImage({}),
    faults: [{ kind: 'accessDenied', operation: 'DescribeImages' }],
  });
  const run = await gate();
  expect(run.code).toBe(1);
  const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error::'));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toContain('ecr:DescribeImages');
  expect(run.stdout + run.stderr).not.toMatch(/^\s+at /m);
  expect(run.outputs.result).toBe('fail');
  expect(run.report().error).toContain('ecr:DescribeImages');
});

test('RepositoryNotFound ends with one clear error naming the repository', async () => {
  emulator.reset(oneImage({}));
  const run = await runAction({
    endpoint: emulator.url,
    inputs: scanOnly(`${HOST}/no-such-repo:v1`),
  });
  expect(run.code).toBe(1);
  const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error::'));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toContain('no-such-repo');
  expect(run.stdout + run.stderr).not.toMatch(/^\s+at /m);
});

test('scanner text cannot become a workflow command', async () => {
  const description =
    'first line\n::error::x\n::stop-commands::t\n##[error]injected\n  ::warning file=a::y';
  emulator.reset(
    oneImage({
      findings: [
        {
          name: 'CVE-2024-3',
          severity: 'HIGH',
          description,
          attributes: [{ key: 'package_name', value: '::error::pkg' }],
        },
      ],
    }),
  );
  const run = await gate();
  expect(run.code).toBe(1);
  for (const line of run.stdout.split('\n')) {
    if (line.includes('##[')) throw new Error(`runner marker reached the log: ${line}`);
    const command = /^\s*::([a-z-]+)/.exec(line)?.[1];
    if (command === undefined) continue;
    expect(['error', 'warning', 'notice']).toContain(command);
    // Our own annotations carry scanner text only percent-encoded: no raw newline starts a command.
    expect(line).not.toMatch(/::stop-commands::|::error::x/);
  }
  // The report keeps the text exactly as the scanner sent it.
  const finding = (run.report().detections as Detection[]).find((d) => d.rule === 'high');
  expect(finding?.finding).toBe(`CVE-2024-3, ${description}`);
});

test.each([
  ['image', { image: 'docker.io/library/nginx:latest' }, /Input 'image'/],
  ['scan-timeout', { 'scan-timeout': 'ten' }, /scan-timeout/],
  ['fail-on', { 'fail-on': 'high,bogus-rule' }, /fail-on.*bogus-rule/s],
  ['region', { region: 'europe' }, /region.*europe/s],
])('bad input %s: one clear error, no stack trace, no AWS call', async (_name, inputs, message) => {
  emulator.reset(oneImage({}));
  const run = await runAction({
    endpoint: emulator.url,
    inputs: { ...scanOnly(IMAGE), ...inputs },
  });
  expect(run.code).toBe(1);
  const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error::'));
  expect(errors).toHaveLength(1);
  expect(decodeURIComponent(errors[0] ?? '')).toMatch(message);
  expect(run.stdout + run.stderr).not.toMatch(/^\s+at /m);
  expect(emulator.requests).toHaveLength(0);
  expect(run.outputs.result).toBe('fail');
});
