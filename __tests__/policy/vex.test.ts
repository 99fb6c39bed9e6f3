import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseVex } from '../../src/policy/vex.js';
import { applyIgnores, ignoreWarnings, type GatedImage } from '../../src/rules/ignores.js';
import { fetchBounded, loadExternalIgnores } from '../../src/runtime/vex.js';
import { parseSettings } from '../../src/inputs/parse.js';
import type { Finding } from '../../src/model.js';

// OpenVEX v0.2.0 (https://github.com/openvex/spec/blob/main/OPENVEX-SPEC.md): not_affected (with
// justification) and fixed suppress; affected and under_investigation do not. Images are named
// by pkg:oci purls (purl-spec PURL-TYPES: name = last repository segment, version = digest).
const DIGEST = `sha256:${'ab'.repeat(32)}`;
const IMAGE: GatedImage = {
  repository: 'team/api',
  digests: [DIGEST],
  host: '111111111111.dkr.ecr.eu-west-1.amazonaws.com',
};
const NOW = new Date('2026-12-01T00:00:00Z');

const finding = (id: string, pkg = 'openssl', version = '3.0.7'): Finding => ({
  id,
  name: id,
  description: '',
  severity: 'HIGH',
  scannerSeverity: 'HIGH',
  packages: [{ name: pkg, version }],
  source: 'enhanced',
});

const statement = (over: Record<string, unknown>) => ({
  vulnerability: { name: 'CVE-2023-0001' },
  products: [
    { '@id': `pkg:oci/api@${DIGEST.replace(':', '%3A')}?repository_url=${IMAGE.host}/team/api` },
  ],
  status: 'not_affected',
  justification: 'vulnerable_code_not_in_execute_path',
  ...over,
});
const doc = (statements: unknown[]) =>
  JSON.stringify({
    '@context': 'https://openvex.dev/ns/v0.2.0',
    '@id': 'https://example.test/vex/1',
    author: 'team',
    timestamp: '2026-11-01T00:00:00Z',
    version: 1,
    statements,
  });

const run = (text: string, findings: Finding[], image: GatedImage = IMAGE) => {
  const rules = parseVex(text, 'vex/api.json');
  const out = applyIgnores(findings, rules, { ignoreUnfixed: false, now: NOW, image });
  return { rules, out, warnings: ignoreWarnings(rules, out.used, NOW) };
};

describe('OpenVEX', () => {
  test('not_affected on this image suppresses exactly its finding, with its source', () => {
    const a = finding('CVE-2023-0001');
    const b = finding('CVE-2023-0002');
    const { out, warnings } = run(doc([statement({})]), [a, b]);
    expect(out.kept).toEqual([b]);
    expect(out.ignored).toEqual([
      {
        finding: a,
        by: 'vex',
        source: 'vex/api.json#statements[0]',
        reason: 'VEX not_affected (vulnerable_code_not_in_execute_path)',
      },
    ]);
    expect(warnings).toEqual([]);
  });

  test.each([
    ['fixed suppresses', 'fixed', true],
    ['affected does not', 'affected', false],
    ['under_investigation does not', 'under_investigation', false],
  ])('%s', (_name, status, suppressed) => {
    const extra = status === 'affected' ? { action_statement: 'upgrade' } : {};
    const { out } = run(doc([statement({ status, ...extra })]), [finding('CVE-2023-0001')]);
    expect(out.ignored.length).toBe(suppressed ? 1 : 0);
  });

  test('the latest statement about a vulnerability and product holds (OpenVEX history)', () => {
    const later = statement({
      status: 'affected',
      action_statement: 'upgrade',
      timestamp: '2026-11-20T00:00:00Z',
    });
    const earlier = statement({ timestamp: '2026-11-10T00:00:00Z' });
    // Written out of order on purpose: time decides, not position.
    expect(run(doc([later, earlier]), [finding('CVE-2023-0001')]).out.ignored).toHaveLength(0);
    const fixedLater = statement({ status: 'fixed', timestamp: '2026-11-20T00:00:00Z' });
    const affectedEarlier = statement({
      status: 'affected',
      action_statement: 'upgrade',
      timestamp: '2026-11-10T00:00:00Z',
    });
    expect(
      run(doc([affectedEarlier, fixedLater]), [finding('CVE-2023-0001')]).out.ignored,
    ).toHaveLength(1);
  });

  test('aliases match; another digest or repository does not (stale warning)', () => {
    const text = doc([
      statement({ vulnerability: { name: 'GHSA-xxxx', aliases: ['CVE-2023-0001'] } }),
    ]);
    expect(run(text, [finding('CVE-2023-0001')]).out.ignored).toHaveLength(1);
    const other = { ...IMAGE, digests: [`sha256:${'cd'.repeat(32)}`] };
    const { out, warnings } = run(text, [finding('CVE-2023-0001')], other);
    expect(out.ignored).toHaveLength(0);
    expect(warnings.map((w) => w.code)).toEqual(['ignore-stale']);
    expect(warnings[0]?.message).toContain('VEX statement GHSA-xxxx at vex/api.json#statements[0]');
    const web = { ...IMAGE, repository: 'team/web' };
    expect(run(text, [finding('CVE-2023-0001')], web).out.ignored).toHaveLength(0);
  });

  test('subcomponents narrow to those packages; a package purl product applies to any image', () => {
    const sub = statement({
      products: [
        { '@id': 'pkg:oci/api', subcomponents: [{ '@id': 'pkg:deb/debian/openssl@3.0.7' }] },
      ],
    });
    const both: Finding = {
      ...finding('CVE-2023-0001'),
      packages: [
        { name: 'openssl', version: '3.0.7' },
        { name: 'libssl3', version: '3.0.7' },
      ],
    };
    const { out } = run(doc([sub]), [both]);
    expect(out.kept[0]?.packages.map((p) => p.name)).toEqual(['libssl3']);
    expect(out.ignored.map((i) => i.package)).toEqual(['openssl']);
    const pkg = statement({ products: [{ '@id': 'pkg:deb/debian/openssl' }] });
    expect(
      run(doc([pkg]), [finding('CVE-2023-0001')], { ...IMAGE, repository: 'x/y' }).out.kept,
    ).toEqual([]);
  });

  test.each([
    ['not JSON', '{', 'is not JSON'],
    ['not OpenVEX', JSON.stringify({ statements: [] }), 'is not an OpenVEX document'],
    ['bad status', doc([statement({ status: 'ok' })]), 'statements[0].status is "ok"'],
    [
      'not_affected without justification',
      doc([statement({ justification: undefined })]),
      'not_affected needs a justification',
    ],
    ['no products', doc([statement({ products: [] })]), 'statements[0].products is missing'],
  ])('malformed (%s) is an error naming the file', (_name, text, message) => {
    expect(() => parseVex(text, 'vex/api.json')).toThrow(`Input 'vex': "vex/api.json"`);
    expect(() => parseVex(text, 'vex/api.json')).toThrow(message);
  });
});

