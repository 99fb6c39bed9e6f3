// Issue 14 §1 at the engine: compare-to reads the reference through the same EcrPort, marks each
// finding new/unchanged, lists fixed ones, caps unchanged ones and falls back to absolute counts
// (fail closed) when the reference cannot be used. Expected values written from the issue and
// SPEC section 2 (default levels: critical/high fail, medium warn) before running.
import { evaluate } from '../../src/engine.js';
import { UserError } from '../../src/errors.js';
import { parseSettings } from '../../src/inputs/parse.js';
import type {
  Finding,
  ImageTarget,
  ResolvedImage,
  ScanOutcome,
  Severity,
} from '../../src/model.js';
import type { EcrPort } from '../../src/ports.js';
import { buildOutputs } from '../../src/report/outputs.js';
import { parsePolicy } from '../../src/policy/parse.js';

const HOST = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const PROD = `sha256:${'a'.repeat(64)}`;
const RELEASE = `sha256:${'b'.repeat(64)}`;

const finding = (id: string, severity: Severity, pkg = `pkg-${id}`, version = '1.0'): Finding => ({
  id,
  name: id,
  description: `${id} description`,
  severity,
  scannerSeverity: severity,
  packages: [{ name: pkg, version }],
  source: 'basic',
});

/** Production: 5 critical, 10 high, 25 medium = 40 findings. */
const production: Finding[] = [
  ...Array.from({ length: 5 }, (_, i) => finding(`CVE-2024-10${i}`, 'CRITICAL')),
  ...Array.from({ length: 10 }, (_, i) => finding(`CVE-2024-20${i}`, 'HIGH')),
  ...Array.from({ length: 25 }, (_, i) =>
    finding(`CVE-2024-3${String(i).padStart(2, '0')}`, 'MEDIUM'),
  ),
];
const ADDED = finding('CVE-2025-9999', 'HIGH', 'libxml2');

interface World {
  scans: Record<string, ScanOutcome | undefined>;
  tags: Record<string, string>;
  resolveError?: Error;
}

const complete = (findings: Finding[]): ScanOutcome => ({
  type: 'BASIC',
  status: 'COMPLETE',
  usable: true,
  findings,
  calls: 1,
});

function fakeEcr(world: World): EcrPort & { waited: string[] } {
  const waited: string[] = [];
  return {
    waited,
    async resolve(target: ImageTarget, region: string): Promise<ResolvedImage[]> {
      if (target.tag === 'prod' && world.resolveError) throw world.resolveError;
      const digest = target.digest ?? world.tags[target.tag ?? ''];
      if (!digest)
        throw new UserError(`Image ${target.raw} was not found in repository api.`, 'aws');
      return [
        {
          target,
          registryId: '123456789012',
          region: target.region ?? region,
          repository: target.repository,
          imageDigest: digest,
          imageTags: target.tag ? [target.tag] : [],
        },
      ];
    },
    async waitForScan(image: ResolvedImage): Promise<ScanOutcome> {
      waited.push(image.imageDigest);
      return (
        world.scans[image.imageDigest] ?? {
          type: 'BASIC',
          status: 'TIMEOUT',
          description: 'no scan in time',
          usable: false,
          findings: [],
          calls: 1,
        }
      );
    },
    callCount: () => 0,
  };
}

const run = (world: World, extra: Record<string, string> = {}, policy: string | null = null) => {
  const settings = parseSettings(
    { image: `${HOST}/api:v2`, 'compare-to': 'api:prod', 'uploader-check': 'false', ...extra },
    {},
    policy === null ? null : parsePolicy(policy, 'policy.yml'),
  );
  const ecr = fakeEcr(world);
  return evaluate(settings, { ecr, uploader: null }).then((report) => ({ report, ecr }));
};

const releaseWorld = (
  release: Finding[],
  prod: ScanOutcome | undefined = complete(production),
): World => ({
  tags: { v2: RELEASE, prod: PROD },
  scans: { [RELEASE]: complete(release), [PROD]: prod },
});

