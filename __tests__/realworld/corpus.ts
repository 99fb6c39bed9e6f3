// The real-world corpus (../shared/data/realworld, see its SOURCES.md), read in place.
import { readSharedJson } from '../shared-data.js';

export { expectVerdict, runCase, type Expected } from './harness.js';

export interface Entry {
  id: string;
  source: string;
  [payload: string]: unknown;
}

const cache = new Map<string, Entry[]>();
/** One entry of a corpus file by id; an id that is not there fails loudly (the corpus changed). */
export function entry(file: string, id: string): Entry {
  let list = cache.get(file);
  if (!list) {
    const value = readSharedJson<Entry | Entry[]>(`realworld/${file}`);
    list = Array.isArray(value) ? value : [value];
    cache.set(file, list);
  }
  const found = list.find((e) => e.id === id);
  if (!found) throw new Error(`realworld/${file} has no entry ${id}`);
  return found;
}

/** Every id of a corpus file, so a test can prove each record has a case. */
export function ids(file: string): string[] {
  const value = readSharedJson<Entry | Entry[]>(`realworld/${file}`);
  return (Array.isArray(value) ? value : [value]).map((e) => e.id);
}
