/**
 * Report builders for the renderer tests: the real Splunk basic scan (104 findings for
 * devsecops/cat_dog_client), the real PutImage uploader, hostile text, and big synthetic reports.
 * Detections are built the way the engine builds them (one row per distinct finding per image,
 * catalog scores, default levels) without depending on the engine's code.
 */
import { readFileSync } from 'node:fs';
import { decide } from '../../src/gate.js';
import type {
  Detection,
  Finding,
  IgnoredFinding,
  ImageReport,
  Level,
  Report,
  ReportWarning,
  RuleId,
  Severity,
  UploaderStatus,
} from '../../src/model.js';
import { RULE_IDS, SEVERITIES } from '../../src/model.js';
import { RULES, SEVERITY_RULE, fillMessage, riskScoreOf } from '../../src/rules/catalog.js';
import { sharedPath } from '../shared-data.js';

export const SPLUNK = {
  registryId: '111111111111',
  region: 'eu-central-1',
  repository: 'devsecops/cat_dog_client',
  digest: 'sha256:a27d73188718a511a1ec1ec788826674b21e097f29873dde734a4dedfbfab1c6',
  completedAt: '2021-08-11T11:30:16.000Z',
  pusher: {
    arn: 'arn:aws:iam::111111111111:user/test',
    accountId: '111111111111',
    userName: 'test',
    eventId: '1aef3588-ae84-4f1f-9276-8ec94ee6a7e9',
    eventTime: '2021-08-18T23:17:30.000Z',
  },
} as const;

export const DEFAULT_LEVELS: Readonly<Record<RuleId, Level>> = Object.fromEntries(
  RULE_IDS.map((rule) => [rule, RULES[rule].defaultLevel]),
) as Record<RuleId, Level>;

interface RawFinding {
  name: string;
  description?: string;
  uri?: string;
  severity: string;
  attributes?: Array<{ key: string; value: string }>;
}

/** The 104 findings of the recorded DescribeImageScanFindings response, as `Finding`s. */
export function splunkFindings(): Finding[] {
  const text = readFileSync(sharedPath('splunk/aws_ecr_scanning_findings_events.json'), 'utf8');
  const event = JSON.parse(text) as {
    responseElements: { imageScanFindings: { findings: RawFinding[] } };
  };
  return event.responseElements.imageScanFindings.findings.map((raw) => {
    const attr = (key: string) => raw.attributes?.find((a) => a.key === key)?.value;
    const score = attr('CVSS2_SCORE');
    const vector = attr('CVSS2_VECTOR');
    const finding: Finding = {
      id: raw.name,
      name: raw.name,
      description: raw.description ?? '',
      severity: raw.severity as Severity,
      scannerSeverity: raw.severity,
      packages: [
        {
          name: attr('package_name') ?? 'unknown',
          ...(attr('package_version') ? { version: attr('package_version') as string } : {}),
        },
      ],
      source: 'basic',
    };
    if (raw.uri) finding.uri = raw.uri;
    if (score) {
      finding.cvss = { score: Number(score), version: '2', ...(vector ? { vector } : {}) };
    }
    return finding;
  });
}

export interface IgnoreSpec {
  id: string;
  package?: string;
  reason: string;
  expires?: string;
}

export interface ImageSpec {
  registryId?: string;
  region?: string;
  repository?: string;
  digest?: string;
  tags?: string[];
  platform?: string;
  indexDigest?: string;
  findings?: Finding[];
  scanStatus?: string;
  scanDescription?: string | null;
  usable?: boolean;
  uploaderStatus?: UploaderStatus;
  principal?: string;
  uploaderReason?: string;
  ignore?: IgnoreSpec[];
  input?: string;
}

export interface ReportSpec {
  levels?: Partial<Record<RuleId, Level>>;
  riskThreshold?: number | null;
  mode?: Report['mode'];
  warnings?: ReportWarning[];
  generatedAt?: string;
  error?: string | null;
}

const splunkTime = (iso: string): string => iso.slice(0, 19);

