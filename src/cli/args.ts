import { Command, CommanderError, Option } from 'commander';
import { INPUTS } from '../inputs/defaults.js';
import { INPUT_NAMES, type InputName, type RawInputs } from '../inputs/settings.js';
import { TOOL_NAME, VERSION } from '../version.js';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.js';

export const FORMATS = ['text', 'json', 'markdown', 'sarif', 'gitlab', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

/** What the command line asks for: the action's inputs, plus what only a CLI needs. */
export interface CliArgs {
  /** Exactly the shape the action builds from INPUT_* variables; validated by parseSettings. */
  raw: RawInputs;
  format: Format;
  /** `--profile`; AWS_PROFILE is applied later, with the environment. */
  profile?: string;
}

export type ParsedArgs = { kind: 'run'; args: CliArgs } | { kind: 'exit'; code: number };

export interface ArgsOutput {
  writeOut(text: string): void;
  writeErr(text: string): void;
  /** Help is wrapped to this width (commander's default is 80). */
  columns?: number;
}

export const USAGE = '--image <ref> [--image <ref> ...] [options]';

/** Shown under every usage error so one glance says how to get it right. */
export const usageHint = (): string =>
  `Usage: ${TOOL_NAME} ${USAGE}\nRun '${TOOL_NAME} --help' for every option.\n`;

// Inputs that are lists: the flag may be repeated, each use adding lines (what `image: |` does).
const REPEATABLE = new Set<InputName>(['image', 'known-uploaders', 'fail-on', 'vex']);

const PLACEHOLDER: Readonly<Record<InputName, string>> = {
  image: 'ref',
  repository: 'name',
  'image-tag': 'tag',
  'image-digest': 'digest',
  'registry-id': 'account',
  region: 'region',
  mode: 'mode',
  'fail-on': 'rules',
  'risk-threshold': 'score',
  'scan-timeout': 'seconds',
  'scan-settle-seconds': 'seconds',
  'known-uploaders': 'principal',
  'uploader-history-days': 'days',
  'uploader-timeout': 'seconds',
  'uploader-check': 'bool',
  'policy-file': 'path',
  'ignore-unfixed': 'bool',
  vex: 'path|url',
  trivyignore: 'path',
  dockerfile: 'path',
  'github-token': 'token',
  'pr-comment': 'bool|per-image',
  'comment-key': 'key',
  'job-summary': 'bool',
  'sarif-file': 'path',
  'sarif-category': 'prefix',
  'report-file': 'path',
  'compare-to': 'ref',
  sweep: 'window',
};

const GROUPS: ReadonlyArray<[heading: string, inputs: readonly InputName[]]> = [
  ['Image:', ['image', 'repository', 'image-tag', 'image-digest', 'registry-id', 'region']],
  ['Sweep:', ['sweep']],
  [
    'Gate:',
    [
      'mode',
      'fail-on',
      'risk-threshold',
      'scan-timeout',
      'scan-settle-seconds',
      'policy-file',
      'compare-to',
    ],
  ],
  ['Ignores:', ['ignore-unfixed', 'vex', 'trivyignore']],
  [
    'Uploader (CloudTrail):',
    ['known-uploaders', 'uploader-history-days', 'uploader-timeout', 'uploader-check'],
  ],
  ['Output:', ['report-file', 'sarif-file', 'sarif-category', 'dockerfile']],
  [
    'GitHub Actions only (accepted for parity, no effect here):',
    ['github-token', 'pr-comment', 'comment-key', 'job-summary'],
  ],
];

// Where the action's wording does not fit a command line.
const CLI_DESCRIPTION: Partial<Record<InputName, string>> = {
  image: `${INPUTS.image.description} Repeat --image for several images.`,
  'known-uploaders': `${INPUTS['known-uploaders'].description} Repeat the flag for several.`,
  mode: 'enforce exits 1 when the result is fail; audit prints the same result and exits 0.',
  'fail-on': `${INPUTS['fail-on'].description} May be repeated.`,
  vex: `${INPUTS.vex.description} Repeat --vex for several.`,
  dockerfile:
    "Dockerfile whose FROM line SARIF results point at, so they show in a pull request's diff.",
  'policy-file': `YAML policy file (ignores, known uploaders, rule levels), relative to GITHUB_WORKSPACE when set, else the working directory. A missing default file is fine; a missing named file is an error.`,
  'report-file': 'Write the JSON report to this path (the CLI writes none unless asked).',
  'github-token': 'Token for the pull-request comment (default: $GITHUB_TOKEN).',
};

function describe(name: InputName): string {
  const text = CLI_DESCRIPTION[name] ?? INPUTS[name].description;
  const fallback = INPUTS[name].default;
  const shown = name === 'github-token' || fallback === '' ? '' : ` (default: ${fallback})`;
  return `${text}${shown}`;
}

const appendLine = (value: string, previous: string | undefined): string =>
  previous === undefined ? value : `${previous}\n${value}`;

function inputOption(name: InputName, heading: string): Option {
  const option = new Option(`--${name} <${PLACEHOLDER[name]}>`, describe(name)).helpGroup(heading);
  if (REPEATABLE.has(name)) option.argParser(appendLine);
  return option;
}

function buildProgram(output: ArgsOutput): Command {
  const program = new Command(TOOL_NAME)
    .usage(USAGE)
    .description(
      'Gate an image pushed to Amazon ECR: wait for its scan, find who pushed it in CloudTrail, apply risk-scored rules, print a report and exit with the verdict.',
    )
    .version(VERSION, '-V, --version', 'Print the version and exit.')
    .helpOption('-h, --help', 'Print this help and exit.')
    .exitOverride()
    .allowExcessArguments(false)
    .configureOutput({
      writeOut: output.writeOut,
      writeErr: output.writeErr,
      outputError: (text, write) => write(`${text}${usageHint()}`),
      getOutHelpWidth: () => output.columns ?? 80,
      getErrHelpWidth: () => output.columns ?? 80,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    });

  for (const [heading, inputs] of GROUPS) {
    for (const name of inputs) {
      program.addOption(inputOption(name, heading));
      if (name === 'uploader-check') {
        program.addOption(
          new Option('--no-uploader-check', 'Same as --uploader-check false.').helpGroup(heading),
        );
      }
    }
  }
  program.addOption(
    new Option('--format <format>', 'What to print on stdout.')
      .choices(FORMATS)
      .default('text')
      .helpGroup('Output:'),
  );
  program.addOption(
    new Option(
      '--profile <name>',
      'Named AWS profile for the ECR and CloudTrail clients (default: $AWS_PROFILE, else the default credential chain).',
    ).helpGroup('AWS:'),
  );
  program.addHelpText(
    'after',
    `
Flags take the action's input names (errors name them as 'Input ...'); list
inputs also accept newline-separated values. Progress goes to stderr, the
report to stdout.

${EXIT_CODES_HELP}

Sweep (every push of the account in a window, as the seed's hourly search):
  ${TOOL_NAME} sweep --window 70m..10m --region eu-west-1,us-east-1

Example:
  ${TOOL_NAME} --image 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.4.2 \\
    --known-uploaders arn:aws:iam::123456789012:role/ci-push --format json > report.json
`,
  );
  return program;
}

function stringOption(options: Record<string, unknown>, key: string): string | undefined {
  const value = options[key];
  return typeof value === 'string' ? value : undefined;
}

/** Flags (camelCase in commander) back to the action's RawInputs, only those given. */
function rawInputsOf(program: Command): RawInputs {
  const options = program.opts<Record<string, unknown>>();
  const raw: RawInputs = {};
  for (const option of program.options) {
    const name = option.long?.slice(2);
    if (name === undefined || !(INPUT_NAMES as readonly string[]).includes(name)) continue;
    const value = stringOption(options, option.attributeName());
    if (value !== undefined) raw[name as InputName] = value;
  }
  // `--no-uploader-check` stores false under the same key as `--uploader-check <bool>`.
  if (options.uploaderCheck === false) raw['uploader-check'] = 'false';
  return raw;
}

/**
 * `ecr-risk-gate sweep --window 70m..10m [flags]` is `--sweep 70m..10m [flags]`: the subcommand
 * reads like the scheduled search it replaces, and the flags stay the action's inputs.
 */
function sweepArgv(argv: readonly string[]): string[] {
  if (argv[0] !== 'sweep') return [...argv];
  const rest = argv.slice(1).map((arg) => (arg === '--window' ? '--sweep' : arg));
  return rest.map((arg) => (arg.startsWith('--window=') ? `--sweep=${arg.slice(9)}` : arg));
}

const hasImage = (raw: RawInputs): boolean =>
  (['image', 'repository', 'image-tag', 'image-digest'] as const).some(
    (name) => (raw[name] ?? '').trim() !== '',
  );

/**
 * Parses argv (without node and script). Help, version and usage errors are written here and
 * end the run with their exit code; nothing throws.
 */
export function parseArgs(argv: readonly string[], output: ArgsOutput): ParsedArgs {
  const program = buildProgram(output);
  try {
    program.parse(sweepArgv(argv), { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return { kind: 'exit', code: error.exitCode === 0 ? EXIT.ok : EXIT.usage };
  }
  const raw = rawInputsOf(program);
  if (argv[0] === 'sweep' && (raw.sweep ?? '').trim() === '') {
    output.writeErr(
      `error: sweep needs --window <START..END>, a window relative to now such as 70m..10m\n${usageHint()}`,
    );
    return { kind: 'exit', code: EXIT.usage };
  }
  if (!hasImage(raw) && (raw.sweep ?? '').trim() === '') {
    output.writeErr(
      `error: missing required option '--image <ref>' (or --repository with --image-tag or --image-digest; or the subcommand sweep --window 70m..10m)\n${usageHint()}`,
    );
    return { kind: 'exit', code: EXIT.usage };
  }
  const options = program.opts<Record<string, unknown>>();
  const format = stringOption(options, 'format') as Format;
  const profile = stringOption(options, 'profile');
  return { kind: 'run', args: { raw, format, ...(profile === undefined ? {} : { profile }) } };
}
