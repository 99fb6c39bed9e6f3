import { describe, expect, test } from '@jest/globals';
import { buildAnnotations } from '../../src/report/annotations.js';
import { renderJsonReport } from '../../src/report/json.js';
import { buildOutputs } from '../../src/report/outputs.js';
import { renderPrComments } from '../../src/report/pr-comment.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderSummary } from '../../src/report/summary.js';
import { renderText } from '../../src/report/text.js';
import { buildTestReport } from './fixtures.js';

/** A run that could not be evaluated (denied access, unknown repository) has no image at all. */
describe('a report without images', () => {
  const report = buildTestReport([], {
    error:
      "AccessDeniedException: not authorized to perform ecr:DescribeImages on repository 'app'",
  });

  test('every surface renders it without failing', () => {
    expect(renderSummary(report)).toContain('**Could not evaluate:** AccessDeniedException');
    expect(renderText(report, { color: false })).toContain(
      'could not evaluate: AccessDeniedException',
    );
    expect(buildAnnotations(report)).toEqual([]);
    expect(renderPrComments(report)).toEqual([]);
    expect(renderSarif(report).log.runs).toEqual([]);
    expect((JSON.parse(renderJsonReport(report)) as { error: string }).error).toContain(
      'AccessDenied',
    );
  });

  test('outputs are still all set', () => {
    const outputs = buildOutputs(report, { reportFile: 'r.json' });
    expect(outputs).toMatchObject({
      result: 'fail',
      'findings-total': '0',
      uploader: '',
      'uploader-status': 'skipped',
      'image-digest': '',
      'report-file': 'r.json',
    });
  });
});
