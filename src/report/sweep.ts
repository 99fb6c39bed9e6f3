// The sweep's upload rows on the job summary and the terminal/log (issue 15 §1): the pushers that
// need a look lead, then how much was read. Pure; all text escaped through escape.ts.
import type { Report, UploadRow } from '../model.js';
import { escapeMarkdown, escapeTerminal, markdownCode } from './escape.js';
import { ByteBudget, tableHead, tableRow } from './markdown.js';

const MAX_ROWS = 200;

/** Rows where a rule fired, most rules first, then newest. */
export function rowsToLookAt(rows: readonly UploadRow[]): UploadRow[] {
  return rows
    .filter((row) => row.rules.length > 0)
    .sort((a, b) => b.rules.length - a.rules.length || b.lastTime.localeCompare(a.lastTime));
}

const who = (row: UploadRow): string =>
  row.principal === row.user ? row.user : `${row.user} (${row.principal})`;

function readsLine(sweep: NonNullable<Report['sweep']>): string {
  const cut = sweep.reads.filter((r) => !r.complete);
  const missing = cut.length
    ? `; **not complete**: ${cut.map((r) => `${r.region}: ${r.error ?? 'cut short'}`).join('; ')}`
    : '';
  return (
    `Sweep \`${sweep.window}\` (${sweep.start} to ${sweep.end}) over ${sweep.regions.join(', ')}: ` +
    `${sweep.events} PutImage event(s) in ${sweep.rows.length} row(s)` +
    (sweep.duplicates > 0 ? `, ${sweep.duplicates} read twice and counted once` : '') +
    missing
  );
}

/**
 * Markdown section for the job summary; '' outside sweep mode. Rows stop where `budget` (bytes,
 * shared with the rest of the summary's header) runs out, and the section says so.
 */
export function renderSweepMarkdown(report: Report, budget = new ByteBudget(Infinity)): string {
  const sweep = report.sweep;
  if (!sweep) return '';
  const look = rowsToLookAt(sweep.rows);
  let out = `\n### Pushers that need a look (${look.length} of ${sweep.rows.length} rows)\n\n`;
  out += `${escapeMarkdown(readsLine(sweep), 4000)}\n\n`;
  if (look.length === 0)
    return `${out}Every push in the window was by a known or baseline principal.\n`;
  out += tableHead([
    'rules',
    'user',
    'image',
    'imageTag',
    'region',
    'src_ip',
    'count',
    'firstTime',
    'lastTime',
  ]);
  let shown = 0;
  for (const row of look.slice(0, MAX_ROWS)) {
    const line = tableRow([
      row.rules.join(', '),
      markdownCode(who(row), 300),
      markdownCode(`${row.registryId}/${row.image}`, 300),
      row.imageTag === undefined ? '(untagged)' : markdownCode(row.imageTag, 128),
      // The event's own awsRegion: CloudTrail text, escaped like every other field.
      escapeMarkdown(row.awsRegion, 40),
      escapeMarkdown(row.src_ip, 100),
      String(row.count),
      row.firstTime,
      row.lastTime,
    ]);
    if (!budget.take(line)) break;
    out += line;
    shown += 1;
  }
  if (look.length > shown) out += `\n${look.length - shown} more rows in the JSON report.\n`;
  return out;
}

/** Lines for the terminal and the step log; [] outside sweep mode. */
export function renderSweepText(report: Report): string[] {
  const sweep = report.sweep;
  if (!sweep) return [];
  const lines = ['', escapeTerminal(readsLine(sweep).replace(/\*\*|`/g, ''), 4000)];
  const look = rowsToLookAt(sweep.rows);
  if (look.length > 0) lines.push(`pushers that need a look (${look.length}):`);
  for (const row of look.slice(0, 50)) {
    lines.push(
      `  ${row.rules.join(', ')}: ${escapeTerminal(who(row), 300)} pushed ` +
        `${escapeTerminal(`${row.image}:${row.imageTag ?? '(untagged)'}`, 300)} in ${escapeTerminal(row.awsRegion, 40)} ` +
        `${row.count}× ${row.firstTime}..${row.lastTime} from ${escapeTerminal(row.src_ip, 100)}`,
    );
  }
  if (look.length > 50) lines.push(`  +${look.length - 50} more in the JSON report`);
  return lines;
}
