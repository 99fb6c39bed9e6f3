// Issue 19 §3: a DescribeImages that sends its headers and then one byte a second must not hold
// the step. The SDK's requestTimeout stops at the headers; the resolve deadline and the abort
// signal on every call end it. Real SDK client, real socket, real (short) time.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ecrClient } from '../../src/aws/clients.js';
import { EcrAdapter } from '../../src/aws/ecr.js';
import './ecr-test-kit.js';

let server: Server;
let port = 0;
const open = new Set<ServerResponse>();

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      open.add(res);
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      // A valid answer, one byte a second: never finished within the deadline.
      const body = JSON.stringify({ imageDetails: [{ imageDigest: `sha256:${'a'.repeat(64)}` }] });
      let at = 0;
      const timer = setInterval(() => {
        if (res.destroyed || at >= body.length) {
          clearInterval(timer);
          if (!res.destroyed) res.end();
          return;
        }
        res.write(body[at++]);
      }, 1_000);
      res.on('close', () => {
        clearInterval(timer);
        open.delete(res);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const res of open) res.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('a trickling DescribeImages ends at the resolve deadline, and its connection is closed', async () => {
  process.env.AWS_ENDPOINT_URL_ECR = `http://127.0.0.1:${port}`;
  try {
    const adapter = new EcrAdapter({
      clientFor: (region) => ecrClient({ region, maxAttempts: 1 }),
      resolveTimeoutMs: 1_500,
    });
    const started = Date.now();
    await expect(
      adapter.resolve({ raw: 'team/app:v1', repository: 'team/app', tag: 'v1' }, 'eu-west-1'),
    ).rejects.toThrow(/ECR DescribeImages did not finish within the 2 s allowed/);
    // Bounded by the deadline, not by the 30 s requestTimeout or the body's ~80 s.
    expect(Date.now() - started).toBeLessThan(10_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(open.size).toBe(0);
  } finally {
    delete process.env.AWS_ENDPOINT_URL_ECR;
  }
});
