import type { EngineState } from '../engine/engine-state';
import { type Instrument, limitPrice, type OrderRequest, stopPrice } from '../model';
import { fmt } from '../util';

/** True when `x` is an integer multiple of `step` up to float noise; a step of 0 means any. */
export function isMultipleOf(x: number, step: number): boolean {
  if (step === 0) return true;
  const k = x / step;
  return Math.abs(k - Math.round(k)) <= 1e-9 * Math.max(1, Math.abs(k));
}

/**
 * Checks an order against its instrument's filters and the position (reduce-only).
 * Returns the reason for a rejection, naming the filter and the numbers, or null.
 */
export function validateOrder(
  r: OrderRequest,
  inst: Instrument,
  refPrice: number,
  state: EngineState,
): string | null {
  if (r.qty < inst.minQty) return `min_qty: ${fmt(r.qty)} < ${fmt(inst.minQty)}`;
  if (!isMultipleOf(r.qty, inst.lotSize)) {
    return `lot_size: qty ${fmt(r.qty)} is not a multiple of ${fmt(inst.lotSize)}`;
  }
  const px = limitPrice(r);
  if (px !== null && !isMultipleOf(px, inst.tickSize)) {
    return `tick_size: price ${fmt(px)} is not a multiple of ${fmt(inst.tickSize)}`;
  }
  const stop = stopPrice(r);
  if (stop !== null && !isMultipleOf(stop, inst.tickSize)) {
    return `tick_size: stop ${fmt(stop)} is not a multiple of ${fmt(inst.tickSize)}`;
  }
  const notional = r.qty * refPrice;
  if (notional < inst.minNotional) {
    return `min_notional: ${fmt(notional)} < ${fmt(inst.minNotional)}`;
  }
  if (r.postOnly && r.type !== 'LIMIT') return 'post_only: only LIMIT orders can be post-only';
  if (r.reduceOnly) {
    const pos = state.positions.get(r.symbol)?.qty ?? 0;
    const reducing = r.side === 'BUY' ? -pos : pos;
    if (reducing <= 0) return `reduce_only: position ${fmt(pos)} cannot be reduced by a ${r.side}`;
    if (r.qty > reducing * (1 + 1e-12)) {
      return `reduce_only: qty ${fmt(r.qty)} > position ${fmt(reducing)}`;
    }
  }
  return null;
}
