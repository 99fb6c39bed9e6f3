import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Settings } from '../inputs/settings.js';
import { findFromLine } from '../report/annotations.js';

/**
 * Where annotations and SARIF results point when `dockerfile` is set: the final stage's FROM
 * line, with the path relative to the workspace as GitHub expects. An unreadable file or one
 * without FROM falls back to unanchored results rather than failing the gate.
 */
export function dockerfileAnchor(
  settings: Pick<Settings, 'dockerfile'>,
  env: Readonly<Record<string, string | undefined>>,
  cwd = process.cwd(),
): { path: string; fromLine: number } | undefined {
  if (!settings.dockerfile) return undefined;
  const base = env.GITHUB_WORKSPACE?.trim() || cwd;
  const absolute = isAbsolute(settings.dockerfile)
    ? settings.dockerfile
    : resolve(base, settings.dockerfile);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch {
    return undefined;
  }
  const fromLine = findFromLine(text);
  if (fromLine === null) return undefined;
  const path = relative(base, absolute).split('\\').join('/');
  return { path: path.startsWith('..') ? settings.dockerfile : path, fromLine };
}
