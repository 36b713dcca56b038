import { Sma } from '../../indicators';
import type { Strategy, StrategyInstance } from '../strategy';
import { type SeedSignal, seedLongOnly } from './seed-long-only';
import { SEED_SIZING_PARAMS } from './seed-sizing';

/**
 * The seed's `ma-crossover`: SMAs of the close; +1 at the close of bar t when
 * `fast[t] > slow[t]` and `fast[t−1] ≤ slow[t−1]`, −1 when `fast[t] < slow[t]` and
 * `fast[t−1] ≥ slow[t−1]` (both SMAs needed at t and t−1: the rule of `sma-cross`). Sized and
 * stopped by the seed's sizing params (see `seed-sizing.ts`).
 */
export const maCrossover: Strategy = {
  name: 'ma-crossover',
  description:
    'The seed’s MA crossover: buys when the fast SMA crosses above the slow one, sells on the cross back; seed sizing (risk per trade, max position).',
  params: [
    {
      name: 'fast_period',
      type: 'int',
      default: 10,
      min: 1,
      max: 1000,
      step: 1,
      description: 'fast SMA period (bars)',
    },
    {
      name: 'slow_period',
      type: 'int',
      default: 20,
      min: 2,
      max: 5000,
      step: 1,
      description: 'slow SMA period (bars)',
    },
    ...SEED_SIZING_PARAMS,
  ],
  create(params): StrategyInstance {
    const fast = new Sma(params.fast_period as number);
    const slow = new Sma(params.slow_period as number);
    let pf = Number.NaN;
    let ps = Number.NaN;
    return seedLongOnly(params, (c): SeedSignal => {
      const f = fast.update(c);
      const s = slow.update(c);
      // NaN compares false: no signal until both SMAs exist at t and t−1.
      const out: SeedSignal = f > s && pf <= ps ? 1 : f < s && pf >= ps ? -1 : 0;
      pf = f;
      ps = s;
      return out;
    });
  },
};
