// Hostile-text corpus through the committed bundle: scanner text in findings and packages, a
// registry's tags, CloudTrail principals, user names, source IPs and user agents. Checked where
// only a real run shows it: the runner log, the step outputs, the job summary file, the PR comment
// the stand-in GitHub received, the SARIF file and the JSON report on disk. Text the reference
// grammar refuses (repository names, tags in `image`) must be refused cleanly.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  iamUser,
  putImageRecord,
  singleImage,
  startEmulator,
  type BasicFinding,
  type CloudTrailEventSpec,
  type Emulator,
} from '../../emulator/index.js';
import { startGithubEmulator, type GithubEmulator } from '../../emulator/github.js';
import { safeUrl } from '../../src/report/escape.js';
import { runAction, type ActionRun } from '../e2e/run-action.js';
import { OUTPUT_NAMES, stackLines } from './fault-checks.js';
import { HOSTILE } from './hostile-strings.js';
import {
  annotationViolations,
  characterViolations,
  commandViolations,
  logViolations,
  markdownViolations,
  sarifDisplayedStrings,
  stringLeaves,
} from './inert-checks.js';

const ACCOUNT = '123456789012';
const REGION = 'eu-central-1';
const HOST = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`;
const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNDEFINED'] as const;
const texts = HOSTILE.map((h) => h.text);
const short = HOSTILE.filter((h) => h.text.length < 10_000).map((h) => h.text);
const joined = short.join(' ');

const findings: BasicFinding[] = texts.map((text, i) => ({
  name: text,
  description: text,
  severity: SEVERITIES[i % SEVERITIES.length] ?? 'MEDIUM',
  uri: i % 2 === 0 ? `https://evil.example/advisory?q=${text.slice(0, 100)}` : text,
  attributes: [
    { key: 'package_name', value: text },
    { key: 'package_version', value: text },
    { key: 'CVSS2_VECTOR', value: text },
  ],
}));

const image = singleImage({ repository: 'app', tags: ['v1', ...short], scan: { findings } });
const now = Math.floor(Date.now() / 1000);

/** A PutImage by an IAM user whose every free-text field carries `text`. */
function hostilePush(text: string, digest: string, eventTime: number): CloudTrailEventSpec {
  const record = putImageRecord({
    identity: {
      ...iamUser(ACCOUNT, 'x'),
      userName: text,
      arn: `arn:aws:iam::${ACCOUNT}:user/${text}`,
    },
    region: REGION,
    registryId: ACCOUNT,
    repository: 'app',
    digest,
    tag: 'v1',
    eventTime,
  });
  return { record: { ...record, sourceIPAddress: text, userAgent: text } };
}

const events: CloudTrailEventSpec[] = [
  hostilePush(joined, image.digest, now),
  // Earlier pushes by others (a baseline the pusher is not in) and later pushes of the tag.
  ...short.map((t, i) =>
    hostilePush(t, `sha256:${(i + 1).toString(16).padStart(64, 'e')}`, now - 3600 * (i + 1)),
  ),
  ...short.map((t, i) =>
    hostilePush(t, `sha256:${(i + 1).toString(16).padStart(64, 'f')}`, now + 1 + i),
  ),
];

let emulator: Emulator;
let github: GithubEmulator;
let run: ActionRun;
let workspace: string;

beforeAll(async () => {
  emulator = await startEmulator({
    accountId: ACCOUNT,
    region: REGION,
    repositories: [{ name: 'app' }],
    images: [image],
    cloudTrail: { events, lookupsPerSecond: 0 },
  });
  github = await startGithubEmulator();
  const eventDir = mkdtempSync(join(tmpdir(), 'erg-event-'));
  writeFileSync(join(eventDir, 'event.json'), JSON.stringify({ pull_request: { number: 7 } }));
  run = await runAction({
    endpoint: emulator.url,
    inputs: {
      image: `${HOST}/app:v1`,
      'scan-timeout': '10',
      'uploader-timeout': '10',
      'github-token': 'test-token',
      'sarif-file': 'results.sarif',
    },
    env: {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: join(eventDir, 'event.json'),
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_API_URL: github.url,
    },
    killAfterMs: 110_000,
  });
  workspace = run.dir;
}, 120_000);

afterAll(async () => {
  await emulator.close();
  await github.close();
});

const allowedHrefs = new Set([
  ...findings.map((f) => safeUrl(f.uri)).filter((href): href is string => href !== null),
  // The PR comment links its workflow run (issue 12 section 3; GITHUB_RUN_ID of run-action.ts).
  'https://github.com/acme/shop/actions/runs/4242',
]);

