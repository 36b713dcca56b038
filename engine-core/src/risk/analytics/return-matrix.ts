import { assert } from '../../util';

/**
 * Per-period simple returns (r = p_t / p_{t−1} − 1) of k assets over the same n periods, one
 * column per asset, aligned in time. Exposures elsewhere are given in the same asset order.
 */
export interface ReturnMatrix {
  readonly columns: readonly Float64Array[];
}

/** Number of periods (rows); fails when the columns differ in length. */
export function periods(m: ReturnMatrix): number {
  const first = m.columns[0];
  assert(first !== undefined, 'a return matrix needs at least one asset');
  for (const c of m.columns) assert(c.length === first.length, 'return columns differ in length');
  return first.length;
}

/** Simple returns of a price column: close[t] / close[t−1] − 1, length n − 1. */
export function simpleReturns(prices: ArrayLike<number>): Float64Array {
  const out = new Float64Array(Math.max(0, prices.length - 1));
  for (let t = 1; t < prices.length; t++) {
    out[t - 1] = (prices[t] as number) / (prices[t - 1] as number) - 1;
  }
  return out;
}

/**
 * Profit and loss of holding `exposures` (signed value per asset, account currency) over each
 * window of `horizon` consecutive periods (overlapping; each asset's returns compounded), so the
 * result has n − horizon + 1 entries. horizon 1 gives Σ w_i r_i per period.
 */
export function portfolioPnl(
  m: ReturnMatrix,
  exposures: ArrayLike<number>,
  horizon = 1,
): Float64Array {
  const n = periods(m);
  const k = m.columns.length;
  assert(exposures.length === k, `${exposures.length} exposures for ${k} assets`);
  assert(Number.isInteger(horizon) && horizon >= 1, `horizon must be a whole number ≥ 1`);
  const out = new Float64Array(Math.max(0, n - horizon + 1));
  for (let t = 0; t < out.length; t++) {
    let pnl = 0;
    for (let i = 0; i < k; i++) {
      const col = m.columns[i] as Float64Array;
      let growth = 1;
      for (let s = t; s < t + horizon; s++) growth *= 1 + (col[s] as number);
      pnl += (exposures[i] as number) * (growth - 1);
    }
    out[t] = pnl;
  }
  return out;
}
