// Serves a scenario until SIGTERM/SIGINT. Prints exactly one line on stdout when ready:
//   EMULATOR_URL=http://127.0.0.1:PORT
// Usage: npx tsx emulator/cli.ts --scenario <file.json|splunk-scan|splunk-upload> [--port N]
import { parseArgs } from 'node:util';
import { splunkScanScenario, splunkUploadScenario } from './builders.js';
import { loadScenario } from './load.js';
import type { Scenario } from './scenario.js';
import { startEmulator } from './server.js';

const PRESETS: Record<string, () => Scenario> = {
  'splunk-scan': () => splunkScanScenario(),
  'splunk-upload': () => splunkUploadScenario(),
};

const USAGE =
  'Usage: tsx emulator/cli.ts --scenario <file.json|splunk-scan|splunk-upload> [--port N]';

function fail(message: string): never {
  process.stderr.write(`emulator: ${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: { scenario?: string; port?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        scenario: { type: 'string' },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.scenario) fail('--scenario is required.');
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!/^\d+$/.test(values.port ?? '0') || port > 65535) {
    fail(`--port: ${JSON.stringify(values.port)} is not valid. Expected an integer 0-65535.`);
  }
  let scenario: Scenario;
  try {
    const preset = PRESETS[values.scenario];
    scenario = preset ? preset() : loadScenario(values.scenario);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const emulator = await startEmulator(scenario, { port }).catch((error: unknown) =>
    fail(error instanceof Error ? error.message : String(error)),
  );
  process.stdout.write(`EMULATOR_URL=${emulator.url}\n`);
  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

void main();
