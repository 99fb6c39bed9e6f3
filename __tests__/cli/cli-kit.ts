// Runs runCli with string streams, a temporary working directory and a fake AWS side.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineDeps } from '../../src/engine.js';
import { runCli, type CliOptions } from '../../src/cli/run.js';
import type { Settings } from '../../src/inputs/settings.js';
import type { Report } from '../../src/model.js';
import type { Adapters } from '../../src/runtime/adapters.js';
import { report } from './report-kit.js';

export interface Written {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Every write in order, to check what reached which stream when. */
  writes: Written[];
  settings: Settings[];
  deps: EngineDeps[];
  profiles: Array<string | undefined>;
  cwd: string;
}

const unused = (): never => {
  throw new Error('the fake evaluate does not call the AWS side');
};

export const fakeAdapters = (): Adapters => ({
  ecr: { resolve: unused, waitForScan: unused, callCount: () => 0 },
  uploader: { investigate: unused, callCount: () => 0 },
});

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'ecr-risk-gate-cli-'));

export async function cli(
  argv: string[],
  options: Partial<Omit<CliOptions, 'stdout' | 'stderr'>> & {
    result?: Report | ((settings: Settings, deps: EngineDeps) => Promise<Report>);
    columns?: number;
    /** Run the real engine (only the ports are fake). */
    realEngine?: boolean;
  } = {},
): Promise<CliRun> {
  const writes: Written[] = [];
  const settings: Settings[] = [];
  const deps: EngineDeps[] = [];
  const profiles: Array<string | undefined> = [];
  const cwd = options.cwd ?? tempDir();
  const { realEngine, result: given, columns, ...rest } = options;
  const result = given ?? report([]);
  const sink = (stream: Written['stream']) => ({
    write: (text: string) => writes.push({ stream, text }),
    ...(columns === undefined ? {} : { columns }),
  });
  const code = await runCli(argv, {
    env: { AWS_REGION: 'eu-west-1' },
    isTTY: false,
    ...(realEngine
      ? {}
      : {
          evaluate: async (s: Settings, d: EngineDeps) => {
            settings.push(s);
            deps.push(d);
            return typeof result === 'function' ? result(s, d) : result;
          },
        }),
    buildAdapters: (_s, o) => {
      profiles.push(o.profile);
      return fakeAdapters();
    },
    ...rest,
    cwd,
    stdout: sink('stdout'),
    stderr: sink('stderr'),
  });
  const of = (stream: Written['stream']) =>
    writes
      .filter((w) => w.stream === stream)
      .map((w) => w.text)
      .join('');
  return {
    code,
    stdout: of('stdout'),
    stderr: of('stderr'),
    writes,
    settings,
    deps,
    profiles,
    cwd,
  };
}

export const IMAGE = '111111111111.dkr.ecr.eu-west-1.amazonaws.com/app:1.0';