// The release fixes one medium (CVE-2024-300) and adds one HIGH.
const releaseFindings = [...production.filter((f) => f.id !== 'CVE-2024-300'), ADDED];

test('a release adding one HIGH to 40 production findings fails on that one alone', async () => {
  const { report, ecr } = await run(releaseWorld(releaseFindings));
  expect(ecr.waited.sort()).toEqual([PROD, RELEASE].sort());
  expect(report.result).toBe('fail');
  const failing = report.detections.filter((d) => !d.ignored && d.level === 'fail');
  expect(failing.map((d) => d.findingId)).toEqual(['CVE-2025-9999']);
  expect(failing[0]?.compare).toBe('new');
  // unchanged critical/high are capped at warn and add no risk: only the new HIGH's 70
  expect(report.riskScore).toBe(70);
  const unchangedCritical = report.detections.filter((d) => d.rule === 'critical');
  expect(unchangedCritical.map((d) => [d.compare, d.level])).toEqual(
    Array.from({ length: 5 }, () => ['unchanged', 'warn']),
  );
  expect(report.images[0]?.compare).toMatchObject({
    status: 'compared',
    digest: PROD,
    new: 1,
    unchanged: 39,
    fixed: [{ id: 'CVE-2024-300', severity: 'MEDIUM', packages: ['pkg-CVE-2024-300'] }],
  });
  expect(report.compareTo).toEqual({
    reference: 'api:prod',
    digest: PROD,
    status: 'compared',
    reason: null,
    unchanged: 'warn',
  });
  const outputs = buildOutputs(report, { reportFile: 'r.json' });
  // severity outputs stay absolute; new/fixed say what the release changed
  expect(outputs.high).toBe('11');
  expect(outputs['new-findings']).toBe('1');
  expect(outputs['fixed-findings']).toBe('1');
});

test('nothing new: unchanged findings warn, never fail, and do not trip risk-threshold', async () => {
  const { report } = await run(releaseWorld(production), { 'risk-threshold': '50' });
  expect(report.result).toBe('warn');
  expect(report.riskScore).toBe(0);
  expect(report.images[0]?.compare?.new).toBe(0);
  expect(report.images[0]?.compare?.unchanged).toBe(40);
});

test('policy compare.unchanged: fail keeps every level: unchanged findings still fail', async () => {
  const { report } = await run(releaseWorld(production), {}, 'compare:\n  unchanged: fail\n');
  expect(report.result).toBe('fail');
  expect(report.detections.filter((d) => d.level === 'fail')).toHaveLength(15);
  expect(report.compareTo?.unchanged).toBe('fail');
  expect(report.riskScore).toBe(5 * 100 + 10 * 70 + 25 * 21);
});

test('policy compare.unchanged: off reports unchanged findings at off', async () => {
  const { report } = await run(releaseWorld(production), {}, 'compare: { unchanged: off }\n');
  expect(report.result).toBe('pass');
  expect(new Set(report.detections.map((d) => d.level))).toEqual(new Set(['off']));
});