/** A report built from image specs the way the engine builds it. */
export function buildTestReport(images: ImageSpec[], spec: ReportSpec = {}): Report {
  const levels = { ...DEFAULT_LEVELS, ...spec.levels };
  const detections: Detection[] = [];
  const ignored: IgnoredFinding[] = [];
  const imageReports: ImageReport[] = images.map((image, imageIndex) => {
    const built = buildImage(image, imageIndex, levels);
    detections.push(...built.detections);
    ignored.push(...built.ignored);
    return built.report;
  });
  const verdict = decide(detections, spec.riskThreshold ?? null);
  return {
    schemaVersion: 2,
    tool: { name: 'ecr-risk-gate', version: '0.1.0' },
    generatedAt: spec.generatedAt ?? '2021-08-18T23:25:00.000Z',
    mode: spec.mode ?? 'enforce',
    result: spec.error ? 'fail' : verdict.result,
    reasons: spec.error ? [spec.error] : verdict.reasons,
    riskScore: verdict.riskScore,
    riskThreshold: spec.riskThreshold ?? null,
    images: imageReports,
    detections,
    ignored,
    warnings: spec.warnings ?? [],
    calls: { ecr: 3, cloudtrail: 4 },
    durationMs: 8123,
    error: spec.error ?? null,
  };
}

