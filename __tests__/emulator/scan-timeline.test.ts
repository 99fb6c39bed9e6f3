import { DescribeImageScanFindingsCommand, DescribeImagesCommand } from '@aws-sdk/client-ecr';
import { basicFindings, enhancedFindings } from '../../emulator/builders.js';
import { startEmulator, type Emulator } from '../../emulator/server.js';
import { digest, ecrClient, manualClock, rejectionOf, scenario } from './kit.js';

const clock = manualClock();
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator(
    scenario({
      repositories: [{ name: 'app' }, { name: 'inspected', scanType: 'ENHANCED' }],
      images: [
        {
          repository: 'app',
          digest: digest(1),
          tags: ['v1'],
          scan: {
            timeline: [
              { status: 'NOT_FOUND', forMs: 200 },
              { status: 'PENDING', forMs: 300 },
              { status: 'IN_PROGRESS', forMs: 300 },
              { status: 'COMPLETE' },
            ],
            findings: basicFindings(3, { HIGH: 1, LOW: 2 }),
          },
        },
        { repository: 'app', digest: digest(2), tags: ['never'] },
        {
          repository: 'inspected',
          digest: digest(3),
          tags: ['v1'],
          scan: {
            timeline: [{ status: 'IN_PROGRESS', forMs: 100 }, { status: 'COMPLETE' }],
            enhancedFindings: enhancedFindings(5),
            findingsAfterMs: 400,
          },
        },
        {
          repository: 'app',
          digest: digest(4),
          tags: ['broken'],
          scan: { timeline: [{ status: 'UNSUPPORTED_IMAGE' }] },
        },
      ],
    }),
    { clock: clock.now },
  );
});
afterAll(() => emulator.close());

const findingsOf = (repositoryName: string, imageTag: string) =>
  ecrClient(emulator).send(
    new DescribeImageScanFindingsCommand({ repositoryName, imageId: { imageTag } }),
  );

test('a scan walks its status sequence measured from emulator start', async () => {
  const seen: string[] = [];
  for (const at of [0, 199, 200, 499, 500, 799, 800, 5000]) {
    clock.advance(at - (clock.now() - emulator.startedAtMs));
    try {
      const response = await findingsOf('app', 'v1');
      seen.push(`${at}:${response.imageScanStatus?.status}`);
    } catch (error) {
      seen.push(`${at}:${error instanceof Error ? error.name : 'non-error'}`);
    }
  }
  expect(seen).toEqual([
    '0:ScanNotFoundException',
    '199:ScanNotFoundException',
    '200:PENDING',
    '499:PENDING',
    '500:IN_PROGRESS',
    '799:IN_PROGRESS',
    '800:COMPLETE',
    '5000:COMPLETE',
  ]);
});

test('findings come only with COMPLETE, with the completion time as a Date', async () => {
  emulator.reset();
  clock.advance(300);
  const pending = await findingsOf('app', 'v1');
  expect(pending.imageScanFindings).toBeUndefined();
  expect(pending.imageScanStatus?.description).toBeTruthy();
  clock.advance(600);
  const complete = await findingsOf('app', 'v1');
  expect(complete.imageScanFindings?.findings).toHaveLength(3);
  expect(complete.imageScanFindings?.findingSeverityCounts).toEqual({ HIGH: 1, LOW: 2 });
  // COMPLETE began 800 ms after start; the SDK parsed the epoch-second number into a Date.
  expect(complete.imageScanFindings?.imageScanCompletedAt).toEqual(
    new Date(emulator.startedAtMs + 800),
  );
});

test('an image never scanned answers ScanNotFoundException and has no scan status', async () => {
  emulator.reset();
  clock.advance(10_000);
  const error = await rejectionOf(findingsOf('app', 'never'));
  expect(error.name).toBe('ScanNotFoundException');
  expect(error.message).toContain("imageTag:'never'");
  const described = await ecrClient(emulator).send(
    new DescribeImagesCommand({ repositoryName: 'app', imageIds: [{ imageTag: 'never' }] }),
  );
  expect(described.imageDetails?.[0]?.imageScanStatus).toBeUndefined();
});

test('a terminal failure status is served as is', async () => {
  const response = await findingsOf('app', 'broken');
  expect(response.imageScanStatus?.status).toBe('UNSUPPORTED_IMAGE');
  expect(response.imageScanFindings).toBeUndefined();
});

test('DescribeImages follows the same timeline', async () => {
  emulator.reset();
  const read = async () =>
    (
      await ecrClient(emulator).send(
        new DescribeImagesCommand({ repositoryName: 'app', imageIds: [{ imageTag: 'v1' }] }),
      )
    ).imageDetails?.[0];
  expect((await read())?.imageScanStatus).toBeUndefined();
  clock.advance(250);
  expect((await read())?.imageScanStatus?.status).toBe('PENDING');
  clock.advance(1000);
  const done = await read();
  expect(done?.imageScanStatus?.status).toBe('COMPLETE');
  expect(done?.imageScanFindingsSummary?.findingSeverityCounts).toEqual({ HIGH: 1, LOW: 2 });
});

test('enhanced COMPLETE arrives before its findings', async () => {
  emulator.reset();
  clock.advance(150);
  const early = await findingsOf('inspected', 'v1');
  expect(early.imageScanStatus?.status).toBe('COMPLETE');
  // The real answer of aws/aws-sdk#289: enhanced, yet only the basic key, empty.
  expect(early.imageScanFindings?.findings).toEqual([]);
  expect(early.imageScanFindings?.enhancedFindings).toBeUndefined();
  expect(early.imageScanFindings?.findingSeverityCounts).toBeUndefined();
  clock.advance(300);
  const late = await findingsOf('inspected', 'v1');
  expect(late.imageScanFindings?.enhancedFindings).toHaveLength(5);
  expect(late.imageScanFindings?.enhancedFindings?.[0]?.firstObservedAt).toBeInstanceOf(Date);
});
