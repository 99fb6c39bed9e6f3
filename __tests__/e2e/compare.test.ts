// Issue 14 §1 acceptance through the bundles (dist/index.js and dist/cli/index.js) against the
// emulator. Expected verdicts written from the issue before running: a release that adds one HIGH
// to a production image with 40 findings fails on that one and lists it first; with the reference
// unreadable the gate falls back to absolute counts (fails closed) with a warning naming it.
import {
  singleImage,
  startEmulator,
  type BasicFinding,
  type Emulator,
  type Scenario,
  type ScanSpec,
} from '../../emulator/index.js';
import type { Detection, Report } from '../../src/model.js';
import { ACCOUNT, HOST, REGION, scanOnly } from './scenarios.js';
import { runAction } from './run-action.js';
import { runCli } from './run-cli.js';

const finding = (name: string, severity: BasicFinding['severity'], pkg: string): BasicFinding => ({
  name,
  severity,
  description: `${name} in ${pkg}`,
  uri: `https://security-tracker.debian.org/tracker/${name}`,
  attributes: [
    { key: 'package_name', value: pkg },
    { key: 'package_version', value: '1.0' },
  ],
});

/** Production's 40: 2 critical, 8 high, 30 medium. */
const production: BasicFinding[] = [
  ...Array.from({ length: 2 }, (_, i) => finding(`CVE-2023-100${i}`, 'CRITICAL', `crit${i}`)),
  ...Array.from({ length: 8 }, (_, i) => finding(`CVE-2023-200${i}`, 'HIGH', `high${i}`)),
  ...Array.from({ length: 30 }, (_, i) =>
    finding(`CVE-2023-3${String(i).padStart(3, '0')}`, 'MEDIUM', `med${i}`),
  ),
];
const ADDED = finding('CVE-2025-4242', 'HIGH', 'libxml2');

function world(prodScan: ScanSpec | null): Scenario {
  return {
    accountId: ACCOUNT,
    region: REGION,
    repositories: [{ name: 'api', registryId: ACCOUNT, scanType: 'BASIC' }],
    images: [
      singleImage({
        repository: 'api',
        tags: ['v2'],
        seed: 'release',
        scan: { findings: [...production, ADDED] },
      }),
      ...(prodScan
        ? [singleImage({ repository: 'api', tags: ['prod'], seed: 'prod', scan: prodScan })]
        : []),
    ],
  };
}

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator(world({ findings: production }));
});
afterAll(() => emulator.close());

const inputs = scanOnly(`${HOST}/api:v2`, { 'compare-to': 'api:prod', 'scan-timeout': '5' });

test('action: one new HIGH on top of 40 production findings fails on it alone and leads the summary', async () => {
  emulator.reset(world({ findings: production }));
  const run = await runAction({ endpoint: emulator.url, inputs });
  expect(run.code).toBe(1);
  expect(run.outputs.result).toBe('fail');
  expect(run.outputs.high).toBe('9'); // absolute counts stay
  expect(run.outputs['new-findings']).toBe('1');
  expect(run.outputs['fixed-findings']).toBe('0');
  const report = run.report() as unknown as Report;
  const failing = report.detections.filter((d: Detection) => !d.ignored && d.level === 'fail');
  expect(failing.map((d) => d.findingId)).toEqual(['CVE-2025-4242']);
  expect(report.compareTo).toMatchObject({ reference: 'api:prod', status: 'compared' });
  expect(report.images[0]?.compare).toMatchObject({ new: 1, unchanged: 40 });
  // The first vulnerability the summary names is the new one, under the compare-to heading.
  const firstCve = /CVE-\d{4}-\d+/.exec(run.summary)?.[0];
  expect(firstCve).toBe('CVE-2025-4242');
  expect(run.summary.indexOf('New in this release against')).toBeLessThan(
    run.summary.indexOf('CVE-2025-4242'),
  );
  // SARIF/annotations carry the mark: the failing annotation names it as new.
  expect(run.stdout).toMatch(/::error[^\n]*CVE-2025-4242 \(new\)/);
});

test('action: the reference unreadable (no such tag) fails closed on absolute counts, with a warning naming it', async () => {
  emulator.reset(world(null));
  const run = await runAction({ endpoint: emulator.url, inputs });
  expect(run.code).toBe(1);
  expect(run.outputs.result).toBe('fail');
  expect(run.outputs['new-findings']).toBe('41');
  const report = run.report() as unknown as Report;
  // 2 critical + 9 high fail, as without compare-to
  expect(report.detections.filter((d) => d.level === 'fail')).toHaveLength(11);
  expect(report.compareTo?.status).toBe('unreadable');
  expect(run.stdout).toMatch(/::warning::[^\n]*compare-to api:prod could not be used/);
  expect(run.summary).toContain('The reference could not be used');
});

test('action: the reference scan FAILED: same fallback, the status named', async () => {
  emulator.reset(world({ timeline: [{ status: 'FAILED' }], findings: production }));
  const run = await runAction({ endpoint: emulator.url, inputs });
  expect(run.outputs.result).toBe('fail');
  const report = run.report() as unknown as Report;
  expect(report.compareTo?.reason).toMatch(/no usable scan \(FAILED/);
  expect(report.detections.filter((d) => d.level === 'fail')).toHaveLength(11);
});

test('CLI --compare-to: exit 1, the comparison line and the new finding first', async () => {
  emulator.reset(world({ findings: production }));
  const base = ['--image', `${HOST}/api:v2`, '--uploader-check', 'false', '--scan-timeout', '5'];
  const run = await runCli([...base, '--compare-to', 'api:prod'], emulator.url);
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('against api:prod: 1 new, 40 unchanged, 0 fixed');
  const top = run.stdout.split('top findings')[1] ?? '';
  expect(/CVE-\d{4}-\d+/.exec(top)?.[0]).toBe('CVE-2025-4242');
  expect(top).toMatch(/new CVE-2025-4242/);

  const json = await runCli(
    [...base, '--compare-to', 'api:prod', '--format', 'json'],
    emulator.url,
  );
  const report = JSON.parse(json.stdout) as Report;
  expect(report.compareTo?.status).toBe('compared');
  expect(report.detections.find((d) => d.findingId === 'CVE-2025-4242')?.compare).toBe('new');
});

test('CLI: a bad --compare-to is a usage error naming it, before any AWS call', async () => {
  emulator.reset(world({ findings: production }));
  const run = await runCli(['--image', `${HOST}/api:v2`, '--compare-to', 'api'], emulator.url);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/compare-to/);
  expect(run.stderr).toMatch(/no tag and no digest/);
  expect(emulator.requests).toHaveLength(0);
});
