import { describe, expect, test } from '@jest/globals';
import { marked } from 'marked';
import { renderPrComments } from '../../src/report/pr-comment.js';
import { renderSummary } from '../../src/report/summary.js';
import { hostileReport, multiImageReport, splunkReport } from './fixtures.js';

/**
 * What GitHub shows: the Markdown rendered to HTML (GFM, as `scripts/screenshots.mjs` does),
 * every table with the right number of rows and columns, so a broken table shows up here.
 */
interface HtmlTable {
  columns: number;
  bodyRows: number[];
}

function htmlTables(markdown: string): HtmlTable[] {
  const html = marked.parse(markdown, { async: false, gfm: true });
  return [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map(([, inner = '']) => {
    const head = /<thead>([\s\S]*?)<\/thead>/.exec(inner)?.[1] ?? '';
    const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(inner)?.[1] ?? '';
    return {
      columns: (head.match(/<th[ >]/g) ?? []).length,
      bodyRows: [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(
        ([, row = '']) => (row.match(/<td[ >]/g) ?? []).length,
      ),
    };
  });
}

describe('rendered HTML tables', () => {
  test('Splunk job summary: severity, deciding and findings tables', () => {
    const tables = htmlTables(renderSummary(splunkReport()));
    expect(tables.map((t) => t.columns)).toEqual([6, 5, 8]);
    expect(tables.map((t) => t.bodyRows.length)).toEqual([1, 5, 104]);
    for (const t of tables) expect(t.bodyRows.every((cells) => cells === t.columns)).toBe(true);
  });

  test('multi-image summary: the combined table first, five columns, one row per image', () => {
    const tables = htmlTables(renderSummary(multiImageReport()));
    expect(tables[0]).toEqual({ columns: 5, bodyRows: [5, 5, 5, 5] });
    for (const t of tables) expect(t.bodyRows.every((cells) => cells === t.columns)).toBe(true);
  });

  test('PR comment tables', () => {
    const [comment] = renderPrComments(splunkReport());
    const tables = htmlTables(comment?.body ?? '');
    expect(tables.map((t) => [t.columns, t.bodyRows.length])).toEqual([
      [6, 1],
      [5, 5],
      [8, 30],
    ]);
  });

  test('hostile cell text does not add or remove columns', () => {
    const tables = htmlTables(renderSummary(hostileReport()));
    expect(tables.length).toBeGreaterThanOrEqual(4);
    for (const t of tables) expect(t.bodyRows.every((cells) => cells === t.columns)).toBe(true);
    const findings = tables.find((t) => t.columns === 8 && t.bodyRows.length === 16);
    expect(findings).toBeDefined();
  });
});
