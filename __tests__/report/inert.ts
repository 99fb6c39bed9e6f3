/**
 * Assertions that a rendered surface is inert: what hostile finding text must never become.
 */
import { expect } from '@jest/globals';
import { marked, type Token, type Tokens } from 'marked';

// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const RAW_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const RAW_BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function expectCleanCharacters(text: string): void {
  expect(text).not.toMatch(RAW_CONTROL);
  expect(text).not.toMatch(RAW_BIDI);
  expect(text).not.toMatch(LONE_SURROGATE);
}

/** No line the runner would execute as a workflow command. */
export function expectNoWorkflowCommand(text: string): void {
  for (const line of text.split(/\r\n|\r|\n/)) {
    expect(line.trimStart().startsWith('::')).toBe(false);
    expect(line).not.toContain('##[');
  }
}

/**
 * Every `@name` that could ping and every `#123` carries a zero-width joiner, so GitHub neither
 * pings nor links. A mention needs a non-word character (or nothing) before the `@`
 * (gjtorikian/html-pipeline MentionFilter: `(?:^|\W)@...`), so `v1@sha256` stays as it is.
 */
export function expectNoLiveReference(text: string): void {
  expect(text).not.toMatch(/(?<![A-Za-z0-9_])@[A-Za-z0-9]|@[A-Za-z0-9_-]+\.[A-Za-z0-9]/);
  expect(text).not.toMatch(/(?<!&)#\d/);
}

/**
 * GitHub-flavoured Markdown that renders to HTML with only our own structure: no script, no
 * image, no raw HTML from the data, links only to `allowedHrefs`, no forged marker.
 */
export function expectInertMarkdown(markdown: string, allowedHrefs: ReadonlySet<string>): string {
  const html = marked.parse(markdown, { async: false, gfm: true });
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<img/i);
  expect(html).not.toMatch(/<(iframe|style|object|embed|form|svg|math)\b/i);
  // Inside any tag we emitted, no event handler and no script URL.
  for (const [tag] of html.matchAll(/<[a-z][^>]*>/gi)) {
    expect(tag).not.toMatch(/\son[a-z]+=|javascript:|data:/i);
  }
  for (const [, href] of html.matchAll(/<a [^>]*href="([^"]*)"/g)) {
    expect(allowedHrefs).toContain(decodeEntities(href ?? ''));
  }
  // Only the one real marker, at the very start (PR comments) — never one from the data.
  expect((markdown.match(/<!--/g) ?? []).length).toBeLessThanOrEqual(1);
  if (markdown.includes('<!--')) expect(markdown.startsWith('<!-- ecr-risk-gate:')).toBe(true);
  expectCleanCharacters(markdown);
  expectNoLiveReference(markdown);
  return html;
}

const decodeEntities = (s: string): string =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

export interface ParsedTable {
  /** Cell text as a reader sees it (rendered, tags stripped, entities decoded). */
  header: string[];
  rows: string[][];
  /** Cell Markdown source. */
  raw: string[][];
}

/** What a reader sees of one cell's Markdown. */
export function cellText(markdown: string): string {
  const html = marked.parseInline(markdown, { async: false, gfm: true });
  return decodeEntities(html.replace(/<br>/g, '\n').replace(/<[^>]+>/g, ''));
}

/** Every GFM table in the document, as the renderer sees it (recursing into HTML blocks). */
export function tablesOf(markdown: string): ParsedTable[] {
  const out: ParsedTable[] = [];
  const walk = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.type === 'table') {
        const t = token as Tokens.Table;
        out.push({
          header: t.header.map((c) => cellText(c.text)),
          rows: t.rows.map((r) => r.map((c) => cellText(c.text))),
          raw: t.rows.map((r) => r.map((c) => c.text)),
        });
      }
      const children = (token as { tokens?: Token[] }).tokens;
      if (children) walk(children);
    }
  };
  walk(marked.lexer(markdown, { gfm: true }));
  return out;
}

/** Every table has as many cells in each row as in its header. */
export function expectWellFormedTables(markdown: string): ParsedTable[] {
  const tables = tablesOf(markdown);
  for (const table of tables) {
    for (const row of table.rows) expect(row).toHaveLength(table.header.length);
  }
  // A pipe row that did not become part of a table means a table broke apart.
  const html = marked.parse(markdown, { async: false, gfm: true });
  expect(html).not.toMatch(/<p>\|/);
  return tables;
}

/** `<tr>` elements of the rendered HTML, for the `rows` count of the whole document. */
export function renderedRowCount(markdown: string): number {
  const html = marked.parse(markdown, { async: false, gfm: true });
  return (html.match(/<tr>/g) ?? []).length;
}
