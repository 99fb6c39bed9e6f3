// `npm run demo`: the gate's main job on a demo world. By default the world is built by the
// project's own builders (demo/world.ts), so it runs on a fresh clone; `--splunk` replays the real
// Splunk recordings read in place from ../shared/data/splunk. Files land in demo-output/.
import { resolve } from 'node:path';
import { runDemo, wantsColor } from './demo.js';
import { splunkWorld } from './splunk-world.js';
import { builtWorld } from './world.js';

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--splunk');
if (unknown.length > 0) {
  console.error(`npm run demo: unknown argument ${unknown.join(' ')}; accepted: --splunk`);
  process.exit(2);
}
try {
  const world = args.includes('--splunk') ? splunkWorld() : builtWorld();
  const run = await runDemo({
    world,
    out: resolve('demo-output'),
    color: wantsColor(),
    // DEMO_NODE runs the bundle under another Node (npm run check:node24 uses the action's node24).
    ...(process.env.DEMO_NODE ? { node: process.env.DEMO_NODE } : {}),
  });
  // The demo worked if the gate reached a verdict; the verdict itself is meant to be `fail`.
  process.exitCode = run.outputs.result ? 0 : 1;
} catch (error) {
  console.error(`npm run demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
