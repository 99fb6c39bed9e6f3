// Issue 15 §1, §3: the sweep through the engine with fake ports — the seed's verdicts, dedupe
// by eventID across overlapping regions, fail-closed reads, deleted images.
import { evaluate } from '../../src/engine.js';
import { UserError } from '../../src/errors.js';
import { translateAwsError } from '../../src/aws/aws-error-text.js';
import { parseSettings } from '../../src/inputs/parse.js';
import type { ImageTarget, PushEvent, ResolvedImage } from '../../src/model.js';
import type { BaselineRead, EcrPort, SweepPort, SweepRead } from '../../src/ports.js';

const NOW = new Date('2026-12-04T12:00:00Z');
const REGISTRY = '123456789012';
const digestOf = (n: number) => `sha256:${String(n).padStart(64, '0')}`;

function push(
  id: string,
  minutesAgo: number,
  role: string,
  extra: Partial<PushEvent> = {},
): PushEvent {
  const arn = `arn:aws:iam::${extra.principal?.accountId ?? REGISTRY}:role/${role}`;
  return {
    eventId: id,
    eventTime: new Date(NOW.getTime() - minutesAgo * 60_000),
    region: 'eu-west-1',
    registryId: REGISTRY,
    repository: 'app',
    tag: 'v1',
    digest: digestOf(1),
    principal: { key: arn, arn, type: 'AssumedRole', accountId: REGISTRY, name: role },
    userName: role,
    sourceIp: 'AWS Internal',
    ...extra,
  };
}

function fakeSweep(
  byRegion: Record<string, Partial<SweepRead>>,
  baseline: PushEvent[] = [],
): SweepPort & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async readPushes(region, start, end): Promise<SweepRead> {
      asked.push(`${region} ${start.toISOString()} ${end.toISOString()}`);
      const read = byRegion[region] ?? {};
      return { region, pushes: [], complete: true, pages: 1, calls: 1, malformed: 0, ...read };
    },
    async readBaseline(): Promise<BaselineRead> {
      return { pushes: baseline, complete: true };
    },
    callCount: () => asked.length,
  };
}

function fakeEcr(existing: string[] = [digestOf(1), digestOf(2)]): EcrPort {
  return {
    async resolve(target: ImageTarget, region: string): Promise<ResolvedImage[]> {
      if (!existing.includes(target.digest ?? '')) {
        // What the adapter throws for DescribeImages' ImageNotFoundException (aws-error-text.ts).
        throw translateAwsError(
          Object.assign(new Error('The image requested does not exist'), {
            name: 'ImageNotFoundException',
          }),
          {
            service: 'ecr',
            operation: 'DescribeImages',
            region,
            repository: target.repository,
            ...(target.digest ? { imageDigest: target.digest } : {}),
          },
        );
      }
      if (target.digest === digestOf(8)) {
        // Worded like a deleted image, but not ECR's ImageNotFoundException.
        throw new UserError(`Image app@${target.digest} was not found in repository app.`, 'aws');
      }
      return [
        {
          target,
          registryId: REGISTRY,
          region,
          repository: target.repository,
          imageDigest: target.digest ?? '',
          imageTags: ['v1'],
        },
      ];
    },
    async waitForScan() {
      return { type: 'BASIC', status: 'COMPLETE', usable: true, findings: [], calls: 1 };
    },
    callCount: () => 0,
  };
}

const settingsOf = (extra: Record<string, string> = {}) =>
  parseSettings({ sweep: '70m..10m', region: 'eu-west-1', ...extra }, {}, null);

test('a push by an unknown principal fails with the seed message; known pushers pass', async () => {
  const settings = settingsOf({ 'known-uploaders': 'arn:aws:iam::123456789012:role/ci-push' });
  const sweep = fakeSweep({
    'eu-west-1': { pushes: [push('a', 30, 'ci-push'), push('b', 20, 'laptop', { tag: 'dev' })] },
  });
  const report = await evaluate(settings, {
    ecr: fakeEcr(),
    uploader: null,
    sweep,
    now: () => NOW,
  });
  expect(report.result).toBe('fail');
  const unknown = report.detections.filter((d) => d.rule === 'unknown-uploader');
  expect(unknown.map((d) => d.message)).toEqual(['Container uploaded from unknown user laptop']);
  expect(sweep.asked).toEqual(['eu-west-1 2026-12-04T10:50:00.000Z 2026-12-04T11:50:00.000Z']);
  expect(report.sweep?.rows.map((r) => [r.user, r.status])).toEqual([
    ['ci-push', 'known'],
    ['laptop', 'unknown'],
  ]);
  // The image's uploader is its latest pusher's judgement, not `skipped`.
  expect(report.images.map((i) => i.uploader.status)).toEqual(['unknown']);
});

test('a principal seen in the baseline before the window passes', async () => {
  const settings = settingsOf({ 'known-uploaders': 'arn:aws:iam::123456789012:role/ci-push' });
  const sweep = fakeSweep({ 'eu-west-1': { pushes: [push('b', 20, 'release-bot')] } }, [
    push('old', 60 * 24 * 3, 'release-bot'),
  ]);
  const report = await evaluate(settings, {
    ecr: fakeEcr(),
    uploader: null,
    sweep,
    now: () => NOW,
  });
  expect(report.sweep?.rows.map((r) => r.status)).toEqual(['seen']);
  expect(report.result).toBe('pass');
});