describe('reading VEX documents', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/vex.json') res.end(doc([statement({})]));
      else if (req.url === '/huge') res.end('x'.repeat(2048));
      else if (req.url === '/slow') setTimeout(() => res.end('{}'), 2000).unref();
      else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  test('a file in the workspace and a URL, in the order given', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'vex-'));
    writeFileSync(
      join(workspace, 'a.json'),
      doc([statement({ vulnerability: { name: 'CVE-1' } })]),
    );
    const settings = parseSettings(
      { image: 'team/api:1', vex: `a.json\n${base}/vex.json` },
      { AWS_REGION: 'eu-west-1' },
      null,
    );
    const rules = await loadExternalIgnores(settings, {}, workspace).finally(() =>
      rmSync(workspace, { recursive: true, force: true }),
    );
    expect(rules.map((r) => [r.id, r.source])).toEqual([
      ['CVE-1', 'a.json#statements[0]'],
      ['CVE-2023-0001', `${base}/vex.json#statements[0]`],
    ]);
  });

  test('size, time, status and scheme are bounded and named', async () => {
    await expect(fetchBounded(new URL(`${base}/huge`), 'vex', 1024)).rejects.toThrow(
      `Input 'vex': "${base}/huge" is larger than 1024 bytes`,
    );
    await expect(fetchBounded(new URL(`${base}/slow`), 'vex', 1024, 200)).rejects.toThrow(
      'did not answer within 0.2 s',
    );
    await expect(fetchBounded(new URL(`${base}/nope`), 'vex')).rejects.toThrow('answered HTTP 404');
    const settings = parseSettings(
      { image: 'team/api:1', vex: 'http://example.test/v.json' },
      { AWS_REGION: 'eu-west-1' },
      null,
    );
    await expect(loadExternalIgnores(settings, {}, '/tmp')).rejects.toThrow('is not https');
    const missing = parseSettings(
      { image: 'team/api:1', vex: 'none.json' },
      { AWS_REGION: 'eu-west-1' },
      null,
    );
    await expect(loadExternalIgnores(missing, {}, '/tmp')).rejects.toThrow(
      `Input 'vex': "none.json" does not exist`,
    );
  });
});

describe('a VEX URL behind a proxy', () => {
  // Self-hosted runners that reach the internet only through HTTPS_PROXY: the URL must go
  // through it, as the AWS calls do (the global fetch ignored the variable and timed out).
  let proxy: Server;
  const seen: string[] = [];
  const saved = { HTTPS_PROXY: process.env.HTTPS_PROXY, NO_PROXY: process.env.NO_PROXY };
  beforeAll(async () => {
    proxy = createServer();
    proxy.on('connect', (req: IncomingMessage, socket: Duplex) => {
      seen.push(`${req.method} ${req.url}`);
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    process.env.HTTPS_PROXY = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    delete process.env.NO_PROXY;
  });
  afterAll(async () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
  });

  test('HTTPS_PROXY carries the request (CONNECT to the host), and a refusal names the URL', async () => {
    const url = new URL('https://vex.example.test/app.openvex.json');
    // https-proxy-agent hands the proxy's refusal back as the response.
    await expect(fetchBounded(url, 'vex', 1024, 5_000)).rejects.toThrow(
      `Input 'vex': "${url.href}" answered HTTP 403`,
    );
    expect(seen).toEqual(['CONNECT vex.example.test:443']);
  });
});
