import type { Detection } from '../model.js';

// compare-to marks as the shared Markdown and text blocks group them (no imports from the
// renderers, so markdown.ts can use them without an import cycle).

/**
 * Key of a "deciding detections" group: the rule, plus level and mark under compare-to, where one
 * rule's rows differ (a new HIGH fails, unchanged HIGHs warn) and must not share one level.
 */
export const decidingKey = (d: Detection): string =>
  d.compare ? `${d.rule}\u0000${d.level}\u0000${d.compare}` : d.rule;

/** Risk a group adds: unchanged rows below `compare.unchanged: fail` add none. */
export const groupRisk = (group: readonly Detection[]): number =>
  group.reduce((sum, d) => sum + (d.countsRisk === false ? 0 : d.riskScore), 0);

/** ` (new)` / ` (unchanged)` after a rule name, empty without compare-to. */
export const markSuffix = (d: Detection | undefined): string =>
  d?.compare ? ` (${d.compare})` : '';
