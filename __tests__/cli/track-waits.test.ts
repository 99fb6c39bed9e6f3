import type { ImageTarget, ResolvedImage, ScanOutcome, UploaderEvidence } from '../../src/model.js';
import type { ProgressEvent, ScanWaitOptions, UploaderLookupOptions } from '../../src/ports.js';
import { trackWaits } from '../../src/cli/track-waits.js';

const target: ImageTarget = { raw: 'app:1', repository: 'app', tag: '1' };
const image: ResolvedImage = {
  target,
  registryId: '111111111111',
  region: 'eu-west-1',
  repository: 'app',
  imageDigest: 'sha256:' + 'b'.repeat(64),
  imageTags: ['1'],
};
const outcome: ScanOutcome = {
  type: 'BASIC',
  status: 'COMPLETE',
  usable: true,
  findings: [],
  calls: 1,
};
const evidence: UploaderEvidence = {
  state: 'skipped',
  tagPushes: [],
  history: [],
  historyComplete: true,
  stats: { strategy: 'none', calls: 0, pages: 0, events: 0, malformed: 0, throttled: 0 },
};

function fakes(fail = false) {
  return {
    ecr: {
      resolve: async () => [image],
      waitForScan: async (_: ResolvedImage, options: ScanWaitOptions) => {
        options.onProgress?.({
          image: 'app:1',
          phase: 'scan',
          waitingFor: 'scan PENDING',
          elapsedMs: 0,
        });
        if (fail) throw new Error('denied');
        return outcome;
      },
      callCount: () => 7,
    },
    uploader: {
      investigate: async (_: ResolvedImage, options: UploaderLookupOptions) => {
        options.onProgress?.({
          image: 'app@x',
          phase: 'uploader',
          waitingFor: 'PutImage',
          elapsedMs: 0,
        });
        return evidence;
      },
      callCount: () => 2,
    },
  };
}

describe('the progress line learns when each wait is over', () => {
  test('events are forwarded and their keys ended when the call returns', async () => {
    const ended: string[][] = [];
    const seen: ProgressEvent[] = [];
    const tracked = trackWaits(fakes(), { end: (keys) => ended.push([...keys]) });
    const onProgress = (e: ProgressEvent) => seen.push(e);
    await expect(tracked.ecr.waitForScan(image, { timeoutMs: 1, onProgress })).resolves.toBe(
      outcome,
    );
    await expect(
      tracked.uploader?.investigate(image, { timeoutMs: 1, historyDays: 0, onProgress }),
    ).resolves.toBe(evidence);
    expect(seen.map((e) => e.waitingFor)).toEqual(['scan PENDING', 'PutImage']);
    expect(ended).toEqual([['scan\u0000app:1'], ['uploader\u0000app@x']]);
  });

  test('a wait that throws still ends', async () => {
    const ended: string[][] = [];
    const tracked = trackWaits(fakes(true), { end: (keys) => ended.push([...keys]) });
    await expect(tracked.ecr.waitForScan(image, { timeoutMs: 1 })).rejects.toThrow('denied');
    expect(ended).toEqual([['scan\u0000app:1']]);
  });

  test('resolve and call counts pass through; no uploader stays none', async () => {
    const tracked = trackWaits(fakes(), { end: () => undefined });
    await expect(tracked.ecr.resolve(target, 'eu-west-1')).resolves.toEqual([image]);
    expect(tracked.ecr.callCount()).toBe(7);
    expect(tracked.uploader?.callCount()).toBe(2);
    expect(
      trackWaits({ ecr: fakes().ecr, uploader: null }, { end: () => undefined }).uploader,
    ).toBeNull();
  });
});
