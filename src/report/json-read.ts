// Reading a JSON report back (compare-to, tools): v2 → the full in-memory shape, v1 as it is.
import type { Report } from '../model.js';
import { textOf } from '../text-of.js';

/**
 * A parsed JSON report in the shape the engine builds: a v2 finding that names its detection row
 * (`detection`) gets its `description` back from that row's `finding` ("<name>, <description>",
 * or the name alone when the description was empty). v1 reports already have it. Any other
 * version is refused by name, never guessed at.
 */
export function expandJsonReport(parsed: unknown): Report {
  const version = (parsed as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== 1 && version !== 2) {
    throw new Error(
      `not an ecr-risk-gate JSON report: schemaVersion ${shownVersion(version)} (accepted: 1, 2)`,
    );
  }
  const report = parsed as Report & { schemaVersion: number };
  if (version === 1) return report;
  const rows = Array.isArray(report.detections) ? report.detections : [];
  for (const image of Array.isArray(report.images) ? report.images : []) {
    const findings: unknown = image?.scan?.findings;
    if (!Array.isArray(findings)) continue;
    image.scan.findings = findings.map((entry: unknown) => {
      if (typeof entry !== 'object' || entry === null || !('detection' in entry)) return entry;
      const { detection, ...finding } = entry as { detection: unknown; name?: unknown };
      // A hostile file's row `finding` can be any JSON: only text gives a description back.
      const text: unknown = typeof detection === 'number' ? rows[detection]?.finding : undefined;
      const name = typeof finding.name === 'string' ? finding.name : '';
      const description = typeof text === 'string' ? descriptionFrom(text, name) : '';
      return { ...finding, description };
    }) as Report['images'][number]['scan']['findings'];
  }
  return report;
}

/** As JSON would write it, bounded: a hostile file's version can be a megabyte of text. */
function shownVersion(version: unknown): string {
  if (version === undefined) return 'missing';
  return typeof version === 'string' ? JSON.stringify(textOf(version, 40)) : textOf(version, 40);
}

/** The description inside a row's `finding` text ("<name>, <description>" or the name alone). */
export function descriptionFrom(text: string, name: string): string {
  if (text === name) return '';
  return text.startsWith(`${name}, `) ? text.slice(name.length + 2) : text;
}
