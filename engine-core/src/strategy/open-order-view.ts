import type { OrderState } from '../model';
import type { StrategyOpenOrder } from './strategy';

/** How a strategy sees one of its working orders (backtest and paper/live alike). */
export function openOrderView(o: OrderState): StrategyOpenOrder {
  const r = o.request;
  return {
    clientOrderId: r.clientOrderId,
    side: r.side,
    type: r.type,
    qty: r.qty,
    filledQty: o.executedQty,
    price: r.type === 'LIMIT' || r.type === 'STOP_LIMIT' ? r.price : null,
    stopPrice: r.type === 'STOP' || r.type === 'STOP_LIMIT' ? r.stopPrice : null,
    reduceOnly: r.reduceOnly,
  };
}
