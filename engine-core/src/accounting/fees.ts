import type { Liquidity } from '../model';

/** Maker and taker fees in basis points of notional, charged in the quote asset. */
export interface FeeSchedule {
  readonly makerBps: number;
  readonly takerBps: number;
}

/** Fee for a fill: price × qty × rate, in the quote asset (DESIGN §4). */
export function feeFor(
  fees: FeeSchedule,
  liquidity: Liquidity,
  price: number,
  qty: number,
): number {
  const bps = liquidity === 'MAKER' ? fees.makerBps : fees.takerBps;
  return (price * qty * bps) / 10_000;
}

/** The larger of the two rates, as a fraction. */
export const maxFeeRate = (fees: FeeSchedule): number =>
  Math.max(fees.makerBps, fees.takerBps) / 10_000;

/**
 * The highest fee rate an order can pay, as a fraction: what its reservation must cover. Market
 * and stop orders always take; a post-only limit always makes; other limits may do either.
 */
export function feeRateBound(
  r: { readonly type: string; readonly postOnly: boolean },
  fees: FeeSchedule,
): number {
  if (r.type === 'MARKET' || r.type === 'STOP') return fees.takerBps / 10_000;
  if (r.type === 'LIMIT' && r.postOnly) return fees.makerBps / 10_000;
  return maxFeeRate(fees);
}
