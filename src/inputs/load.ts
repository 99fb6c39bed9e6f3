import { isAbsolute, resolve } from 'node:path';
import { UserError, errnoCode, errorMessage } from '../errors.js';
import type { Policy } from '../policy/policy.js';
import { DEFAULT_POLICY_FILE } from './defaults.js';
import { readWorkspaceFile } from '../runtime/files.js';
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
    // Bounded, regular files only, no link out of the workspace (runtime/files.ts).
    text = readWorkspaceFile(name, {
      input: 'policy-file',
      workspace: base,
      maxBytes: MAX_POLICY_BYTES,
    });
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = errnoCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      if (isDefault) return null;
      throw problem(
        `does not exist (looked for ${path}). Expected a YAML policy file relative to the repository root (the working directory): is the repository checked out there?`,
      );
    }
    throw problem(`could not be read (${code ?? errorMessage(error)}).`);
  }
  // Loaded only when there is a policy to parse: the YAML parser is ~290 KB of the bundle and
  // ~35 ms of start-up that a run without a policy file need not pay (bench/README.md).
  const { parsePolicy } = await import('../policy/parse.js');
  try {
    return parsePolicy(text, name);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    // The problems quote the file's text. The log is masked by the runner; the job summary and
    // the JSON report are not, so they get the lines only.
    error.reportMessage = policyProblemSummary(name, error.message);
    throw error;
  }
}

/** `policy-file "x" has 2 problems (lines 3, 7); the step log lists them.` */
function policyProblemSummary(name: string, message: string): string {
  const lines = new Set<number>();
  const prefix = `${name}:`;
  for (const line of message.split('\n')) {
    const at = line.indexOf(prefix);
    if (at < 0) continue;
    const digits = /^\d{1,9}/.exec(line.slice(at + prefix.length, at + prefix.length + 10));
    if (digits) lines.add(Number(digits[0]));
  }
  const where = lines.size > 0 ? ` on line ${[...lines].slice(0, 20).join(', ')}` : '';
  return `Input 'policy-file': ${JSON.stringify(name)} is not a valid policy${where}; the step log lists each problem (its text is kept out of the report because it quotes the file).`;
}

/** Reads the policy file, then validates every input with it. The only I/O of settings. */
export async function loadSettings(
  raw: RawInputs,
  env: Env,
  cwd: string = process.cwd(),
): Promise<Settings> {
  const policy = await loadPolicy(raw, env, cwd);
  const settings = parseSettings(raw, env, policy);
  // OpenVEX and .trivyignore.yaml entries join the policy's: one list, one report of ignores.
  if (settings.vex.length === 0 && settings.trivyignore === null) return settings;
  const { loadExternalIgnores } = await import('../runtime/vex.js');
  const external = await loadExternalIgnores(settings, env, cwd);
  return external.length === 0
    ? settings
    : { ...settings, ignores: [...settings.ignores, ...external] };
}
