import { DescribeImageScanFindingsCommand, StartImageScanCommand } from '@aws-sdk/client-ecr';
import { startEmulator, type Emulator } from '../../emulator/server.js';
import { digest, ecrClient, manualClock, rejectionOf, scenario, T0 } from './kit.js';

const DAY_MS = 86_400_000;
const clock = manualClock();
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator(
    scenario({
      repositories: [{ name: 'app' }, { name: 'inspected', scanType: 'ENHANCED' }],
      images: [
        { repository: 'app', digest: digest(1), tags: ['unscanned'] },
        {
          repository: 'app',
          digest: digest(2),
          tags: ['scanned-on-push'],
          scan: { findings: [] },
        },
        {
          repository: 'app',
          digest: digest(3),
          tags: ['old'],
          pushedAt: T0 / 1000 - 3 * 86_400,
          scan: {
            findings: [],
            afterStart: [{ status: 'IN_PROGRESS', forMs: 100 }, { status: 'FAILED' }],
          },
        },
        {
          repository: 'inspected',
          digest: digest(4),
          tags: ['v1'],
          scan: { enhancedFindings: [] },
        },
      ],
    }),
    { clock: clock.now },
  );
});
afterAll(() => emulator.close());
// Each test starts from a fresh scenario: quotas, started scans and pushedAt move with the reset.
beforeEach(() => emulator.reset());

const start = (repositoryName: string, imageTag: string) =>
  ecrClient(emulator).send(new StartImageScanCommand({ repositoryName, imageId: { imageTag } }));
const status = async (repositoryName: string, imageTag: string) =>
  (
    await ecrClient(emulator).send(
      new DescribeImageScanFindingsCommand({ repositoryName, imageId: { imageTag } }),
    )
  ).imageScanStatus?.status;

test('starting a scan of an unscanned image goes PENDING then COMPLETE; a second start is refused', async () => {
  expect((await rejectionOf(status('app', 'unscanned'))).name).toBe('ScanNotFoundException');
  const started = await start('app', 'unscanned');
  expect(started.imageScanStatus?.status).toBe('PENDING');
  expect(started.imageId?.imageDigest).toBe(digest(1));
  expect(await status('app', 'unscanned')).toBe('PENDING');
  clock.advance(500);
  expect(await status('app', 'unscanned')).toBe('COMPLETE');
  expect((await rejectionOf(start('app', 'unscanned'))).name).toBe('LimitExceededException');
  clock.advance(DAY_MS);
  expect((await start('app', 'unscanned')).imageScanStatus?.status).toBe('PENDING');
});

test('a scan on push within the last day uses up the daily quota', async () => {
  const error = await rejectionOf(start('app', 'scanned-on-push'));
  expect(error.name).toBe('LimitExceededException');
});

test('an image pushed days ago can be rescanned, following its afterStart sequence', async () => {
  expect(await status('app', 'old')).toBe('COMPLETE');
  expect((await start('app', 'old')).imageScanStatus?.status).toBe('IN_PROGRESS');
  clock.advance(100);
  expect(await status('app', 'old')).toBe('FAILED');
});

test('StartImageScan is refused under enhanced scanning', async () => {
  const error = await rejectionOf(start('inspected', 'v1'));
  expect(error.name).toBe('ValidationException');
});

test('reset forgets the scans started', async () => {
  await start('app', 'unscanned');
  emulator.reset();
  expect((await rejectionOf(status('app', 'unscanned'))).name).toBe('ScanNotFoundException');
  expect((await start('app', 'unscanned')).imageScanStatus?.status).toBe('PENDING');
});
