// Ticket orders: their shape checked at the boundary (they come over postMessage from any tab)
// and the client order ids the worker gives them. The instrument's filters (tick, lot, minimum
// notional), funds and risk limits are the engine's to check; its refusal carries the reason.
import type { EngineState } from '../../../engine-core/src/engine';
import {
  type ClientOrderId,
  clientOrderId,
  type OrderRequest,
  type SymbolId,
} from '../../../engine-core/src/model';
import type { TicketOrder } from './paper-api';

/** Ticket orders' ids are `t1`, `t2`, …; a hosted strategy's are `st-1`, …. */
export const TICKET_PREFIX = 't';
const TICKET_ID = /^t(\d+)$/;

/** The number after the highest ticket id the engine knows (1 for a new account). */
export function nextTicketNumber(state: Readonly<EngineState>): number {
  let max = 0;
  for (const id of state.orders.keys()) {
    const m = TICKET_ID.exec(id);
    if (m !== null) max = Math.max(max, Number(m[1]));
  }
  return max + 1;
}

/** The ticket id of number `n`. */
export const ticketId = (n: number): ClientOrderId => clientOrderId(`${TICKET_PREFIX}${n}`);

const finitePositive = (x: unknown): x is number =>
  typeof x === 'number' && Number.isFinite(x) && x > 0;

/**
 * The order request of a ticket, or why it is malformed (a wrong type, a missing price): only
 * the shape, with the fields the type needs; the values are the engine's to judge.
 */
export function ticketRequest(
  t: TicketOrder,
  id: ClientOrderId,
  symbol: SymbolId,
): { ok: true; value: OrderRequest } | { ok: false; error: string } {
  const o = t as unknown as Record<string, unknown>;
  if (typeof o !== 'object' || o === null) return { ok: false, error: 'order: not an object' };
  if (o.side !== 'BUY' && o.side !== 'SELL') return { ok: false, error: 'side: BUY or SELL' };
  if (!finitePositive(o.qty)) return { ok: false, error: 'qty: must be a number > 0' };
  const tif = o.tif ?? 'GTC';
  if (tif !== 'GTC' && tif !== 'IOC' && tif !== 'FOK')
    return { ok: false, error: 'tif: GTC, IOC or FOK' };
  const base = {
    clientOrderId: id,
    symbol,
    side: o.side,
    qty: o.qty,
    tif,
    postOnly: o.postOnly === true,
    reduceOnly: o.reduceOnly === true,
  } as const;
  switch (o.type) {
    case 'MARKET':
      return { ok: true, value: { ...base, type: 'MARKET' } };
    case 'LIMIT':
      if (!finitePositive(o.price)) return { ok: false, error: 'price: must be a number > 0' };
      return { ok: true, value: { ...base, type: 'LIMIT', price: o.price } };
    case 'STOP':
      if (!finitePositive(o.stopPrice))
        return { ok: false, error: 'stop price: must be a number > 0' };
      return { ok: true, value: { ...base, type: 'STOP', stopPrice: o.stopPrice } };
    case 'STOP_LIMIT':
      if (!finitePositive(o.stopPrice))
        return { ok: false, error: 'stop price: must be a number > 0' };
      if (!finitePositive(o.price)) return { ok: false, error: 'price: must be a number > 0' };
      return {
        ok: true,
        value: { ...base, type: 'STOP_LIMIT', stopPrice: o.stopPrice, price: o.price },
      };
    default:
      return { ok: false, error: 'type: MARKET, LIMIT, STOP or STOP_LIMIT' };
  }
}
