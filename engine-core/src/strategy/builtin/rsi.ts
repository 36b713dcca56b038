import { Rsi } from '../../indicators';
import type { Strategy, StrategyInstance } from '../strategy';
import { type SeedSignal, seedLongOnly } from './seed-long-only';
import { SEED_SIZING_PARAMS } from './seed-sizing';

/**
 * The seed's `rsi`: Wilder RSI of the close. +1 at the close of bar t when RSI crosses up through
 * `oversold` (`rsi[t−1] < oversold ≤ rsi[t]`), −1 when it crosses down through `overbought`
 * (`rsi[t−1] > overbought ≥ rsi[t]`); both need RSI at t and t−1. So it buys the turn out of
 * oversold, not the dip itself, and sells the turn down from overbought. Sized and stopped by
 * the seed's sizing params (see `seed-sizing.ts`).
 */
export const rsiStrategy: Strategy = {
  name: 'rsi',
  description:
    'The seed’s RSI strategy: buys when RSI crosses up through oversold, sells when it crosses down through overbought; seed sizing.',
  params: [
    {
      name: 'period',
      type: 'int',
      default: 14,
      min: 2,
      max: 500,
      step: 1,
      description: 'RSI period (bars, Wilder smoothing)',
    },
    {
      name: 'overbought',
      type: 'float',
      default: 70,
      min: 50,
      max: 99,
      step: 1,
      description: 'sell when RSI crosses down through this level (RSI points, 0–100)',
    },
    {
      name: 'oversold',
      type: 'float',
      default: 30,
      min: 1,
      max: 50,
      step: 1,
      description: 'buy when RSI crosses up through this level (RSI points, 0–100)',
    },
    ...SEED_SIZING_PARAMS,
  ],
  create(params): StrategyInstance {
    const rsi = new Rsi(params.period as number);
    const overbought = params.overbought as number;
    const oversold = params.oversold as number;
    let prev = Number.NaN;
    return seedLongOnly(params, (c): SeedSignal => {
      const r = rsi.update(c);
      // NaN compares false: no signal until RSI exists at t and t−1.
      const out: SeedSignal =
        prev < oversold && r >= oversold ? 1 : prev > overbought && r <= overbought ? -1 : 0;
      prev = r;
      return out;
    });
  },
};
