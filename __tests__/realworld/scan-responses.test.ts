// Issue 18 §1: every real DescribeImageScanFindings response and Inspector2 finding of
// ../shared/data/realworld, served as published (emulator/raw.ts) to the bundle. Each case's verdict
// was written from the SPEC before the case ran; a case that fails here is a gate bug, not a case
// to soften. Sources: ../shared/data/realworld/SOURCES.md (ids below are its entry ids).
import { rawResponse, type Scenario } from '../../emulator/index.js';
import { entry, expectVerdict, ids, runCase, type Expected } from './corpus.js';
import { emptySuiteEmulator } from './harness.js';

const emulator = emptySuiteEmulator();

const REGION = 'eu-central-1';
const OUR_DIGEST = `sha256:${'5'.repeat(64)}`;

interface ScanCase {
  id: string;
  file: 'ecr-scan-responses.json' | 'inspector2-finding-events.json';
  scanType: 'BASIC' | 'ENHANCED';
  /** Seconds the gate may wait for a usable scan. */
  scanTimeout: number;
  expected: Expected;
  /** The emulator's own scan after the raw answers (late findings), and how many raw answers. */
  after?: { count: number; scan: NonNullable<Scenario['images'][number]['scan']> };
}

type Json = Record<string, unknown>;

/** An EventBridge Inspector2 finding as ECR's EnhancedImageScanFinding (SOURCES.md: renamed members). */
function enhancedFromInspector(detail: Json): Json {
  const { inspectorScore, inspectorScoreDetails, ...withEpss } = detail;
  const rest = Object.fromEntries(Object.entries(withEpss).filter(([k]) => k !== 'epss'));
  // EventBridge prints `Wed Sep 04 16:55:38.411 UTC 2024`; the wire carries epoch seconds.
  const time = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(time);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v).map(([k, x]) => [
          k,
          /At$/.test(k) && typeof x === 'string' && !Number.isNaN(Date.parse(x))
            ? Date.parse(x) / 1000
            : time(x),
        ]),
      );
    return v;
  };
  const out = time(rest) as Json;
  if (typeof inspectorScore === 'number') out.score = inspectorScore;
  const adjusted = (inspectorScoreDetails as Json | undefined)?.adjustedCvss;
  if (adjusted) out.scoreDetails = { cvss: adjusted };
  return out;
}

/** Distinct `name, description` strings per severity: the SPEC §2 rows of a basic response. */
function basicRows(findings: Array<{ name: string; description?: string; severity: string }>) {
  const rows: Record<string, Set<string>> = {};
  for (const f of findings)
    (rows[f.severity] ??= new Set()).add(`${f.name}, ${f.description ?? ''}`);
  const n = (s: string) => rows[s]?.size ?? 0;
  return { n, total: findings.length };
}

const b257 = () =>
  basicRows(
    (
      (entry('ecr-scan-responses.json', 'cultureamp-example-b-257-basic').response as Json)
        .imageScanFindings as Json
    ).findings as Array<{ name: string; severity: string }>,
  );

const CASES: Array<ScanCase | (() => ScanCase)> = [
  // BASIC COMPLETE, one MEDIUM: the seed rule at its default level warn.
  {
    id: 'awscli-basic-one-medium',
    file: 'ecr-scan-responses.json',
    scanType: 'BASIC',
    scanTimeout: 30,
    expected: {
      result: 'warn',
      rules: { medium: 1 },
      outputs: { medium: '1', 'findings-total': '1' },
    },
  },
  // Counts claim MEDIUM 1 only: SPEC §6 counts the findings (MEDIUM, INFORMATIONAL, UNDEFINED);
  // informational is `off` (still a row), undefined a notice; the stray member changes nothing.
  {
    id: 'cultureamp-example-a-counts-disagree',
    file: 'ecr-scan-responses.json',
    scanType: 'BASIC',
    scanTimeout: 30,
    expected: {
      result: 'warn',
      rules: { medium: 1, informational: 1, undefined: 1 },
      outputs: { medium: '1', informational: '1', undefined: '1', 'findings-total': '3' },
    },
  },
  // 257 real findings with CRITICAL and HIGH among them: fail; one row per distinct finding string.
  () => {
    const { n } = b257();
    const rules: Record<string, number> = {};
    for (const [rule, sev] of [
      ['critical', 'CRITICAL'],
      ['high', 'HIGH'],
      ['medium', 'MEDIUM'],
      ['low', 'LOW'],
      ['informational', 'INFORMATIONAL'],
      ['undefined', 'UNDEFINED'],
    ] as const)
      if (n(sev) > 0) rules[rule] = n(sev);
    return {
      id: 'cultureamp-example-b-257-basic',
      file: 'ecr-scan-responses.json',
      scanType: 'BASIC',
      scanTimeout: 30,
      expected: { result: 'fail', rules, outputs: { critical: String(n('CRITICAL')) } },
    };
  },
  // ENHANCED ACTIVE (continuous) is done (SPEC §6); one HIGH → fail.
  {
    id: 'apiref-enhanced-active-high',
    file: 'ecr-scan-responses.json',
    scanType: 'ENHANCED',
    scanTimeout: 60,
    expected: { result: 'fail', rules: { high: 1 }, outputs: { high: '1' } },
  },
  // PENDING for the whole scan-timeout: no usable scan → scan-incomplete (fail closed).
  {
    id: 'pr51-pending-both-lists-empty',
    file: 'ecr-scan-responses.json',
    scanType: 'ENHANCED',
    scanTimeout: 8,
    expected: { result: 'fail', rules: { 'scan-incomplete': 1 } },
  },
  // Issue 18 §2.1: ENHANCED COMPLETE with only {"findings": []} while Inspector has not written the
  // findings yet (aws/aws-sdk#289: 4–5 polls 5 s apart). The findings that follow (one HIGH, ours)
  // must be the verdict, never a pass on the empty body.
  {
    id: 'aws-sdk-289-complete-before-findings',
    file: 'ecr-scan-responses.json',
    scanType: 'ENHANCED',
    scanTimeout: 120,
    after: {
      count: 4,
      scan: {
        timeline: [{ status: 'COMPLETE' }],
        findingsAfterMs: 20_000,
        enhancedFindings: [],
      },
    },
    expected: { result: 'fail', rules: { high: 1 } },
  },
  // FAILED UnsupportedImageError, imageScanFindings null: no usable scan → scan-incomplete.
  {
    id: 'scratch-image-failed-null-findings',
    file: 'ecr-scan-responses.json',
    scanType: 'BASIC',
    scanTimeout: 30,
    expected: { result: 'fail', rules: { 'scan-incomplete': 1 } },
  },
  // Inspector's MEDIUM CVE-2024-6119 in two packages: one row (one finding string), warn.
  {
    id: 'inspector-userguide-ecr-medium-two-packages',
    file: 'inspector2-finding-events.json',
    scanType: 'ENHANCED',
    scanTimeout: 60,
    expected: { result: 'warn', rules: { medium: 1 }, outputs: { medium: '1' } },
  },
  // The 2021 libssh2 MEDIUM with inspectorScore 6.5 and no fixAvailable: warn.
  {
    id: 'ecr-userguide-enhanced-2021-libssh2',
    file: 'inspector2-finding-events.json',
    scanType: 'ENHANCED',
    scanTimeout: 60,
    expected: { result: 'warn', rules: { medium: 1 }, outputs: { medium: '1' } },
  },
];

