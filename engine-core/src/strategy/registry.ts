import { smaCross } from './builtin/sma-cross';
import type { Strategy } from './strategy';

const BUILTINS: readonly Strategy[] = [smaCross];

/** The built-in strategies by name. */
export const STRATEGIES: ReadonlyMap<string, Strategy> = new Map(BUILTINS.map((s) => [s.name, s]));

/** Looks a strategy up by name; the error lists the known names. */
export function findStrategy(
  name: string,
): { ok: true; value: Strategy } | { ok: false; error: string } {
  const s = STRATEGIES.get(name);
  return s
    ? { ok: true, value: s }
    : {
        ok: false,
        error: `unknown strategy "${name}" (known: ${[...STRATEGIES.keys()].join(', ')})`,
      };
}
