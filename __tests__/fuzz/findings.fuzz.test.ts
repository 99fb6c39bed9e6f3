// Fuzzing the reading of scan findings: the SDK passes DescribeImageScanFindings through as the
// JSON arrived, so any field can hold any type. Normalising never throws, and a read with an
// entry whose severity cannot be read says so (the gate then fails closed, scan-incomplete).
import { describe, expect, test } from '@jest/globals';
import type {
  DescribeImageScanFindingsCommandOutput,
  EnhancedImageScanFinding,
  ImageScanFinding,
} from '@aws-sdk/client-ecr';
import fc from 'fast-check';
import { runs } from './runs.js';
import { normalizeBasic, normalizeEnhanced } from '../../src/aws/findings.js';
import { readScan } from '../../src/aws/scan-read.js';
import { SEVERITIES, type Finding } from '../../src/model.js';

const RUNS = runs(400);

const anyValue = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.constantFrom('HIGH', 'CRITICAL', 'untriaged', '', 'YES', 'NOTAVAILABLE', null, 7, [], {}),
);
const basic = fc.record(
  {
    name: anyValue,
    description: anyValue,
    uri: anyValue,
    severity: anyValue,
    attributes: fc.oneof(
      anyValue,
      fc.array(fc.record({ key: anyValue, value: anyValue }, { requiredKeys: [] })),
    ),
  },
  { requiredKeys: [] },
);
const enhanced = fc.record(
  {
    findingArn: anyValue,
    title: anyValue,
    description: anyValue,
    severity: anyValue,
    score: anyValue,
    fixAvailable: anyValue,
    exploitAvailable: anyValue,
    scoreDetails: fc.oneof(
      anyValue,
      fc.record({
        cvss: fc.oneof(
          anyValue,
          fc.record({ score: anyValue, scoringVector: anyValue, version: anyValue }),
        ),
      }),
    ),
    packageVulnerabilityDetails: fc.oneof(
      anyValue,
      fc.record(
        {
          vulnerabilityId: anyValue,
          sourceUrl: anyValue,
          referenceUrls: fc.oneof(anyValue, fc.array(anyValue)),
          cvss: fc.oneof(
            anyValue,
            fc.array(
              fc.record(
                { baseScore: anyValue, scoringVector: anyValue, version: anyValue },
                { requiredKeys: [] },
              ),
            ),
          ),
          vulnerablePackages: fc.oneof(
            anyValue,
            fc.array(
              fc.oneof(
                anyValue,
                fc.record(
                  {
                    name: anyValue,
                    version: anyValue,
                    release: anyValue,
                    epoch: anyValue,
                    fixedInVersion: anyValue,
                    packageManager: anyValue,
                    filePath: anyValue,
                  },
                  { requiredKeys: [] },
                ),
              ),
            ),
          ),
        },
        { requiredKeys: [] },
      ),
    ),
  },
  { requiredKeys: [] },
);

function expectFinding(f: Finding): void {
  for (const text of [f.id, f.name, f.description, f.scannerSeverity])
    expect(typeof text).toBe('string');
  expect(SEVERITIES).toContain(f.severity);
  for (const p of f.packages) {
    expect(typeof p.name).toBe('string');
    for (const v of [p.version, p.fixedInVersion, p.packageManager, p.filePath]) {
      if (v !== undefined) expect(typeof v).toBe('string');
    }
  }
  if (f.uri !== undefined) expect(typeof f.uri).toBe('string');
  if (f.cvss !== undefined) expect(typeof f.cvss.score).toBe('number');
}

describe('normalising one finding', () => {
  test('basic: any field of any type', () => {
    fc.assert(
      fc.property(basic, (raw) => expectFinding(normalizeBasic(raw as ImageScanFinding))),
      RUNS,
    );
  });
  test('enhanced: any field of any type', () => {
    fc.assert(
      fc.property(enhanced, (raw) =>
        expectFinding(normalizeEnhanced(raw as EnhancedImageScanFinding)),
      ),
      RUNS,
    );
  });
});

describe('reading pages', () => {
  const list = fc.oneof(anyValue, fc.array(fc.oneof(basic, enhanced, anyValue), { maxLength: 5 }));
  const page = fc.record(
    {
      imageScanStatus: fc.oneof(
        anyValue,
        fc.record({ status: fc.oneof(fc.constant('COMPLETE'), anyValue), description: anyValue }),
      ),
      imageScanFindings: fc.oneof(
        anyValue,
        fc.record(
          { findings: list, enhancedFindings: list, findingSeverityCounts: anyValue },
          { requiredKeys: [] },
        ),
      ),
      nextToken: fc.oneof(fc.constant(undefined), fc.constantFrom('t1', 't2', 't3')),
    },
    { requiredKeys: [] },
  );

  test('any pages: a read, never an exception; unreadable severities make it incomplete', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(page, { minLength: 1, maxLength: 4 }), async (pages) => {
        let call = 0;
        const fetchPage = () =>
          Promise.resolve(
            (pages[Math.min(call++, pages.length - 1)] ??
              {}) as DescribeImageScanFindingsCommandOutput,
          );
        const read = await readScan(fetchPage, () => true);
        for (const f of read.findings) expectFinding(f);
        expect(read.status === undefined || typeof read.status === 'string').toBe(true);
        if (read.unreadable) expect(read.incomplete).toBeDefined();
      }),
      {
        ...RUNS,
        // Found in CI (seed -873552173): a status object whose toString is not a function made
        // String() throw "Cannot convert object to primitive value".
        examples: [[[{ imageScanStatus: { status: { toString: {} }, description: [] } }, {}]]],
      },
    );
  });
});
