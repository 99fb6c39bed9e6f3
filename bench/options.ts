// `npm run bench` arguments: what to run, how often, at what latency, where to write.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_BUNDLE } from './gate-process.js';
import { benchScenarios, smokeScenarios } from './scenarios.js';

export const USAGE = `Usage: npm run bench -- [--runs N] [--latency MS] [--only id,id] [--scan-wait MS]
                         [--no-micro] [--out FILE] [--smoke]
  --runs N       runs per scenario, medians reported (default 5; --smoke: 1)
  --latency MS   latency the emulator adds to every call (default 40; --smoke: 5)
  --only ids     run only these scenarios (${benchScenarios()
    .map((s) => s.id)
    .join(', ')})
  --scan-wait MS when the waited scan completes after the gate starts (default 12000)
  --no-micro     skip the in-process micro-benchmark
  --out FILE     where to write the results (default bench/results.json)
  --bundle FILE  the action bundle to run (default dist/index.js)
  --profile DIR  write a CPU profile of every gate run to DIR (node --cpu-prof)
  --work DIR     where runs leave their files (default bench/.runs/<time>)
  --max-load N   before each scenario, wait (at most 5 minutes) for the 1-minute load
                 average to drop below N: wall times on shared cores follow the load
  --smoke        one run of small scenarios at low latency: keeps the benchmark working`;

export interface BenchOptions {
  runs: number;
  latencyMs: number;
  only: string[] | null;
  scanWaitMs: number;
  micro: boolean;
  out: string;
  smoke: boolean;
  bundle: string;
  profileDir: string | null;
  workDir: string;
  maxLoad: number | null;
}

export class UsageError extends Error {}

function integer(name: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min) {
    throw new UsageError(
      `--${name}: ${JSON.stringify(text)} is not valid. Expected an integer ≥ ${min}.`,
    );
  }
  return value;
}

function positiveNumber(name: string, text: string | undefined): number | null {
  if (text === undefined) return null;
  const value = Number(text);
  if (!(value > 0)) {
    throw new UsageError(`--${name}: ${JSON.stringify(text)} is not valid. Expected a number > 0.`);
  }
  return value;
}

export function parseOptions(argv: string[]): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        runs: { type: 'string' },
        latency: { type: 'string' },
        only: { type: 'string' },
        'scan-wait': { type: 'string' },
        'no-micro': { type: 'boolean' },
        out: { type: 'string' },
        smoke: { type: 'boolean' },
        bundle: { type: 'string' },
        profile: { type: 'string' },
        work: { type: 'string' },
        'max-load': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) throw new UsageError('');
  const smoke = values.smoke ?? false;
  const known = new Set([...benchScenarios(), ...smokeScenarios()].map((s) => s.id));
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : null;
  const unknown = only?.filter((id) => !known.has(id)) ?? [];
  if (unknown.length > 0) {
    throw new UsageError(
      `--only: ${unknown.join(', ')} not known. Expected some of ${[...known].join(', ')}.`,
    );
  }
  return {
    runs: integer('runs', values.runs, smoke ? 1 : 5, 1),
    latencyMs: integer('latency', values.latency, smoke ? 5 : 40, 0),
    only,
    scanWaitMs: integer('scan-wait', values['scan-wait'], 12_000, 0),
    micro: !(values['no-micro'] ?? false),
    out: values.out ?? 'bench/results.json',
    smoke,
    bundle: resolve(values.bundle ?? DEFAULT_BUNDLE),
    profileDir: values.profile ? resolve(values.profile) : null,
    maxLoad: positiveNumber('max-load', values['max-load']),
    workDir: resolve(
      values.work ?? join('bench/.runs', new Date().toISOString().replace(/[:.]/g, '-')),
    ),
  };
}
