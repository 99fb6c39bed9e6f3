/**
 * Where the public data this project may use but never commits lives: `../shared/data/` beside the
 * repository root (CI checks it out there, read-only; see issue 16). Tests, the emulator's recorded
 * scenarios and `npm run demo -- --splunk` read it in place through this module only.
 *
 * Absent folder: jest.config.js leaves out the suites that need it with one printed line (path and
 * number of cases), except under CI=true, where those suites run and fail on the error below.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Absolute path of `../shared/data` (the SHARED_DATA environment variable overrides it). */
export const SHARED_DATA = resolve(process.env.SHARED_DATA ?? resolve(REPO_ROOT, '../shared/data'));

/** Absolute path of a file or folder under `../shared/data` (`splunk/x.json`). */
export const sharedPath = (relative: string): string => resolve(SHARED_DATA, relative);

export const hasSharedData = (relative = ''): boolean => existsSync(sharedPath(relative));

/** The text of a shared file; a missing file is a clear error naming where it was looked for. */
export function readShared(relative: string): string {
  const path = sharedPath(relative);
  if (!existsSync(path)) {
    throw new Error(
      `shared data ${relative} not found at ${path}: the real-data tests read ../shared/data/ beside ` +
        'the repository in place (never copied into it); check it out there or set SHARED_DATA',
    );
  }
  return readFileSync(path, 'utf8');
}

export const readSharedJson = <T = unknown>(relative: string): T =>
  JSON.parse(readShared(relative)) as T;
