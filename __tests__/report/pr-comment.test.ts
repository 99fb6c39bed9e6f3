import { describe, expect, test } from '@jest/globals';
import {
  COMMENT_MAX_CHARS,
  prCommentKey,
  prCommentMarker,
  renderPrComments,
} from '../../src/report/pr-comment.js';
import { multiImageReport, splunkReport } from './fixtures.js';
import { expectWellFormedTables, tablesOf } from './inert.js';

describe('PR comment body', () => {
  const [comment] = renderPrComments(splunkReport());

  test('starts with the hidden marker of registry and repository', () => {
    expect(comment?.key).toBe(
      '111111111111.dkr.ecr.eu-central-1.amazonaws.com/devsecops/cat_dog_client',
    );
    expect(
      comment?.body.startsWith(
        '<!-- ecr-risk-gate:111111111111.dkr.ecr.eu-central-1.amazonaws.com/devsecops/cat_dog_client -->\n',
      ),
    ).toBe(true);
  });

  test('the key ignores tag and digest, so a re-run finds the same comment', () => {
    const a = renderPrComments(splunkReport({ tags: ['pr-7-build-1'] }))[0]?.marker;
    const b = renderPrComments(
      splunkReport({ tags: ['pr-7-build-2'], digest: `sha256:${'e'.repeat(64)}` }),
    )[0]?.marker;
    expect(a).toBe(b);
    expect(renderPrComments(splunkReport({}), { variant: 'arm' })[0]?.marker).toBe(
      prCommentMarker(
        '111111111111.dkr.ecr.eu-central-1.amazonaws.com/devsecops/cat_dog_client:arm',
      ),
    );
  });

  test('concise verdict, counts, uploader, deciding detections and top findings', () => {
    const body = comment?.body ?? '';
    expect(body).toContain('### ❌ ecr-risk-gate: devsecops/cat\\_dog\\_client — fail');
    expect(body).toContain(
      '❌ **fail**: 3 detections: high \\(2\\), unknown-uploader \\(1\\) at level fail · risk score **608**',
    );
    expect(body).toContain('UNKNOWN uploader');
    const tables = expectWellFormedTables(body);
    expect(tables.map((t) => t.header[0])).toEqual(['Critical', 'Level', 'Vulnerability']);
    const findings = tables[2];
    // Only findings at a level that counts (informational is off), at most 30.
    expect(findings?.rows).toHaveLength(30);
    expect(findings?.rows.map((r) => r[4])).not.toContain('INFORMATIONAL');
    expect(body).toContain('<summary>Top findings: 30 of 104');
    expect(body).toContain('74 more findings are not listed here');
  });

  test('one comment per repository; platforms of an index share it', () => {
    const comments = renderPrComments(multiImageReport());
    expect(comments.map((c) => c.imageIndexes)).toEqual([[0], [1, 2], [3]]);
    const server = comments[1]?.body ?? '';
    expect(server).toContain('2 platform images');
    expect(tablesOf(server).filter((t) => t.header[0] === 'Critical')).toHaveLength(2);
  });

  test('marker characters cannot close the HTML comment', () => {
    const report = splunkReport({ repository: 'evil-->/<script>' });
    const key = prCommentKey(report.images[0]!);
    expect(key).not.toMatch(/-->|<|>|--/);
    expect(renderPrComments(report)[0]?.body.split('-->')).toHaveLength(2);
  });

  test('a tight budget still yields a valid body under the limit', () => {
    const body = renderPrComments(splunkReport(), { maxChars: 4000 })[0]?.body ?? '';
    expect(body.length).toBeLessThanOrEqual(4000);
    expectWellFormedTables(body);
    expect(COMMENT_MAX_CHARS).toBeLessThan(65_536);
  });
});
