import { createHash } from 'node:crypto';

/** Seeded PRNG (mulberry32): builders give the same scenario for the same seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
}

export function hex(text: string, length = 64): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/** A real-looking digest derived from `text`. */
export function digestOf(text: string): string {
  return `sha256:${hex(text)}`;
}

/** A UUID-shaped id derived from `text`. */
export function uuidOf(text: string): string {
  const h = hex(text, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** An access key id shaped like AWS's: AKIA for long-term keys, ASIA for session keys. */
export function accessKeyOf(prefix: 'AKIA' | 'ASIA', text: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const h = createHash('sha256').update(text).digest();
  let out = prefix;
  for (let i = 0; i < 16; i++) out += alphabet[(h[i] ?? 0) % 32];
  return out;
}

/** Splits `total` over weighted keys by largest remainder, so counts add up exactly. */
export function apportion<K extends string>(
  total: number,
  weights: Partial<Record<K, number>>,
): [K, number][] {
  const entries = Object.entries(weights) as [K, number][];
  const sum = entries.reduce((s, [, w]) => s + w, 0);
  if (sum <= 0) throw new RangeError('severity mix: weights must add up to more than 0');
  const exact = entries.map(([k, w]) => [k, (total * w) / sum] as const);
  const counts = exact.map(([k, x]) => [k, Math.floor(x)] as [K, number]);
  let left = total - counts.reduce((s, [, n]) => s + n, 0);
  const byRemainder = exact
    .map(([, x], i) => ({ i, r: x - Math.floor(x) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left === 0) break;
    const entry = counts[i];
    if (entry) entry[1] += 1;
    left -= 1;
  }
  return counts;
}

export function shuffle<T>(random: () => number, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = items[i] as T;
    items[i] = items[j] as T;
    items[j] = a;
  }
  return items;
}
