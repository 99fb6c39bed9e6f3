import { createHash } from 'node:crypto';

/**
 * Pagination tokens: opaque to the client, bound to the request that produced them (`binding`)
 * so a token replayed with other parameters is refused, as AWS does.
 */
interface TokenBody {
  b: string;
  p: number;
}

export function bindingOf(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}

export function encodeToken(binding: string, position: number): string {
  return Buffer.from(JSON.stringify({ b: binding, p: position } satisfies TokenBody)).toString(
    'base64url',
  );
}

/** The position stored in `token`, or undefined when it is not ours or belongs to another query. */
export function decodeToken(token: string, binding: string): number | undefined {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const { b, p } = body as Partial<Record<keyof TokenBody, unknown>>;
  if (b !== binding || typeof p !== 'number' || !Number.isInteger(p) || p < 0) return undefined;
  return p;
}
