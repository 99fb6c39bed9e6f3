import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMAGE, cli } from './cli-kit.js';
import { detection, report } from './report-kit.js';
import { expandJsonReport } from '../../src/report/json-read.js';

const ANSI = new RegExp(String.raw`\u001b\[`);
const failing = report([detection('critical')]);

describe('flags reach the engine as settings', () => {
  test('values are parsed as the action parses its inputs; no GitHub environment needed', async () => {
    const run = await cli([
      '--image',
      IMAGE,
      '--image',
      'worker:2',
      '--scan-timeout',
      '30',
      '--known-uploaders',
      'arn:aws:iam::111111111111:role/ci',
      '--known-uploaders',
      'alice',
      '--no-uploader-check',
      '--fail-on',
      'critical,unknown-uploader',
    ]);
    expect(run.code).toBe(0);
    const [settings] = run.settings;
    expect(settings?.images.map((i) => i.raw)).toEqual([IMAGE, 'worker:2']);
    expect(settings?.images[1]?.region).toBe('eu-west-1');
    expect(settings?.scanTimeoutSeconds).toBe(30);
    expect(settings?.knownUploaders).toEqual(['arn:aws:iam::111111111111:role/ci', 'alice']);
    expect(settings?.uploaderCheck).toBe(false);
    expect(settings?.levels.high).toBe('warn');
    expect(settings?.reportFile).toBeNull();
  });

  test('--profile, else AWS_PROFILE, goes to the AWS clients', async () => {
    expect((await cli(['--image', IMAGE, '--profile', 'prod'])).profiles).toEqual(['prod']);
    const env = { AWS_REGION: 'eu-west-1', AWS_PROFILE: 'dev' };
    expect((await cli(['--image', IMAGE], { env })).profiles).toEqual(['dev']);
    expect((await cli(['--image', IMAGE, '--profile', 'prod'], { env })).profiles).toEqual([
      'prod',
    ]);
    expect((await cli(['--image', IMAGE])).profiles).toEqual([undefined]);
  });

  test('a relative policy file is read from the working directory', async () => {
    const { writeFileSync } = await import('node:fs');
    const { tempDir } = await import('./cli-kit.js');
    const cwd = tempDir();
    writeFileSync(join(cwd, 'gate.yml'), 'risk-threshold: 150\nrules:\n  medium: notice\n');
    const run = await cli(['--image', IMAGE, '--policy-file', 'gate.yml'], { cwd });
    expect(run.code).toBe(0);
    expect(run.settings[0]?.riskThreshold).toBe(150);
    expect(run.settings[0]?.levels.medium).toBe('notice');
  });
});

describe('exit codes of an evaluated run', () => {
  test('fail exits 1 and prints the report', async () => {
    const run = await cli(['--image', IMAGE], { result: failing });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('FAIL');
  });

  test('--mode audit exits 0 for the same failing report, still printed', async () => {
    const run = await cli(['--image', IMAGE, '--mode', 'audit'], {
      result: report([detection('critical')], { mode: 'audit' }),
    });
    expect(run.settings[0]?.mode).toBe('audit');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('FAIL');
  });

  test('failing closed exits 3 and says why on stderr', async () => {
    const run = await cli(['--image', IMAGE], { result: report([detection('scan-incomplete')]) });
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('FAIL');
    expect(run.stderr).toContain('failed closed');
  });

  test('warn exits 0', async () => {
    const run = await cli(['--image', IMAGE], { result: report([detection('medium')]) });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('WARN');
    expect(run.stderr).toBe('');
  });
});

