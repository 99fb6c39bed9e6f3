import { relative, resolve } from 'node:path';
import type { Settings } from '../inputs/settings.js';
import { findFromLine } from '../report/annotations.js';
import { readWorkspaceFile } from './files.js';

/** A Dockerfile is a few KB; anything bigger is not one worth anchoring on. */
const MAX_DOCKERFILE_BYTES = 1024 * 1024;

/**
 * Where annotations and SARIF results point when `dockerfile` is set: the final stage's FROM
 * line, with the path relative to the workspace as GitHub expects. An unreadable file (absent,
 * a link out of the workspace, not a regular file, too big) or one without FROM falls back to
 * unanchored results rather than failing the gate; main.ts warns about it by the input's name.
 */
export function dockerfileAnchor(
  settings: Pick<Settings, 'dockerfile'>,
  env: Readonly<Record<string, string | undefined>>,
  cwd = process.cwd(),
): { path: string; fromLine: number } | undefined {
  if (!settings.dockerfile) return undefined;
  const base = env.GITHUB_WORKSPACE?.trim() || cwd;
  const absolute = resolve(base, settings.dockerfile);
  let text: string;
  try {
    text = readWorkspaceFile(settings.dockerfile, {
      input: 'dockerfile',
      workspace: base,
      maxBytes: MAX_DOCKERFILE_BYTES,
    });
  } catch {
    return undefined;
  }
  const fromLine = findFromLine(text);
  if (fromLine === null) return undefined;
  const path = relative(base, absolute).split('\\').join('/');
  return { path: path.startsWith('..') ? settings.dockerfile : path, fromLine };
}
