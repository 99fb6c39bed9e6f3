// Issue 18 §4.1, §4.3 and §5 at the engine: one manifest gated once whatever names it, one
// unresolvable image does not discard the others, warnings name their image.
import { EvaluationError, evaluate } from '../src/engine.js';
import { buildOutputs } from '../src/report/outputs.js';
import { errorReport } from '../src/runtime/error-report.js';
import { UserError } from '../src/errors.js';
import { parseSettings } from '../src/inputs/parse.js';
import type { Finding, ImageTarget, ResolvedImage, ScanOutcome } from '../src/model.js';
import type { EcrPort } from '../src/ports.js';

const HOST = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const DIGEST = `sha256:${'a'.repeat(64)}`;
const OTHER = `sha256:${'b'.repeat(64)}`;

const critical: Finding = {
  id: 'CVE-2024-1',
  name: 'CVE-2024-1',
  description: 'overflow',
  severity: 'CRITICAL',
  scannerSeverity: 'CRITICAL',
  packages: [{ name: 'openssl', version: '3.0.0' }],
  source: 'basic',
};

/** ECR with `app` tags v1, latest → DIGEST (ECR lists `latest` first); anything else is unknown. */
function fakeEcr(notes: string[] = []): EcrPort & { scanned: string[] } {
  const scanned: string[] = [];
  return {
    scanned,
    async resolve(target: ImageTarget, region: string): Promise<ResolvedImage[]> {
      const known = target.tag === undefined || ['v1', 'latest', 'sha-1'].includes(target.tag);
      const digest = target.digest ?? DIGEST;
      if (!known || (digest !== DIGEST && digest !== OTHER)) {
        throw new UserError(`Image ${target.raw} was not found in repository app.`, 'aws');
      }
      return [
        {
          target,
          registryId: '123456789012',
          region: target.region ?? region,
          repository: target.repository,
          imageDigest: digest,
          imageTags: digest === DIGEST ? ['latest', 'sha-1', 'v1'] : [],
        },
      ];
    },
    async waitForScan(image: ResolvedImage): Promise<ScanOutcome> {
      scanned.push(image.imageDigest);
      return {
        type: 'BASIC',
        status: 'COMPLETE',
        usable: true,
        findings: image.imageDigest === DIGEST ? [critical] : [],
        calls: 1,
        ...(notes.length > 0 ? { notes } : {}),
      };
    },
    callCount: () => 3,
  };
}

const settingsFor = (image: string) =>
  parseSettings({ image, 'uploader-check': 'false' }, {}, null);

test('§4.1 three tags and the digest of one image: gated once, risk 100, tags merged', async () => {
  const ecr = fakeEcr();
  const report = await evaluate(
    settingsFor([`${HOST}/app:v1`, `${HOST}/app:sha-1`, `${HOST}/app@${DIGEST}`].join('\n')),
    { ecr, uploader: null },
  );
  // SPEC section 2: expected before running: one image, one critical row, risk 100.
  expect(ecr.scanned).toEqual([DIGEST]);
  expect(report.images).toHaveLength(1);
  expect(report.detections.filter((d) => d.rule === 'critical')).toHaveLength(1);
  expect(report.riskScore).toBe(100);
  // the label's tag is the one the user gated first, not ECR's first (`latest`)
  expect(report.images[0]?.imageTags).toEqual(['v1', 'sha-1', 'latest']);
});

test('§4.1 two different digests stay two images', async () => {
  const report = await evaluate(
    settingsFor([`${HOST}/app@${DIGEST}`, `${HOST}/app@${OTHER}`].join('\n')),
    { ecr: fakeEcr(), uploader: null },
  );
  expect(report.images.map((i) => i.imageDigest)).toEqual([DIGEST, OTHER]);
});

