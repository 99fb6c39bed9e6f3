import type { ProgressEvent } from '../../src/ports.js';
import { ProgressLine, formatElapsed, type Every } from '../../src/runtime/progress.js';

class Sink {
  text = '';
  constructor(readonly columns?: number) {}
  write(chunk: string): void {
    this.text += chunk;
  }
}

/** A clock and a repeating timer the test moves by hand. */
function fakeTime() {
  let now = 0;
  const timers: Array<{ ms: number; tick: () => void; stopped: boolean }> = [];
  const every: Every = (ms, tick) => {
    const timer = { ms, tick, stopped: false };
    timers.push(timer);
    return () => {
      timer.stopped = true;
    };
  };
  return {
    now: () => now,
    every,
    timers,
    advance(ms: number) {
      now += ms;
      for (const t of timers) if (!t.stopped) t.tick();
    },
    set(ms: number) {
      now = ms;
    },
  };
}

const scan = (image: string, waitingFor: string, elapsedMs: number): ProgressEvent => ({
  image,
  phase: 'scan',
  waitingFor,
  elapsedMs,
});

const CLEAR = '\r\x1b[2K';

describe('progress on a terminal', () => {
  test('redraws one line in place and keeps counting between events', () => {
    const time = fakeTime();
    const sink = new Sink(120);
    const line = new ProgressLine({ stream: sink, tty: true, now: time.now, every: time.every });
    line.sink(scan('app:1.0', 'scan IN_PROGRESS', 4000));
    expect(sink.text).toBe(`${CLEAR}waiting for app:1.0: scan IN_PROGRESS (4s)`);
    time.advance(1000);
    expect(sink.text.endsWith(`${CLEAR}waiting for app:1.0: scan IN_PROGRESS (5s)`)).toBe(true);
    expect(sink.text).not.toContain('\n');
  });

  test('lists every open wait and drops the ones that ended', () => {
    const time = fakeTime();
    const sink = new Sink(200);
    const line = new ProgressLine({ stream: sink, tty: true, now: time.now, every: time.every });
    line.sink(scan('app:1.0', 'scan IN_PROGRESS', 0));
    line.sink({
      image: 'app@sha256:' + 'a'.repeat(64),
      phase: 'uploader',
      waitingFor: 'PutImage event in CloudTrail',
      elapsedMs: 65_000,
    });
    expect(line.line()).toBe(
      'waiting for app:1.0: scan IN_PROGRESS (0s) | app@sha256:aaaaaaaaaaaa…: PutImage event in CloudTrail (1m05s)',
    );
    line.end([`scan\u0000app:1.0`]);
    expect(line.line()).toBe(
      'waiting for app@sha256:aaaaaaaaaaaa…: PutImage event in CloudTrail (1m05s)',
    );
  });

  test('never wider than the terminal, so the carriage return can take it back', () => {
    const time = fakeTime();
    const sink = new Sink(40);
    const line = new ProgressLine({ stream: sink, tty: true, now: time.now, every: time.every });
    line.sink(scan('a-very-long-repository-name/with/parts:1.2.3', 'scan IN_PROGRESS', 0));
    const drawn = sink.text.slice(CLEAR.length);
    expect(drawn.length).toBe(39);
    expect(drawn.endsWith('…')).toBe(true);
  });

  test('close clears the line and stops the timer; later events draw nothing', () => {
    const time = fakeTime();
    const sink = new Sink(80);
    const line = new ProgressLine({ stream: sink, tty: true, now: time.now, every: time.every });
    line.sink(scan('app:1.0', 'scan PENDING', 0));
    line.close();
    expect(sink.text.endsWith(CLEAR)).toBe(true);
    expect(time.timers.every((t) => t.stopped)).toBe(true);
    const before = sink.text;
    line.sink(scan('app:1.0', 'scan PENDING', 2000));
    time.advance(1000);
    expect(sink.text).toBe(before);
  });

  test('the last wait ending clears the line and stops redrawing', () => {
    const time = fakeTime();
    const sink = new Sink(80);
    const line = new ProgressLine({ stream: sink, tty: true, now: time.now, every: time.every });
    line.sink(scan('app:1.0', 'scan PENDING', 0));
    line.end([`scan\u0000app:1.0`]);
    expect(sink.text.endsWith(CLEAR)).toBe(true);
    const before = sink.text;
    time.advance(1000);
    expect(sink.text).toBe(before);
  });

  test('closing before anything was drawn writes nothing', () => {
    const sink = new Sink(80);
    new ProgressLine({ stream: sink, tty: true }).close();
    expect(sink.text).toBe('');
  });

  test('terminal control characters in image names are shown, not obeyed', () => {
    const time = fakeTime();
    const sink = new Sink(200);
    const line = new ProgressLine({ stream: sink, tty: true, now: time.now, every: time.every });
    line.sink(scan('evil\x1b]0;pwned\x07:1', 'scan \x1b[31mRED', 0));
    const drawn = sink.text.slice(CLEAR.length);
    expect(
      [...drawn].filter(
        (ch) => ch.charCodeAt(0) < 0x20 || (ch.charCodeAt(0) >= 0x7f && ch.charCodeAt(0) <= 0x9f),
      ),
    ).toEqual([]);
    expect(drawn).toContain('[U+001B]');
  });
});

