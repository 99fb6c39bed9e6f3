// The timing scenarios of issue 13 §2-3 (critical-path.ts, many-gates.ts) as `npm run bench`
// sees them: `--only critical-path,many-gates` runs just these; a full run ends with both.
import { join } from 'node:path';
import { criticalPathTable, runCriticalPath, type CriticalPathSummary } from './critical-path.js';
import { manyGatesTable, runManyGates, type ManyGatesSummary } from './many-gates.js';

export const TIMING_IDS = ['critical-path', 'many-gates'] as const;

export interface TimingSplit {
  /** argv without the timing ids (what run.ts's own parser accepts). */
  rest: string[];
  timing: string[];
  /** `--only` named timing scenarios and nothing else. */
  onlyTiming: boolean;
}

export function splitTimingArgs(argv: readonly string[]): TimingSplit {
  const rest: string[] = [];
  const timing: string[] = [];
  let onlyTiming = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const inline = arg.startsWith('--only=') ? arg.slice('--only='.length) : undefined;
    const value = inline ?? (arg === '--only' ? argv[i + 1] : undefined);
    if (value === undefined) {
      rest.push(arg);
      continue;
    }
    if (inline === undefined) i += 1;
    const ids = value.split(',').map((s) => s.trim());
    const mine = ids.filter((id) => (TIMING_IDS as readonly string[]).includes(id));
    const others = ids.filter((id) => !mine.includes(id));
    timing.push(...mine);
    if (others.length > 0) rest.push('--only', others.join(','));
    else onlyTiming = mine.length > 0;
  }
  return { rest, timing, onlyTiming };
}

export interface TimingResults {
  criticalPath?: CriticalPathSummary;
  manyGates?: ManyGatesSummary;
  text: string;
  /** Every gate gave the right answer. */
  ok: boolean;
}

export async function runTimingBenches(
  ids: readonly string[],
  options: { latencyMs: number; bundle: string; workDir: string },
): Promise<TimingResults> {
  const out: TimingResults = { text: '', ok: true };
  const parts: string[] = [];
  if (ids.includes('critical-path')) {
    const s = await runCriticalPath({
      gates: 32,
      batch: 8,
      scale: 20,
      seed: 1,
      latencyMs: options.latencyMs,
      scan: 'basic-scan',
      bundle: options.bundle,
      workDir: join(options.workDir, 'critical-path'),
    });
    out.criticalPath = s;
    out.ok &&= s.wrong === 0;
    parts.push(criticalPathTable(s));
  }
  if (ids.includes('many-gates')) {
    const s = await runManyGates({
      gates: 30,
      scale: 20,
      seed: 1,
      latencyMs: options.latencyMs,
      bundle: options.bundle,
      workDir: join(options.workDir, 'many-gates'),
    });
    out.manyGates = s;
    out.ok &&= s.wrong === 0;
    parts.push(manyGatesTable(s));
  }
  out.text = parts.join('\n\n');
  return out;
}