test('overlapping regions do not double-count an event (dedupe by eventID)', async () => {
  const settings = settingsOf({ region: 'eu-west-1,us-east-1' });
  const same = push('dup', 30, 'ci-push');
  const sweep = fakeSweep({
    'eu-west-1': { pushes: [same, push('a2', 25, 'ci-push')] },
    'us-east-1': { pushes: [same] },
  });
  const report = await evaluate(settings, {
    ecr: fakeEcr(),
    uploader: null,
    sweep,
    now: () => NOW,
  });
  expect(report.sweep?.events).toBe(2);
  expect(report.sweep?.duplicates).toBe(1);
  expect(report.sweep?.rows.map((r) => r.count)).toEqual([2]);
});

test('a read cut short is never pass and says what is missing', async () => {
  const settings = settingsOf({ 'known-uploaders': 'arn:aws:iam::123456789012:role/ci-push' });
  const sweep = fakeSweep({
    'eu-west-1': {
      pushes: [push('a', 30, 'ci-push')],
      complete: false,
      error: 'PutImage events of eu-west-1 could not all be read: throttled',
    },
  });
  const report = await evaluate(settings, {
    ecr: fakeEcr(),
    uploader: null,
    sweep,
    now: () => NOW,
  });
  // A sweep that could not read a region fails (README, Sweep), not merely warns.
  expect(report.result).toBe('fail');
  const row = report.detections.find((d) => d.rule === 'unverified-uploader');
  expect(row?.level).toBe('fail');
  expect(row?.detail).toContain('could not all be read');
});

test("only ECR's ImageNotFoundException means deleted, not a message worded like it", async () => {
  const settings = settingsOf({ 'known-uploaders': 'arn:aws:iam::123456789012:role/ci-push' });
  const sweep = fakeSweep({
    'eu-west-1': { pushes: [push('a', 30, 'ci-push', { digest: digestOf(8) })] },
  });
  const report = await evaluate(settings, {
    ecr: fakeEcr([digestOf(1), digestOf(8)]),
    uploader: null,
    sweep,
    now: () => NOW,
  });
  expect(report.images[0]?.scan.status).not.toBe('DELETED');
  expect(report.result).toBe('fail');
});

test('an image deleted since its push is reported as deleted, not as unreadable', async () => {
  const settings = settingsOf({ 'known-uploaders': 'arn:aws:iam::123456789012:role/ci-push' });
  const sweep = fakeSweep({
    'eu-west-1': { pushes: [push('a', 30, 'ci-push', { digest: digestOf(9) })] },
  });
  const report = await evaluate(settings, {
    ecr: fakeEcr(),
    uploader: null,
    sweep,
    now: () => NOW,
  });
  expect(report.images[0]?.scan.status).toBe('DELETED');
  expect(report.detections.some((d) => d.rule === 'scan-incomplete')).toBe(false);
  expect(report.warnings.some((w) => w.message.includes('ImageNotFoundException'))).toBe(true);
  expect(report.result).toBe('pass');
});

test('surfaces: summary leads with the pushers that need a look; log, outputs, JSON carry the rows', async () => {
  const { renderSummary } = await import('../../src/report/summary.js');
  const { renderText } = await import('../../src/report/text.js');
  const { buildOutputs } = await import('../../src/report/outputs.js');
  const { renderJsonReport } = await import('../../src/report/json.js');
  const settings = settingsOf({ 'known-uploaders': 'arn:aws:iam::123456789012:role/ci-push' });
  const sweep = fakeSweep({
    'eu-west-1': { pushes: [push('a', 30, 'ci-push'), push('b', 20, 'laptop', { tag: 'dev' })] },
  });
  const report = await evaluate(settings, {
    ecr: fakeEcr(),
    uploader: null,
    sweep,
    now: () => NOW,
  });
  const summary = renderSummary(report);
  const look = summary.indexOf('Pushers that need a look (1 of 2 rows)');
  expect(look).toBeGreaterThan(-1);
  expect(summary.indexOf('`laptop')).toBeGreaterThan(look);
  expect(summary.indexOf('`laptop')).toBeLessThan(
    summary.indexOf('app@') === -1 ? Infinity : summary.indexOf('app@'),
  );
  expect(renderText(report, { color: false })).toContain('unknown-uploader: laptop');
  const outputs = buildOutputs(report, { reportFile: 'r.json', sarifFile: null });
  expect(outputs['uploader-status']).toBe('unknown');
  expect(outputs.uploader).toContain('role/laptop');
  const json = JSON.parse(renderJsonReport(report)) as { sweep: { rows: unknown[] } };
  expect(json.sweep.rows).toHaveLength(2);
});

test('a region that could not be read at all, no push: every surface renders, never pass', async () => {
  const { renderSummary } = await import('../../src/report/summary.js');
  const { renderText } = await import('../../src/report/text.js');
  const { buildAnnotations } = await import('../../src/report/annotations.js');
  const { renderSarif } = await import('../../src/report/sarif.js');
  const settings = settingsOf();
  const sweep = fakeSweep({
    'eu-west-1': {
      complete: false,
      error: 'PutImage events of eu-west-1 could not all be read: AccessDenied',
    },
  });
  const report = await evaluate(settings, {
    ecr: fakeEcr(),
    uploader: null,
    sweep,
    now: () => NOW,
  });
  expect(report.result).toBe('fail');
  expect(report.images).toHaveLength(0);
  expect(renderSummary(report)).toContain('not complete');
  expect(renderText(report, { color: false })).toContain('AccessDenied');
  expect(buildAnnotations(report).length).toBeGreaterThan(0);
  expect(() => renderSarif(report)).not.toThrow();
});
