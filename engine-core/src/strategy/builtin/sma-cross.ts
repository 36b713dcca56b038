import { Sma } from '../../indicators';
import type { Strategy, StrategyContext, StrategyInstance } from '../strategy';

const ALL_IN = { fraction: 1 } as const;

/**
 * The reference strategy of DESIGN §4: long-only, all-in, on crosses of two SMAs of the close.
 * A cross needs both SMAs at t and t−1.
 */
export const smaCross: Strategy = {
  name: 'sma-cross',
  description:
    'Buys all-in when the fast SMA crosses above the slow one; sells everything on the cross back.',
  params: [
    {
      name: 'fast',
      type: 'int',
      default: 10,
      min: 1,
      max: 1000,
      step: 1,
      description: 'fast SMA period (bars)',
    },
    {
      name: 'slow',
      type: 'int',
      default: 30,
      min: 2,
      max: 5000,
      step: 1,
      description: 'slow SMA period (bars)',
    },
  ],
  create(params): StrategyInstance {
    const fast = new Sma(params.fast as number);
    const slow = new Sma(params.slow as number);
    // The previous bar's SMAs live in a typed array: closure-held numbers that change every
    // bar are boxed on the heap (32 B per bar), a Float64Array slot is not.
    const prev = new Float64Array([Number.NaN, Number.NaN]);
    return {
      onBar(ctx: StrategyContext): void {
        const c = ctx.candles.close[ctx.bar] as number;
        const f = fast.update(c);
        const s = slow.update(c);
        const pf = prev[0] as number;
        const ps = prev[1] as number;
        // NaN compares false, so nothing fires until both SMAs exist at t and t−1.
        const pos = ctx.position();
        if (pos === 0 && f > s && pf <= ps)
          ctx.submit({ type: 'MARKET', side: 'BUY', size: ALL_IN });
        else if (pos > 0 && f < s && pf >= ps) ctx.closePosition();
        prev[0] = f;
        prev[1] = s;
      },
    };
  },
};
