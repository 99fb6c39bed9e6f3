import { UserError } from '../../src/errors.js';
import {
  EXIT,
  exitCodeForError,
  exitCodeForReport,
  failedClosed,
} from '../../src/cli/exit-codes.js';
import { at, detection, report } from './report-kit.js';

describe('exit code of an evaluated run', () => {
  test('pass and warn exit 0', () => {
    expect(exitCodeForReport(report([]))).toBe(EXIT.ok);
    const warned = report([detection('medium')]);
    expect(warned.result).toBe('warn');
    expect(exitCodeForReport(warned)).toBe(EXIT.ok);
  });

  test('a failing finding exits 1, and 0 in audit mode', () => {
    expect(exitCodeForReport(report([detection('critical')]))).toBe(EXIT.fail);
    expect(exitCodeForReport(report([detection('critical')], { mode: 'audit' }))).toBe(EXIT.ok);
  });

  test('an ignored failing finding does not fail', () => {
    expect(exitCodeForReport(report([detection('critical', { ignored: true })]))).toBe(EXIT.ok);
  });

  test('failing only on scan-incomplete is "could not evaluate" (3)', () => {
    const closed = report([detection('scan-incomplete')]);
    expect(closed.result).toBe('fail');
    expect(exitCodeForReport(closed)).toBe(EXIT.unevaluated);
    expect(failedClosed(closed)).toBe(true);
  });

  test('unverified-uploader raised to fail, alone or with scan-incomplete, exits 3', () => {
    const closed = report([at('unverified-uploader', 'fail'), detection('scan-incomplete')]);
    expect(exitCodeForReport(closed)).toBe(EXIT.unevaluated);
  });

  test('scan-incomplete on one image and a real failure on another exits 1', () => {
    const both = report([
      detection('scan-incomplete', { imageIndex: 0 }),
      detection('unknown-uploader', { imageIndex: 1 }),
    ]);
    expect(exitCodeForReport(both)).toBe(EXIT.fail);
    expect(failedClosed(both)).toBe(false);
  });

  test('the risk threshold reached only thanks to blind detections exits 3', () => {
    // 50 (scan-incomplete at warn) + 21 (medium) = 71 ≥ 60, but 21 alone is not.
    const closed = report([at('scan-incomplete', 'warn'), detection('medium')], {
      riskThreshold: 60,
    });
    expect(closed.result).toBe('fail');
    expect(exitCodeForReport(closed)).toBe(EXIT.unevaluated);
  });

  test('the risk threshold reached by what was seen exits 1 even with a blind detection', () => {
    const seen = report([detection('scan-incomplete'), detection('medium'), detection('medium')], {
      riskThreshold: 40,
    });
    expect(exitCodeForReport(seen)).toBe(EXIT.fail);
  });

  test('a fail-closed result in audit mode exits 0', () => {
    const closed = report([detection('scan-incomplete')], { mode: 'audit' });
    expect(exitCodeForReport(closed)).toBe(EXIT.ok);
    expect(failedClosed(closed)).toBe(false);
  });

  test('a report that carries an error exits 3 whatever the mode', () => {
    expect(exitCodeForReport(report([], { error: 'AWS denied ecr:DescribeImages' }))).toBe(3);
    expect(exitCodeForReport(report([], { error: 'denied', mode: 'audit' }))).toBe(3);
  });
});

describe('exit code of an error', () => {
  test('configuration errors exit 2, AWS errors and bugs exit 3', () => {
    expect(exitCodeForError(new UserError("Input 'mode': bad"))).toBe(EXIT.usage);
    expect(exitCodeForError(new UserError('AWS denied', 'aws'))).toBe(EXIT.unevaluated);
    expect(exitCodeForError(new TypeError('x is undefined'))).toBe(EXIT.unevaluated);
  });
});
