// Keeps `npm run bench` working: the smoke mode end to end (the real bundle against the emulator
// in its own process, the micro-benchmark, the table, the results file). No timing assertion:
// speed is what the benchmark reports, not what a test can judge on a shared machine.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchResults } from '../../bench/results.js';

test('npm run bench -- --smoke measures every scenario and writes the results', () => {
  const dir = mkdtempSync(join(tmpdir(), 'erg-bench-'));
  const out = join(dir, 'results.json');
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'bench/run.ts', '--smoke', '--out', out, '--work', join(dir, 'runs')],
    { encoding: 'utf8', timeout: 240_000, env: { ...process.env, NODE_OPTIONS: '' } },
  );
  expect(run.stderr).not.toMatch(/did not count|bench: .*Error/);
  expect(run.status).toBe(0);
  expect(run.stdout).toContain('| scenario');

  const results = JSON.parse(readFileSync(out, 'utf8')) as BenchResults;
  expect(results.options.smoke).toBe(true);
  expect(results.scenarios.map((s) => s.id)).toEqual(['basic-100', 'two-images-trail']);
  for (const s of results.scenarios) {
    expect(s.runs).toBe(1);
    expect(s.problems).toEqual([]);
    expect(s.wallMs).toBeGreaterThan(0);
    expect(s.cpuMs).toBeGreaterThan(0);
    expect(s.maxRssMb).toBeGreaterThan(0);
    // The floor counts the calls the information needs: no correct gate makes fewer.
    expect(s.calls.ecr).toBeGreaterThanOrEqual(s.floorCalls.ecr);
    expect(s.calls.cloudtrail).toBeGreaterThanOrEqual(s.floorCalls.cloudtrail);
  }
  expect(results.scenarios[1]?.calls.cloudtrail).toBeGreaterThan(0);
  expect(results.micro?.findings).toBe(1_000);
  expect(results.micro?.bytes['sarif']).toBeGreaterThan(0);
  expect(results.bundle.bytes).toBeGreaterThan(results.bundle.gzipBytes);
  expect(results.targets.map((t) => t.id)).toEqual(
    expect.arrayContaining([
      'ratio',
      'notice',
      'poll-rate',
      'findings-cpu',
      'findings-rss',
      'startup',
    ]),
  );
}, 300_000);