describe('--format', () => {
  const calls = () => {
    const seen: string[] = [];
    const renderers = {
      text: (_r: unknown, o: { color: boolean }) => (seen.push(`text color=${o.color}`), 'T'),
      json: () => (seen.push('json'), 'J'),
      markdown: () => (seen.push('markdown'), 'M'),
      sarif: () => (seen.push('sarif'), 'S'),
    };
    return { seen, renderers };
  };

  test.each([
    [[], 'text color=false', 'T\n'],
    [['--format', 'json'], 'json', 'J\n'],
    [['--format', 'markdown'], 'markdown', 'M\n'],
    [['--format', 'sarif'], 'sarif', 'S\n'],
  ])('%j picks one renderer for stdout', async (flags, expected, stdout) => {
    const { seen, renderers } = calls();
    const run = await cli(['--image', IMAGE, ...flags], { renderers });
    expect(seen).toEqual([expected]);
    expect(run.stdout).toBe(stdout);
  });

  test('json is the complete report on stdout; the verdict line goes to stderr', async () => {
    const run = await cli(['--image', IMAGE, '--format', 'json'], { result: failing });
    expect(expandJsonReport(JSON.parse(run.stdout))).toEqual(failing);
    expect(run.stderr).toMatch(/^ecr-risk-gate: fail, risk score 100: 1 detection/);
  });

  test('sarif on stdout is a SARIF 2.1.0 log', async () => {
    const run = await cli(['--image', IMAGE, '--format', 'sarif'], { result: failing });
    expect(JSON.parse(run.stdout)).toMatchObject({ version: '2.1.0' });
  });

  test('markdown on stdout is the job-summary Markdown', async () => {
    const run = await cli(['--image', IMAGE, '--format', 'markdown'], { result: failing });
    expect(run.stdout).toMatch(/^#/m);
    expect(run.stdout).not.toMatch(ANSI);
  });
});

describe('colour', () => {
  test('only when stdout is a terminal', async () => {
    const piped = await cli(['--image', IMAGE], {
      result: failing,
      isTTY: { stdout: false, stderr: true },
    });
    expect(piped.stdout).not.toMatch(ANSI);
    const tty = await cli(['--image', IMAGE], {
      result: failing,
      isTTY: { stdout: true, stderr: false },
    });
    expect(tty.stdout).toMatch(ANSI);
  });

  test('NO_COLOR turns it off on a terminal, FORCE_COLOR on in a pipe', async () => {
    const noColor = await cli(['--image', IMAGE], {
      result: failing,
      isTTY: true,
      env: { AWS_REGION: 'eu-west-1', NO_COLOR: '1' },
    });
    expect(noColor.stdout).not.toMatch(ANSI);
    const forced = await cli(['--image', IMAGE], {
      result: failing,
      env: { AWS_REGION: 'eu-west-1', FORCE_COLOR: '1' },
    });
    expect(forced.stdout).toMatch(ANSI);
  });

  test('json never carries colour, even on a terminal', async () => {
    const run = await cli(['--image', IMAGE, '--format', 'json'], { result: failing, isTTY: true });
    expect(run.stdout).not.toMatch(ANSI);
  });
});

describe('--report-file and --sarif-file', () => {
  test('both are written relative to the working directory and named on stderr', async () => {
    const run = await cli(
      ['--image', IMAGE, '--report-file', 'out/report.json', '--sarif-file', 'out/gate.sarif'],
      { result: failing },
    );
    expect(run.code).toBe(1);
    const reportPath = join(run.cwd, 'out/report.json');
    const sarifPath = join(run.cwd, 'out/gate.sarif');
    expect(expandJsonReport(JSON.parse(readFileSync(reportPath, 'utf8')))).toEqual(failing);
    expect(JSON.parse(readFileSync(sarifPath, 'utf8'))).toMatchObject({ version: '2.1.0' });
    expect(run.stderr).toContain(`JSON report written to ${reportPath}`);
    expect(run.stderr).toContain(`SARIF written to ${sarifPath}`);
    expect(run.stdout).toContain('FAIL');
  });

  test('without them no file is written', async () => {
    const { readdirSync } = await import('node:fs');
    const run = await cli(['--image', IMAGE], { result: failing });
    expect(readdirSync(run.cwd)).toEqual([]);
  });
});
