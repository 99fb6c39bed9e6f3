import {
  DescribeImageScanFindingsCommand,
  type DescribeImageScanFindingsCommandOutput,
} from '@aws-sdk/client-ecr';
import { basicFindings, enhancedFindings } from '../../emulator/builders.js';
import { startEmulator, type Emulator } from '../../emulator/server.js';
import { digest, ecrClient, rejectionOf, scenario } from './kit.js';

const ENHANCED_MIX = { CRITICAL: 3, HIGH: 10, MEDIUM: 40, LOW: 30, UNTRIAGED: 17 };
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator(
    scenario({
      repositories: [{ name: 'basic' }, { name: 'inspector', scanType: 'ENHANCED' }],
      images: [
        {
          repository: 'basic',
          digest: digest(1),
          tags: ['big'],
          scan: { findings: basicFindings(2345, { HIGH: 1, MEDIUM: 2, LOW: 2 }) },
        },
        {
          repository: 'basic',
          digest: digest(2),
          tags: ['quiet'],
          scan: { findings: basicFindings(10), severityCounts: 'none' },
        },
        {
          repository: 'inspector',
          digest: digest(3),
          tags: ['big'],
          scan: { enhancedFindings: enhancedFindings(2345, ENHANCED_MIX) },
        },
      ],
    }),
  );
});
afterAll(() => emulator.close());

async function allPages(repositoryName: string, maxResults?: number) {
  const client = ecrClient(emulator);
  const pages: DescribeImageScanFindingsCommandOutput[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new DescribeImageScanFindingsCommand({
        repositoryName,
        imageId: { imageTag: 'big' },
        ...(maxResults ? { maxResults } : {}),
        ...(nextToken ? { nextToken } : {}),
      }),
    );
    pages.push(page);
    nextToken = page.nextToken;
  } while (nextToken && pages.length < 100);
  return pages;
}

function tally(severities: (string | undefined)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of severities) counts[s ?? '?'] = (counts[s ?? '?'] ?? 0) + 1;
  return counts;
}

test('enhanced findings come 100 a page whatever maxResults asks, counted per page', async () => {
  const pages = await allPages('inspector', 1000);
  expect(pages.map((p) => p.imageScanFindings?.enhancedFindings?.length)).toEqual([
    ...Array<number>(23).fill(100),
    45,
  ]);
  for (const page of pages) {
    const findings = page.imageScanFindings?.enhancedFindings ?? [];
    expect(page.imageScanFindings?.findingSeverityCounts).toEqual(
      tally(findings.map((f) => f.severity)),
    );
  }
  const all = pages.flatMap((p) => p.imageScanFindings?.enhancedFindings ?? []);
  expect(new Set(all.map((f) => f.packageVulnerabilityDetails?.vulnerabilityId)).size).toBe(2345);
  // The mix is honoured exactly across the whole scan: 2345 split 3:10:40:30:17.
  expect(tally(all.map((f) => f.severity))).toEqual({
    CRITICAL: 70,
    HIGH: 235,
    MEDIUM: 938,
    LOW: 703,
    UNTRIAGED: 399,
  });
});

test('basic findings honour maxResults up to 1000, with counts of the whole scan', async () => {
  const pages = await allPages('basic', 1000);
  expect(pages.map((p) => p.imageScanFindings?.findings?.length)).toEqual([1000, 1000, 345]);
  for (const page of pages) {
    expect(page.imageScanFindings?.findingSeverityCounts).toEqual({
      HIGH: 469,
      MEDIUM: 938,
      LOW: 938,
    });
  }
  const names = pages.flatMap((p) => p.imageScanFindings?.findings?.map((f) => f.name) ?? []);
  expect(new Set(names).size).toBe(2345);
});

test('basic pages default to 100 findings', async () => {
  const pages = await allPages('basic');
  expect(pages).toHaveLength(24);
  expect(pages[0]?.imageScanFindings?.findings).toHaveLength(100);
});

test('severity counts can be left out', async () => {
  const page = await ecrClient(emulator).send(
    new DescribeImageScanFindingsCommand({
      repositoryName: 'basic',
      imageId: { imageTag: 'quiet' },
    }),
  );
  expect(page.imageScanFindings?.findings).toHaveLength(10);
  expect(page.imageScanFindings?.findingSeverityCounts).toBeUndefined();
});

test('maxResults outside 1..1000 and a token of another image are refused', async () => {
  const client = ecrClient(emulator);
  const tooMany = await rejectionOf(
    client.send(
      new DescribeImageScanFindingsCommand({
        repositoryName: 'basic',
        imageId: { imageTag: 'big' },
        maxResults: 1001,
      }),
    ),
  );
  expect(tooMany.name).toBe('InvalidParameterException');
  const first = await client.send(
    new DescribeImageScanFindingsCommand({ repositoryName: 'basic', imageId: { imageTag: 'big' } }),
  );
  const replayed = await rejectionOf(
    client.send(
      new DescribeImageScanFindingsCommand({
        repositoryName: 'inspector',
        imageId: { imageTag: 'big' },
        nextToken: first.nextToken,
      }),
    ),
  );
  expect(replayed.name).toBe('InvalidParameterException');
});