function buildImage(
  spec: ImageSpec,
  imageIndex: number,
  levels: Record<RuleId, Level>,
): { report: ImageReport; detections: Detection[]; ignored: IgnoredFinding[] } {
  const registryId = spec.registryId ?? SPLUNK.registryId;
  const region = spec.region ?? SPLUNK.region;
  const repository = spec.repository ?? SPLUNK.repository;
  const digest = spec.digest ?? SPLUNK.digest;
  const tags = spec.tags ?? ['latest'];
  const findings = spec.findings ?? [];
  const usable = spec.usable ?? true;
  const status = spec.uploaderStatus ?? 'unknown';
  const principal = spec.principal ?? SPLUNK.pusher.arn;
  const time = splunkTime(SPLUNK.completedAt);
  const imageName = `${repository}${tags[0] ? `:${tags[0]}` : ''}@${digest}`;
  const base = {
    imageIndex,
    phase: 'release' as const,
    firstTime: time,
    lastTime: time,
    awsRegion: region,
    imageDigest: digest,
    repository,
  };
  const detections: Detection[] = [];
  const ignored: IgnoredFinding[] = [];
  const verified = status === 'known' || status === 'seen' || status === 'unknown';
  const verifiedStatus = verified || status === 'no-baseline';

  for (const finding of findings) {
    const rule = SEVERITY_RULE[finding.severity];
    const ruleSpec = RULES[rule];
    const ignore = spec.ignore?.find(
      (i) =>
        i.id === finding.id && (!i.package || finding.packages.some((p) => p.name === i.package)),
    );
    const d: Detection = {
      ...base,
      rule,
      level: levels[rule],
      severity: ruleSpec.severity,
      riskScore: riskScoreOf(ruleSpec),
      impact: ruleSpec.impact,
      confidence: ruleSpec.confidence,
      message: fillMessage(ruleSpec.message, { repository }),
      ignored: ignore !== undefined,
      eventName: 'DescribeImageScanFindings',
      eventSource: 'ecr.amazonaws.com',
      finding: `${finding.name}, ${finding.description}`,
      findingId: finding.id,
      packages: finding.packages,
      ...(verifiedStatus ? { user: SPLUNK.pusher.userName, src_ip: 'AWS Internal' } : {}),
      ...(finding.cvss ? { cvss: finding.cvss.score } : {}),
      ...(finding.uri ? { uri: finding.uri } : {}),
      ...(finding.fixAvailable ? { fixAvailable: finding.fixAvailable } : {}),
      ...(ignore ? { ignoreReason: ignore.reason } : {}),
    };
    detections.push(d);
    if (ignore) {
      ignored.push({
        imageIndex,
        findingId: finding.id,
        severity: finding.severity,
        reason: ignore.reason,
        by: 'policy',
        ...(ignore.package ? { package: ignore.package } : {}),
        ...(ignore.expires ? { expires: ignore.expires } : {}),
      });
    }
  }

  const uploaderRule: RuleId | null =
    status === 'unknown'
      ? 'unknown-uploader'
      : status === 'unverified'
        ? 'unverified-uploader'
        : null;
  if (uploaderRule) {
    const ruleSpec = RULES[uploaderRule];
    detections.push({
      ...base,
      rule: uploaderRule,
      level: levels[uploaderRule],
      severity: ruleSpec.severity,
      riskScore: riskScoreOf(ruleSpec),
      impact: ruleSpec.impact,
      confidence: ruleSpec.confidence,
      message: fillMessage(ruleSpec.message, { user: principal, image: imageName }),
      ignored: false,
      eventName: 'PutImage',
      eventSource: 'ecr.amazonaws.com',
      registryId,
      image: imageName,
      ...(tags[0] ? { imageTag: tags[0] } : {}),
      ...(status === 'unknown'
        ? { user: principal, userName: SPLUNK.pusher.userName, principal, src_ip: 'AWS Internal' }
        : {
            detail: spec.uploaderReason ?? 'PutImage event not visible in CloudTrail after 300 s',
          }),
    });
  }
  if (!usable) {
    const ruleSpec = RULES['scan-incomplete'];
    const scanStatus = spec.scanStatus ?? 'FAILED';
    detections.push({
      ...base,
      rule: 'scan-incomplete',
      level: levels['scan-incomplete'],
      severity: ruleSpec.severity,
      riskScore: riskScoreOf(ruleSpec),
      impact: ruleSpec.impact,
      confidence: ruleSpec.confidence,
      message: fillMessage(ruleSpec.message, { image: imageName, status: scanStatus }),
      ignored: false,
      eventName: 'DescribeImageScanFindings',
      eventSource: 'ecr.amazonaws.com',
      registryId,
      image: imageName,
      detail: spec.scanDescription ? `${scanStatus}: ${spec.scanDescription}` : scanStatus,
    });
  }

  const own = detections;
  const verdict = decide(own, null);
  const counts = Object.fromEntries(
    SEVERITIES.map((s) => [
      s.toLowerCase(),
      own.filter((d) => d.rule === SEVERITY_RULE[s] && !d.ignored).length,
    ]),
  ) as Record<Lowercase<Severity>, number>;
  const report: ImageReport = {
    input:
      spec.input ?? `${registryId}.dkr.ecr.${region}.amazonaws.com/${repository}:${tags[0] ?? ''}`,
    registryId,
    region,
    repository,
    imageDigest: digest,
    imageTags: tags,
    pushedAt: '2021-08-11T11:29:02.000Z',
    ...(spec.platform ? { platform: spec.platform } : {}),
    ...(spec.indexDigest ? { indexDigest: spec.indexDigest } : {}),
    result: verdict.result,
    riskScore: verdict.riskScore,
    scan: {
      type: 'BASIC',
      status: usable ? 'COMPLETE' : (spec.scanStatus ?? 'FAILED'),
      description: usable ? 'The scan was completed successfully.' : (spec.scanDescription ?? null),
      completedAt: usable ? SPLUNK.completedAt : null,
      counts,
      findings,
    },
    uploader: {
      status,
      principal: verifiedStatus ? principal : null,
      type: verifiedStatus ? (principal.includes(':role/') ? 'AssumedRole' : 'IAMUser') : null,
      accountId: verifiedStatus ? (principal.split(':')[4] ?? SPLUNK.pusher.accountId) : null,
      eventTime: verifiedStatus ? SPLUNK.pusher.eventTime : null,
      eventId: verifiedStatus ? SPLUNK.pusher.eventId : null,
      userName: verifiedStatus ? SPLUNK.pusher.userName : null,
      sessionName: null,
      reason: verifiedStatus
        ? null
        : (spec.uploaderReason ?? 'PutImage event not visible in CloudTrail after 300 s'),
      baseline: {
        days: 30,
        principals: 2,
        complete: true,
        reachesBack: '2021-07-19T23:17:30.000Z',
      },
      lookup: { strategy: 'digest', calls: 4, pages: 4, events: 12, malformed: 0, throttled: 0 },
    },
  };
  return { report, detections, ignored };
}

