import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { marked } from 'marked';
import {
  cleanText,
  defuseGitHubReferences,
  escapeCommandData,
  escapeCommandProperty,
  escapeHtmlText,
  escapeMarkdown,
  escapeTerminal,
  markdownCode,
  markdownLink,
  neutralizeLogText,
  checkUrl,
  safeUrl,
  truncate,
} from '../../src/report/escape.js';
import { expectCleanCharacters, expectNoLiveReference, expectNoWorkflowCommand } from './inert.js';

/** Any UTF-16 code unit, lone surrogates included, mixed with the fragments attacks use. */
const unit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const fragment = fc.constantFrom(
  '::',
  '##[',
  '\n',
  '\r',
  '\r\n',
  ' ',
  '\t',
  '\u2028',
  '\u0085',
  '%0A',
  '%25',
  ':',
  ',',
  '\u202E',
  '\u2066',
  '\u200F',
  '\uD800',
  '\uDC00',
  '\u001b[31m',
  '\u009b',
  '@',
  '@org/team',
  '#1',
  '<script>',
  '](',
  '![x](y)',
  '|',
  '`',
  '<!--',
  '-->',
  '&#64;',
  'javascript:',
  'https://',
  'www.',
  '$',
  '~~',
  '\\',
  '*',
  '_',
  '1.',
  '-',
  '#',
);
const hostile = fc
  .array(fc.oneof(fragment, fc.string({ unit }), fc.string()), { maxLength: 30 })
  .map((p) => p.join(''));
const RUNS = { numRuns: 400 };

describe('log neutralisation', () => {
  test('no line can start a workflow command or contain ##[', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = neutralizeLogText(s, 5000);
        expectNoWorkflowCommand(out);
        expectCleanCharacters(out);
      }),
      RUNS,
    );
  });

  test('the classic payloads are defused but still readable', () => {
    expect(neutralizeLogText('::set-output name=x::y')).toBe(':\u200B:set-output name=x::y');
    expect(neutralizeLogText('   ::stop-commands::abc')).toBe('   :\u200B:stop-commands::abc');
    expect(neutralizeLogText('ok\n::error::boom\r::warning::w')).toBe(
      'ok\n:\u200B:error::boom\n:\u200B:warning::w',
    );
    expect(neutralizeLogText('a ##[group]b')).toBe('a ##\u200B[group]b');
    expect(neutralizeLogText('a%0A::error::b')).toBe('a%0A::error::b');
    expect(neutralizeLogText('line\u2028::debug::x')).toBe('line\n:\u200B:debug::x');
  });
});

describe('workflow command escaping', () => {
  const unescapeData = (s: string) =>
    s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  const unescapeProperty = (s: string) => unescapeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));

  test('data and property escaping are what the runner unescapes', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const data = escapeCommandData(s);
        expect(data).not.toMatch(/[\r\n]/);
        expect(unescapeData(data)).toBe(s);
        const property = escapeCommandProperty(s);
        expect(property).not.toMatch(/[\r\n:,]/);
        expect(unescapeProperty(property)).toBe(s);
      }),
      RUNS,
    );
  });

  test('%0A in the data stays literal after the runner unescapes it', () => {
    expect(escapeCommandData('a%0Ab')).toBe('a%250Ab');
  });
});

