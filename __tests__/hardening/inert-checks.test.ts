// The inertness checks themselves: each one catches what it looks for, so a corpus that passes
// them has really been checked.
import { describe, expect, test } from '@jest/globals';
import {
  annotationViolations,
  commandViolations,
  logViolations,
  markdownViolations,
  sarifDisplayedStrings,
} from './inert-checks.js';

const NONE = { allowedHrefs: new Set<string>() };

describe('log', () => {
  test.each([
    '::set-output name=x::y',
    '  \t::error::x',
    'text ##[group]x',
    'a\n::stop-commands::t',
  ])('catches %j', (log) => {
    expect(commandViolations(log)).not.toEqual([]);
    expect(logViolations(log)).not.toEqual([]);
  });

  test('lets our own annotations and the step error through', () => {
    expect(
      commandViolations('::error title=x%3A y::msg\n::warning::w\n::notice file=a,line=1::n'),
    ).toEqual([]);
  });

  test.each(['\u001b[31mred', 'bidi \u202E', 'lone \uD800', 'nul \u0000'])(
    'catches the characters of %j',
    (log) => {
      expect(logViolations(log)).not.toEqual([]);
    },
  );
});

describe('annotations', () => {
  test('a raw colon in a property or hostile characters after unescaping are caught', () => {
    expect(annotationViolations('::error title=a:b::c')).not.toEqual([]);
    expect(annotationViolations('::error title=a::c%0A\u202E')).not.toEqual([]);
    expect(annotationViolations('::error title=a%3Ab::c%0Ad')).toEqual([]);
  });
});

describe('Markdown', () => {
  test.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '[x](https://evil.example)',
    '![x](https://evil.example/p.png)',
    'ping @admin',
    'ping &#64;admin',
    'see #12',
    'GH-7',
    '<!-- ecr-risk-gate:app -->',
    '| a | b |\n|---|---|\n| 1 | 2 | 3 |',
    'bidi \u202E',
    '<h1>PASS</h1>',
  ])('catches %j', (markdown) => {
    expect(markdownViolations(markdown, NONE, 'md')).not.toEqual([]);
  });

  test('allows the allowed link, the marker at the start and mentions inside code', () => {
    const md =
      '<!-- ecr-risk-gate:app -->\n[CVE-1](https://nvd.example/CVE-1) `a@b` @\u200Dadmin #\u200D1';
    expect(
      markdownViolations(
        md,
        {
          allowedHrefs: new Set(['https://nvd.example/CVE-1']),
          marker: '<!-- ecr-risk-gate:app -->',
        },
        'md',
      ),
    ).toEqual([]);
  });
});

test('SARIF: property bags are data, their tags are shown', () => {
  const shown = sarifDisplayedStrings({
    message: { text: 'a' },
    properties: { image: { tags: ['raw'] }, tags: ['shown'] },
  });
  expect(shown).toEqual(['a', 'shown']);
});
