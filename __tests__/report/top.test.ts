// top.ts must give exactly what a stable full sort followed by a slice (or by grouping in sorted
// order) gives: the summary, PR comment and log rely on it for their order.
import { orderedGroups, topSorted } from '../../src/report/top.js';

interface Row {
  id: number;
  severity: number;
  cvss: number;
  rule: string;
}

/** Seeded so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function rows(n: number, seed: number): Row[] {
  const next = random(seed);
  return Array.from({ length: n }, (_, id) => ({
    id,
    // Few distinct values: many ties, which is where stability shows.
    severity: Math.floor(next() * 4),
    cvss: Math.floor(next() * 3),
    rule: ['critical', 'high', 'medium', 'unknown-uploader'][Math.floor(next() * 4)] as string,
  }));
}

const bySeverity = (a: Row, b: Row) => b.severity - a.severity || b.cvss - a.cvss;

test.each([
  [0, 5],
  [1, 1],
  [7, 3],
  [50, 10],
  [500, 10],
  [500, 499],
  [500, 500],
  [500, 800],
  [2000, 30],
  [2000, 1000],
])('topSorted of %i rows, k = %i, is sort + slice', (n, k) => {
  for (const seed of [1, 2, 3]) {
    const items = rows(n, seed * 7919 + n + k);
    const expected = [...items].sort(bySeverity).slice(0, k);
    expect(topSorted(items, bySeverity, k).map((r) => r.id)).toEqual(expected.map((r) => r.id));
  }
});

test('topSorted keeps the earlier of equal rows (stability) and takes k = 0', () => {
  const items = [
    { id: 0, severity: 1, cvss: 0, rule: 'a' },
    { id: 1, severity: 2, cvss: 0, rule: 'a' },
    { id: 2, severity: 1, cvss: 0, rule: 'a' },
    { id: 3, severity: 2, cvss: 0, rule: 'a' },
  ];
  expect(topSorted(items, bySeverity, 3).map((r) => r.id)).toEqual([1, 3, 0]);
  expect(topSorted(items, bySeverity, 0)).toEqual([]);
});

test.each([50, 500, 3000])(
  'orderedGroups of %i rows is the groups of the sorted rows, in order',
  (n) => {
    for (const seed of [11, 12, 13]) {
      const items = rows(n, seed + n);
      const sorted = [...items].sort(bySeverity);
      const expected = new Map<string, Row[]>();
      for (const row of sorted) {
        const group = expected.get(row.rule);
        if (group) group.push(row);
        else expected.set(row.rule, [row]);
      }
      const keep = (key: string, members: readonly Row[]) =>
        key === 'unknown-uploader' ? members.length : 5;
      const groups = orderedGroups(items, (r) => r.rule, bySeverity, keep);
      expect(groups.map((g) => g.key)).toEqual([...expected.keys()]);
      for (const group of groups) {
        const full = expected.get(group.key) ?? [];
        expect(group.members.length).toBe(full.length);
        expect(group.top.map((r) => r.id)).toEqual(
          full.slice(0, keep(group.key, full)).map((r) => r.id),
        );
      }
    }
  },
);
