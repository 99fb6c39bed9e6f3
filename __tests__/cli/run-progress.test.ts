import type { EngineDeps } from '../../src/engine.js';
import type { Every } from '../../src/runtime/progress.js';
import { IMAGE, cli } from './cli-kit.js';
import { detection, report } from './report-kit.js';

const CLEAR = '\r\x1b[2K';

/** An evaluate that reports waiting for a while, as the engine does, then returns. */
const waiting = (deps: EngineDeps, clock: { now: number }) => {
  deps.onProgress?.({ image: 'app:1.0', phase: 'scan', waitingFor: 'scan PENDING', elapsedMs: 0 });
  clock.now += 12_000;
  deps.onProgress?.({
    image: 'app:1.0',
    phase: 'scan',
    waitingFor: 'scan IN_PROGRESS',
    elapsedMs: 12_000,
  });
  return Promise.resolve(report([detection('high')]));
};

describe('progress while waiting', () => {
  test('on a terminal: one line on stderr, cleared before the report reaches stdout', async () => {
    const clock = { now: 0 };
    const stops: number[] = [];
    const every: Every = () => () => stops.push(clock.now);
    const run = await cli(['--image', IMAGE], {
      isTTY: true,
      columns: 100,
      now: () => clock.now,
      every,
      result: (_s, deps) => waiting(deps, clock),
    });
    expect(run.code).toBe(1);
    const stderr = run.writes.filter((w) => w.stream === 'stderr').map((w) => w.text);
    expect(stderr).toEqual([
      `${CLEAR}waiting for app:1.0: scan PENDING (0s)`,
      `${CLEAR}waiting for app:1.0: scan IN_PROGRESS (12s)`,
      CLEAR,
    ]);
    const firstStdout = run.writes.findIndex((w) => w.stream === 'stdout');
    expect(run.writes.slice(firstStdout).every((w) => w.stream === 'stdout')).toBe(true);
    expect(run.stdout).not.toContain('waiting');
    expect(stops).toHaveLength(1);
  });

  test('stdout piped, stderr a terminal: the live line stays on stderr, stdout stays clean', async () => {
    const clock = { now: 0 };
    const run = await cli(['--image', IMAGE, '--format', 'json'], {
      isTTY: { stdout: false, stderr: true },
      now: () => clock.now,
      every: () => () => undefined,
      result: (_s, deps) => waiting(deps, clock),
    });
    expect(() => JSON.parse(run.stdout) as unknown).not.toThrow();
    expect(run.stderr).toContain(`${CLEAR}waiting for app:1.0`);
  });

  test('in a log: plain lines on stderr, throttled, no carriage returns', async () => {
    const clock = { now: 0 };
    const run = await cli(['--image', IMAGE], {
      now: () => clock.now,
      result: (_s, deps) => {
        for (let second = 0; second <= 25; second += 5) {
          clock.now = second * 1000;
          deps.onProgress?.({
            image: 'app:1.0',
            phase: 'scan',
            waitingFor: 'scan IN_PROGRESS',
            elapsedMs: second * 1000,
          });
        }
        return Promise.resolve(report([]));
      },
    });
    expect(run.stderr).toBe(
      [0, 10, 20].map((s) => `app:1.0: waiting for scan IN_PROGRESS (${s}s)\n`).join(''),
    );
    expect(run.stdout).not.toContain('waiting');
  });
});
