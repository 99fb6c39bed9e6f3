import { describe, expect, test } from '@jest/globals';
import { renderText } from '../../src/report/text.js';
import { hostileReport, multiImageReport, splunkReport } from './fixtures.js';
import { expectCleanCharacters, expectNoWorkflowCommand } from './inert.js';

const ESC = '\u001b';
const OUR_COLOURS = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');

describe('terminal report', () => {
  const text = renderText(splunkReport(), { color: false });

  test('verdict, risk, severity table, uploader, top findings', () => {
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      'ecr-risk-gate 0.1.0: FAIL (enforce) · risk score 608 (no risk-threshold) · 1 image',
    );
    expect(text).toMatch(
      /CRITICAL\s+HIGH\s+MEDIUM\s+LOW\s+INFORMATIONAL\s+UNDEFINED\n\s+0\s+2\s+14\s+22\s+63\s+3\n/,
    );
    expect(text).toContain(
      'uploader: arn:aws:iam::111111111111:user/test (IAMUser, account 111111111111): UNKNOWN uploader',
    );
    expect(text).toContain('top findings (10 of 104):');
    expect(text).toMatch(/HIGH\s+CVE-2021-33574\s+glibc 2\.28-10\s+CVSS 7\.5/);
    expect(text).toContain('+94 more in the JSON report');
    expect(text).toMatch(/fail\s+unknown-uploader\s+1\s+risk\s+49/);
  });

  test('ANSI colours only when asked', () => {
    expect(text).not.toContain(ESC);
    const colored = renderText(splunkReport(), { color: true });
    expect(colored).toContain(`${ESC}[31m`);
    expect(colored.replace(OUR_COLOURS, '')).toBe(text);
  });

  test('several images each get a block', () => {
    const multi = renderText(multiImageReport(), { color: false });
    expect(multi).toContain('(linux/arm64)');
    expect(multi).toContain(
      'scan: BASIC UNSUPPORTED_IMAGE: The operating system and/or package manager are not supported.',
    );
    expect(multi).toContain('Uploader not verified');
  });

  test('scanner text cannot drive the terminal or the runner log', () => {
    for (const color of [false, true]) {
      const out = renderText(hostileReport(), { color, topFindings: 20 });
      expectNoWorkflowCommand(out);
      const withoutOurColours = out.replace(OUR_COLOURS, '');
      expect(withoutOurColours).not.toContain(ESC);
      expectCleanCharacters(withoutOurColours);
      expect(out).toContain('[U+001B][31mred');
      expect(out.length).toBeLessThan(100_000);
    }
  });
});
