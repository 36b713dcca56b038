import { Bollinger } from '../../indicators';
import type { Strategy, StrategyInstance } from '../strategy';
import { type SeedSignal, seedLongOnly } from './seed-long-only';
import { SEED_SIZING_PARAMS } from './seed-sizing';

/**
 * The seed's `bollinger`, mean reversion: bands of `period` bars at `std_dev` population σ. +1 at
 * the close of bar t when `close < lower`; −1 when `close ≥ middle` (or `close ≥ upper` with
 * `exit_at_upper`). Sized and stopped by the seed's sizing params (see `seed-sizing.ts`).
 */
export const bollingerStrategy: Strategy = {
  name: 'bollinger',
  description:
    'The seed’s Bollinger mean reversion: buys a close below the lower band, exits at the middle band (or the upper one); seed sizing.',
  params: [
    {
      name: 'period',
      type: 'int',
      default: 20,
      min: 2,
      max: 1000,
      step: 1,
      description: 'Bollinger period (bars)',
    },
    {
      name: 'std_dev',
      type: 'float',
      default: 2,
      min: 0.5,
      max: 5,
      step: 0.1,
      description: 'band width, in population standard deviations',
    },
    {
      name: 'exit_at_upper',
      type: 'bool',
      default: false,
      description: 'exit at a close at or above the upper band instead of the middle band',
    },
    ...SEED_SIZING_PARAMS,
  ],
  create(params): StrategyInstance {
    const bands = new Bollinger(params.period as number, params.std_dev as number);
    const atUpper = params.exit_at_upper === true;
    return seedLongOnly(params, (c): SeedSignal => {
      bands.update(c);
      // NaN compares false: no signal before the bands exist.
      if (c < bands.lower) return 1;
      return c >= (atUpper ? bands.upper : bands.middle) ? -1 : 0;
    });
  },
};