test('§4.3 an unresolvable image is a fail-closed detection; the others stand', async () => {
  const report = await evaluate(settingsFor(`${HOST}/app:v1\n${HOST}/app:gone`), {
    ecr: fakeEcr(),
    uploader: null,
  });
  expect(report.error).toBeNull();
  expect(report.images.map((i) => [i.repository, i.imageDigest, i.result])).toEqual([
    ['app', DIGEST, 'fail'],
    ['app', '', 'fail'],
  ]);
  // never read: no scan type is claimed for it
  expect(report.images[1]?.scan).toMatchObject({ type: null, status: 'UNRESOLVED' });
  const incomplete = report.detections.filter((d) => d.rule === 'scan-incomplete');
  expect(incomplete).toHaveLength(1);
  expect(incomplete[0]?.imageIndex).toBe(1);
  expect(incomplete[0]?.level).toBe('fail');
  expect(incomplete[0]?.detail).toContain('app:gone was not found');
  expect(report.result).toBe('fail');
});

test('§4.3 with the uploader check on, an unresolved image is unverified, not skipped', async () => {
  const settings = parseSettings({ image: `${HOST}/app:v1\n${HOST}/app:gone` }, {}, null);
  const report = await evaluate(settings, {
    ecr: fakeEcr(),
    uploader: {
      investigate: async () => ({
        state: 'not-found',
        reason: 'no PutImage event in time',
        tagPushes: [],
        history: [],
        historyComplete: true,
        stats: { strategy: 'test', calls: 1, pages: 1, events: 0, malformed: 0, throttled: 0 },
      }),
      callCount: () => 1,
    },
  });
  expect(report.images.map((i) => i.uploader.status)).toEqual(['unverified', 'unverified']);
});

test('§4.3 nothing resolves: the run cannot be evaluated (the error stands)', async () => {
  await expect(
    evaluate(settingsFor(`${HOST}/app:gone`), { ecr: fakeEcr(), uploader: null }),
  ).rejects.toThrow('app:gone was not found');
});

test('§5 scan notes name their image and get their own codes', async () => {
  const notes = [
    'StartImageScan was refused: ECR allows one manual scan per image per 24 hours (x).',
    'Findings were not confirmed by a second read before the deadline.',
    "ECR's findingSeverityCounts sum to 3 but 0 findings were returned; counts come from the findings.",
  ];
  const report = await evaluate(settingsFor(`${HOST}/app:v1`), {
    ecr: fakeEcr(notes),
    uploader: null,
  });
  const scanWarnings = report.warnings.filter((w) => w.code.startsWith('scan-'));
  expect(scanWarnings.map((w) => w.code)).toEqual(['scan-start', 'scan-settle', 'scan-counts']);
  for (const w of scanWarnings) {
    expect(w.image).toBe(`app:v1@${DIGEST}`);
    expect(w.message.startsWith(`app:v1@${DIGEST}: `)).toBe(true);
  }
});

test('§5 a run that could not be evaluated reports its real calls, duration and uploader-status', async () => {
  const settings = parseSettings({ image: `${HOST}/app:gone` }, {}, null);
  const error = await evaluate(settings, {
    ecr: fakeEcr(),
    uploader: { investigate: () => Promise.reject(new Error('unused')), callCount: () => 2 },
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(EvaluationError);
  expect(error).toBeInstanceOf(UserError);
  const report = errorReport((error as Error).message, settings, new Date(), error);
  expect(report.calls).toEqual({ ecr: 3, cloudtrail: 2 });
  expect(report.durationMs).toBeGreaterThanOrEqual(0);
  const outputs = buildOutputs(report, { reportFile: 'r.json', sarifFile: null });
  // the check was on and verified nothing: unverified, not skipped
  expect(outputs['uploader-status']).toBe('unverified');
  const off = parseSettings({ image: `${HOST}/app:gone`, 'uploader-check': 'false' }, {}, null);
  expect(
    buildOutputs(errorReport('x', off), { reportFile: 'r.json', sarifFile: null })[
      'uploader-status'
    ],
  ).toBe('skipped');
});
