// The shape of a micro-benchmark result (bench/micro.ts), apart from the code that measures it.

export const STAGES = [
  'normalize',
  'rules',
  'summary',
  'pr-comment',
  'sarif',
  'json',
  'annotations',
  'text',
  'outputs',
] as const;
export type Stage = (typeof STAGES)[number];

export interface MicroResult {
  findings: number;
  /** CPU ms per stage of the first pass. */
  coldMs: Record<Stage, number>;
  coldTotalMs: number;
  /** Median total CPU ms of the warm passes. */
  warmTotalMs: number;
  /** RSS once the input is built, before the first pass, MB. */
  baselineRssMb: number;
  /** Peak RSS of this process up to the end of the first pass, MB. */
  peakRssMb: number;
  /** Characters (or items) produced per surface by the first pass: the work was really done. */
  bytes: Record<string, number>;
}
