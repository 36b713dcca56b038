// The checked ticket (the Paper page's checkTicket output) as POST /api/order's body.
import type { OrderRequestBody } from '../../live';
import type { TicketOrder } from '../../paper/paper-api';

/** The body for `symbol`: only the fields the order's type takes (the server refuses others). */
export function orderBody(symbol: string, o: TicketOrder): OrderRequestBody {
  const common = {
    side: o.side,
    symbol,
    qty: o.qty,
    tif: o.tif,
    reduce_only: o.reduceOnly,
  } as const;
  switch (o.type) {
    case 'MARKET':
      return { ...common, type: 'MARKET' };
    case 'LIMIT':
      return { ...common, type: 'LIMIT', price: o.price, post_only: o.postOnly };
    case 'STOP':
      return { ...common, type: 'STOP', stop: o.stopPrice };
    case 'STOP_LIMIT':
      return { ...common, type: 'STOP_LIMIT', price: o.price, stop: o.stopPrice };
  }
}
