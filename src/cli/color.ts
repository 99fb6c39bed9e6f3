import type { Env } from './io.js';

// Node's own rule for FORCE_COLOR: these values force colour, any other value disables it.
const FORCING = new Set(['', '1', 'true', '2', '3']);

/**
 * Colour for a stream, decided as Node decides it: FORCE_COLOR wins (so CI logs that render ANSI
 * can ask for it, and `FORCE_COLOR=0` turns it off); else NO_COLOR set to anything non-empty turns
 * it off (no-color.org); else a terminal that is not `TERM=dumb`.
 */
export function useColor(env: Env, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return FORCING.has(force.trim().toLowerCase());
  if ((env.NO_COLOR ?? '') !== '') return false;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}