/** The Splunk basic scan with the Splunk uploader (unknown by default): result `fail`. */
export function splunkReport(
  image: Omit<ImageSpec, 'findings'> = {},
  spec: ReportSpec = {},
): Report {
  return buildTestReport([{ ...image, findings: splunkFindings() }], spec);
}

const WORDS =
  'buffer over-read in the parser allows remote attackers to cause a denial of service via crafted input when processing untrusted archives with the library'.split(
    ' ',
  );

const PROSE = (() => {
  let out = '';
  let x = 12345;
  while (out.length < 65536) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += `${WORDS[x % WORDS.length]} `;
  }
  return out;
})();

/** Deterministic varied text of exactly `length` characters (different per seed). */
export function prose(seed: number, length: number): string {
  const start = (seed * 7919) % PROSE.length;
  let out = `Issue ${seed}: `;
  while (out.length < length) out += PROSE.slice(start) + PROSE.slice(0, start);
  return out.slice(0, length);
}

const NOISE = (() => {
  // mulberry32: a plain LCG repeats in its low bits and would compress far too well.
  let a = 987654321;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
  const chars: string[] = [];
  while (chars.length < 1 << 20) {
    const len = 2 + (next() % 9);
    for (let i = 0; i < len; i += 1) chars.push(String.fromCharCode(97 + (next() % 26)));
    chars.push(' ');
  }
  return chars.join('');
})();

/**
 * Text that compresses about as badly as real advisories (pseudo-random words, no repeat within
 * gzip's window), so gzip-based limits are exercised for real.
 */
export function noise(seed: number, length: number): string {
  const start = (seed * 7919) % (NOISE.length - length);
  return NOISE.slice(start, start + length);
}

/** `count` synthetic findings spread over every severity, `descriptionChars` of text each. */
export function syntheticFindings(
  count: number,
  descriptionChars: number,
  text: (seed: number, length: number) => string = prose,
): Finding[] {
  return Array.from({ length: count }, (_, i) => {
    const severity = SEVERITIES[i % SEVERITIES.length] as Severity;
    const id = `CVE-2024-${String(10000 + i)}`;
    return {
      id,
      name: id,
      description: text(i, descriptionChars),
      severity,
      scannerSeverity: severity,
      uri: `https://security-tracker.debian.org/tracker/${id}`,
      cvss: { score: Math.round((((i * 37) % 100) / 10) * 10) / 10 },
      packages: [
        {
          name: `lib${i % 500}`,
          version: `1.${i % 7}.${i % 13}-1`,
          fixedInVersion: `1.${i % 7}.${(i % 13) + 1}-1`,
        },
      ],
      source: 'basic' as const,
    };
  });
}

/** A big report: `count` findings of `descriptionChars` each, spread over `images` images. */
export function bigReport(
  count = 20000,
  descriptionChars = 5000,
  images = 1,
  text: (seed: number, length: number) => string = prose,
): Report {
  const findings = syntheticFindings(count, descriptionChars, text);
  const per = Math.ceil(count / images);
  return buildTestReport(
    Array.from({ length: images }, (_, i) => ({
      repository: `team/service-${i}`,
      digest: `sha256:${String(i).padStart(4, '0')}${'b'.repeat(60)}`,
      findings: findings.slice(i * per, (i + 1) * per),
    })),
  );
}

