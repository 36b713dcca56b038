import type { ParamSpec, ParamValues } from '../params';

/**
 * The seed's position sizing, as params shared by its strategies (`ma-crossover`, `rsi`,
 * `bollinger`). Long-only entries from flat, so equity = cash at the signal.
 * - `risk_per_trade` 0 (default): all-in up to the cap, `{ fraction: max_position_size }`, no
 *   stop: with the defaults a seed strategy trades exactly like `sma-cross` does.
 * - `risk_per_trade` r > 0: the stop is `entry × (1 − stop_loss)`, with the entry estimated by
 *   the signal bar's close, and `qty = equity × r / |entry − stop|`, so a stop hit at that price
 *   loses r of equity.
 * - `max_position_size` m caps the position's notional at `m × equity` (a fraction of equity,
 *   not a quantity: spot cannot borrow, so m ≤ 1).
 * The order is sized as the fraction of cash `min(qty × entry / equity, m)`, resolved at fill
 * time like every fraction order (DESIGN §4), so it never needs more cash than there is (a fixed
 * qty near the cap would be rejected after a gap up or with the fee). The filled qty is then the
 * formula's `× entry / (fill × (1 + fee))`: exactly it for a fill at the signal close without fee.
 */
export const SEED_SIZING_PARAMS: readonly ParamSpec[] = [
  {
    name: 'risk_per_trade',
    type: 'float',
    default: 0,
    min: 0,
    max: 1,
    step: 0.005,
    description:
      'fraction of equity lost if the stop is hit: qty = equity × risk_per_trade / (entry − stop); 0 = all-in (up to max_position_size), no stop',
  },
  {
    name: 'stop_loss',
    type: 'float',
    default: 0.02,
    min: 0.001,
    max: 0.5,
    step: 0.005,
    description:
      'stop distance below the entry (the signal close), as a fraction; used only when risk_per_trade > 0',
  },
  {
    name: 'max_position_size',
    type: 'float',
    default: 1,
    min: 0.01,
    max: 1,
    step: 0.01,
    description: 'cap on the position notional, as a fraction of equity (1 = all of it)',
  },
];

/** The sizing params of one run, read once. */
export interface SeedSizing {
  readonly riskPerTrade: number;
  readonly stopLoss: number;
  readonly maxPositionSize: number;
}

/** Reads the sizing params from resolved values. */
export function seedSizing(p: ParamValues): SeedSizing {
  return {
    riskPerTrade: p.risk_per_trade as number,
    stopLoss: p.stop_loss as number,
    maxPositionSize: p.max_position_size as number,
  };
}

/** An entry order's size, as a fraction of cash, and its protective stop (null without one). */
export interface EntryPlan {
  readonly size: { readonly fraction: number };
  readonly stop: number | null;
}

/** The size and stop of a long entry decided at `entry` (the signal close) with `equity`. */
export function planEntry(s: SeedSizing, equity: number, entry: number): EntryPlan {
  if (s.riskPerTrade <= 0) return { size: { fraction: s.maxPositionSize }, stop: null };
  const stop = entry * (1 - s.stopLoss);
  const qty = (equity * s.riskPerTrade) / (entry - stop);
  return { size: { fraction: Math.min((qty * entry) / equity, s.maxPositionSize) }, stop };
}
