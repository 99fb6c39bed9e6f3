// Issue 15 §1 surfaces: the sweep's rows on the job summary and in the log are CloudTrail text
// (hostile by assumption), and the summary's sweep section stays within its byte budget.
import type { Report } from '../../src/model.js';
import type { UploadRow } from '../../src/sweep-model.js';
import { ByteBudget } from '../../src/report/markdown.js';
import { renderSweepMarkdown, renderSweepText } from '../../src/report/sweep.js';
import { splunkReport } from '../report/fixtures.js';

const row = (i: number, changes: Partial<UploadRow> = {}): UploadRow => ({
  awsRegion: 'eu-west-1',
  eventName: 'PutImage',
  eventSource: 'ecr.amazonaws.com',
  user: `user-${i}`,
  userName: `user-${i}`,
  src_ip: 'AWS Internal',
  imageTag: 'latest',
  registryId: '123456789012',
  image: `repo-${i}`,
  phase: 'release',
  severity: 'high',
  firstTime: '2026-12-04T10:00:00',
  lastTime: '2026-12-04T10:00:00',
  count: 1,
  principal: `arn:aws:iam::123456789012:user/user-${i}`,
  status: 'unknown',
  digests: [],
  rules: ['unknown-uploader'],
  ...changes,
});

function sweepReport(rows: UploadRow[]): Report {
  return {
    ...splunkReport(),
    sweep: {
      window: '70m..10m',
      start: '2026-12-04T09:00:00.000Z',
      end: '2026-12-04T10:00:00.000Z',
      regions: ['eu-west-1'],
      events: rows.length,
      duplicates: 0,
      reads: [
        {
          region: 'eu-west-1',
          complete: true,
          error: null,
          pages: 1,
          pushes: rows.length,
          malformed: 0,
        },
      ],
      rows,
    },
  };
}

test('a hostile awsRegion is escaped in the summary and neutralised in the log', () => {
  const hostile = row(1, { awsRegion: 'eu-west-1 | <img src=x> @team\n::error::owned' });
  const markdown = renderSweepMarkdown(sweepReport([hostile]));
  expect(markdown).not.toContain('<img');
  expect(markdown).not.toContain('| <img');
  expect(markdown).not.toMatch(/(^|[^`\\])@team/);
  const lines = renderSweepText(sweepReport([hostile]));
  expect(lines.join('\n')).not.toMatch(/^\s*::error::/m);
});

test('rows stop at the byte budget and the section says how many were left out', () => {
  const rows = Array.from({ length: 150 }, (_, i) => row(i));
  const full = renderSweepMarkdown(sweepReport(rows));
  expect(full).not.toContain('more rows in the JSON report');
  const cut = renderSweepMarkdown(sweepReport(rows), new ByteBudget(4_000));
  const shown = cut.split('\n').filter((l) => l.startsWith('| unknown-uploader')).length;
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(150);
  expect(cut).toContain(`${150 - shown} more rows in the JSON report.`);
  expect(Buffer.byteLength(cut)).toBeLessThan(4_000 + 2_000);
});
