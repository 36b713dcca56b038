import type { EngineEvent } from '../model';
import type { StrategyFill, StrategyOrderUpdate } from './strategy';

type Filled = Extract<EngineEvent, { type: 'order_filled' }>;

/** A fill as the strategy's `onFill` gets it. */
export const strategyFillOf = (e: Filled): StrategyFill => ({
  clientOrderId: e.clientOrderId,
  time: e.ts,
  side: e.side,
  qty: e.qty,
  price: e.price,
  fee: e.fee,
  liquidity: e.liquidity,
});

/**
 * The strategy-facing form of an order event, or null when the event is not about one of the
 * strategy's orders (`mine`) or not an order change. A risk denial is a REJECTED update.
 */
export function orderUpdateOf(
  e: EngineEvent,
  mine: (clientOrderId: string) => boolean,
): StrategyOrderUpdate | null {
  const of = (
    clientOrderId: string,
    status: StrategyOrderUpdate['status'],
    reason: string | null,
  ) => (mine(clientOrderId) ? { clientOrderId, status, reason } : null);
  switch (e.type) {
    case 'order_accepted':
      return of(e.clientOrderId, 'ACCEPTED', null);
    case 'order_triggered':
      return of(e.clientOrderId, 'TRIGGERED', null);
    case 'order_filled':
      return of(e.clientOrderId, e.status, null);
    case 'order_cancelled':
      return of(e.clientOrderId, 'CANCELLED', e.reason);
    case 'order_expired':
      return of(e.clientOrderId, 'EXPIRED', e.reason);
    case 'order_rejected':
      return of(e.clientOrderId, 'REJECTED', e.reason);
    case 'order_denied':
      return of(e.request.clientOrderId, 'REJECTED', e.reason);
    default:
      return null;
  }
}
