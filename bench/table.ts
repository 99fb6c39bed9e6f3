// Markdown tables for the terminal and the README: columns padded so the raw text reads as a
// table too. Pure.

export type Align = 'left' | 'right';

/** Cells may not contain `|` or newlines; they are replaced so a cell cannot break the table. */
function cell(text: string): string {
  return text.replace(/\|/g, '/').replace(/\r?\n/g, ' ');
}

export function markdownTable(
  headers: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  align: readonly Align[] = [],
): string {
  const columns = headers.length;
  const body = rows.map((row) => Array.from({ length: columns }, (_, i) => cell(row[i] ?? '')));
  const head = headers.map(cell);
  const widths = head.map((h, i) => Math.max(3, h.length, ...body.map((r) => (r[i] ?? '').length)));
  const pad = (text: string, i: number) =>
    align[i] === 'right' ? text.padStart(widths[i] ?? 0) : text.padEnd(widths[i] ?? 0);
  const line = (cells: readonly string[]) => `| ${cells.map(pad).join(' | ')} |`;
  const rule = widths.map((w, i) =>
    align[i] === 'right' ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w),
  );
  return [line(head), `| ${rule.join(' | ')} |`, ...body.map(line)].join('\n');
}

/** Whole milliseconds with thousands separators; `–` for no value. */
export function ms(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return Math.round(value).toLocaleString('en-US');
}

export function ratio(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return `${value.toFixed(2)}×`;
}

export function mb(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return value.toFixed(0);
}

/** Bytes as KiB/MiB with one decimal. */
export function bytes(value: number): string {
  if (value < 1024) return `${value} B`;
  if (value < 1024 * 1024) return `${(value / 1024).toFixed(1)} KiB`;
  return `${(value / 1024 / 1024).toFixed(2)} MiB`;
}

export function count(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(1);
}
