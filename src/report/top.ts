// The few rows a surface shows out of many, in the order a full sort would give them, without
// sorting them all: the summary, the PR comment and the log show the most severe findings of
// 20,000 (issue 13: a full sort per surface, with a comparator of several keys, was a large share
// of their time). Both functions give exactly what `Array.prototype.sort` (stable) followed by a
// slice gives; __tests__/report/top.test.ts checks that on random inputs.

/**
 * The first `k` of `items` in `compare` order, as `[...items].sort(compare).slice(0, k)`: one
 * comparison per item against the k-th kept so far, a binary search only for those that beat it.
 */
export function topSorted<T>(items: readonly T[], compare: (a: T, b: T) => number, k: number): T[] {
  const limit = Math.max(0, Math.floor(k));
  if (limit === 0) return [];
  if (limit >= items.length) return [...items].sort(compare);
  const top: T[] = [];
  for (const item of items) {
    if (top.length === limit) {
      // Not before the last kept one: an equal item came later, so a stable sort puts it after.
      if (compare(item, top[limit - 1] as T) >= 0) continue;
      top.pop();
    }
    // After every kept item that is not after it (stability), before the first that is.
    let low = 0;
    let high = top.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compare(top[mid] as T, item) <= 0) low = mid + 1;
      else high = mid;
    }
    top.splice(low, 0, item);
  }
  return top;
}

export interface OrderedGroup<T> {
  key: string;
  /** Every member, in their original order. */
  members: T[];
  /** The first members in `compare` order, as many as `keep` asked for. */
  top: T[];
}

/**
 * Groups by key in the order that sorting all items and grouping them in that order gives: a
 * group comes where its best member would (ties: the member that came first). Each group keeps its
 * `keep(key, members)` best members in order.
 */
export function orderedGroups<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  compare: (a: T, b: T) => number,
  keep: (key: string, members: readonly T[]) => number,
): OrderedGroup<T>[] {
  const groups = new Map<string, { members: T[]; best: T; at: number }>();
  items.forEach((item, at) => {
    const key = keyOf(item);
    const group = groups.get(key);
    if (!group) groups.set(key, { members: [item], best: item, at });
    else {
      group.members.push(item);
      if (compare(item, group.best) < 0) {
        group.best = item;
        group.at = at;
      }
    }
  });
  return [...groups.entries()]
    .sort(([, a], [, b]) => compare(a.best, b.best) || a.at - b.at)
    .map(([key, group]) => ({
      key,
      members: group.members,
      top: topSorted(group.members, compare, keep(key, group.members)),
    }));
}
