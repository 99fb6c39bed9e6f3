import { describe, expect, test } from '@jest/globals';
import {
  ANNOTATIONS_PER_LEVEL,
  annotationCommand,
  annotationProperties,
  buildAnnotations,
  detectionSlots,
  findFromLine,
} from '../../src/report/annotations.js';
import {
  buildTestReport,
  HOSTILE,
  hostileReport,
  splunkFindings,
  splunkReport,
} from './fixtures.js';
import { expectCleanCharacters, expectNoWorkflowCommand } from './inert.js';

describe('buildAnnotations', () => {
  test('one annotation per rule and image, levels from the detection levels', () => {
    const annotations = buildAnnotations(splunkReport());
    expect(annotations.map((a) => [a.level, a.title.split(' (')[0]])).toEqual([
      ['error', 'High vulnerabilities'],
      ['error', 'Unknown uploader'],
      ['warning', 'Medium vulnerabilities'],
      ['notice', 'Low vulnerabilities'],
      ['notice', 'Untriaged findings'],
    ]);
    // informational is `off`: counted in the report, no annotation.
    expect(annotations.some((a) => a.title.includes('informational'))).toBe(false);
  });

  test('the high annotation lists its CVEs, highest CVSS first; medium says +N more', () => {
    const [high, , medium] = buildAnnotations(splunkReport());
    expect(high?.message).toContain('2 HIGH findings, risk 140');
    expect(high?.message.split('\n').slice(1)).toEqual([
      'CVE-2021-33574 — glibc 2.28-10, CVSS 7.5',
      'CVE-2019-25013 — glibc 2.28-10, CVSS 7.1',
    ]);
    expect(medium?.message).toContain('14 MEDIUM findings');
    expect(medium?.message).toContain('+9 more');
    expect(high?.title).toContain('devsecops/cat_dog_client:latest@sha256:a27d73188718');
  });

  test('ignored detections and rules turned off raise nothing', () => {
    const report = splunkReport(
      {
        ignore: [
          { id: 'CVE-2021-33574', reason: 'not reachable' },
          { id: 'CVE-2019-25013', reason: 'x' },
        ],
      },
      { levels: { low: 'off', undefined: 'off', 'unknown-uploader': 'off' } },
    );
    expect(buildAnnotations(report).map((a) => a.level)).toEqual(['warning']);
  });

  test('points at the Dockerfile FROM line when given', () => {
    const annotations = buildAnnotations(splunkReport(), {
      dockerfile: { path: 'app/Dockerfile', fromLine: 12 },
    });
    expect(annotations.every((a) => a.file === 'app/Dockerfile' && a.startLine === 12)).toBe(true);
    expect(buildAnnotations(splunkReport()).every((a) => a.file === undefined)).toBe(true);
  });

  test('at most 10 per level; the tenth says what was left out', () => {
    const findings = splunkFindings().filter((f) => f.severity === 'HIGH');
    const images = Array.from({ length: 14 }, (_, i) => ({
      repository: `team/svc-${String(i).padStart(2, '0')}`,
      findings,
      uploaderStatus: 'known' as const,
    }));
    const annotations = buildAnnotations(buildTestReport(images));
    const errors = annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(ANNOTATIONS_PER_LEVEL);
    const last = errors[ANNOTATIONS_PER_LEVEL - 1];
    expect(last?.title).toBe('5 more error annotations left out');
    for (const i of ['09', '10', '11', '12', '13'])
      expect(last?.message).toContain(`high on team/svc-${i}`);
    expect(errors.slice(0, 9).map((a) => a.title)).toEqual(
      Array.from({ length: 9 }, (_, i) => expect.stringContaining(`team/svc-0${i}`)),
    );
  });

  test('the step budget: the verdict and step warnings are counted before detections', () => {
    const findings = splunkFindings().filter((f) => f.severity === 'HIGH');
    const images = Array.from({ length: 12 }, (_, i) => ({
      repository: `team/svc-${String(i).padStart(2, '0')}`,
      findings,
      uploaderStatus: 'known' as const,
    }));
    const pr = 'PR comment not written: HTTP 403';
    const budget = detectionSlots(true, [pr]);
    expect(budget.slots).toEqual({ error: 9, warning: 9, notice: 10 });
    const annotations = buildAnnotations(buildTestReport(images), { slots: budget.slots });
    const errors = annotations.filter((a) => a.level === 'error');
    // 9 for detections (8 + "left out"), 1 for the verdict line.
    expect(errors).toHaveLength(9);
    expect(errors.at(-1)?.title).toBe('4 more error annotations left out');
    expect(budget.warnings).toEqual([pr]);
    // Too many step warnings: 8 shown, the 9th says how many more are only in the log.
    const many = detectionSlots(
      false,
      Array.from({ length: 12 }, (_, i) => `w${i}`),
    );
    expect(many.warnings).toHaveLength(9);
    expect(many.warnings.at(-1)).toMatch(/^4 more warnings left out/);
    expect(many.logOnly).toEqual(['w8', 'w9', 'w10', 'w11']);
    expect(many.slots.warning).toBe(1);
    expect(buildAnnotations(buildTestReport(images), { slots: { error: 0 } })).toEqual(
      buildAnnotations(buildTestReport(images)).filter((a) => a.level !== 'error'),
    );
  });

  test('exactly 10 groups fit without a summary slot', () => {
    const findings = splunkFindings().filter((f) => f.severity === 'HIGH');
    const images = Array.from({ length: 10 }, (_, i) => ({
      repository: `r/${i}`,
      findings,
      uploaderStatus: 'known' as const,
    }));
    const errors = buildAnnotations(buildTestReport(images)).filter((a) => a.level === 'error');
    expect(errors).toHaveLength(10);
    expect(errors.some((a) => a.title.includes('left out'))).toBe(false);
  });

  test('hostile text cannot issue a workflow command through a message or title', () => {
    const annotations = buildAnnotations(hostileReport());
    expect(annotations.length).toBeGreaterThan(0);
    for (const a of annotations) {
      expectNoWorkflowCommand(a.message);
      expectNoWorkflowCommand(a.title);
      expectCleanCharacters(a.message + a.title);
      expect(a.message.length).toBeLessThanOrEqual(4000);
      expect(a.title.length).toBeLessThanOrEqual(200);
      expect(a.title).not.toMatch(/\n/);
      // The full command line, as written to stdout, is one line with one `::` payload start.
      const line = annotationCommand(a);
      expect(line.split('\n')).toHaveLength(1);
      expect(line).toMatch(/^::(error|warning|notice) [^:]*::/);
    }
    expect(annotations.map((a) => a.message).join('\n')).toContain('set-output');
  });

  test('annotationCommand escapes like the runner expects', () => {
    const line = annotationCommand({
      level: 'warning',
      title: 'a:b,c',
      message: '50%\nnext',
      file: 'x,y.txt',
      startLine: 3,
    });
    expect(line).toBe('::warning file=x%2Cy.txt,line=3,title=a%3Ab%2Cc::50%25%0Anext');
    expect(annotationProperties({ level: 'notice', title: 't', message: 'm' })).toEqual({
      title: 't',
    });
  });

  test('the huge hostile string is capped', () => {
    const all = buildAnnotations(hostileReport());
    expect(all.every((a) => !a.message.includes(HOSTILE.huge.slice(0, 5000)))).toBe(true);
  });
});

