import { mkdir, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** Where the JSON report goes when `report-file` is empty: RUNNER_TEMP, else the OS temp dir. */
export function defaultReportPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.RUNNER_TEMP || tmpdir();
  const run = [env.GITHUB_RUN_ID, env.GITHUB_RUN_ATTEMPT, env.GITHUB_ACTION]
    .filter(Boolean)
    .join('-');
  return join(base, `ecr-risk-gate-report${run ? `-${run}` : `-${process.pid}`}.json`);
}

/** What one write hands the OS: big enough to be few syscalls, small enough to cost no memory. */
const BATCH_UNITS = 1 << 20;

/**
 * Writes a file, creating its folder; returns the absolute path written. The content goes out in
 * batches of about 1 MiB, so a 30 MB report never exists a second time as one buffer of bytes;
 * an iterable is drawn from as it is written, so lazily rendered text is never held whole.
 */
export async function writeOutputFile(
  path: string,
  content: string | Iterable<string>,
): Promise<string> {
  const absolute = resolve(path);
  await mkdir(dirname(absolute), { recursive: true });
  const file = await open(absolute, 'w');
  try {
    for (const batch of batches(typeof content === 'string' ? [content] : content)) {
      await file.write(batch);
    }
  } finally {
    await file.close();
  }
  return absolute;
}

/** Joins small pieces and splits large ones into ~1 MiB strings, never inside a surrogate pair. */
export function* batches(pieces: Iterable<string>): Generator<string> {
  let pending: string[] = [];
  let size = 0;
  for (const piece of pieces) {
    if (size + piece.length <= BATCH_UNITS) {
      pending.push(piece);
      size += piece.length;
      continue;
    }
    if (pending.length > 0) yield pending.join('');
    pending = [];
    size = 0;
    let at = 0;
    while (piece.length - at > BATCH_UNITS) {
      let end = at + BATCH_UNITS;
      const last = piece.charCodeAt(end - 1);
      if (last >= 0xd800 && last <= 0xdbff) end -= 1;
      yield piece.slice(at, end);
      at = end;
    }
    pending.push(piece.slice(at));
    size = piece.length - at;
  }
  if (pending.length > 0) yield pending.join('');
}
