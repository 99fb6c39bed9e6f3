/** Where the CLI writes: process.stdout/stderr in production, string buffers in tests. */
export interface TextSink {
  write(text: string): unknown;
  /** Terminal width, when the sink is a terminal. */
  columns?: number | undefined;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** Whether each stream is a terminal; one boolean means both. */
export type TtyFlags = boolean | { stdout: boolean; stderr: boolean };

export function ttyOf(flags: TtyFlags, stream: 'stdout' | 'stderr'): boolean {
  return typeof flags === 'boolean' ? flags : flags[stream];
}
