// Fuzzing the escaping module with text built from what attacks are made of: whatever goes in,
// no log line the runner would execute, no tag or link in rendered Markdown that the renderer did
// not make, no live @mention or #reference, no control or bidi character, bounded length.
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { runs } from './runs.js';
import { marked } from 'marked';
import {
  cleanLine,
  cleanText,
  escapeHtmlText,
  escapeMarkdown,
  escapeTerminal,
  markdownCode,
  markdownLink,
  neutralizeLogText,
  safeUrl,
  truncate,
} from '../../src/report/escape.js';

const RUNS = runs(300);

// What .NET's String.Trim() (the runner) skips before it looks for `::`.
const RUNNER_WHITESPACE =
  /^[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const RAW_BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const FRAGMENTS = [
  '::',
  '::error::',
  '::stop-commands::',
  '##[',
  '##[error]',
  '%0A',
  '%0D',
  '%25',
  '\n',
  '\r',
  '\r\n',
  '\u2028',
  '\u2029',
  '\u0085',
  '\u00A0',
  '\u3000',
  '\u2007',
  '\uFEFF',
  ' ',
  '\t',
  '\u000B',
  '\u000C',
  '\u202E',
  '\u2066',
  '\u200F',
  '\u061C',
  '\uD800',
  '\uDFFF',
  '\uD83D\uDE00',
  '\u001b[31m',
  '\u009b',
  '\u0000',
  '\u0007',
  '\u007f',
  '@',
  '@org/team',
  '@user',
  'a@b.com',
  '#1',
  'GH-12',
  'org/repo#3',
  '<',
  '>',
  '&',
  '&#64;',
  '&amp;',
  '"',
  "'",
  '<script>',
  '<img src=x onerror=y>',
  '<!--',
  '-->',
  '</details>',
  '[',
  ']',
  '(',
  ')',
  '](',
  '![x](https://e.example/p.png)',
  '[l](https://e.example)',
  'javascript:',
  'data:text/html,',
  'https://',
  'http://',
  'www.',
  'mailto:',
  '|',
  '`',
  '```',
  '*',
  '_',
  '~~',
  '$',
  '$$',
  '\\',
  '1.',
  '1)',
  '-',
  '+',
  '=',
  '#',
  '> ',
  '    ',
  'x',
  'ÿ',
  'é',
];
const fragment = fc.constantFrom(...FRAGMENTS);
const unit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const hostile = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fragment },
      { weight: 1, arbitrary: fc.string({ unit, maxLength: 6 }) },
    ),
    {
      maxLength: 40,
    },
  )
  .map((parts) => parts.join(''));

const lines = (text: string): string[] => text.split(/\r\n|\r|\n/);

/** Renderers percent-encode different characters of one URL: compare decoded. */
function sameHref(href: string): string {
  try {
    return decodeURI(href);
  } catch {
    return href;
  }
}
const decode = (s: string): string =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

function expectCleanCharacters(text: string, newlines = false): void {
  expect(RAW_CONTROL.test(text)).toBe(false);
  expect(RAW_BIDI.test(text)).toBe(false);
  expect(LONE_SURROGATE.test(text)).toBe(false);
  if (!newlines) expect(/[\r\n\u2028\u2029\u0085]/.test(text)).toBe(false);
}

