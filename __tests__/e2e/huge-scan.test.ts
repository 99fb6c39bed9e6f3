// Issue 19 §1: a scan of about 130,000 findings ended in "stopped unexpectedly" (a stack overflow
// from spreading every finding into one call) with no report, no annotations and no outputs.
// Through the bundle: the verdict, the report, the summary and every output are produced.
import { basicFindings, startEmulator, type Emulator } from '../../emulator/index.js';
import { HOST, oneImage, scanOnly } from './scenarios.js';
import { runAction } from './run-action.js';

const COUNT = 130_000;
let emulator: Emulator;

beforeAll(async () => {
  // One CRITICAL among them: the SPEC's default fail set makes the verdict `fail`.
  const findings = basicFindings(COUNT, { CRITICAL: 1, LOW: COUNT - 1 });
  emulator = await startEmulator(oneImage({ findings }));
}, 120_000);
afterAll(() => emulator.close());

test('130,000 findings: fail with every surface, nothing stopped unexpectedly', async () => {
  const run = await runAction({
    endpoint: emulator.url,
    inputs: scanOnly(`${HOST}/app:v1`, { 'job-summary': 'true' }),
    killAfterMs: 240_000,
  });
  expect(`${run.stdout}${run.stderr}`).not.toContain('stopped unexpectedly');
  expect(run.code).toBe(1);
  expect(run.outputs.result).toBe('fail');
  expect(run.outputs.critical).toBe('1');
  expect(run.outputs.low).toBe(String(COUNT - 1));
  expect(run.outputs['findings-total']).toBe(String(COUNT));
  const report = run.report();
  expect(report.result).toBe('fail');
  expect(
    (report.images as Array<{ scan: { findings: unknown[] } }>)[0]?.scan.findings,
  ).toHaveLength(COUNT);
  expect(run.summary).toContain('ecr-risk-gate: fail');
  expect(run.stdout).toMatch(/^::error/m);
}, 300_000);
