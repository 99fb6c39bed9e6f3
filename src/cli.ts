import { runCli } from './cli/run.js';

// The SDK is bundled at a fixed version that runs on Node 20; its warning about what future SDK
// releases will require is not something a user of this tool can act on.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// `ecr-risk-gate ... | head` closes the pipe early: that is the reader's choice, not a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

const drained = (stream: NodeJS.WriteStream): Promise<void> =>
  new Promise((done) => {
    if (stream.writableLength === 0) done();
    else stream.write('', () => done());
  });

async function main(): Promise<void> {
  const code = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    isTTY: { stdout: process.stdout.isTTY === true, stderr: process.stderr.isTTY === true },
  });
  // The verdict is out: an abandoned SDK retry or back-off timer must not keep the process
  // alive (issue 19 §3). Exit once what was written has reached the OS.
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  process.exit(code);
}

void main();