describe('one run with the corpus in scanner, registry and CloudTrail text', () => {
  test('the run ended on its own with the real verdict, no stack trace', () => {
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('fail');
    expect(stackLines(`${run.stdout}\n${run.stderr}`)).toEqual([]);
    // The hostile texts really arrived: the pusher is named by its hostile ARN, made one line.
    expect(run.outputs.uploader?.startsWith(`arn:aws:iam::${ACCOUNT}:user/::error::pwned`)).toBe(
      true,
    );
    expect(run.outputs.uploader).not.toMatch(/[\r\n]/);
    expect(run.outputs['uploader-status']).toBe('unknown');
  });

  test('log: no line runs as a command but our annotations, each well formed and clean', () => {
    // The github-token is masked first (issue 19 section 2): our own command, the only one.
    const lines = run.stdout.split('\n');
    expect(lines.filter((line) => line.startsWith('::add-mask::'))).toEqual([
      '::add-mask::test-token',
    ]);
    const stdout = lines.filter((line) => line !== '::add-mask::test-token').join('\n');
    expect(commandViolations(stdout)).toEqual([]);
    expect(commandViolations(run.stderr, /$^/)).toEqual([]);
    const ours = stdout.split('\n').filter((line) => line.startsWith('::'));
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.flatMap(annotationViolations)).toEqual([]);
    const rest = stdout
      .split('\n')
      .filter((line) => !line.startsWith('::'))
      .join('\n');
    expect(logViolations(rest)).toEqual([]);
  });

  test('outputs: exactly the documented ones, none forged', () => {
    expect(Object.keys(run.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
    for (const [name, value] of Object.entries(run.outputs)) {
      expect(characterViolations(value, `output ${name}`)).toEqual([]);
    }
  });

  test('job summary file: inert Markdown', () => {
    expect(run.summary).toContain('app');
    expect(markdownViolations(run.summary, { allowedHrefs }, 'job summary')).toEqual([]);
  });

  test('PR comment as GitHub received it: one, inert, within the size limit', () => {
    const comments = github.commentsOn('acme', 'shop', 7);
    expect(comments).toHaveLength(1);
    const body = comments[0]?.body ?? '';
    expect(body.length).toBeLessThanOrEqual(65_536);
    const marker = /^<!-- ecr-risk-gate:[^>]* -->/.exec(body)?.[0];
    expect(marker).toBeDefined();
    expect(
      markdownViolations(body, { allowedHrefs, ...(marker ? { marker } : {}) }, 'PR comment'),
    ).toEqual([]);
  });

  test('SARIF file: valid JSON, what GitHub shows is clean, its Markdown inert', () => {
    const sarif = JSON.parse(readFileSync(join(workspace, 'results.sarif'), 'utf8')) as unknown;
    const shown = sarifDisplayedStrings(sarif);
    expect(shown.flatMap((text) => characterViolations(text, 'SARIF'))).toEqual([]);
    const markdown = stringLeaves(sarif).filter((_, i, all) => all[i - 1] === 'markdown');
    expect(markdown.length).toBeGreaterThan(0);
    expect(markdown.flatMap((text) => markdownViolations(text, { allowedHrefs }, 'SARIF'))).toEqual(
      [],
    );
  });

  test('JSON report: every hostile string comes back exactly', () => {
    const leaves = new Set(stringLeaves(run.report()));
    for (const h of HOSTILE) expect([h.id, leaves.has(h.text)]).toEqual([h.id, true]);
  });
});

describe('text the reference grammar refuses', () => {
  // An environment variable cannot hold NUL, and one value is capped at 128 KiB by the kernel.
  const usable = HOSTILE.filter((h) => !h.text.includes('\u0000') && h.text.length < 100_000);

  const refuse = async (image: string) =>
    runAction({ endpoint: emulator.url, inputs: { image, 'uploader-check': 'false' } });

  test.each([
    ['as repository names', (t: string) => `${HOST}/${t}:v1`],
    ['as tags', (t: string) => `${HOST}/app:${t}`],
  ] as const)(
    '%s: one clean error, nothing run as a command, no AWS call',
    async (_label, place) => {
      const before = emulator.count();
      const refused = await refuse(
        usable.map((h) => place(h.text.replace(/[\r\n\u2028\u2029\u0085]/g, ' '))).join('\n'),
      );
      expect(refused.code).toBe(1);
      expect(stackLines(`${refused.stdout}\n${refused.stderr}`)).toEqual([]);
      expect(commandViolations(refused.stdout)).toEqual([]);
      const errors = refused.stdout.split('\n').filter((line) => line.startsWith('::error::'));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/problems with the inputs|Input 'image'/);
      expect(refused.outputs.result).toBe('fail');
      expect(emulator.count()).toBe(before);
    },
  );
});
