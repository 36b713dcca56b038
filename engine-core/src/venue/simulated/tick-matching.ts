import type { Liquidity, OrderRequest, OrderState } from '../../model';

/** A fill decided by the matcher. */
export interface MatchFill {
  readonly price: number;
  readonly liquidity: Liquidity;
}

/** True when a stop order's trigger is hit at price p. */
export function stopHit(r: OrderRequest, p: number): boolean {
  if (r.type !== 'STOP' && r.type !== 'STOP_LIMIT') return false;
  return r.side === 'BUY' ? p >= r.stopPrice : p <= r.stopPrice;
}

/** True when a limit at `limit` would trade against price p. */
export function limitCrosses(r: OrderRequest, limit: number, p: number): boolean {
  return r.side === 'BUY' ? p <= limit : p >= limit;
}

/** True when a market-like fill at p stays inside the protection price. */
export function withinProtection(r: OrderRequest, p: number, protectionPrice: number): boolean {
  return r.side === 'BUY' ? p <= protectionPrice : p >= protectionPrice;
}

/**
 * An order a venue keeps on its book once accepted: a GTC limit, or a stop (until it triggers;
 * a triggered stop-limit rests as a GTC limit). Market orders, IOC and FOK act on arrival only.
 */
export function restsOnBook(o: OrderState): boolean {
  const r = o.request;
  switch (r.type) {
    case 'MARKET':
      return false;
    case 'LIMIT':
      return r.tif === 'GTC';
    case 'STOP':
      return !o.triggered;
    case 'STOP_LIMIT':
      return !o.triggered || r.tif === 'GTC';
  }
}
