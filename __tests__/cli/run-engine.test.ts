// runCli with the real engine, only the ports faked: the wiring between CLI, engine and progress.
import type {
  Finding,
  ImageTarget,
  ResolvedImage,
  ScanOutcome,
  UploaderEvidence,
} from '../../src/model.js';
import type { ScanWaitOptions, UploaderLookupOptions } from '../../src/ports.js';
import type { Adapters } from '../../src/runtime/adapters.js';
import { IMAGE, cli } from './cli-kit.js';

const critical: Finding = {
  id: 'CVE-2024-0001',
  name: 'CVE-2024-0001',
  description: 'remote code execution',
  severity: 'CRITICAL',
  scannerSeverity: 'CRITICAL',
  packages: [{ name: 'openssl', version: '3.0.1' }],
  source: 'basic',
};

function ports(findings: Finding[], waits: string[]): Adapters {
  const resolved = (target: ImageTarget): ResolvedImage => ({
    target,
    registryId: '111111111111',
    region: 'eu-west-1',
    repository: 'app',
    imageDigest: `sha256:${'c'.repeat(64)}`,
    imageTags: ['1.0'],
  });
  const evidence: UploaderEvidence = {
    state: 'not-found',
    reason: 'no PutImage yet',
    tagPushes: [],
    history: [],
    historyComplete: true,
    stats: { strategy: 'fake', calls: 1, pages: 1, events: 0, malformed: 0, throttled: 0 },
  };
  return {
    ecr: {
      resolve: async (target) => [resolved(target)],
      waitForScan: async (image: ResolvedImage, options: ScanWaitOptions): Promise<ScanOutcome> => {
        waits.push(`scan ${options.timeoutMs}`);
        options.onProgress?.({
          image: image.target.raw,
          phase: 'scan',
          waitingFor: 'scan IN_PROGRESS',
          elapsedMs: 3000,
        });
        return { type: 'BASIC', status: 'COMPLETE', usable: true, findings, calls: 2 };
      },
      callCount: () => 3,
    },
    uploader: {
      investigate: async (_image: ResolvedImage, options: UploaderLookupOptions) => {
        waits.push(`uploader ${options.timeoutMs} ${options.historyDays}`);
        return evidence;
      },
      callCount: () => 1,
    },
  };
}

test('a critical finding fails the gate with exit 1; timeouts come from the flags', async () => {
  const waits: string[] = [];
  const run = await cli(
    ['--image', IMAGE, '--scan-timeout', '45', '--uploader-history-days', '7'],
    {
      realEngine: true,
      buildAdapters: () => ports([critical], waits),
    },
  );
  expect(run.code).toBe(1);
  expect(waits.sort()).toEqual(['scan 45000', 'uploader 300000 7']);
  expect(run.stdout).toContain('FAIL');
  expect(run.stdout).toContain('CVE-2024-0001');
  // The registry host is dropped from the line so the status stays visible.
  expect(run.stderr).toContain(`app:1.0: waiting for scan IN_PROGRESS (3s)`);
});

test('no findings and an unverified uploader (warn by default) exits 0', async () => {
  const run = await cli(['--image', IMAGE, '--format', 'json'], {
    realEngine: true,
    buildAdapters: () => ports([], []),
  });
  expect(run.code).toBe(0);
  const parsed = JSON.parse(run.stdout) as {
    result: string;
    images: Array<{ uploader: { status: string } }>;
  };
  expect(parsed.result).toBe('warn');
  expect(parsed.images[0]?.uploader.status).toBe('unverified');
});
