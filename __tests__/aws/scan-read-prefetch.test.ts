// Issue 13 §1: page n + 1 is requested before page n is processed, within the same bounds, and a
// page that fails still fails the read.
import type { DescribeImageScanFindingsCommandOutput } from '@aws-sdk/client-ecr';
import { MAX_EMPTY_PAGES, readScan } from '../../src/aws/scan-read.js';

const final = (status: string | undefined) => status === 'COMPLETE';

/** A finding whose severity, read by the normaliser, writes `processed <page>` to the log. */
function finding(log: string[], page: number) {
  return {
    name: `CVE-2024-${page}`,
    get severity(): 'HIGH' {
      log.push(`processed ${page}`);
      return 'HIGH';
    },
  };
}

function pages(log: string[], count: number) {
  return (token: string | undefined): Promise<DescribeImageScanFindingsCommandOutput> => {
    const n = token === undefined ? 1 : Number(token.slice(1));
    log.push(`fetch ${n}`);
    return Promise.resolve({
      $metadata: {},
      imageScanStatus: { status: 'COMPLETE' },
      imageScanFindings: { findings: [finding(log, n)] },
      ...(n < count ? { nextToken: `p${n + 1}` } : {}),
    });
  };
}

describe('readScan requests the next page before it processes the current one', () => {
  it('asks for page 2 before reading page 1, page 3 before reading page 2', async () => {
    const log: string[] = [];
    const read = await readScan(pages(log, 3), final);
    expect(read.findings.map((f) => f.id)).toEqual(['CVE-2024-1', 'CVE-2024-2', 'CVE-2024-3']);
    expect(read.pages).toBe(3);
    expect(read.incomplete).toBeUndefined();
    const first = (entry: string) => log.indexOf(entry);
    expect(first('fetch 2')).toBeLessThan(first('processed 1'));
    expect(first('fetch 3')).toBeLessThan(first('processed 2'));
    // Still one request ahead, not all of them at once.
    expect(first('fetch 3')).toBeGreaterThan(first('processed 1'));
  });

  it('a failing next page fails the read (no partial result)', async () => {
    const fetch = (token: string | undefined): Promise<DescribeImageScanFindingsCommandOutput> =>
      token === undefined
        ? Promise.resolve({
            $metadata: {},
            imageScanStatus: { status: 'COMPLETE' },
            imageScanFindings: { findings: [{ name: 'CVE-1', severity: 'HIGH' }] },
            nextToken: 't2',
          })
        : Promise.reject(new Error('page 2 failed'));
    await expect(readScan(fetch, final)).rejects.toThrow('page 2 failed');
  });

  it('stops asking after the empty-page bound, as before', async () => {
    let calls = 0;
    const fetch = (): Promise<DescribeImageScanFindingsCommandOutput> => {
      calls += 1;
      return Promise.resolve({
        $metadata: {},
        imageScanStatus: { status: 'COMPLETE' },
        imageScanFindings: { findings: [] },
        nextToken: `t${calls}`,
      });
    };
    const read = await readScan(fetch, final);
    expect(calls).toBe(MAX_EMPTY_PAGES);
    expect(read.incomplete).toMatch(/empty pages in a row/);
  });
});