describe('a reference that cannot be used: absolute counts, a warning naming it and why', () => {
  const expectAbsolute = (report: Awaited<ReturnType<typeof run>>['report'], why: RegExp) => {
    // every finding new: 5 critical + 11 high fail, as without compare-to
    expect(report.result).toBe('fail');
    expect(report.detections.filter((d) => d.level === 'fail')).toHaveLength(16);
    expect(report.detections.every((d) => d.compare === 'new')).toBe(true);
    expect(report.compareTo?.status).toBe('unreadable');
    expect(report.compareTo?.reason).toMatch(why);
    const warning = report.warnings.find((w) => w.code === 'compare-to');
    expect(warning?.message).toContain('api:prod');
    expect(warning?.message).toMatch(why);
    expect(warning?.message).toContain('counted as new');
    expect(report.reasons.join('\n')).toMatch(/compare-to api:prod could not be read/);
    expect(buildOutputs(report, { reportFile: 'r.json' })['new-findings']).toBe('40');
  };

  test('not found', async () => {
    const world = releaseWorld(releaseFindings);
    delete world.tags.prod;
    const { report } = await run(world);
    expectAbsolute(report, /was not found/);
  });

  test('access denied while resolving', async () => {
    const world = releaseWorld(releaseFindings);
    world.resolveError = new UserError('Access denied: ecr:DescribeImages on api', 'aws');
    const { report } = await run(world);
    expectAbsolute(report, /Access denied/);
  });

  test('no usable scan (FAILED)', async () => {
    const failed: ScanOutcome = {
      type: 'BASIC',
      status: 'FAILED',
      description: 'UnsupportedImageError',
      usable: false,
      findings: [],
      calls: 1,
    };
    const { report } = await run(releaseWorld(releaseFindings, failed));
    expectAbsolute(report, /no usable scan \(FAILED: UnsupportedImageError\)/);
  });

  test('timed out', async () => {
    const world = releaseWorld(releaseFindings);
    delete world.scans[PROD]; // the fake's wait then ends in TIMEOUT
    const { report } = await run(world);
    expectAbsolute(report, /TIMEOUT/);
  });

  test('the reference is the gated image itself (the tag already moved)', async () => {
    const world = releaseWorld(releaseFindings);
    world.tags.prod = RELEASE;
    const { report } = await run(world);
    expectAbsolute(report, /gated image itself/);
  });
});

test('the key is CVE id + package: another package is new, another version is unchanged', async () => {
  const base = finding('CVE-2024-100', 'CRITICAL', 'openssl', '3.0.13');
  const world: World = {
    tags: { v2: RELEASE, prod: PROD },
    scans: {
      [PROD]: complete([base]),
      [RELEASE]: complete([
        {
          ...base,
          description: 'rewritten by a feed update',
          packages: [{ name: 'openssl', version: '3.0.14' }],
        },
        {
          ...base,
          id: 'CVE-2024-100',
          name: 'CVE-2024-100',
          description: 'x',
          packages: [{ name: 'libssl3' }],
        },
      ]),
    },
  };
  const { report } = await run(world);
  const marks = report.detections.map((d) => [d.packages?.[0]?.name, d.compare, d.level]);
  expect(marks).toEqual(
    expect.arrayContaining([
      ['openssl', 'unchanged', 'warn'],
      ['libssl3', 'new', 'fail'],
    ]),
  );
  expect(report.images[0]?.compare?.fixed).toEqual([]);
});

test('an index reference: each platform is compared with the same platform', async () => {
  const amdProd = `sha256:${'1'.repeat(64)}`;
  const armProd = `sha256:${'2'.repeat(64)}`;
  const amdRel = `sha256:${'3'.repeat(64)}`;
  const armRel = `sha256:${'4'.repeat(64)}`;
  const index = (target: ImageTarget, digests: [string, string]): ResolvedImage[] =>
    (['linux/amd64', 'linux/arm64'] as const).map((platform, i) => ({
      target,
      registryId: '123456789012',
      region: 'eu-west-1',
      repository: 'api',
      imageDigest: digests[i] as string,
      imageTags: [],
      platform,
      indexDigest: target.tag === 'prod' ? `sha256:${'9'.repeat(64)}` : `sha256:${'8'.repeat(64)}`,
    }));
  const amdOnly = finding('CVE-2024-500', 'HIGH', 'amd-lib');
  const scans: Record<string, ScanOutcome> = {
    [amdProd]: complete([amdOnly]),
    [armProd]: complete([]),
    [amdRel]: complete([amdOnly]),
    [armRel]: complete([amdOnly]),
  };
  const ecr: EcrPort = {
    resolve: async (target) =>
      index(target, target.tag === 'prod' ? [amdProd, armProd] : [amdRel, armRel]),
    waitForScan: async (image) => scans[image.imageDigest] as ScanOutcome,
    callCount: () => 0,
  };
  const settings = parseSettings(
    { image: `${HOST}/api:v2`, 'compare-to': 'api:prod', 'uploader-check': 'false' },
    {},
    null,
  );
  const report = await evaluate(settings, { ecr, uploader: null });
  const byPlatform = Object.fromEntries(
    report.images.map((i) => [
      i.platform,
      [i.compare?.digest, i.compare?.new, i.compare?.unchanged],
    ]),
  );
  // amd64 had it in production; on arm64 it is new
  expect(byPlatform).toEqual({ 'linux/amd64': [amdProd, 0, 1], 'linux/arm64': [armProd, 1, 0] });
  expect(report.result).toBe('fail');
  expect(report.compareTo?.digest).toBe(`sha256:${'9'.repeat(64)}`);
});

