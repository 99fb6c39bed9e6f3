import type { ReportWarning, ResolvedImage } from './model.js';
import { imageName } from './rules/findings.js';

/**
 * The code of one scan note. The scan wait reports notes as text; their code is read from the
 * wording it uses (aws/scan-wait.ts), so each kind can be told apart by a report reader.
 */
export function scanNoteCode(note: string): ReportWarning['code'] {
  if (note.includes('StartImageScan')) return 'scan-start';
  if (/^Findings were (not confirmed|still changing)|^Confirming read failed/.test(note)) {
    return 'scan-settle';
  }
  if (note.includes('findingSeverityCounts')) return 'scan-counts';
  return 'scan-note';
}

/** Every warning about one image names it (several images share one warnings list). */
export function forImage(image: ResolvedImage, warning: ReportWarning): ReportWarning {
  const name = imageName(image);
  return {
    ...warning,
    image: name,
    message: warning.message.includes(name) ? warning.message : `${name}: ${warning.message}`,
  };
}

export function dedupeWarnings(warnings: readonly ReportWarning[]): ReportWarning[] {
  const seen = new Set<string>();
  return warnings.filter((w) => {
    const key = `${w.code}\u0000${w.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
