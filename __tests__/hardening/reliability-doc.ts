// Renders docs/reliability.md from the case tables, so the document cannot drift from what the
// suite runs. `write-reliability-doc.ts` writes it; `reliability-doc.test.ts` checks it.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { BAD_INPUTS, BAD_POLICIES } from './bad-input-cases.js';
import { FAULT_CASES } from './fault-cases.js';
import { AREA_INPUTS, type Area, type FaultCase } from './fault-world.js';
import { HOSTILE } from './hostile-strings.js';
import { PATH_CASES } from './path-cases.js';

export const DOC_PATH = 'docs/reliability.md';
export const WRITE_COMMAND = 'npx tsx __tests__/hardening/write-reliability-doc.ts';

/**
 * Text as inline code that is safe in a table cell and inert on GitHub: every character outside
 * printable ASCII as `\uXXXX`, backticks and pipes escaped, long text cut with its length said.
 */
export function codeCell(text: string, max = 70): string {
  const cut = text.length > max ? text.slice(0, max) : text;
  const escaped = JSON.stringify(cut)
    .slice(1, -1)
    .replace(/[^\x20-\x7E]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/`/g, '\\u0060');
  const more = text.length > max ? ` … (${text.length.toLocaleString('en-US')} characters)` : '';
  return `\`${escaped.replace(/\|/g, '\\|')}\`${more}`;
}

/** Prose in a table cell. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function inputsText(c: FaultCase): string {
  const extra = Object.entries(c.inputs ?? {});
  return extra.length === 0 ? '' : extra.map(([k, v]) => codeCell(`${k}: ${v}`, 40)).join('<br>');
}

function faultTable(cases: readonly FaultCase[], first: number): string {
  const rows = cases.map((c, i) => {
    const e = c.expect;
    const rules =
      e.rules.length === 0 ? (e.error ? '— (could not evaluate)' : '—') : e.rules.join(', ');
    const status = [
      e.scanStatus === undefined ? '' : `scan ${e.scanStatus}`,
      e.uploaderStatus === undefined ? '' : `uploader ${e.uploaderStatus}`,
      e.comments === undefined ? '' : `${e.comments} PR comment${e.comments === 1 ? '' : 's'}`,
      e.updated === undefined ? '' : e.updated ? 'updated in place' : 'left as it was',
    ].filter((s) => s !== '');
    return `| ${first + i} | \`${c.id}\` | ${cell(c.fault)} | ${inputsText(c)} | ${e.code} | ${e.result} | ${rules} | ${cell(status.join('; '))} | ${e.log === undefined ? '' : codeCell(e.log, 60)} |`;
  });
  return [
    '| # | Case | Fault | Inputs | Exit | Result | Rules | Scan / uploader / comment | Log says |',
    '| --: | --- | --- | --- | --: | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

const AREA_NOTES: Record<Area, string> = {
  ECR: 'The image has a COMPLETE basic scan with one MEDIUM finding unless the fault says otherwise; `medium` is a warning, so an undisturbed run ends `warn`, exit 0.',
  CloudTrail:
    'The scan is undisturbed (one MEDIUM finding); the push was made by a GitHub Actions role with no earlier pushes, so an undisturbed run ends `warn` with uploader `no-baseline`. A CloudTrail that cannot be read gives `unverified-uploader`, a warning by default: the gate still fails closed on it when `fail-on` lists it (the `-strict` cases).',
  GitHub:
    'A pull_request event for pull request 7 of acme/shop against the GitHub REST stand-in (`emulator/github.ts`). A comment that cannot be written is a warning naming the cause; it never changes the result.',
};

function faultSection(): string {
  const parts: string[] = [];
  let first = 1;
  for (const area of ['ECR', 'CloudTrail', 'GitHub'] as const) {
    const cases = FAULT_CASES.filter((c) => c.area === area);
    const defaults = Object.entries(AREA_INPUTS[area])
      .map(([k, v]) => `\`${k}: ${v}\``)
      .join(', ');
    parts.push(
      `### ${area} (${cases.length} cases)`,
      '',
      `${AREA_NOTES[area]} Inputs besides \`image\`: ${defaults}.`,
      '',
      faultTable(cases, first),
      '',
    );
    first += cases.length;
  }
  return parts.join('\n');
}

function pathSection(): string {
  return [
    '| # | Case | Set up | The step |',
    '| --: | --- | --- | --- |',
    ...PATH_CASES.map((c, i) => `| ${i + 1} | \`${c.id}\` | ${c.setup} | ${c.expect} |`),
  ].join('\n');
}

function badInputSection(): string {
  const inputs = BAD_INPUTS.map((c, i) => {
    const given = Object.entries(c.inputs)
      .map(([k, v]) => codeCell(`${k}: ${v ?? ''}`, 60))
      .concat(Object.entries(c.env ?? {}).map(([k, v]) => codeCell(`env ${k}=${v}`, 60)))
      .join('<br>');
    return `| ${i + 1} | \`${c.id}\` | ${given} | ${codeCell(c.names, 50)} | ${codeCell(c.says, 60)} |`;
  });
  const policies = BAD_POLICIES.map(
    (c, i) =>
      `| ${i + 1} | \`${c.id}\` | ${codeCell(c.yaml, 80)} | ${c.line} | ${codeCell(c.says, 50)} |`,
  );
  return [
    `### Inputs (${BAD_INPUTS.length})`,
    '',
    'Each on top of a valid `image`; the error starts with the name shown and quotes the value.',
    '',
    '| # | Case | Given | Error names | Error says |',
    '| --: | --- | --- | --- | --- |',
    ...inputs,
    '',
    `### Policy files (${BAD_POLICIES.length})`,
    '',
    'The error starts `.github/ecr-risk-gate.yml:LINE:`.',
    '',
    '| # | Case | File | Line | Error says |',
    '| --: | --- | --- | --: | --- |',
    ...policies,
  ].join('\n');
}

function hostileSection(): string {
  const rows = HOSTILE.map(
    (h, i) => `| ${i + 1} | \`${h.id}\` | ${cell(h.attack)} | ${codeCell(h.text, 50)} |`,
  );
  return ['| # | String | What it tries | Text |', '| --: | --- | --- | --- |', ...rows].join('\n');
}

const FUZZ_TARGETS: ReadonlyArray<[string, string, string]> = [
  [
    '`parseImageReference`, `imageFromParts`',
    '`__tests__/fuzz/image-ref.fuzz.test.ts`',
    'only `UserError` naming the input, on one clean line; accepted references are well formed and parse again to themselves; references built from valid parts keep exactly those parts',
  ],
  [
    '`parsePushRecord`, `parseTrailEvent`, `principalFromIdentity`',
    '`__tests__/fuzz/cloudtrail-record.fuzz.test.ts`',
    'never throws on any JSON, on the recorded PutImage with fields replaced by anything, on any envelope; a push carries every field the rules read',
  ],
  [
    '`parsePolicy`',
    '`__tests__/fuzz/policy.fuzz.test.ts`',
    'only `UserError`; every problem on its own clean line, naming the file and a line of it; deep nesting, alias loops, billion laughs and a megabyte line included',
  ],
  [
    'the escaping module (`src/report/escape.ts`)',
    '`__tests__/fuzz/escape.fuzz.test.ts`',
    'no log line the runner would execute (its own trim rules), no tag, link, ping or reference in rendered Markdown but the safe link, one table cell stays one cell, clean characters, bounded length',
  ],
  [
    'findings normalisers, `readScan`',
    '`__tests__/fuzz/findings.fuzz.test.ts`',
    'any field of any type: never throws; an entry without a readable severity makes the read incomplete (fail closed)',
  ],
];

/** The document, before Prettier. */
export function renderRawDoc(): string {
  const faults = FAULT_CASES.length;
  return `<!-- Generated from the case tables in __tests__/hardening/ by \`${WRITE_COMMAND}\`. Do not edit by hand: \`npm test\` fails when this file and the tables differ. -->

# Reliability

How ecr-risk-gate behaves when AWS, GitHub, its inputs or the text it reports misbehave. Every
row below is a test in \`npm test\`: ${faults} fault cases run the committed bundle
(\`dist/index.js\`) as the Actions runner does, against the local AWS emulator (\`emulator/\`) and
the GitHub REST stand-in; ${BAD_INPUTS.length + BAD_POLICIES.length} bad inputs and policy files and ${HOSTILE.length} hostile strings go through
the parsers and renderers, a handful of each through the bundle too; five fuzz suites hammer the
parsers and the escaping.

To regenerate after changing a table: \`${WRITE_COMMAND}\`.

## What every fault case checks

Whatever the fault, each run must:

- end by itself: no hang, no kill (the hard stop is far beyond the bounds below);
- print no stack trace (no \`    at …\` line on stdout or stderr);
- run no workflow command but its own \`::error\`/\`::warning\`/\`::notice\` annotations;
- write every step output and the JSON report, even when it could not evaluate;
- reach its documented outcome: exit code, \`result\`, exactly the rules listed, and the log text.

Missing data fails closed: a scan that cannot be read, is not there in time, or is only partly
read is \`scan-incomplete\` (\`fail\`). Only \`mode: audit\` (exit 0, result still \`fail\`) or
\`fail-on\` change that.

### Time bounds

| Wait | Bound |
| --- | --- |
| Scan (DescribeImageScanFindings, StartImageScan) | \`scan-timeout\` for all scan waiting of the step (every image and platform, settle windows included); a call still unanswered 5 s after it is abandoned |
| Registry scan type (GetRegistryScanningConfiguration) | 10 s, once per region; then the type is unknown (zero findings confirmed as if enhanced) |
| Push in CloudTrail (LookupEvents) | \`uploader-timeout\`; a call still unanswered 5 s after it is abandoned |
| Pushes around a found push (baseline, tag overwrites) | 60 s, then the baseline is reported partial |
| Resolving the image (DescribeImages, BatchGetImage) | 60 s per image; every call carries an abort signal, so a hung answer or one that trickles its body ends there with a clear error |
| PR comment | 30 s a request; a failure is a warning |

## Fault corpus (${faults} cases)

${faultSection()}
## Bad-input corpus (${BAD_INPUTS.length + BAD_POLICIES.length} cases)

Every bad value stops the run before any AWS call with one error that names the input (or the
policy file and line), quotes the value and says what is accepted; in the bundle it is the step's
one \`::error::\`, exit code 1, no stack trace, and the outputs and JSON report are still written.

${badInputSection()}

## Path corpus (${PATH_CASES.length} cases)

Files the gate reads (policy file, Dockerfile) and writes (report-file, sarif-file) pointed where
they must not go, each through the bundle (\`path-bundle.test.ts\`). Reads stay inside the
workspace, take regular files only and are bounded; writes go to a fresh file renamed into place.

${pathSection()}

## Hostile-text corpus (${HOSTILE.length} strings)

Each string is placed, on its own and all together, in every field the outside world fills in:
finding ids, names, descriptions, URIs and CVSS vectors, package names, versions and paths (the
scanner); image tags, platform and scan status text (the registry); principal ARNs, names, session
names, user names, source IPs and user agents (CloudTrail); ignore ids and reasons (a policy file).
Repository names and tags given as \`image\` input are refused by the reference grammar, with one
clean error.

Checked on every surface: the runner log (through the bundle: no line runs as a command but our
annotations, each annotation well formed), annotations, the job summary and the PR comment
(rendered as GitHub-flavoured Markdown: no tag, image, script, forged marker or heading, no link
but the advisory's, no live \`@mention\` or \`#123\` reference, tables intact), SARIF (valid JSON, what code
scanning shows is clean), step outputs (exactly the documented ones, one clean line each), and
the JSON report, which keeps every string exactly (it round-trips).

${hostileSection()}

## Fuzzing

With [fast-check](https://fast-check.dev/), a few hundred runs per property so the suite stays
quick; a new seed every run.

| Target | Suite | Property |
| --- | --- | --- |
${FUZZ_TARGETS.map(([target, suite, property]) => `| ${target} | ${suite} | ${property} |`).join('\n')}
`;
}

/** The document as committed: Prettier's Markdown formatting, as \`npm run lint\` wants it. */
export function renderReliabilityDoc(): string {
  const prettier = resolve('node_modules/prettier/bin/prettier.cjs');
  const formatted = spawnSync(process.execPath, [prettier, '--stdin-filepath', DOC_PATH], {
    input: renderRawDoc(),
    encoding: 'utf8',
  });
  if (formatted.status !== 0) throw new Error(`prettier failed: ${formatted.stderr}`);
  return formatted.stdout;
}