describe('Markdown escaping', () => {
  test('renders as plain text: no element, link, image or HTML from the input', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const md = escapeMarkdown(s, 3000);
        expect(md).not.toMatch(/\n/);
        const html = marked.parseInline(md, { async: false, gfm: true });
        expect(html).not.toMatch(/<(?!br>)[a-z!/]/i);
        expectCleanCharacters(md);
        expectNoLiveReference(md);
      }),
      RUNS,
    );
  });

  test('an autolink after `_`, `*`, `~` or `(` is defused too (found by the property above)', () => {
    for (const lead of ['_', '*', '~', '(', 'a']) {
      const md = escapeMarkdown(`${lead}www.https://x.io GH-1`, 3000);
      const html = marked.parseInline(md, { async: false, gfm: true });
      expect([lead, html]).not.toEqual([lead, expect.stringMatching(/<a /)]);
      expectNoLiveReference(md);
    }
  });

  test('never splits or ends a table row', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const md = `| a | b |\n|---|---|\n| ${escapeMarkdown(s, 500) || ' '} | end |\n`;
        const table = marked.lexer(md, { gfm: true }).find((t) => t.type === 'table');
        expect(table).toBeDefined();
        const rows = (table as unknown as { rows: Array<Array<{ text: string }>> }).rows;
        expect(rows).toHaveLength(1);
        expect(rows[0]).toHaveLength(2);
        expect(rows[0]?.[1]?.text).toBe('end');
      }),
      RUNS,
    );
  });

  test('hostile examples come out literal', () => {
    expect(marked.parseInline(escapeMarkdown('<script>alert(1)</script>'), { async: false })).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt;',
    );
    expect(
      marked.parseInline(escapeMarkdown('[x](https://e.vil)'), { async: false }),
    ).not.toContain('<a');
    expect(
      marked.parseInline(escapeMarkdown('![x](https://e.vil/p.png)'), { async: false }),
    ).not.toContain('<img');
    expect(escapeMarkdown('@org/team')).toBe('@\u200Dorg/team');
    expect(escapeMarkdown('see #123')).toBe('see #\u200D123');
    expect(escapeMarkdown('<!-- marker -->')).not.toContain('<!--');
    expect(escapeMarkdown('a | b')).toBe('a \\| b');
    expect(escapeMarkdown('# heading')).toBe('\\# heading');
    expect(escapeMarkdown('1. item')).toBe('1\\. item');
  });

  test('HTML text (inside <summary>) has no tag or quote and no live mention', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = escapeHtmlText(s, 500);
        expect(out).not.toMatch(/[<>"]/);
        expectNoLiveReference(out);
        expectCleanCharacters(out);
      }),
      RUNS,
    );
  });

  test('links only to http(s), with a destination that cannot break out', () => {
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('data:text/html,<script>')).toBeNull();
    expect(safeUrl('/relative')).toBeNull();
    expect(safeUrl('https://user:pw@example.com/')).toBeNull();
    expect(safeUrl(`https://example.com/${'a'.repeat(3000)}`)).toBeNull();
    expect(safeUrl('https://e.com/a b)(|"<>`')).toBe('https://e.com/a%20b%29%28%7C%22%3C%3E%60');
    fc.assert(
      fc.property(hostile, (s) => {
        const url = safeUrl(`https://example.com/${s}`);
        if (url !== null) expect(url).toMatch(/^https:\/\/example\.com\/[\x21-\x7E]*$/);
        if (url !== null) expect(url).not.toMatch(/[()|<>"'`\s[\]]/);
      }),
      RUNS,
    );
    expect(markdownLink('CVE-1', 'javascript:alert(1)')).toBe('CVE-1');
    expect(markdownLink('CVE-1', 'https://tracker/CVE-1')).toBe('[CVE-1](https://tracker/CVE-1)');
    // Found by the fuzz test (seed 1228802219): entities in a destination are decoded, so a URL
    // holding `&amp;` must still link to `&amp;`, and a plain `&` to `&`.
    expect(markdownLink('a', 'https://x.example/?a=1&amp;b=2')).toBe(
      '[a](https://x.example/?a=1&amp;amp;b=2)',
    );
    expect(markdownLink('a', 'https://x.example/?a=1&b=2')).toBe(
      '[a](https://x.example/?a=1&amp;b=2)',
    );
  });

  test('code spans fall back to escaped text for anything odd', () => {
    expect(markdownCode('sha256:abc')).toBe('`sha256:abc`');
    expect(markdownCode('a`b')).toBe('a\\`b');
    expect(markdownCode('a|b')).toBe('a\\|b');
  });

  test('mentions, references and autolinks are defused', () => {
    expect(defuseGitHubReferences('@octocat @org/team-x #12 GH-7 https://x.io www.x.io')).toBe(
      '@\u200Doctocat @\u200Dorg/team-x #\u200D12 GH\u200D-7 https:\u200B//x.io www\u200B.x.io',
    );
  });
});

describe('text cleaning', () => {
  test('well-formed, no control or bidi character, bounded', () => {
    fc.assert(
      fc.property(hostile, fc.integer({ min: 40, max: 400 }), (s, max) => {
        const out = cleanText(s, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expectCleanCharacters(out);
      }),
      RUNS,
    );
  });

  test('control and bidi characters are shown, not acted on', () => {
    expect(cleanText('a\u202Eb\u0007c\u001b[31m')).toBe('a[U+202E]b[U+0007]c[U+001B][31m');
    expect(cleanText('x\uD800y')).toBe('x\uFFFDy');
    expect(cleanText('a\r\nb\rc')).toBe('a\nb\nc');
  });

  test('truncation keeps the start, says how much was cut, never splits a pair', () => {
    const huge = `start ${'A'.repeat(1024 * 1024)}`;
    const out = truncate(huge, 1000);
    expect(out.length).toBeLessThanOrEqual(1000);
    expect(out.startsWith('start AAA')).toBe(true);
    expect(out).toMatch(/\[truncated \d+ characters\]$/);
    const emoji = '😀'.repeat(100);
    for (let max = 30; max < 60; max += 1) {
      expect(truncate(emoji, max)).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
    expect(truncate('short', 10)).toBe('short');
  });

  test('terminal text cannot send escape sequences', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = escapeTerminal(s, 300);
        for (const c of ['\u001b', '\u009b', '\u0007', '\u0008', '\r', '\n'])
          expect(out).not.toContain(c);
        expectCleanCharacters(out);
        expectNoWorkflowCommand(out);
      }),
      RUNS,
    );
  });
});

