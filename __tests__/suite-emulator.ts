// One emulator per test file: started before the suite, closed after it. Returns a getter, since
// the emulator exists only once `beforeAll` has run.
import { afterAll, beforeAll } from '@jest/globals';
import {
  singleImage,
  startEmulator,
  type Emulator,
  type ScanSpec,
  type Scenario,
} from '../emulator/index.js';

/** Account 123456789012, eu-central-1, `app:v1` with the given scan (default: a clean one). */
export function oneAppImage(scan: ScanSpec = {}): Scenario {
  return {
    accountId: '123456789012',
    region: 'eu-central-1',
    repositories: [{ name: 'app' }],
    images: [singleImage({ repository: 'app', tags: ['v1'], scan })],
  };
}

export function suiteEmulator(scenario: Scenario): () => Emulator {
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator(scenario);
  });
  afterAll(() => emulator?.close());
  return () => {
    if (!emulator) throw new Error('the suite emulator is not started (call it inside a test)');
    return emulator;
  };
}
