import type { Env } from './io.js';

/**
 * Colour for a stream, as Node and chalk decide it: FORCE_COLOR wins (`0`/`false` turn colour
 * off, any other value on, so CI logs that render ANSI can ask for it); else NO_COLOR set to
 * anything non-empty turns it off (no-color.org); else a terminal that is not `TERM=dumb`.
 */
export function useColor(env: Env, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.trim().toLowerCase());
  if ((env.NO_COLOR ?? '') !== '') return false;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}
