import type { ProgressEvent, ProgressSink } from '../ports.js';
import { escapeTerminal } from '../report/escape.js';

/** stderr for the CLI; a `core.info` wrapper for the action (plain lines only). */
export interface ProgressStream {
  write(text: string): unknown;
  /** Terminal width, when the stream is a terminal. */
  columns?: number | undefined;
}

/** A repeating timer; returns its stop function. Injected so tests drive time themselves. */
export type Every = (ms: number, tick: () => void) => () => void;

export interface ProgressOptions {
  stream: ProgressStream;
  /** true: one line redrawn in place; false: plain lines, throttled (CI logs, pipes). */
  tty: boolean;
  now?: () => number;
  every?: Every;
  /** Plain mode: at most one line per image and phase this often. */
  plainIntervalMs?: number;
}

interface Wait {
  image: string;
  waitingFor: string;
  elapsedMs: number;
  /** Our clock when the event arrived, so the elapsed time keeps counting between polls. */
  at: number;
  /** Plain mode: when a line for this wait was last printed. */
  printedAt?: number;
}

const CLEAR_LINE = '\r\x1b[2K';
const REDRAW_MS = 1000;
const PLAIN_INTERVAL_MS = 10_000;

const realEvery: Every = (ms, tick) => {
  const timer = setInterval(tick, ms);
  // A ticking progress line must never be what keeps the process alive.
  timer.unref();
  return () => clearInterval(timer);
};

export const progressKey = (event: Pick<ProgressEvent, 'image' | 'phase'>): string =>
  `${event.phase}\u0000${event.image}`;

/** `1m05s`, `42s`. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
}

// A full digest is 71 characters of noise on a status line; 12 hex digits identify it.
const shortenDigests = (text: string): string =>
  text.replace(/\b(sha256:[0-9a-f]{12})[0-9a-f]{52}\b/g, '$1…');

// The registry host is the same for nearly every image and would push the status off the line.
const withoutEcrHost = (text: string): string =>
  text.replace(/^\d{12}\.dkr[.-]ecr[^/\s]*\.(?:amazonaws\.com(?:\.cn)?|on\.aws)\//, '');

/** Image labels come from user input and ECR: nothing in them may act on the terminal. */
const clean = (text: string): string => escapeTerminal(shortenDigests(text), 300);
const cleanImage = (text: string): string => clean(withoutEcrHost(text));

/**
 * The engine's waits as the user sees them, shared by the CLI (stderr) and the action (log). On a
 * terminal: one line, redrawn in place
 * every second, listing every open wait. Elsewhere: a plain line per image and phase at most
 * every 10 s, so a CI log shows the run is alive without drowning in it.
 */
export class ProgressLine {
  private readonly waits = new Map<string, Wait>();
  private readonly now: () => number;
  private readonly every: Every;
  private readonly plainIntervalMs: number;
  private stopTimer: (() => void) | null = null;
  private drawn = false;
  private closed = false;

  constructor(private readonly options: ProgressOptions) {
    this.now = options.now ?? Date.now;
    this.every = options.every ?? realEvery;
    this.plainIntervalMs = options.plainIntervalMs ?? PLAIN_INTERVAL_MS;
  }

  /** The engine's `onProgress`. */
  readonly sink: ProgressSink = (event) => this.update(event);

  update(event: ProgressEvent): void {
    if (this.closed) return;
    const key = progressKey(event);
    if (event.final === true) {
      // A final state is news, not a wait: drop it from the live line; a plain log says it once.
      if (this.options.tty) this.end([key]);
      else {
        const elapsed = formatElapsed(event.elapsedMs);
        this.options.stream.write(
          `${cleanImage(event.image)}: ${clean(event.waitingFor)} (${elapsed})\n`,
        );
        this.waits.delete(key);
      }
      return;
    }
    const previous = this.waits.get(key);
    const wait: Wait = {
      image: cleanImage(event.image),
      waitingFor: clean(event.waitingFor),
      elapsedMs: event.elapsedMs,
      at: this.now(),
      ...(previous?.printedAt === undefined ? {} : { printedAt: previous.printedAt }),
    };
    this.waits.set(key, wait);
    if (this.options.tty) {
      this.draw();
      this.stopTimer ??= this.every(REDRAW_MS, () => this.draw());
    } else {
      this.printPlain(wait);
    }
  }

  /** A wait is over (its port call returned): drop it from the line. */
  end(keys: Iterable<string>): void {
    for (const key of keys) this.waits.delete(key);
    if (!this.options.tty || this.closed) return;
    if (this.waits.size > 0) {
      this.draw();
      return;
    }
    this.stop();
    this.clear();
  }

  /** Before anything else is written to the terminal: no timer, no half-drawn line. */
  close(): void {
    this.closed = true;
    this.stop();
    this.clear();
    this.waits.clear();
  }

  /** The current line (without the carriage return), as drawn on a terminal. */
  line(): string {
    const now = this.now();
    const parts = [...this.waits.values()].map(
      (w) => `${w.image}: ${w.waitingFor} (${formatElapsed(w.elapsedMs + now - w.at)})`,
    );
    return `waiting for ${parts.join(' | ')}`;
  }

  private draw(): void {
    if (this.closed || this.waits.size === 0) return;
    // A pseudo-terminal nobody sized reports 0 columns: treat it as unknown, not as 0.
    const columns = this.options.stream.columns || 80;
    const width = Math.max(20, columns - 1);
    // A line longer than the terminal wraps, and `\r` can no longer take it back.
    const full = this.line();
    const text = full.length > width ? `${full.slice(0, width - 1)}…` : full;
    this.options.stream.write(`${CLEAR_LINE}${text}`);
    this.drawn = true;
  }

  private printPlain(wait: Wait): void {
    if (wait.printedAt !== undefined && wait.at - wait.printedAt < this.plainIntervalMs) return;
    wait.printedAt = wait.at;
    const elapsed = formatElapsed(wait.elapsedMs);
    this.options.stream.write(`${wait.image}: waiting for ${wait.waitingFor} (${elapsed})\n`);
  }

  private stop(): void {
    this.stopTimer?.();
    this.stopTimer = null;
  }

  private clear(): void {
    if (!this.drawn) return;
    this.options.stream.write(CLEAR_LINE);
    this.drawn = false;
  }
}
