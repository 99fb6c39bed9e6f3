import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { lstat, mkdir, open, realpath, rename, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { errnoCode, errorMessage } from '../errors.js';
import { inputProblem } from '../inputs/invalid.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Where the JSON report goes when `report-file` is empty: RUNNER_TEMP, else the OS temp dir. */
export function defaultReportPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.RUNNER_TEMP || tmpdir();
  const run = [env.GITHUB_RUN_ID, env.GITHUB_RUN_ATTEMPT, env.GITHUB_ACTION]
    .filter(Boolean)
    .join('-');
  return join(base, `ecr-risk-gate-report${run ? `-${run}` : `-${process.pid}`}.json`);
}

const within = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};

/** The workspace with its own symlinks resolved (a runner's workspace may itself be a link). */
function realRoot(workspace: string): string {
  try {
    return realpathSync(workspace);
  } catch {
    return resolve(workspace);
  }
}

export interface WorkspaceRead {
  /** The input that named the file, for the error. */
  input: string;
  /** GITHUB_WORKSPACE, else the working directory. */
  workspace: string;
  maxBytes: number;
}

/**
 * Reads a file the repository provides (policy file, Dockerfile). A path inside the workspace is
 * repository content, so a pull request controls it: it must not lead outside the workspace by
 * a symlink (`/proc/self/environ`, a credentials file). Only a regular file is read, opened
 * non-blocking so a FIFO cannot hold the step, and never more than `maxBytes` (a link to
 * `/dev/zero` is refused as a device; a growing file is cut off). Errors name the path only.
 * ENOENT/ENOTDIR propagate as the fs error so the caller can treat an absent default file.
 * Synchronous: one small file at start-up, and the CLI's SARIF anchor is computed synchronously.
 */
export function readWorkspaceFile(path: string, options: WorkspaceRead): string {
  const absolute = resolve(options.workspace, path);
  const problem = (message: string) =>
    inputProblem(options.input, `${JSON.stringify(path)} ${message}`);
  const root = realRoot(options.workspace);
  const real = realpathSync(absolute);
  // An absolute path outside the workspace is the workflow author's own choice, not repository
  // content; a path that starts in the workspace must stay there.
  const inWorkspace = within(resolve(options.workspace), absolute) || within(root, absolute);
  if (inWorkspace && !within(root, real)) {
    throw problem(
      `resolves to ${JSON.stringify(real)}, outside the workspace (${root}); a file in the repository may not be a link leading out of it.`,
    );
  }
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw error;
    throw problem(`could not be read (${code ?? errorMessage(error)}).`);
  }
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) throw problem(`is a directory (${real}); expected a file.`);
    if (!info.isFile()) {
      throw problem(
        `is not a regular file (${real} is a FIFO, socket or device); expected a file.`,
      );
    }
    if (info.size > options.maxBytes) {
      throw problem(`is ${info.size} bytes; at most ${options.maxBytes} bytes are read.`);
    }
    // Up to one byte past the limit: a file that grows (or a /proc file reporting size 0) is
    // caught without ever holding more than the limit.
    const buffer = Buffer.alloc(options.maxBytes + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const read = readSync(fd, buffer, filled, buffer.length - filled, null);
      if (read === 0) break;
      filled += read;
    }
    if (filled > options.maxBytes) {
      throw problem(`is larger than ${options.maxBytes} bytes, the most that is read.`);
    }
    return buffer.subarray(0, filled).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Runner files a report must never land in: their text becomes commands, env or log lines. */
const RUNNER_FILES = [
  'GITHUB_OUTPUT',
  'GITHUB_ENV',
  'GITHUB_PATH',
  'GITHUB_STEP_SUMMARY',
  'GITHUB_STATE',
];
const DEVICE_TREES = ['/dev/', '/proc/', '/sys/'];

async function realOrSelf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}

export interface WriteTarget {
  input: 'report-file' | 'sarif-file';
  env: Env;
  /** GITHUB_WORKSPACE, else the working directory. */
  workspace: string;
}

/**
 * Refuses a target that is not a place for a report: a runner command file, a device, an
 * existing directory or other non-regular file, or a folder reached through a link leading out
 * of the workspace. The message names the input and the path.
 */
