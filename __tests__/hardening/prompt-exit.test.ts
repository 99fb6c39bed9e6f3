// Issue 19 §3: after the verdict was printed, abandoned SDK retries and back-off timers kept the
// process alive another 9–10 s under a throttling storm. The step ends as soon as its last line
// (the verdict's failure line) is out.
import { startEmulator, type Emulator } from '../../emulator/index.js';
import { runAction } from '../e2e/run-action.js';
import { IMAGE, scenarioOf } from './fault-world.js';

let emulator: Emulator;
afterEach(() => emulator.close());

test('a throttling storm on every ECR and CloudTrail call: the process ends right after the verdict', async () => {
  emulator = await startEmulator(
    scenarioOf(
      {
        faults: [
          { operation: 'DescribeImageScanFindings', kind: 'throttle' },
          { operation: 'LookupEvents', kind: 'throttle' },
        ],
      },
      Date.now(),
    ),
  );
  const run = await runAction({
    endpoint: emulator.url,
    inputs: {
      image: IMAGE,
      'scan-timeout': '3',
      'uploader-timeout': '3',
      'pr-comment': 'false',
    },
    killAfterMs: 60_000,
  });
  // No usable scan within scan-timeout: scan-incomplete fails closed (SPEC section 2).
  expect(run.outputs.result).toBe('fail');
  expect(run.code).toBe(1);
  expect(run.lingerMs).toBeLessThan(1_500);
}, 90_000);