describe('mentions (issue 12 section 3)', () => {
  test('the invisible character goes only where a mention could form', () => {
    expect(defuseGitHubReferences('repo:v1@sha256:abc')).toBe('repo:v1@sha256:abc');
    // An email address would autolink (GFM): defused too.
    expect(defuseGitHubReferences('mail dev@example.com')).toBe('mail dev@\u200Dexample.com');
    expect(defuseGitHubReferences('api:v1@sha256:abc (linux/arm64)')).toBe(
      'api:v1@sha256:abc (linux/arm64)',
    );
    expect(defuseGitHubReferences('ping @octocat, (@org/team)')).toBe(
      'ping @\u200Doctocat, (@\u200Dorg/team)',
    );
    expect(defuseGitHubReferences('@start')).toBe('@\u200Dstart');
  });
});

describe('safeUrl shortcut (issue 13 §1: the parser skipped for URLs it gives back unchanged)', () => {
  const parsed = (url: string) => checkUrl(url);

  test.each([
    'https://security-tracker.debian.org/tracker/CVE-2023-10008',
    'https://nvd.nist.gov/vuln/detail/CVE-2021-3711',
    'http://a-b.example.com/x/y.z~w/',
    // Forms the shortcut must leave to the parser: each is changed, escaped or refused there.
    'https://Example.com/a',
    'https://example.com',
    'https://example.com/a/../b',
    'https://example.com/a/./b',
    'https://example.com/a/..',
    'https://example.com/%2e%2e/b',
    'https://xn--nxasmq6b.com/a',
    'https://xn--a.com/a',
    'https://1.2.3/a',
    'https://a.0x7f/a',
    'https://example.com/a_b',
    'https://example.com/a(b)',
    'https://example.com/a?b=c',
    'https://example.com:443/a',
    'https://u@example.com/a',
    'HTTPS://example.com/a',
    'javascript://example.com/a',
  ])('%s: the same as the parser says', (url) => {
    expect(safeUrl(url)).toBe(parsed(url));
  });

  test('any URL from a small alphabet: the same as the parser says', () => {
    const part = (chars: string) =>
      fc.array(fc.constantFrom(...chars.split('')), { maxLength: 12 }).map((a) => a.join(''));
    fc.assert(
      fc.property(
        fc.constantFrom('http', 'https', 'HTTP', 'ftp'),
        part('aZ0-.x'),
        part('ab.9-n'),
        part('aZ9./~-_%:?#2e'),
        (scheme, host, tld, path) => {
          const url = `${scheme}://${host}.${tld}/${path}`;
          expect(safeUrl(url)).toBe(parsed(url));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('defuseGitHubReferences shortcut', () => {
  // The five passes run on every text, as before the one-scan test skipped them.
  const allPasses = (text: string) =>
    text
      .replace(/(?<![A-Za-z0-9_])@(?=[A-Za-z0-9_-])|@(?=[A-Za-z0-9_-]+\.[A-Za-z0-9_-])/g, '@\u200D')
      .replace(/#(?=\d)/g, '#\u200D')
      .replace(/(GH)-(?=\d)/gi, '$1\u200D-')
      .replace(/:\/\//g, ':\u200B//')
      .replace(/(www)\./gi, '$1\u200B.');

  test('skips only text the passes would leave alone', () => {
    const chars = '@a_.#1gGhH-:/wW '.split('');
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...chars), { maxLength: 24 }).map((a) => a.join('')),
        (text) => expect(defuseGitHubReferences(text)).toBe(allPasses(text)),
      ),
      { numRuns: 5000 },
    );
    expect(defuseGitHubReferences('app:v1@sha256:a27d73188718')).toBe('app:v1@sha256:a27d73188718');
  });
});