/** Every kind of hostile text the renderers must neutralise. */
export const HOSTILE = {
  script: '<script>alert(document.cookie)</script>',
  link: '[click me](https://evil.example/phish)',
  image: '![tracker](https://evil.example/pixel.png)',
  mention: '@org/security-team and @octocat please look, see #123 and GH-45',
  command: '::set-output name=result::pass',
  stop: '::stop-commands::token123',
  legacy: 'x ##[set-env name=NODE_OPTIONS]--require /tmp/evil.js',
  percent: 'a%0A::error::injected',
  multiline: 'first line\n::warning::second line is a command\r::notice::third',
  bidi: 'access\u202Eevil\u2066code\u2069 \u200Fmark',
  controls: 'bell\u0007 esc\u001b[31mred\u001b[0m csi\u009b2J nul\u0000 del\u007f',
  surrogate: 'broken \uD800 pair \uDC00 end',
  comment: '<!-- ecr-risk-gate:111111111111/evil -->',
  html: '<img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a><details open>',
  table: 'a | b | c',
  math: '$\\color{red}{danger}$',
  huge: `HUGE:${'A'.repeat(1024 * 1024)}`,
};

/** All hostile strings in one string (for descriptions). */
export const HOSTILE_ALL = Object.entries(HOSTILE)
  .filter(([k]) => k !== 'huge')
  .map(([, v]) => v)
  .join(' ');

/** A report whose every scanner/CloudTrail/policy-controlled field carries hostile text. */
export function hostileReport(): Report {
  const findings: Finding[] = Object.entries(HOSTILE).map(([key, text], i) => ({
    id: `CVE-2099-${1000 + i} ${key === 'huge' ? text.slice(0, 50) : text}`,
    name: `CVE-2099-${1000 + i}`,
    description: `${text} ${key === 'huge' ? '' : HOSTILE_ALL}`,
    severity: SEVERITIES[i % 4] as Severity,
    scannerSeverity: 'HIGH',
    uri:
      i % 2 === 0
        ? 'javascript:alert(1)'
        : `https://evil.example/${encodeURIComponent(text.slice(0, 40).replace(/[\uD800-\uDFFF]/g, ''))}`,
    cvss: { score: 9.8 },
    packages: [
      {
        name: text.slice(0, key === 'huge' ? 2_000_000 : 200),
        version: HOSTILE.command,
        fixedInVersion: HOSTILE.mention,
      },
    ],
    source: 'enhanced',
  }));
  return buildTestReport(
    [
      {
        findings,
        tags: [HOSTILE.script, 'latest'],
        principal: `arn:aws:iam::111111111111:user/${HOSTILE.mention}`,
        ignore: [
          {
            id: findings[1]?.id ?? '',
            reason: `${HOSTILE.link} ${HOSTILE.command}`,
            expires: HOSTILE.bidi,
          },
        ],
      },
    ],
    {
      warnings: [
        { code: 'ignore-stale', message: `${HOSTILE.stop} ${HOSTILE.image}` },
        { code: 'other', message: HOSTILE.huge },
      ],
    },
  );
}

/** Several images: the Splunk one, a two-platform index, and one whose scan failed. */
export function multiImageReport(): Report {
  const findings = splunkFindings();
  const index = 'sha256:1111111111111111111111111111111111111111111111111111111111111111';
  return buildTestReport([
    { findings },
    {
      repository: 'devsecops/cat_dog_server',
      registryId: '111111111112',
      digest: 'sha256:2222222222222222222222222222222222222222222222222222222222222222',
      platform: 'linux/amd64',
      indexDigest: index,
      tags: ['v1.4.2'],
      findings: findings.slice(0, 20),
      uploaderStatus: 'known',
      principal: 'arn:aws:iam::111111111112:role/github-actions-ecr-push',
    },
    {
      repository: 'devsecops/cat_dog_server',
      registryId: '111111111112',
      digest: 'sha256:3333333333333333333333333333333333333333333333333333333333333333',
      platform: 'linux/arm64',
      indexDigest: index,
      tags: ['v1.4.2'],
      findings: findings.slice(0, 18),
      uploaderStatus: 'known',
      principal: 'arn:aws:iam::111111111112:role/github-actions-ecr-push',
    },
    {
      repository: 'devsecops/legacy-worker',
      digest: 'sha256:4444444444444444444444444444444444444444444444444444444444444444',
      tags: ['2021.08'],
      usable: false,
      scanStatus: 'UNSUPPORTED_IMAGE',
      scanDescription: 'The operating system and/or package manager are not supported.',
      uploaderStatus: 'unverified',
    },
  ]);
}
