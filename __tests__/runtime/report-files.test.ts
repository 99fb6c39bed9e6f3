import { describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import { writeJsonReport } from '../../src/runtime/report-files.js';
import { splunkReport } from '../report/fixtures.js';

const fsError = (code: string) => Object.assign(new Error(`${code}: permission denied`), { code });

describe('writeJsonReport', () => {
  test('a file-system failure is the report-file input to fix, named with its path', async () => {
    const target = {
      cwd: '/work',
      env: {},
      write: () => Promise.reject(fsError('EACCES')),
    };
    const error = await writeJsonReport(splunkReport(), 'out/r.json', target).catch((e) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      `Input 'report-file': could not write "/work/out/r.json": EACCES: permission denied`,
    );
  });

  test('anything else while rendering or writing is not blamed on the path', async () => {
    const bug = new TypeError('cannot serialise');
    const target = { cwd: '/work', env: {}, write: () => Promise.reject(bug) };
    await expect(writeJsonReport(splunkReport(), 'r.json', target)).rejects.toBe(bug);
  });

  test('the writer receives the report text as it is rendered', async () => {
    let text = '';
    const target = {
      cwd: '/work',
      env: {},
      write: (path: string, content: string | Iterable<string>) => {
        for (const chunk of typeof content === 'string' ? [content] : content) text += chunk;
        return path;
      },
    };
    const report = splunkReport();
    expect(await writeJsonReport(report, 'r.json', target)).toBe('/work/r.json');
    expect((JSON.parse(text) as { detections: unknown[] }).detections).toHaveLength(
      report.detections.length,
    );
  });
});
