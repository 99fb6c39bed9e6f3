// Issue 17 §2: base images cannot be pulled on these machines (and hadolint is not on npm), so the
// rules that matter for the CLI image are checked here on the Dockerfile text; the release
// workflow builds it.
import { readFileSync } from 'node:fs';

const text = readFileSync('Dockerfile', 'utf8');
// Instructions with their continuation lines joined, comments and heredoc bodies dropped.
function instructions(source: string): Array<{ op: string; args: string }> {
  const out: Array<{ op: string; args: string }> = [];
  const lines = source.split('\n');
  let heredoc: string | null = null;
  let pending = '';
  for (const raw of lines) {
    if (heredoc !== null) {
      if (raw.trim() === heredoc) heredoc = null;
      continue;
    }
    if (!pending && (/^\s*#/.test(raw) || raw.trim() === '')) continue;
    const line = pending + raw.trim();
    if (line.endsWith('\\')) {
      pending = `${line.slice(0, -1)} `;
      continue;
    }
    pending = '';
    const m = /^(\w+)\s+(.*)$/.exec(line);
    if (!m || !m[1] || m[2] === undefined) throw new Error(`not an instruction: ${line}`);
    out.push({ op: m[1].toUpperCase(), args: m[2] });
    const doc = /<<-?'?(\w+)'?/.exec(m[2]);
    if (doc?.[1]) heredoc = doc[1];
  }
  return out;
}
const all = instructions(text);
const of = (op: string) => all.filter((i) => i.op === op);

test('every FROM is pinned by digest', () => {
  expect(of('FROM').length).toBeGreaterThan(0);
  for (const from of of('FROM'))
    expect(from.args).toMatch(/^[\w./:-]+@sha256:[0-9a-f]{64}(\s+AS\s+\w+)?$/i);
});

test('the final stage runs as a non-root user', () => {
  const users = of('USER');
  const last = users.at(-1)?.args.trim();
  expect(last).toBeDefined();
  expect(['root', '0', '0:0']).not.toContain(last);
  // USER comes after the last FROM, so it applies to the image that ships.
  expect(all.lastIndexOf(users.at(-1)!)).toBeGreaterThan(all.lastIndexOf(of('FROM').at(-1)!));
});

test('ENTRYPOINT (and CMD) use the exec form and start the CLI bundle', () => {
  const [entry] = of('ENTRYPOINT');
  expect(of('ENTRYPOINT')).toHaveLength(1);
  const argv = JSON.parse(entry!.args) as string[];
  expect(argv).toEqual(['node', '/opt/ecr-risk-gate/index.js']);
  for (const cmd of of('CMD')) expect(() => JSON.parse(cmd.args) as unknown).not.toThrow();
});

test('OCI labels name the image, its source, licence, version and revision', () => {
  const labels = of('LABEL')
    .map((l) => l.args)
    .join(' ');
  for (const key of [
    'title',
    'description',
    'source',
    'licenses',
    'version',
    'revision',
    'created',
  ]) {
    expect(labels).toContain(`org.opencontainers.image.${key}=`);
  }
});

test('small: only the CLI bundle is copied, no package install, no ADD', () => {
  expect(of('ADD')).toEqual([]);
  expect(of('RUN')).toEqual([]);
  const ignore = readFileSync('.dockerignore', 'utf8').split('\n');
  expect(ignore).toContain('*');
  expect(ignore).toContain('!dist/cli/');
});

test('the checker itself notices an unpinned base and a root user', () => {
  const bad = instructions('FROM node:24-alpine\nUSER root\nENTRYPOINT node x.js\n');
  expect(bad[0]?.args).not.toMatch(/@sha256:/);
  expect(bad[1]?.args).toBe('root');
  expect(() => JSON.parse(bad[2]!.args) as unknown).toThrow();
});
