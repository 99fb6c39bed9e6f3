import type { EnhancedImageScanFinding, ImageScanFinding } from '@aws-sdk/client-ecr';
import { readFileSync } from 'node:fs';
import {
  countBySeverity,
  normalizeBasic,
  normalizeEnhanced,
  pickCvss,
  toSeverity,
} from '../../src/aws/findings.js';
import { sharedPath } from '../shared-data.js';

interface RecordedEvent {
  responseElements: { imageScanFindings: { findings: ImageScanFinding[] } };
}

const recorded = JSON.parse(
  readFileSync(sharedPath('splunk/aws_ecr_scanning_findings_events.json'), 'utf8'),
) as RecordedEvent;
const splunkFindings = recorded.responseElements.imageScanFindings.findings;

describe('normalizeBasic on the real Splunk DescribeImageScanFindings response', () => {
  const findings = splunkFindings.map(normalizeBasic);

  test('104 findings with the recorded severity split', () => {
    expect(findings).toHaveLength(104);
    expect(countBySeverity(findings)).toEqual({
      CRITICAL: 0,
      HIGH: 2,
      MEDIUM: 14,
      LOW: 22,
      INFORMATIONAL: 63,
      UNDEFINED: 3,
    });
    expect(findings.every((f) => f.source === 'basic' && f.id === f.name)).toBe(true);
  });

  test('the first finding: glibc CVE-2019-25013 with its CVSS 2 score', () => {
    expect(findings[0]).toEqual({
      id: 'CVE-2019-25013',
      name: 'CVE-2019-25013',
      description: expect.stringContaining('The iconv feature in the GNU C Library'),
      severity: 'HIGH',
      scannerSeverity: 'HIGH',
      uri: 'https://security-tracker.debian.org/tracker/CVE-2019-25013',
      cvss: { score: 7.1, vector: 'AV:N/AC:M/Au:N/C:N/I:N/A:C', version: '2' },
      packages: [{ name: 'glibc', version: '2.28-10' }],
      source: 'basic',
    });
  });

  test('every finding names its package, as the seed SPL groups by it', () => {
    expect(findings.filter((f) => f.packages.length !== 1)).toEqual([]);
  });
});

describe('normalizeBasic edge cases', () => {
  test('CVSS 3 is preferred over CVSS 2; garbage scores are dropped', () => {
    const f = normalizeBasic({
      name: 'CVE-1',
      severity: 'CRITICAL',
      attributes: [
        { key: 'CVSS2_SCORE', value: '5.0' },
        { key: 'CVSS3_SCORE', value: '9.8' },
        { key: 'CVSS3_VECTOR', value: 'CVSS:3.1/AV:N' },
      ],
    });
    expect(f.cvss).toEqual({ score: 9.8, vector: 'CVSS:3.1/AV:N', version: '3' });
    expect(
      normalizeBasic({ name: 'x', attributes: [{ key: 'CVSS3_SCORE', value: 'n/a' }] }).cvss,
    ).toBeUndefined();
  });

  test('missing fields do not crash and unknown severities become UNDEFINED', () => {
    const f = normalizeBasic({});
    expect(f).toMatchObject({
      id: '(unnamed finding)',
      description: '',
      severity: 'UNDEFINED',
      packages: [],
    });
    expect(normalizeBasic({ name: 'n', severity: 'BOGUS' as 'HIGH' })).toMatchObject({
      severity: 'UNDEFINED',
      scannerSeverity: 'BOGUS',
    });
  });
});

const inspectorFinding: EnhancedImageScanFinding = {
  awsAccountId: '123456789012',
  description: 'A heap overflow in openssl.',
  findingArn: 'arn:aws:inspector2:eu-west-1:123456789012:finding/abc',
  title: 'CVE-2023-0286 - openssl',
  severity: 'HIGH',
  score: 7.4,
  fixAvailable: 'YES',
  exploitAvailable: 'NO',
  packageVulnerabilityDetails: {
    vulnerabilityId: 'CVE-2023-0286',
    source: 'DEBIAN_CVE',
    referenceUrls: ['https://www.openssl.org/news/secadv/20230207.txt'],
    cvss: [
      { baseScore: 5.9, scoringVector: 'AV:N/AC:M', version: '2.0', source: 'NVD' },
      { baseScore: 7.4, scoringVector: 'CVSS:3.1/AV:N/AC:H', version: '3.1', source: 'NVD' },
      { baseScore: 7.0, scoringVector: 'CVSS:3.0/AV:N', version: '3.0', source: 'DEBIAN' },
    ],
    vulnerablePackages: [
      {
        name: 'openssl',
        version: '1.1.1k',
        release: '5.el8_5',
        epoch: 1,
        fixedInVersion: '1:1.1.1k-8.el8_6',
        packageManager: 'OS',
      },
      {
        name: 'libssl',
        version: '1.1.1k',
        fixedInVersion: 'NotAvailable',
        filePath: 'usr/lib/libssl.so',
      },
    ],
  },
};

