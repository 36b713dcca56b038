// The engine's order in Binance's parameters: MARKET, LIMIT (post-only → LIMIT_MAKER),
// STOP → STOP_LOSS, STOP_LIMIT → STOP_LOSS_LIMIT. Binance refuses parameters an order type does
// not take (-1106), so each type sends exactly its own.
import type { LiveOrderRequest } from '../venue-adapter';
import type { OrderNumbers } from './symbol-filters';

export type OrderParams =
  | { readonly ok: true; readonly params: readonly (readonly [string, string])[] }
  | { readonly ok: false; readonly reason: string };

export function orderParams(o: LiveOrderRequest, n: OrderNumbers): OrderParams {
  const head: [string, string][] = [
    ['symbol', o.symbol],
    ['side', o.side],
  ];
  const tail: [string, string][] = [
    ['newClientOrderId', o.clientOrderId],
    // ACK: the order id is all place() needs; fills come from the stream.
    ['newOrderRespType', 'ACK'],
  ];
  const qty: [string, string] = ['quantity', n.quantity];
  if (o.postOnly && o.type !== 'LIMIT')
    return { ok: false, reason: `post-only is for LIMIT orders on Binance, not ${o.type}` };
  switch (o.type) {
    case 'MARKET':
      return { ok: true, params: [...head, ['type', 'MARKET'], qty, ...tail] };
    case 'LIMIT':
      if (n.price === undefined) return { ok: false, reason: 'LIMIT needs a price' };
      if (o.postOnly) {
        if (o.tif !== 'GTC')
          return { ok: false, reason: `post-only orders rest (GTC), not ${o.tif}` };
        return {
          ok: true,
          params: [...head, ['type', 'LIMIT_MAKER'], qty, ['price', n.price], ...tail],
        };
      }
      return {
        ok: true,
        params: [
          ...head,
          ['type', 'LIMIT'],
          ['timeInForce', o.tif],
          qty,
          ['price', n.price],
          ...tail,
        ],
      };
    case 'STOP':
      if (n.stopPrice === undefined) return { ok: false, reason: 'STOP needs a stop price' };
      return {
        ok: true,
        params: [...head, ['type', 'STOP_LOSS'], qty, ['stopPrice', n.stopPrice], ...tail],
      };
    case 'STOP_LIMIT':
      if (n.price === undefined || n.stopPrice === undefined) {
        return { ok: false, reason: 'STOP_LIMIT needs a price and a stop price' };
      }
      return {
        ok: true,
        params: [
          ...head,
          ['type', 'STOP_LOSS_LIMIT'],
          ['timeInForce', o.tif],
          qty,
          ['price', n.price],
          ['stopPrice', n.stopPrice],
          ...tail,
        ],
      };
  }
}
