import type { IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { getProxyUrl } from '@actions/http-client/lib/proxy';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { UserError, errnoCode, errorMessage } from '../errors.js';
import { TOOL_NAME, VERSION } from '../version.js';
import { inputProblem } from '../inputs/invalid.js';
import type { IgnoreRule, Settings } from '../inputs/settings.js';
import { readWorkspaceFile } from './files.js';

// Reads the ignore documents named by `vex` and `trivyignore`: workspace files through the same
// bounds as the policy file (no link out of the workspace, regular files, size cap), URLs with a
// size cap and a deadline, so a slow or huge server cannot hold or flood the step.

/** A VEX document for one image is kilobytes; a megabyte leaves room and stops a wrong URL. */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;
export const FETCH_TIMEOUT_MS = 10_000;

type Env = Readonly<Record<string, string | undefined>>;

/** https only; plain http is accepted for the loopback host alone (a local server in tests). */
function checkUrl(source: string): URL | null {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) return null;
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    throw inputProblem(
      'vex',
      `${JSON.stringify(source)} is not a valid URL; expected an https:// URL or a path in the workspace.`,
    );
  }
  const loopback =
    url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw inputProblem(
      'vex',
      `${JSON.stringify(source)} is not https; expected an https:// URL or a path in the workspace.`,
    );
  }
  return url;
}

/**
 * The body, read as a stream and cut off past the cap; errors name the URL. Node's own http(s)
 * with the proxy decision the AWS clients make (`HTTPS_PROXY`/`NO_PROXY` through the toolkit's
 * `getProxyUrl`, tunnelled by https-proxy-agent; aws/clients.ts): the global `fetch` ignores
 * those variables, so on a runner that reaches the internet only through a proxy a VEX URL
 * timed out. Redirects are not followed (a 3xx is an answer that is not the document).
 */
export async function fetchBounded(
  url: URL,
  input: string,
  maxBytes = MAX_DOCUMENT_BYTES,
  timeoutMs = FETCH_TIMEOUT_MS,
): Promise<string> {
  const shown = JSON.stringify(url.href);
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await get(url, signal);
    const status = response.statusCode ?? 0;
    if (status < 200 || status > 299) {
      response.destroy();
      throw inputProblem(input, `${shown} answered HTTP ${status}; expected the document.`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response as AsyncIterable<Buffer>) {
      size += chunk.byteLength;
      if (size > maxBytes) {
        response.destroy();
        throw inputProblem(
          input,
          `${shown} is larger than ${maxBytes} bytes, the most that is read.`,
        );
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    if (error instanceof UserError) throw error;
    if (signal.aborted) {
      throw inputProblem(input, `${shown} did not answer within ${timeoutMs / 1000} s.`);
    }
    throw inputProblem(
      input,
      `${shown} could not be fetched (${errorMessage(error).slice(0, 200)}).`,
    );
  }
}

/** One GET, through the proxy the environment names for this URL (none for loopback hosts). */
function get(url: URL, signal: AbortSignal): Promise<IncomingMessage> {
  const proxy = getProxyUrl(url);
  const agent = proxy ? new HttpsProxyAgent(proxy.href) : undefined;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      {
        signal,
        headers: { 'user-agent': `${TOOL_NAME}/${VERSION}`, accept: 'application/json' },
        ...(agent ? { agent } : {}),
      },
      resolve,
    );
    request.on('error', reject);
    request.end();
  });
}

function readFile(name: string, input: string, workspace: string): string {
  try {
    return readWorkspaceFile(name, { input, workspace, maxBytes: MAX_DOCUMENT_BYTES });
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = errnoCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw inputProblem(
        input,
        `${JSON.stringify(name)} does not exist (relative to ${workspace}).`,
      );
    }
    throw inputProblem(
      input,
      `${JSON.stringify(name)} could not be read (${code ?? errorMessage(error)}).`,
    );
  }
}

/** Ignore entries from every `vex` document and the `trivyignore` file, in the order given. */
export async function loadExternalIgnores(
  settings: Settings,
  env: Env,
  cwd: string,
): Promise<IgnoreRule[]> {
  if (settings.vex.length === 0 && settings.trivyignore === null) return [];
  const workspace = env.GITHUB_WORKSPACE?.trim() || cwd;
  const rules: IgnoreRule[] = [];
  if (settings.vex.length > 0) {
    const { parseVex } = await import('../policy/vex.js');
    for (const source of settings.vex) {
      const url = checkUrl(source);
      const body = url ? await fetchBounded(url, 'vex') : readFile(source, 'vex', workspace);
      rules.push(...parseVex(body, source));
    }
  }
  if (settings.trivyignore !== null) {
    const { parseTrivyIgnore } = await import('../policy/trivyignore.js');
    const body = readFile(settings.trivyignore, 'trivyignore', workspace);
    rules.push(...parseTrivyIgnore(body, settings.trivyignore));
  }
  return rules;
}
