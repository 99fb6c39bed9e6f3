import { isMap, isScalar } from 'yaml';
import { checkLevel } from '../inputs/checks.js';
import type { Level } from '../model.js';
import { kindOf, type Entry, type PolicyReader } from './reader.js';

const COMPARE_KEYS = ['unchanged'] as const;

/**
 * `compare: { unchanged: LEVEL }`: the most a finding already in the `compare-to` reference can
 * be. `fail` keeps every rule's own level (unchanged findings still fail); the default `warn`
 * lets only new findings fail.
 */
export function readCompare(reader: PolicyReader, entry: Entry): Level | null {
  const node = entry.value;
  if (node === null || !isMap(node)) {
    reader.fail(
      node,
      entry.line,
      'compare',
      `expected a mapping like { unchanged: warn }, got ${kindOf(node)}`,
    );
    return null;
  }
  const fields = reader.entries(node, 'compare', COMPARE_KEYS);
  const unchanged = fields.get('unchanged');
  if (!unchanged) return null;
  const value = unchanged.value;
  if (value === null || !isScalar(value) || typeof value.value !== 'string') {
    reader.fail(
      value,
      unchanged.line,
      'compare.unchanged',
      `expected a level (fail, warn, notice, off), got ${kindOf(value)}`,
    );
    return null;
  }
  return reader.checked(value, 'compare.unchanged', value.value, checkLevel(value.value)) ?? null;
}
