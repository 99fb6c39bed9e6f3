// The demo run itself, shared by `npm run demo` (demo/run.ts) and its test: start the emulator
// with a world, run the bundle the way the Actions runner does, print what a workflow log shows.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startEmulator } from '../emulator/index.js';
import { runAction, type ActionRun } from '../__tests__/e2e/run-action.js';
import type { DemoWorld } from './world.js';

export interface DemoOptions {
  world: DemoWorld;
  out: string;
  /** ANSI bold headings; off for NO_COLOR and when stdout is not a terminal. */
  color: boolean;
  write?: (text: string) => void;
  node?: string;
}

/** https://no-color.org: any non-empty NO_COLOR turns colour off; so does a pipe or a file. */
export const wantsColor = (env = process.env, tty = process.stdout.isTTY === true): boolean =>
  tty && !env.NO_COLOR && env.TERM !== 'dumb';

export async function runDemo(options: DemoOptions): Promise<ActionRun> {
  const { world, out } = options;
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const line = (text = '') => write(`${text}\n`);
  const rule = (text: string) => {
    const heading = `== ${text} ${'='.repeat(Math.max(0, 70 - text.length))}`;
    line(options.color ? `\n\x1b[1m${heading}\x1b[0m` : `\n${heading}`);
  };
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const emulator = await startEmulator(world.scenario);
  let run: ActionRun | undefined;
  try {
    const inputs = {
      image: world.images.join('\n'),
      'known-uploaders': world.knownUploaders,
      'report-file': resolve(out, 'report.json'),
      'sarif-file': resolve(out, 'report.sarif'),
      'pr-comment': 'false',
    };
    rule(
      `ecr-risk-gate (node dist/index.js) against the local emulator${options.node ? ` under ${options.node}` : ''}`,
    );
    for (const text of world.about) line(text);
    line(
      `inputs:\n${Object.entries(inputs)
        .map(([k, v]) => `  ${k}: ${v.replace(/\n/g, '\n    ')}`)
        .join('\n')}`,
    );
    run = await runAction({
      endpoint: emulator.url,
      inputs,
      // The bundle colours nothing itself; pass the user's choice on for anything that might.
      env: options.color ? {} : { NO_COLOR: '1' },
      ...(options.node ? { node: options.node } : {}),
    });
    rule('workflow log (annotations are the ::error / ::warning / ::notice lines)');
    write(run.stdout);
    rule('step outputs');
    for (const [name, value] of Object.entries(run.outputs))
      line(`  ${name}: ${value.replace(/\n/g, ', ')}`);
    writeFileSync(resolve(out, 'summary.md'), run.summary);
    copyFileSync(resolve(run.dir, 'output.txt'), resolve(out, 'outputs.txt'));
    rule('files');
    line(`  job summary (Markdown): ${resolve(out, 'summary.md')}`);
    line(`  JSON report:            ${resolve(out, 'report.json')}`);
    line(`  SARIF 2.1.0:            ${resolve(out, 'report.sarif')}`);
    line(
      `  AWS calls served:       ${emulator.requests.length} (${[...new Set(emulator.requests.map((r) => r.operation))].join(', ')})`,
    );
    rule(
      `gate exit code ${run.code} (${run.outputs.result ?? 'no result'}; 1 fails the step in mode enforce)`,
    );
    return run;
  } finally {
    await emulator.close();
    // runAction's temp folder (runner temp, outputs, summary) has been copied out above.
    if (run) rmSync(run.dir, { recursive: true, force: true });
  }
}