describe('findFromLine', () => {
  test('the FROM of the final stage', () => {
    const text = [
      '# syntax=docker/dockerfile:1',
      'FROM golang:1.22 AS build',
      'RUN go build ./...',
      '',
      'FROM gcr.io/distroless/static',
      'COPY --from=build /app /app',
    ].join('\n');
    expect(findFromLine(text)).toBe(5);
  });

  test('lower case, leading spaces, CRLF', () => {
    expect(findFromLine('  from alpine\r\nRUN true\r\n')).toBe(1);
  });

  test('a FROM inside a continued RUN or a heredoc is not an instruction', () => {
    const text = [
      'FROM debian:12',
      'RUN echo one \\',
      'FROM nothing',
      'RUN <<EOF',
      'FROM inside heredoc',
      'EOF',
      '# FROM in a comment',
      'CMD ["x"]',
    ].join('\n');
    expect(findFromLine(text)).toBe(1);
  });

  test('honours the escape directive', () => {
    const text = [
      '# escape=`',
      'FROM mcr.microsoft.com/windows',
      'RUN dir `',
      'FROM not-this',
      'FROM final',
    ].join('\n');
    expect(findFromLine(text)).toBe(5);
  });

  test('null without FROM', () => {
    expect(findFromLine('')).toBeNull();
    expect(findFromLine('RUN true\n# FROM x')).toBeNull();
  });
});
