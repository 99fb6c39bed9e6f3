import type {
  BasicFinding,
  BasicSeverity,
  EnhancedFinding,
  EnhancedSeverity,
} from '../scenario.js';
import { apportion, hex, prng, shuffle } from './random.js';

export type SeverityMix<S extends string> = Partial<Record<S, number>>;

const DEFAULT_BASIC_MIX: SeverityMix<BasicSeverity> = {
  CRITICAL: 1,
  HIGH: 2,
  MEDIUM: 4,
  LOW: 4,
  INFORMATIONAL: 2,
  UNDEFINED: 1,
};
const DEFAULT_ENHANCED_MIX: SeverityMix<EnhancedSeverity> = {
  CRITICAL: 1,
  HIGH: 2,
  MEDIUM: 4,
  LOW: 3,
  INFORMATIONAL: 1,
  UNTRIAGED: 1,
};

const PACKAGES = [
  ['glibc', '2.28-10'],
  ['openssl', '1.1.1d-0+deb10u6'],
  ['curl', '7.64.0-4+deb10u2'],
  ['zlib', '1:1.2.11.dfsg-1'],
  ['libxml2', '2.9.4+dfsg1-7'],
  ['nginx', '1.21.1-1~buster'],
  ['perl', '5.28.1-6+deb10u1'],
  ['systemd', '241-7~deb10u8'],
  ['tiff', '4.1.0+git191117-2~deb10u2'],
  ['expat', '2.2.6-2+deb10u1'],
] as const;

const CVSS = { CRITICAL: 9.8, HIGH: 7.5, MEDIUM: 5.3, LOW: 3.1, INFORMATIONAL: 0, UNDEFINED: 0 };

/** Severities for `count` findings in the given proportions, shuffled so pages differ. */
function severities<S extends string>(count: number, mix: SeverityMix<S>, seed: number): S[] {
  const list = apportion(count, mix).flatMap(([s, n]) => Array<S>(n).fill(s));
  return shuffle(prng(seed), list);
}

export interface FindingOptions {
  seed?: number;
  /** First CVE number used; findings get distinct ids from here. */
  firstId?: number;
}

/**
 * `count` distinct basic (Clair-style) findings, `mix` as weights per severity
 * (e.g. `{ HIGH: 1, MEDIUM: 3 }`), counts exact by largest remainder.
 */
export function basicFindings(
  count: number,
  mix: SeverityMix<BasicSeverity> = DEFAULT_BASIC_MIX,
  options: FindingOptions = {},
): BasicFinding[] {
  const first = options.firstId ?? 10000;
  return severities(count, mix, options.seed ?? 1).map((severity, i) => {
    const [pkg, version] = PACKAGES[i % PACKAGES.length] ?? PACKAGES[0];
    const id = `CVE-2023-${first + i}`;
    const attributes: { key: string; value: string }[] = [
      { key: 'package_version', value: version },
      { key: 'package_name', value: pkg },
    ];
    if (severity !== 'UNDEFINED' && severity !== 'INFORMATIONAL') {
      attributes.push(
        { key: 'CVSS2_VECTOR', value: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' },
        { key: 'CVSS2_SCORE', value: String(CVSS[severity]) },
      );
    }
    return {
      name: id,
      description: `A flaw in ${pkg} ${version} (synthetic finding ${i + 1}).`,
      uri: `https://security-tracker.debian.org/tracker/${id}`,
      severity,
      attributes,
    };
  });
}

export interface EnhancedFindingOptions extends FindingOptions {
  accountId?: string;
  region?: string;
  repository?: string;
  digest?: string;
  /** Share of findings with `fixAvailable: 'NO'` (0-1). Default 0.3. */
  unfixedShare?: number;
  /** Epoch seconds for the observation times. Default 2024-01-01. */
  observedAt?: number;
}

/** `count` distinct Amazon Inspector findings as ECR serves them under enhanced scanning. */
export function enhancedFindings(
  count: number,
  mix: SeverityMix<EnhancedSeverity> = DEFAULT_ENHANCED_MIX,
  options: EnhancedFindingOptions = {},
): EnhancedFinding[] {
  const accountId = options.accountId ?? '123456789012';
  const region = options.region ?? 'us-east-1';
  const repository = options.repository ?? 'app';
  const digest = options.digest ?? `sha256:${hex(repository)}`;
  const observed = options.observedAt ?? 1_704_067_200;
  const first = options.firstId ?? 20000;
  const random = prng((options.seed ?? 1) + 7);
  const unfixed = options.unfixedShare ?? 0.3;
  return severities(count, mix, options.seed ?? 1).map((severity, i) => {
    const [pkg, version] = PACKAGES[i % PACKAGES.length] ?? PACKAGES[0];
    const id = `CVE-2024-${first + i}`;
    const fixAvailable = random() < unfixed ? 'NO' : 'YES';
    const score = severity === 'UNTRIAGED' ? 0 : CVSS[severity];
    return {
      findingArn: `arn:aws:inspector2:${region}:${accountId}:finding/${hex(`${digest}/${id}`, 32)}`,
      awsAccountId: accountId,
      title: `${id} - ${pkg}`,
      description: `A flaw in ${pkg} ${version} (synthetic finding ${i + 1}).`,
      severity,
      status: 'ACTIVE',
      type: 'PACKAGE_VULNERABILITY',
      score,
      fixAvailable,
      // One finding in 17 has a known exploit, never one of the first 16: small synthetic scans
      // stay free of the `exploitable` rule unless a test asks for it (issue 14 §2).
      exploitAvailable: (i + 1) % 17 === 0 ? 'YES' : 'NO',
      firstObservedAt: observed,
      lastObservedAt: observed,
      updatedAt: observed,
      packageVulnerabilityDetails: {
        vulnerabilityId: id,
        source: 'DEBIAN_CVE',
        sourceUrl: `https://security-tracker.debian.org/tracker/${id}`,
        vendorSeverity: severity === 'UNTRIAGED' ? 'unimportant' : severity.toLowerCase(),
        vendorCreatedAt: observed - 86_400 * 30,
        referenceUrls: [`https://security-tracker.debian.org/tracker/${id}`],
        cvss: [
          {
            baseScore: score,
            scoringVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
            source: 'NVD',
            version: '3.1',
          },
        ],
        vulnerablePackages: [
          {
            name: pkg,
            version,
            arch: 'X86_64',
            packageManager: 'OS',
            sourceLayerHash: `sha256:${hex(`${digest}/layer`)}`,
            ...(fixAvailable === 'YES' ? { fixedInVersion: `${version}+fix1` } : {}),
          },
        ],
      },
      remediation: {
        recommendation: { text: fixAvailable === 'YES' ? `Upgrade ${pkg}.` : 'None Provided' },
      },
      resources: [
        {
          id: `arn:aws:ecr:${region}:${accountId}:repository/${repository}/${digest}`,
          type: 'AWS_ECR_CONTAINER_IMAGE',
          details: {
            awsEcrContainerImage: {
              architecture: 'amd64',
              imageHash: digest,
              platform: 'DEBIAN_10',
              registry: accountId,
              repositoryName: repository,
            },
          },
        },
      ],
    };
  });
}
