// A symbol's trading rules from exchangeInfo, and an order's quantity and prices put on the
// symbol's grid (decimal strings, as Binance wants them) or refused with the rule and numbers.
import type { LiveOrderRequest } from '../venue-adapter';

/** The filters of one symbol that the adapter checks before sending. */
export interface SymbolRules {
  readonly symbol: string;
  readonly baseAsset: string;
  readonly quoteAsset: string;
  readonly tickSize: string;
  readonly minPrice: number;
  readonly maxPrice: number;
  readonly stepSize: string;
  readonly minQty: number;
  readonly maxQty: number;
  readonly minNotional: number;
  /** Whether min notional also applies to MARKET orders (checked at the venue's average price). */
  readonly notionalAppliesToMarket: boolean;
}

/** An order's numbers as sent to Binance. */
export interface OrderNumbers {
  readonly quantity: string;
  readonly price?: string;
  readonly stopPrice?: string;
}

export type Prepared =
  | { readonly ok: true; readonly numbers: OrderNumbers }
  | { readonly ok: false; readonly reason: string };

/** Decimal places of a step written by Binance ("0.00100000" → 3). */
function decimals(step: string): number {
  const dot = step.indexOf('.');
  if (dot < 0) return 0;
  return step.slice(dot + 1).replace(/0+$/, '').length;
}

type Rounding = 'down' | 'up' | 'nearest';

/** `v` on the grid of `step`, as a decimal string; `null` when the step is 0 (no grid). */
export function toGrid(v: number, step: string, mode: Rounding): string {
  const s = Number(step);
  const d = decimals(step);
  if (!(s > 0)) return v.toFixed(Math.max(d, 8)).replace(/\.?0+$/, '');
  const k = v / s;
  // Absorbs binary noise in the step count (0.3 / 0.1 = 2.9999999999999996 is 3 steps;
  // 10000 / 0.00001 = 999999999.9999999 is 1e9), relative to its size, far below one step.
  const eps = 1e-9 + Math.abs(k) * 1e-12;
  const n =
    mode === 'down' ? Math.floor(k + eps) : mode === 'up' ? Math.ceil(k - eps) : Math.round(k);
  return (n * s).toFixed(d);
}

/**
 * Quantity rounded down to the step (never more than asked); a BUY limit rounded down to the
 * tick and a SELL limit up (never a worse price than asked); a stop price to the nearest tick.
 */
export function prepareOrder(o: LiveOrderRequest, r: SymbolRules): Prepared {
  const fail = (reason: string): Prepared => ({ ok: false, reason });
  if (!(o.qty > 0) || !Number.isFinite(o.qty)) return fail(`qty must be > 0 (got ${o.qty})`);
  const quantity = toGrid(o.qty, r.stepSize, 'down');
  const q = Number(quantity);
  if (q < r.minQty) {
    return fail(
      `LOT_SIZE: qty ${o.qty} rounds to ${quantity} at step ${Number(r.stepSize)}, below minQty ${r.minQty}`,
    );
  }
  if (q > r.maxQty) return fail(`LOT_SIZE: qty ${quantity} > maxQty ${r.maxQty}`);
  const hasLimit = o.type === 'LIMIT' || o.type === 'STOP_LIMIT';
  const hasStop = o.type === 'STOP' || o.type === 'STOP_LIMIT';
  let price: string | undefined;
  let stopPrice: string | undefined;
  if (hasLimit) {
    if (o.price === undefined || !(o.price > 0)) return fail(`${o.type} needs a price > 0`);
    price = toGrid(o.price, r.tickSize, o.side === 'BUY' ? 'down' : 'up');
    const p = Number(price);
    if (p < r.minPrice || p > r.maxPrice) {
      return fail(`PRICE_FILTER: price ${price} outside [${r.minPrice}, ${r.maxPrice}]`);
    }
  }
  if (hasStop) {
    if (o.stopPrice === undefined || !(o.stopPrice > 0))
      return fail(`${o.type} needs a stop price > 0`);
    stopPrice = toGrid(o.stopPrice, r.tickSize, 'nearest');
    const p = Number(stopPrice);
    if (p < r.minPrice || p > r.maxPrice) {
      return fail(`PRICE_FILTER: stop price ${stopPrice} outside [${r.minPrice}, ${r.maxPrice}]`);
    }
  }
  const refPrice = price ?? stopPrice;
  if (refPrice !== undefined) {
    const notional = q * Number(refPrice);
    if (notional < r.minNotional - 1e-12) {
      return fail(
        `NOTIONAL: ${quantity} × ${refPrice} = ${Number(notional.toFixed(8))} < minNotional ${r.minNotional}`,
      );
    }
  }
  return {
    ok: true,
    numbers: {
      quantity,
      ...(price !== undefined ? { price } : {}),
      ...(stopPrice !== undefined ? { stopPrice } : {}),
    },
  };
}