/** The raw body and the image it answers for. Redacted or placeholder ids get ours (SOURCES.md). */
function served(c: ScanCase): {
  body: Json;
  registryId: string;
  repository: string;
  digest: string;
} {
  const e = entry(c.file, c.id);
  if (c.file === 'inspector2-finding-events.json') {
    const detail = (e.event as Json).detail as Json;
    const finding = enhancedFromInspector(detail);
    return {
      registryId: '123456789012',
      repository: 'inspector2',
      digest: OUR_DIGEST, // the published digests end in EXAMPLE or are not the image's
      body: {
        registryId: '123456789012',
        repositoryName: 'inspector2',
        imageId: { imageDigest: OUR_DIGEST },
        imageScanStatus: {
          status: 'ACTIVE',
          description: 'Continuous scan is selected for image.',
        },
        imageScanFindings: { enhancedFindings: [finding] },
      },
    };
  }
  const body = e.response as Json;
  const valid = (v: unknown, re: RegExp) => typeof v === 'string' && re.test(v);
  const registryId = valid(body.registryId, /^\d{12}$/)
    ? (body.registryId as string)
    : '123456789012';
  const repository =
    typeof body.repositoryName === 'string' && body.repositoryName !== 'repo'
      ? body.repositoryName
      : 'app';
  const imageId = (body.imageId ?? {}) as Json;
  const digest = valid(imageId.imageDigest, /^sha256:[0-9a-f]{64}$/)
    ? (imageId.imageDigest as string)
    : OUR_DIGEST;
  return {
    registryId,
    repository,
    digest,
    body: {
      ...body,
      registryId,
      repositoryName: repository,
      imageId: { ...imageId, imageDigest: digest },
    },
  };
}

const cases = CASES.map((c) => (typeof c === 'function' ? c() : c));

test('every scan response and Inspector finding of the corpus has a case', () => {
  const covered = new Set(cases.map((c) => c.id));
  for (const file of ['ecr-scan-responses.json', 'inspector2-finding-events.json'])
    for (const id of ids(file)) expect([file, id, covered.has(id)]).toEqual([file, id, true]);
});

test.each(cases.map((c) => [c.id, c] as const))(
  '%s',
  async (_id, c) => {
    const { body, registryId, repository, digest } = served(c);
    const later = c.after?.scan;
    const highLater =
      c.id === 'aws-sdk-289-complete-before-findings'
        ? [
            {
              ...enhancedFromInspector(
                (
                  (entry('ecr-scan-responses.json', 'apiref-enhanced-active-high').response as Json)
                    .imageScanFindings as { enhancedFindings: Json[] }
                ).enhancedFindings[0] as Json,
              ),
            },
          ]
        : undefined;
    const scenario: Scenario = {
      accountId: registryId,
      region: REGION,
      repositories: [{ name: repository, registryId, scanType: c.scanType }],
      images: [
        {
          repository,
          registryId,
          digest,
          tags: ['latest'],
          scan: later
            ? { ...later, ...(highLater ? { enhancedFindings: highLater as never } : {}) }
            : { timeline: [{ status: 'COMPLETE' }] },
        },
      ],
      faults: [
        rawResponse('DescribeImageScanFindings', body, c.after ? { count: c.after.count } : {}),
      ],
    };
    const run = await runCase(emulator(), {
      scenario,
      inputs: {
        image: `${registryId}.dkr.ecr.${REGION}.amazonaws.com/${repository}@${digest}`,
        'uploader-check': 'false',
        'scan-timeout': String(c.scanTimeout),
      },
      killAfterMs: (c.scanTimeout + 60) * 1000,
    });
    expectVerdict(run, c.expected);
  },
  240_000,
);
