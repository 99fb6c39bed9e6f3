// `npm run demo`: the gate's main job on the embedded demo. Starts the local AWS emulator with the
// real Splunk recordings, runs the committed bundle the way the Actions runner does, and prints
// what a workflow log would show. Files land in demo-output/.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  splunkScanScenario,
  splunkUploadScenario,
  startEmulator,
  type Scenario,
} from '../emulator/index.js';
import { runAction } from '../__tests__/e2e/run-action.js';

const OUT = resolve('demo-output');
const CLIENT = '111111111111.dkr.ecr.eu-central-1.amazonaws.com/devsecops/cat_dog_client:latest';
const SERVER = '111111111112.dkr.ecr.eu-central-1.amazonaws.com/devsecops/cat_dog_server:latest';

/**
 * Two recorded images as they were in 2021 (times not moved):
 * - cat_dog_client: the real BASIC scan response (104 findings). The dataset holds no record of
 *   its push, so CloudTrail cannot say who pushed it: the gate reports that instead of guessing.
 * - cat_dog_server: the real PutImage by IAM user `test` of account 111111111111 into registry
 *   111111111112. Its scan in this demo is clean (the dataset has none for it).
 */
function demoScenario(): Scenario {
  const scan = splunkScanScenario({ rebase: false, withPush: false });
  const upload = splunkUploadScenario({ rebase: false });
  return {
    accountId: scan.accountId,
    region: scan.region,
    repositories: [...scan.repositories, ...upload.repositories],
    images: [...scan.images, ...upload.images],
    cloudTrail: {
      events: [...(scan.cloudTrail?.events ?? []), ...(upload.cloudTrail?.events ?? [])],
    },
  };
}

const rule = (text: string) =>
  console.log(`\n\x1b[1m== ${text} ${'='.repeat(Math.max(0, 70 - text.length))}\x1b[0m`);

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const emulator = await startEmulator(demoScenario());
try {
  const inputs = {
    image: `${CLIENT}\n${SERVER}`,
    'known-uploaders': 'arn:aws:iam::111111111112:role/release-pipeline',
    'report-file': resolve(OUT, 'report.json'),
    'sarif-file': resolve(OUT, 'report.sarif'),
    'pr-comment': 'false',
  };
  rule(
    `ecr-risk-gate (node dist/index.js) against the local emulator${process.env.DEMO_NODE ? ` under ${process.env.DEMO_NODE}` : ''}`,
  );
  console.log(
    `inputs:\n${Object.entries(inputs)
      .map(([k, v]) => `  ${k}: ${v.replace(/\n/g, '\n    ')}`)
      .join('\n')}`,
  );
  // DEMO_NODE runs the bundle under another Node (npm run check:node24 uses the action's node24).
  const node = process.env.DEMO_NODE;
  const run = await runAction({ endpoint: emulator.url, inputs, ...(node ? { node } : {}) });
  rule('workflow log (annotations are the ::error / ::warning / ::notice lines)');
  process.stdout.write(run.stdout);
  rule('step outputs');
  for (const [name, value] of Object.entries(run.outputs))
    console.log(`  ${name}: ${value.replace(/\n/g, ', ')}`);
  writeFileSync(resolve(OUT, 'summary.md'), run.summary);
  copyFileSync(resolve(run.dir, 'output.txt'), resolve(OUT, 'outputs.txt'));
  rule('files');
  console.log(`  job summary (Markdown): ${resolve(OUT, 'summary.md')}`);
  console.log(`  JSON report:            ${resolve(OUT, 'report.json')}`);
  console.log(`  SARIF 2.1.0:            ${resolve(OUT, 'report.sarif')}`);
  console.log(
    `  AWS calls served:       ${emulator.requests.length} (${[...new Set(emulator.requests.map((r) => r.operation))].join(', ')})`,
  );
  rule(
    `gate exit code ${run.code} (${run.outputs.result ?? 'no result'}; 1 fails the step in mode enforce)`,
  );
  // The demo worked if the gate reached a verdict; the verdict itself is meant to be `fail`.
  process.exitCode = run.outputs.result ? 0 : 1;
} finally {
  await emulator.close();
}