/** What GitHub would ping or link in rendered text. */
function expectNoLiveReference(renderedText: string): void {
  expect(renderedText).not.toMatch(/(?<![\w`])@[A-Za-z0-9]/);
  expect(renderedText).not.toMatch(/(?<![\w&])(?:#|GH-)\d/i);
}

describe('neutralizeLogText', () => {
  test('no line the runner would run as a command, clean characters, bounded', () => {
    fc.assert(
      fc.property(hostile, fc.integer({ min: 1, max: 400 }), (text, max) => {
        const out = neutralizeLogText(text, max);
        for (const line of lines(out)) {
          expect(line.replace(RUNNER_WHITESPACE, '').startsWith('::')).toBe(false);
          expect(line.includes('##[')).toBe(false);
        }
        expectCleanCharacters(out, true);
        expect(out.length).toBeLessThanOrEqual(max + 2 * lines(out).length);
      }),
      RUNS,
    );
  });

  test('escapeTerminal: one line, no escape sequence, nothing the runner would run', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const out = escapeTerminal(text);
        expectCleanCharacters(out);
        expect(out.replace(RUNNER_WHITESPACE, '').startsWith('::')).toBe(false);
        expect(out.includes('##[')).toBe(false);
      }),
      RUNS,
    );
  });
});

describe('Markdown and HTML', () => {
  test('escapeMarkdown renders as text only: no tag, no link, no ping, one line', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const out = escapeMarkdown(text);
        expectCleanCharacters(out);
        expect(out).not.toContain('<');
        const html = marked.parseInline(out, { async: false, gfm: true });
        expect(html).not.toMatch(/<[a-z!/]/i);
        expectNoLiveReference(decode(html));
        // In a table cell as well: one cell, whatever the text.
        const table = marked.lexer(`| a |\n|---|\n| ${out} |`, { gfm: true });
        const cells = (table[0] as { rows?: unknown[][] }).rows?.[0];
        expect(cells).toHaveLength(1);
      }),
      RUNS,
    );
  });

  test('escapeHtmlText: no tag, no raw ampersand, no ping', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const out = escapeHtmlText(text);
        expectCleanCharacters(out);
        expect(out).not.toMatch(/[<>"]/);
        expect(out).not.toMatch(/&(?!(amp|lt|gt|quot);)/);
        expectNoLiveReference(decode(out));
      }),
      RUNS,
    );
  });

  test('markdownLink: at most one link, to exactly the safe URL', () => {
    const url = fc.oneof(
      hostile,
      fc.webUrl(),
      fc.constantFrom('javascript:alert(1)', 'https://e.example/a)b', ''),
    );
    fc.assert(
      fc.property(hostile, url, (label, href) => {
        const out = markdownLink(label, href);
        const html = marked.parseInline(out, { async: false, gfm: true });
        const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => decode(m[1] ?? ''));
        const safe = safeUrl(href);
        if (safe === null) expect(links).toEqual([]);
        else expect(links.map(sameHref)).toEqual([sameHref(safe)]);
        expect(html.replace(/<\/?a[^>]*>/g, '')).not.toMatch(/<[a-z!/]/i);
      }),
      RUNS,
    );
  });

  test('markdownCode: a code span or escaped text, nothing else', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const html = marked.parseInline(markdownCode(text), { async: false, gfm: true });
        expect(html.replace(/<\/?code>/g, '')).not.toMatch(/<[a-z!/]/i);
      }),
      RUNS,
    );
  });

  test('safeUrl: null, or printable http(s) that cannot end a link or a cell', () => {
    fc.assert(
      fc.property(
        fc.oneof(hostile, fc.webUrl({ withQueryParameters: true, withFragments: true })),
        (text) => {
          const out = safeUrl(text);
          if (out === null) return;
          expect(out).toMatch(/^https?:\/\/[\x21-\x7E]+$/);
          expect(out).not.toMatch(/[()|[\]`'*_\\<>"]/);
        },
      ),
      RUNS,
    );
  });
});

describe('plain text', () => {
  test('cleanText / cleanLine / truncate: well formed, bounded, never a split pair', () => {
    fc.assert(
      fc.property(hostile, fc.integer({ min: 0, max: 300 }), (text, max) => {
        const cut = truncate(text, max);
        expect(cut.length).toBeLessThanOrEqual(Math.max(max, 0));
        expectCleanCharacters(cleanText(text, max), true);
        expect(cleanText(text, max).length).toBeLessThanOrEqual(max);
        const line = cleanLine(text, max);
        expectCleanCharacters(line);
        expect(line.length).toBeLessThanOrEqual(max);
      }),
      RUNS,
    );
  });
});
