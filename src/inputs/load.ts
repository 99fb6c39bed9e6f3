import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { UserError, errnoCode, errorMessage } from '../errors.js';
import type { Policy } from '../policy/policy.js';
import { DEFAULT_POLICY_FILE } from './defaults.js';
import { inputProblem } from './invalid.js';
import { parseSettings } from './parse.js';
import { INPUT_NAMES, type RawInputs, type Settings } from './settings.js';

type Env = Readonly<Record<string, string | undefined>>;

/** A policy is a short YAML file; anything bigger is a wrong path, not a policy. */
const MAX_POLICY_BYTES = 1024 * 1024;

/**
 * Builds RawInputs from a `(name) => string` lookup, e.g. `core.getInput` (kept out of this module
 * so it stays free of the Actions toolkit).
 */
export function readActionInputs(getInput: (name: string) => string): RawInputs {
  const raw: RawInputs = {};
  for (const name of INPUT_NAMES) raw[name] = getInput(name);
  return raw;
}

/**
 * An action input as the runner passes it and `core.getInput` reads it: the variable
 * `INPUT_<NAME>` (spaces as `_`, upper case), trimmed, `''` when unset. Read here rather than
 * through the toolkit, which is not loaded yet at that point (main.ts).
 */
export function actionInput(name: string, env: Env): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/**
 * Reads the policy file named by `policy-file` (relative to GITHUB_WORKSPACE, else the working
 * directory). The default file may be absent; a file the user named must exist.
 */
export async function loadPolicy(
  raw: RawInputs,
  env: Env,
  cwd: string = process.cwd(),
): Promise<Policy | null> {
  const given = (raw['policy-file'] ?? '').trim();
  const name = given === '' ? DEFAULT_POLICY_FILE : given;
  const isDefault = name === DEFAULT_POLICY_FILE;
  const base = env.GITHUB_WORKSPACE?.trim() || cwd;
  const path = isAbsolute(name) ? name : resolve(base, name);
  const problem = (message: string): UserError =>
    inputProblem('policy-file', `${JSON.stringify(name)} ${message}`);

  let text: string;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw problem(`is a directory (${path}); expected a YAML file.`);
    if (info.size > MAX_POLICY_BYTES) {
      throw problem(`is ${info.size} bytes; a policy file is at most ${MAX_POLICY_BYTES} bytes.`);
    }
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = errnoCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      if (isDefault) return null;
      throw problem(
        `does not exist (looked for ${path}). Expected a YAML policy file relative to the repository root (the working directory): is the repository checked out there?`,
      );
    }
    const message =
      typeof error === 'object' && error !== null && 'message' in error
        ? String(error.message)
        : errorMessage(error);
    throw problem(`could not be read: ${message}`);
  }
  // Loaded only when there is a policy to parse: the YAML parser is ~290 KB of the bundle and
  // ~35 ms of start-up that a run without a policy file need not pay (bench/README.md).
  const { parsePolicy } = await import('../policy/parse.js');
  return parsePolicy(text, name);
}

/** Reads the policy file, then validates every input with it. The only I/O of settings. */
export async function loadSettings(
  raw: RawInputs,
  env: Env,
  cwd: string = process.cwd(),
): Promise<Settings> {
  const policy = await loadPolicy(raw, env, cwd);
  return parseSettings(raw, env, policy);
}
