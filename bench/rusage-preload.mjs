// Preloaded into the gate's process by the benchmark (`node --import`): writes the process's own
// CPU time and peak RSS when it exits, so the product itself carries no measuring hook.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RUSAGE_FILE;
if (file) {
  process.on('exit', (code) => {
    const usage = process.resourceUsage();
    writeFileSync(
      file,
      JSON.stringify({
        code,
        userUs: usage.userCPUTime,
        systemUs: usage.systemCPUTime,
        maxRssKb: usage.maxRSS,
        uptimeMs: process.uptime() * 1000,
      }),
    );
  });
}
