import { findingDetections, scanIncompleteDetection } from '../../src/rules/findings.js';
import type { Finding, Level, ResolvedImage, RuleId, ScanOutcome } from '../../src/model.js';
import { RULES } from '../../src/rules/catalog.js';
import { RULE_IDS } from '../../src/model.js';

const levels = Object.fromEntries(RULE_IDS.map((id) => [id, RULES[id].defaultLevel])) as Record<
  RuleId,
  Level
>;

const image: ResolvedImage = {
  target: {
    raw: 'devsecops/cat_dog_client:latest',
    repository: 'devsecops/cat_dog_client',
    tag: 'latest',
  },
  registryId: '111111111111',
  region: 'eu-central-1',
  repository: 'devsecops/cat_dog_client',
  imageDigest: 'sha256:a27d73188718a511a1ec1ec788826674b21e097f29873dde734a4dedfbfab1c6',
  imageTags: ['latest'],
};

const finding = (over: Partial<Finding>): Finding => ({
  id: 'CVE-2021-1',
  name: 'CVE-2021-1',
  description: 'overflow',
  severity: 'MEDIUM',
  scannerSeverity: 'MEDIUM',
  packages: [{ name: 'glibc', version: '2.28-10' }],
  source: 'basic',
  ...over,
});

const scan = (findings: Finding[], over: Partial<ScanOutcome> = {}): ScanOutcome => ({
  type: 'BASIC',
  status: 'COMPLETE',
  usable: true,
  completedAt: new Date('2021-08-11T11:30:16Z'),
  findings,
  calls: 1,
  ...over,
});

const run = (
  findings: Finding[],
  ignored: Parameters<typeof findingDetections>[0]['ignored'] = [],
) =>
  findingDetections({
    image,
    imageIndex: 0,
    scan: scan(findings),
    kept: findings,
    ignored,
    levels,
  });

describe('severity rules', () => {
  test('the seed row: medium, score 21, SPL fields', () => {
    const [d] = run([finding({})]);
    expect(d).toMatchObject({
      rule: 'medium',
      level: 'warn',
      severity: 'medium',
      riskScore: 21,
      impact: 30,
      confidence: 70,
      message: 'Vulnerabilities with severity medium found in repository devsecops/cat_dog_client',
      finding: 'CVE-2021-1, overflow',
      awsRegion: 'eu-central-1',
      eventName: 'DescribeImageScanFindings',
      eventSource: 'ecr.amazonaws.com',
      imageDigest: image.imageDigest,
      repository: 'devsecops/cat_dog_client',
      phase: 'release',
      firstTime: '2021-08-11T11:30:16',
      lastTime: '2021-08-11T11:30:16',
      ignored: false,
    });
  });

  test.each([
    ['CRITICAL', 'critical', 'fail', 100],
    ['HIGH', 'high', 'fail', 70],
    ['MEDIUM', 'medium', 'warn', 21],
    ['LOW', 'low', 'notice', 5],
    ['INFORMATIONAL', 'informational', 'off', 5],
    ['UNDEFINED', 'undefined', 'notice', 5],
  ] as const)('%s → %s at %s, score %d', (severity, rule, level, score) => {
    const [d] = run([finding({ severity })]);
    expect([d?.rule, d?.level, d?.riskScore]).toEqual([rule, level, score]);
  });

  test('one row per distinct "name, description", carrying every package', () => {
    const rows = run([
      finding({ packages: [{ name: 'glibc', version: '1' }] }),
      finding({ packages: [{ name: 'libc-bin', version: '1' }] }),
      finding({ description: 'other text', packages: [{ name: 'glibc', version: '1' }] }),
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.packages?.map((p) => p.name)).toEqual(['glibc', 'libc-bin']);
  });

  test('a package-scoped ignore splits the row: kept part counts, ignored part is marked', () => {
    const f = finding({ packages: [{ name: 'glibc' }, { name: 'libc-bin' }] });
    const kept = { ...f, packages: [{ name: 'libc-bin' }] };
    const rows = findingDetections({
      image,
      imageIndex: 0,
      scan: scan([f]),
      kept: [kept],
      ignored: [{ finding: f, package: 'glibc', reason: 'not reachable' }],
      levels,
    });
    expect(rows.map((r) => [r.ignored, r.packages?.map((p) => p.name), r.ignoreReason])).toEqual([
      [false, ['libc-bin'], undefined],
      [true, ['glibc'], 'not reachable'],
    ]);
  });

  test('uploader fields are carried when known', () => {
    const [d] = findingDetections({
      image,
      imageIndex: 2,
      scan: scan([finding({})]),
      kept: [finding({})],
      ignored: [],
      levels,
      user: 'ci-role',
      srcIp: 'AWS Internal',
    });
    expect([d?.user, d?.src_ip, d?.imageIndex]).toEqual(['ci-role', 'AWS Internal', 2]);
  });
});

describe('scan-incomplete', () => {
  const now = new Date('2026-01-02T03:04:05Z');
  test('usable scans produce nothing', () => {
    expect(
      scanIncompleteDetection({ image, imageIndex: 0, scan: scan([]), levels, now }),
    ).toBeNull();
  });
  test.each(['FAILED', 'UNSUPPORTED_IMAGE', 'TIMEOUT', 'SOMETHING_NEW'])(
    '%s fails closed',
    (status) => {
      const d = scanIncompleteDetection({
        image,
        imageIndex: 0,
        scan: scan([], { status, usable: false, description: 'why' }),
        levels,
        now,
      });
      expect(d).toMatchObject({
        rule: 'scan-incomplete',
        level: 'fail',
        riskScore: 50,
        message: `No usable scan result for image devsecops/cat_dog_client:latest@${image.imageDigest} (${status})`,
        detail: `${status}: why`,
        firstTime: '2026-01-02T03:04:05',
      });
    },
  );
});

describe('issue 18 §5: what a user reads on finding rows', () => {
  test('a finding without description has no trailing comma', () => {
    const [d] = run([finding({ description: '' })]);
    expect(d?.finding).toBe('CVE-2021-1');
    const [withText] = run([finding({})]);
    expect(withText?.finding).toBe('CVE-2021-1, overflow');
  });

  test('enhanced UNTRIAGED counts as undefined but is shown as UNTRIAGED', () => {
    const [d] = run([
      finding({ severity: 'UNDEFINED', scannerSeverity: 'UNTRIAGED', source: 'enhanced' }),
    ]);
    expect(d?.rule).toBe('undefined');
    expect(d?.scannerSeverity).toBe('UNTRIAGED');
    const [basic] = run([finding({ severity: 'UNDEFINED', scannerSeverity: 'UNDEFINED' })]);
    expect(basic?.scannerSeverity).toBeUndefined();
  });

  test('an unresolved image has no "@" with an empty digest in its name', () => {
    const d = scanIncompleteDetection({
      image: { ...image, imageDigest: '' },
      imageIndex: 0,
      scan: scan([], { usable: false, status: 'UNRESOLVED', description: 'not found' }),
      levels,
      now: new Date('2021-08-11T11:30:16Z'),
    });
    expect(d?.image).toBe('devsecops/cat_dog_client:latest');
    expect(d?.detail).toBe('UNRESOLVED: not found');
  });
});