test('without compare-to nothing is marked and the outputs are empty', async () => {
  const settings = parseSettings({ image: `${HOST}/api:v2`, 'uploader-check': 'false' }, {}, null);
  const report = await evaluate(settings, {
    ecr: fakeEcr(releaseWorld(releaseFindings)),
    uploader: null,
  });
  expect(report.compareTo).toBeUndefined();
  expect(report.detections.some((d) => d.compare !== undefined)).toBe(false);
  const outputs = buildOutputs(report, { reportFile: 'r.json' });
  expect([outputs['new-findings'], outputs['fixed-findings']]).toEqual(['', '']);
});

test('a gated image without a usable scan claims no fixes (and still fails closed)', async () => {
  const world = releaseWorld([]);
  world.scans[RELEASE] = {
    type: 'BASIC',
    status: 'FAILED',
    description: 'UnsupportedImageError',
    usable: false,
    findings: [],
    calls: 1,
  };
  const { report } = await run(world);
  expect(report.result).toBe('fail');
  expect(report.detections.map((d) => d.rule)).toEqual(['scan-incomplete']);
  expect(report.images[0]?.compare?.fixed).toEqual([]);
});

test('a reference scanned by the other scanner is compared, with a warning saying so', async () => {
  const world = releaseWorld(releaseFindings);
  world.scans[PROD] = { ...complete(production), type: 'ENHANCED' };
  const { report } = await run(world);
  expect(report.images[0]?.compare?.status).toBe('compared');
  const warning = report.warnings.find((w) => w.code === 'compare-to');
  expect(warning?.message).toMatch(
    /api:prod was scanned with ENHANCED scanning and this image with BASIC/,
  );
});

test('an index reference without the gated platform: that platform falls back to absolute counts', async () => {
  const amdProd = `sha256:${'5'.repeat(64)}`;
  const amdRel = `sha256:${'6'.repeat(64)}`;
  const armRel = `sha256:${'7'.repeat(64)}`;
  const high = finding('CVE-2024-600', 'HIGH', 'lib');
  const platformImage = (target: ImageTarget, digest: string, platform: string): ResolvedImage => ({
    target,
    registryId: '123456789012',
    region: 'eu-west-1',
    repository: 'api',
    imageDigest: digest,
    imageTags: [],
    platform,
    indexDigest: `sha256:${'0'.repeat(64)}`,
  });
  const ecr: EcrPort = {
    resolve: async (target) =>
      target.tag === 'prod'
        ? [platformImage(target, amdProd, 'linux/amd64')]
        : [
            platformImage(target, amdRel, 'linux/amd64'),
            platformImage(target, armRel, 'linux/arm64'),
          ],
    waitForScan: async () => complete([high]),
    callCount: () => 0,
  };
  const settings = parseSettings(
    { image: `${HOST}/api:v2`, 'compare-to': 'api:prod', 'uploader-check': 'false' },
    {},
    null,
  );
  const report = await evaluate(settings, { ecr, uploader: null });
  const arm = report.images.find((i) => i.platform === 'linux/arm64');
  expect(report.images.find((i) => i.platform === 'linux/amd64')?.compare?.status).toBe('compared');
  expect(arm?.compare).toMatchObject({ status: 'unreadable', new: 1 });
  expect(arm?.compare?.reason).toMatch(/no linux\/arm64 manifest \(it has linux\/amd64\)/);
  expect(report.compareTo?.status).toBe('partial');
  expect(report.result).toBe('fail');
});
