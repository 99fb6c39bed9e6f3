import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../src/errors.js';
import { parseSettings } from '../../src/inputs/parse.js';
import { IMAGE, cli, tempDir } from './cli-kit.js';

const USAGE = 'Usage: ecr-risk-gate --image <ref>';

function expectUsageError(run: { code: number; stdout: string; stderr: string }, message: string) {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toContain(message);
  expect(run.stderr).toContain(USAGE);
  expect(run.stderr.match(/error:/g)).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

/** What the action would say for the same inputs. */
function actionMessage(raw: Parameters<typeof parseSettings>[0]): string {
  try {
    parseSettings(raw, { AWS_REGION: 'eu-west-1' }, null);
  } catch (error) {
    if (error instanceof UserError) return error.message;
  }
  throw new Error('parseSettings accepted the inputs');
}

describe('usage and configuration errors exit 2 before any AWS call', () => {
  test('an unknown flag', async () => {
    const run = await cli(['--image', IMAGE, '--scan-timout', '30']);
    expectUsageError(run, "error: unknown option '--scan-timout'");
    expect(run.settings).toHaveLength(0);
  });

  test('no --image', async () => {
    const run = await cli(['--mode', 'audit']);
    expectUsageError(run, "missing required option '--image <ref>'");
    expect(run.settings).toHaveLength(0);
  });

  test('a bad value: the same message as the action gives', async () => {
    const run = await cli(['--image', IMAGE, '--scan-timeout', 'soon']);
    expectUsageError(run, `error: ${actionMessage({ image: IMAGE, 'scan-timeout': 'soon' })}`);
    expect(run.stderr).toContain("Input 'scan-timeout'");
    expect(run.profiles).toHaveLength(0);
  });

  test('several bad values are listed together in one error', async () => {
    const argv = ['--image', 'app', '--mode', 'strict', '--uploader-history-days', '365'];
    const run = await cli(argv);
    const message = actionMessage({ image: 'app', mode: 'strict', 'uploader-history-days': '365' });
    expect(message.split('\n')).toHaveLength(4);
    expectUsageError(run, `error: ${message}`);
  });

  test('a named policy file that does not exist', async () => {
    const run = await cli(['--image', IMAGE, '--policy-file', 'gate.yml']);
    expectUsageError(run, "Input 'policy-file'");
    expect(run.stderr).toContain(join(run.cwd, 'gate.yml'));
  });

  test('no region anywhere', async () => {
    const run = await cli(['--image', 'app:1'], { env: {} });
    expectUsageError(run, "Input 'region'");
  });
});

describe('could not evaluate: exit 3', () => {
  test('an AWS error: the message on stderr, nothing on stdout', async () => {
    const run = await cli(['--image', IMAGE], {
      result: async () => {
        throw new UserError('AWS denied ecr:DescribeImages on repository app.', 'aws');
      },
    });
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('error: AWS denied ecr:DescribeImages on repository app.\n');
  });

  test('in audit mode too: nothing was evaluated', async () => {
    const run = await cli(['--image', IMAGE, '--mode', 'audit'], {
      result: async () => {
        throw new UserError('No usable AWS credentials', 'aws');
      },
    });
    expect(run.code).toBe(3);
  });

  test('the report file still gets written, carrying the error', async () => {
    const run = await cli(['--image', IMAGE, '--report-file', 'out/report.json'], {
      result: async () => {
        throw new UserError('Repository app does not exist in 111111111111.', 'aws');
      },
    });
    expect(run.code).toBe(3);
    const written = JSON.parse(readFileSync(join(run.cwd, 'out/report.json'), 'utf8')) as {
      result: string;
      error: string;
    };
    expect(written).toMatchObject({
      result: 'fail',
      error: 'Repository app does not exist in 111111111111.',
    });
  });

  test('a bug: one line saying so, no stack trace unless asked for', async () => {
    const boom = async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'x')");
    };
    const quiet = await cli(['--image', IMAGE], { result: boom });
    expect(quiet.code).toBe(3);
    expect(quiet.stderr).toContain(
      "error: unexpected failure: Cannot read properties of undefined (reading 'x')",
    );
    expect(quiet.stderr).not.toMatch(/\n\s+at /);

    const debug = await cli(['--image', IMAGE], {
      result: boom,
      env: { AWS_REGION: 'eu-west-1', ECR_RISK_GATE_DEBUG: '1' },
    });
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  test('terminal escapes in an AWS message are shown, not obeyed', async () => {
    const run = await cli(['--image', IMAGE], {
      result: async () => {
        throw new UserError('denied \x1b]0;owned\x07', 'aws');
      },
    });
    expect(run.stderr).not.toContain('\x1b');
    expect(run.stderr).toContain('[U+001B]');
  });
});

test('a report file that cannot be written is a configuration error, after the verdict', async () => {
  const cwd = tempDir();
  mkdirSync(join(cwd, 'taken'));
  const run = await cli(['--image', IMAGE, '--report-file', 'taken'], { cwd });
  expect(run.code).toBe(2);
  expect(run.stdout).toContain('PASS');
  expect(run.stderr).toContain(
    `error: Input 'report-file': "${join(cwd, 'taken')}" is a directory; expected a file path.`,
  );
});
