// The HTTP side of the emulator: bounded request bodies, JSON answers with AWS's headers, and
// the hang fault (a request held unanswered, then dropped).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { JSON_CONTENT_TYPE } from './protocol.js';

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}

export function send(
  res: ServerResponse,
  status: number,
  body: string,
  requestId: string,
  errorType?: string,
): void {
  res.writeHead(status, {
    'Content-Type': JSON_CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': requestId,
    ...(errorType ? { 'x-amzn-ErrorType': errorType } : {}),
  });
  res.end(body);
}

/** Holds the request unanswered until the client gives up or `capMs` passes, then drops it. */
export function hang(req: IncomingMessage, capMs: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = req.socket;
    const done = () => {
      clearTimeout(timer);
      socket.off('close', done);
      if (!socket.destroyed) socket.destroy();
      resolve();
    };
    const timer = setTimeout(done, capMs);
    socket.once('close', done);
  });
}
