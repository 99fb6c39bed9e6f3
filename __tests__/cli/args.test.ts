import { parseArgs, type ParsedArgs } from '../../src/cli/args.js';
import { INPUT_NAMES } from '../../src/inputs/settings.js';

function parse(argv: string[]): { parsed: ParsedArgs; out: string; err: string } {
  let out = '';
  let err = '';
  const parsed = parseArgs(argv, {
    writeOut: (t) => (out += t),
    writeErr: (t) => (err += t),
    columns: 100,
  });
  return { parsed, out, err };
}

function args(argv: string[]) {
  const { parsed, err } = parse(argv);
  if (parsed.kind !== 'run') throw new Error(`expected a run, got exit ${parsed.code}: ${err}`);
  return parsed.args;
}

const USAGE_LINE = 'Usage: ecr-risk-gate --image <ref>';

describe('flags map to the action inputs', () => {
  test('every input of action.yml is a flag of the same name', () => {
    for (const name of INPUT_NAMES) {
      const { raw } = args(['--image', 'app:1', `--${name}`, `value-of-${name}`]);
      const expected = name === 'image' ? 'app:1\nvalue-of-image' : `value-of-${name}`;
      expect(raw[name]).toBe(expected);
    }
  });

  test('only the flags given are set, so parseSettings applies its own defaults', () => {
    expect(args(['--image', 'app:1']).raw).toEqual({ image: 'app:1' });
  });

  test('--image, --known-uploaders and --fail-on repeat as lines', () => {
    const { raw } = args([
      '--image',
      'app:1',
      '--image=worker:1',
      '--known-uploaders',
      'arn:aws:iam::111111111111:role/ci',
      '--known-uploaders',
      'alice',
      '--fail-on',
      'critical',
      '--fail-on',
      'unknown-uploader',
    ]);
    expect(raw.image).toBe('app:1\nworker:1');
    expect(raw['known-uploaders']).toBe('arn:aws:iam::111111111111:role/ci\nalice');
    expect(raw['fail-on']).toBe('critical\nunknown-uploader');
  });

  test('a newline-separated value passes through unchanged', () => {
    expect(args(['--image', 'app:1\nworker:2']).raw.image).toBe('app:1\nworker:2');
  });

  test('a scalar flag given twice keeps the last value', () => {
    expect(args(['--image', 'a:1', '--mode', 'audit', '--mode', 'enforce']).raw.mode).toBe(
      'enforce',
    );
  });

  test('values are not validated here: parseSettings words every input error', () => {
    expect(args(['--image', 'a:1', '--scan-timeout', 'soon']).raw['scan-timeout']).toBe('soon');
  });

  test('--no-uploader-check is --uploader-check false', () => {
    expect(args(['--image', 'a:1', '--no-uploader-check']).raw['uploader-check']).toBe('false');
    expect(args(['--image', 'a:1', '--uploader-check', 'no']).raw['uploader-check']).toBe('no');
  });

  test('--repository with --image-tag counts as an image', () => {
    const { raw } = args(['--repository', 'app', '--image-tag', '1.0']);
    expect(raw).toEqual({ repository: 'app', 'image-tag': '1.0' });
  });
});

describe('CLI-only flags', () => {
  test('--format defaults to text and takes the four formats', () => {
    expect(args(['--image', 'a:1']).format).toBe('text');
    for (const format of ['text', 'json', 'markdown', 'sarif']) {
      expect(args(['--image', 'a:1', '--format', format]).format).toBe(format);
    }
  });

  test('--profile is kept apart from the inputs', () => {
    const parsed = args(['--image', 'a:1', '--profile', 'prod']);
    expect(parsed.profile).toBe('prod');
    expect(parsed.raw).toEqual({ image: 'a:1' });
    expect('profile' in args(['--image', 'a:1'])).toBe(false);
  });
});

describe('usage errors exit 2 with one message and the usage line', () => {
  test.each([
    [['--image', 'a:1', '--imag', 'b'], "error: unknown option '--imag'"],
    [['--mode', 'audit'], "error: missing required option '--image <ref>'"],
    [['--image'], "error: option '--image <ref>' argument missing"],
    [['--image', 'a:1', '--format', 'xml'], 'Allowed choices are text, json, markdown, sarif'],
    [['--image', 'a:1', 'stray'], 'error: too many arguments'],
    [['--image', '  '], "error: missing required option '--image <ref>'"],
  ])('%j', (argv, message) => {
    const { parsed, out, err } = parse(argv);
    expect(parsed).toEqual({ kind: 'exit', code: 2 });
    expect(out).toBe('');
    expect(err).toContain(message);
    expect(err).toContain(USAGE_LINE);
    expect(err.match(/error:/g)).toHaveLength(1);
    expect(err).not.toMatch(/\n\s+at /);
  });
});

describe('help and version', () => {
  test('--help prints every flag, the exit codes and an example to stdout, exit 0', () => {
    const { parsed, out, err } = parse(['--help']);
    expect(parsed).toEqual({ kind: 'exit', code: 0 });
    expect(err).toBe('');
    for (const name of INPUT_NAMES) expect(out).toContain(`--${name} <`);
    for (const flag of [
      '--format <format>',
      '--profile <name>',
      '--version',
      '--no-uploader-check',
    ]) {
      expect(out).toContain(flag);
    }
    expect(out).toMatch(/Exit codes:\n\s+0 .*\n\s+1 .*\n\s+2 [\s\S]*\n\s+3 /);
    expect(out).toMatch(/--scan-timeout <seconds>(?:(?!\n {2}--)[\s\S])*\(default:\s+600\)/);
  });

  test('-h is --help', () => {
    expect(parse(['-h']).out).toBe(parse(['--help']).out);
  });

  test('--version prints the package version, exit 0', async () => {
    const { readFile } = await import('node:fs/promises');
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    const { parsed, out } = parse(['--version']);
    expect(parsed).toEqual({ kind: 'exit', code: 0 });
    expect(out.trim()).toBe(pkg.version);
  });
});