describe('progress in a log (not a terminal)', () => {
  test('plain lines, at most one per image and phase every 10 s', () => {
    const time = fakeTime();
    const sink = new Sink();
    const line = new ProgressLine({ stream: sink, tty: false, now: time.now, every: time.every });
    line.sink(scan('app:1.0', 'scan PENDING', 0));
    time.set(4000);
    line.sink(scan('app:1.0', 'scan IN_PROGRESS', 4000));
    line.sink({ image: 'app:1.0', phase: 'uploader', waitingFor: 'PutImage', elapsedMs: 4000 });
    time.set(10_000);
    line.sink(scan('app:1.0', 'scan IN_PROGRESS', 10_000));
    time.set(15_000);
    line.sink(scan('app:1.0', 'scan IN_PROGRESS', 15_000));
    expect(sink.text.split('\n')).toEqual([
      'app:1.0: waiting for scan PENDING (0s)',
      'app:1.0: waiting for PutImage (4s)',
      'app:1.0: waiting for scan IN_PROGRESS (10s)',
      '',
    ]);
    expect(sink.text).not.toContain('\r');
    expect(sink.text).not.toContain('\x1b');
    expect(time.timers).toHaveLength(0);
  });

  test('the interval is configurable', () => {
    const time = fakeTime();
    const sink = new Sink();
    const line = new ProgressLine({ stream: sink, tty: false, now: time.now, plainIntervalMs: 0 });
    line.sink(scan('app:1.0', 'scan PENDING', 0));
    line.sink(scan('app:1.0', 'scan PENDING', 0));
    expect(sink.text.split('\n')).toHaveLength(3);
  });

  test('a line that would start a workflow command is neutralised', () => {
    const sink = new Sink();
    const line = new ProgressLine({ stream: sink, tty: false });
    line.sink(scan('::error::x', 'scan', 0));
    expect(sink.text.trimStart().startsWith('::')).toBe(false);
  });
});

test('elapsed time reads as seconds, then minutes and seconds', () => {
  expect(formatElapsed(0)).toBe('0s');
  expect(formatElapsed(59_999)).toBe('59s');
  expect(formatElapsed(60_000)).toBe('1m00s');
  expect(formatElapsed(605_000)).toBe('10m05s');
  expect(formatElapsed(-5)).toBe('0s');
});

describe('image labels on the line', () => {
  test('the ECR registry host is dropped so the status stays visible', () => {
    const sink = {
      text: '',
      write(t: string) {
        this.text += t;
      },
    };
    const line = new ProgressLine({ stream: sink, tty: false });
    line.update({
      image: '123456789012.dkr.ecr.eu-central-1.amazonaws.com/team/app:v1',
      phase: 'scan',
      waitingFor: 'scan IN_PROGRESS',
      elapsedMs: 3000,
    });
    expect(sink.text).toBe('team/app:v1: waiting for scan IN_PROGRESS (3s)\n');
  });

  test('an unsized pseudo-terminal (0 columns) is treated as 80 wide, not 20', () => {
    const sink = {
      text: '',
      columns: 0,
      write(t: string) {
        this.text += t;
      },
    };
    const line = new ProgressLine({
      stream: sink,
      tty: true,
      every: () => () => undefined,
      now: () => 0,
    });
    line.update({
      image: 'team/app:v1',
      phase: 'scan',
      waitingFor: 'scan IN_PROGRESS',
      elapsedMs: 0,
    });
    expect(sink.text).toContain('scan IN_PROGRESS (0s)');
  });
});

describe('a final state is not a wait (issue 18 §5)', () => {
  const final = (image: string, state: string, elapsedMs: number): ProgressEvent => ({
    ...scan(image, state, elapsedMs),
    final: true,
  });

  test('plain: printed once without "waiting for"', () => {
    const sink = new Sink();
    const line = new ProgressLine({ stream: sink, tty: false, now: () => 0 });
    line.update(scan('app:v1', 'scan IN_PROGRESS', 1000));
    line.update(final('app:v1', 'scan FAILED', 15_000));
    expect(sink.text).toBe(
      'app:v1: waiting for scan IN_PROGRESS (1s)\napp:v1: scan FAILED (15s)\n',
    );
  });

  test('terminal: the final state leaves the live line', () => {
    const time = fakeTime();
    const sink = new Sink(120);
    const line = new ProgressLine({ stream: sink, tty: true, now: time.now, every: time.every });
    line.update(scan('a:1', 'scan IN_PROGRESS', 0));
    line.update(scan('b:1', 'scan PENDING', 0));
    line.update(final('a:1', 'scan COMPLETE', 2000));
    expect(line.line()).toBe('waiting for b:1: scan PENDING (0s)');
    expect(line.line()).not.toContain('COMPLETE');
  });
});
