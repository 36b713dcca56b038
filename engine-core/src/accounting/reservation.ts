import type { Instrument, OrderRequest, Reservation } from '../model';
import { type FeeSchedule, feeRateBound } from './fees';

/**
 * Worst price an order can fill at, which bounds what it must reserve: the limit price, or for
 * market and stop orders the reference price moved by the market-protection fraction.
 */
export function worstFillPrice(r: OrderRequest, refPrice: number, protection: number): number {
  const slip = r.side === 'BUY' ? 1 + protection : 1 - protection;
  switch (r.type) {
    case 'LIMIT':
    case 'STOP_LIMIT':
      return r.price;
    case 'STOP':
      return r.stopPrice * slip;
    case 'MARKET':
      return refPrice * slip;
  }
}

/**
 * Funds an order locks while open: a buy locks quote for qty × worst price plus the fee,
 * a sell locks the base quantity (its fee comes out of the proceeds). A reduce-only order locks
 * nothing: it can only give back what the position holds, and its fills are capped at that (so
 * a take-profit and a stop-loss can both guard the same position).
 */
export function reservationFor(
  r: OrderRequest,
  inst: Instrument,
  refPrice: number,
  fees: FeeSchedule,
  protection: number,
): Reservation | null {
  if (r.reduceOnly) return null;
  if (inst.margin !== undefined) {
    // A perpetual locks initial margin plus the fee, at the worst price either way: a short's
    // margin grows with the price it sells at.
    const px = Math.max(
      worstFillPrice(r, refPrice, protection),
      limitOrRef(r, refPrice) * (1 + protection),
    );
    return {
      asset: inst.quote,
      amount: r.qty * px * (1 / inst.margin.leverage + feeRateBound(r, fees)),
    };
  }
  if (r.side === 'SELL') return { asset: inst.base, amount: r.qty };
  const px = worstFillPrice(r, refPrice, protection);
  return { asset: inst.quote, amount: r.qty * px * (1 + feeRateBound(r, fees)) };
}

function limitOrRef(r: OrderRequest, refPrice: number): number {
  return r.type === 'LIMIT' || r.type === 'STOP_LIMIT'
    ? r.price
    : r.type === 'STOP'
      ? r.stopPrice
      : refPrice;
}
