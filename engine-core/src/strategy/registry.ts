import { bollingerStrategy } from './builtin/bollinger';
import { grid } from './builtin/grid';
import { maCrossover } from './builtin/ma-crossover';
import { marketMaking } from './builtin/market-making';
import { meanReversion } from './builtin/mean-reversion';
import { momentum } from './builtin/momentum';
import { rsiStrategy } from './builtin/rsi';
import { smaCross } from './builtin/sma-cross';
import { trend } from './builtin/trend';
import type { Strategy } from './strategy';

/** In the order the UI lists them; the reference strategy first. */
const BUILTINS: readonly Strategy[] = [
  smaCross,
  trend,
  meanReversion,
  momentum,
  grid,
  marketMaking,
  // The seed's strategies under their own names and defaults.
  maCrossover,
  rsiStrategy,
  bollingerStrategy,
];

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