describe('normalizeEnhanced', () => {
  test('an Inspector finding keeps CVE, packages, fix and exploit flags, Inspector score', () => {
    expect(normalizeEnhanced(inspectorFinding)).toEqual({
      id: 'CVE-2023-0286',
      name: 'CVE-2023-0286',
      description: 'A heap overflow in openssl.',
      severity: 'HIGH',
      scannerSeverity: 'HIGH',
      uri: 'https://www.openssl.org/news/secadv/20230207.txt',
      cvss: { score: 7.4, vector: 'CVSS:3.1/AV:N/AC:H', version: '3.1' },
      packages: [
        {
          name: 'openssl',
          version: '1:1.1.1k-5.el8_5',
          fixedInVersion: '1:1.1.1k-8.el8_6',
          packageManager: 'OS',
        },
        { name: 'libssl', version: '1.1.1k', filePath: 'usr/lib/libssl.so' },
      ],
      fixAvailable: 'YES',
      exploitAvailable: 'NO',
      inspectorScore: 7.4,
      title: 'CVE-2023-0286 - openssl',
      source: 'enhanced',
    });
  });

  test('sourceUrl wins over referenceUrls', () => {
    const f = normalizeEnhanced({
      packageVulnerabilityDetails: { sourceUrl: 'https://nvd/x', referenceUrls: ['https://other'] },
    });
    expect(f.uri).toBe('https://nvd/x');
  });

  test.each([
    ['UNTRIAGED', 'UNDEFINED'],
    ['CRITICAL', 'CRITICAL'],
    ['informational', 'INFORMATIONAL'],
    ['SOMETHING_NEW', 'UNDEFINED'],
    [undefined, 'UNDEFINED'],
  ])('severity %s → %s, scanner severity kept', (raw, expected) => {
    const f = normalizeEnhanced({ ...(raw ? { severity: raw } : {}) });
    expect(f.severity).toBe(expected);
    expect(f.scannerSeverity).toBe(raw ?? '');
  });

  test('an empty finding does not crash', () => {
    expect(normalizeEnhanced({})).toEqual({
      id: '(unnamed finding)',
      name: '(unnamed finding)',
      description: '',
      severity: 'UNDEFINED',
      scannerSeverity: '',
      packages: [],
      source: 'enhanced',
    });
  });

  test('without packageVulnerabilityDetails.cvss the Inspector-adjusted CVSS is used', () => {
    const f = normalizeEnhanced({
      title: 'GHSA-xxxx',
      scoreDetails: { cvss: { score: 6.1, scoringVector: 'CVSS:3.1/X', version: '3.1' } },
      fixAvailable: 'partial',
      exploitAvailable: 'maybe',
    });
    expect(f).toMatchObject({
      id: 'GHSA-xxxx',
      cvss: { score: 6.1, version: '3.1' },
      fixAvailable: 'PARTIAL',
    });
    expect(f).not.toHaveProperty('exploitAvailable');
  });
});

describe('pickCvss', () => {
  test('highest of v3/v4; v2 only when nothing newer', () => {
    expect(
      pickCvss([
        { baseScore: 9, version: '3.1' },
        { baseScore: 8, version: '4.0' },
        { baseScore: 10, version: '2.0' },
      ])?.version,
    ).toBe('4.0');
    expect(pickCvss([{ baseScore: 10, version: '2.0' }])?.baseScore).toBe(10);
    expect(pickCvss([{ version: '3.1' }])).toBeUndefined();
  });

  test('toSeverity is tolerant of case and whitespace', () => {
    expect(toSeverity(' medium ')).toBe('MEDIUM');
  });
});
