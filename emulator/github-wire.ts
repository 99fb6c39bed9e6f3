// The wire side of the GitHub stand-in: request bodies bounded as GitHub bounds them, answers as
// JSON with GitHub's headers, comments in the REST API's shape.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FailureSwitch, StoredComment } from './github.js';

const MAX_BODY = 65_536;
const MAX_REQUEST_BYTES = 1_000_000;

export function toApi(c: StoredComment) {
  return {
    id: c.id,
    node_id: `IC_${c.id}`,
    html_url: `https://github.com/${c.owner}/${c.repo}/pull/${c.issue}#issuecomment-${c.id}`,
    body: c.body,
    user: {
      login: c.user.login,
      id: c.user.id ?? (c.user.type === 'Bot' ? 41898282 : 1),
      type: c.user.type,
    },
    created_at: c.created_at,
    updated_at: c.updated_at,
    author_association: c.user.type === 'Bot' ? 'NONE' : 'MEMBER',
  };
}

/** The `body` field when it is a string GitHub would accept, else null. */
export function bodyText(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const text = (body as { body?: unknown }).body;
  return typeof text === 'string' && text.length > 0 && text.length <= MAX_BODY ? text : null;
}

export async function misbehave(
  req: IncomingMessage,
  res: ServerResponse,
  how: NonNullable<FailureSwitch['broken']>,
  hangMs: number,
): Promise<void> {
  if (how === 'malformed') {
    const text = '[{"id": 1, "body": ';
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': text.length,
    });
    res.end(text);
    return;
  }
  if (how === 'hang') {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, hangMs);
      req.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  req.socket.destroy();
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function send(
  res: ServerResponse,
  status: number,
  payload: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