export async function checkWriteTarget(absolute: string, target: WriteTarget): Promise<void> {
  const problem = (message: string) =>
    inputProblem(target.input, `${JSON.stringify(absolute)} ${message}`);
  const real = await realOrSelf(absolute);
  for (const name of RUNNER_FILES) {
    const value = target.env[name]?.trim();
    if (!value) continue;
    const runnerFile = resolve(value);
    if (absolute === runnerFile || real === (await realOrSelf(runnerFile))) {
      throw problem(
        `is the runner's ${name} file; the report's text would be read as runner commands. Choose another path, e.g. under RUNNER_TEMP.`,
      );
    }
  }
  if (DEVICE_TREES.some((tree) => absolute.startsWith(tree) || real.startsWith(tree))) {
    throw problem('is a device or system file; expected a path for a regular file.');
  }
  let info;
  try {
    info = await lstat(absolute);
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') {
      throw problem(`could not be inspected (${errnoCode(error) ?? errorMessage(error)}).`);
    }
  }
  if (info?.isDirectory()) throw problem('is a directory; expected a file path.');
  if (info && !info.isFile() && !info.isSymbolicLink()) {
    throw problem('is not a regular file (a FIFO, socket or device); expected a file path.');
  }
  const root = realRoot(target.workspace);
  if (within(resolve(target.workspace), absolute) || within(root, absolute)) {
    const folder = await realOrSelf(dirname(absolute));
    if (!within(root, folder)) {
      throw problem(
        `is in a folder that resolves to ${JSON.stringify(folder)}, outside the workspace (${root}).`,
      );
    }
  }
}

/**
 * Pieces are joined into strings of at most this many UTF-16 units before they are encoded:
 * under V8's large-object size (128 KiB), so each joined string dies young. Joined 1 MiB strings
 * (and the buffer `write(string)` makes of each) went to the large-object space and stayed there
 * until a full collection: ~50 MB for the SARIF file and JSON report of 20,000 findings.
 */
const JOIN_UNITS = 32 * 1024;
const BUFFER_BYTES = 1 << 20;

/**
 * Writes a file, creating its folder; returns the absolute path written. The text goes to a fresh
 * temporary file beside the target (created exclusively, so a planted link is never followed)
 * that is then renamed over it: a symlink at the target is replaced, not written through. The
 * content is encoded into one reused 1 MiB buffer and written a buffer at a time, so a 30 MB
 * report never exists a second time as one buffer; an iterable is drawn from as it is written,
 * so rendered text is never held whole.
 */
export async function writeOutputFile(
  path: string,
  content: string | Iterable<string>,
): Promise<string> {
  const absolute = resolve(path);
  await mkdir(dirname(absolute), { recursive: true });
  const temporary = join(
    dirname(absolute),
    `.${basename(absolute)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  const file = await open(temporary, 'wx', 0o644);
  let done = false;
  try {
    try {
      for (const bytes of encoded(typeof content === 'string' ? [content] : content)) {
        let at = 0;
        while (at < bytes.length) {
          const { bytesWritten } = await file.write(bytes, at, bytes.length - at);
          at += bytesWritten;
        }
      }
    } finally {
      await file.close();
    }
    await rename(temporary, absolute);
    done = true;
  } finally {
    if (!done) await unlink(temporary).catch(() => undefined);
  }
  return absolute;
}

/**
 * The pieces as UTF-8, up to 1 MiB at a time, in one reused buffer: each view is valid until the
 * next is drawn. Small pieces are joined first (one encoder call per ~32 K units, not per piece);
 * a large one is encoded as it is, in slices that never split a surrogate pair.
 */
export function* encoded(pieces: Iterable<string>): Generator<Buffer> {
  const buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  let used = 0;
  let pending: string[] = [];
  let pendingUnits = 0;
  // A UTF-16 unit is at most 3 UTF-8 bytes: what is put is at most JOIN_UNITS (+1) units.
  function* put(text: string): Generator<Buffer> {
    if (used + text.length * 3 > BUFFER_BYTES) {
      yield buffer.subarray(0, used);
      used = 0;
    }
    used += buffer.write(text, used, 'utf8');
  }
  function* drain(): Generator<Buffer> {
    if (pending.length === 0) return;
    const text = pending.length === 1 ? (pending[0] as string) : pending.join('');
    pending = [];
    pendingUnits = 0;
    yield* put(text);
  }
  for (const piece of pieces) {
    if (piece.length < JOIN_UNITS) {
      if (pendingUnits + piece.length > JOIN_UNITS) yield* drain();
      pending.push(piece);
      pendingUnits += piece.length;
      continue;
    }
    yield* drain();
    let at = 0;
    while (at < piece.length) {
      let end = Math.min(piece.length, at + JOIN_UNITS);
      const last = piece.charCodeAt(end - 1);
      if (end < piece.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
      yield* put(end - at === piece.length ? piece : piece.slice(at, end));
      at = end;
    }
  }
  yield* drain();
  if (used > 0) yield buffer.subarray(0, used);
}
