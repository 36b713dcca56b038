import type { BalanceView, PositionView } from '../model/account';
import type { EngineEvent } from '../model/events';
import type { ClientOrderId } from '../model/ids';
import {
  avgPrice,
  limitPrice,
  type OrderRequest,
  type OrderState,
  type OrderStatus,
  stopPrice,
} from '../model/order';
import { assertNever } from '../util/assert';
import { encodeWire, exactNs } from './encode-wire';

/** Finds an order's current state, to enrich updates that carry only its id. */
export type OrderLookup = (id: ClientOrderId) => OrderState | undefined;

/**
 * An `order_update` for an order known by id: the order's symbol, side, qty and limit price come
 * from its looked-up state when there is one. Written as one literal (no spread: hot path).
 */
function updateById(
  ts: number,
  id: ClientOrderId,
  status: OrderStatus,
  o: OrderState | undefined,
  reason: string | null | undefined,
  triggered: true | undefined,
): string {
  const r = o?.request;
  return encodeWire('order_update', ts, {
    client_order_id: id,
    status,
    symbol: r?.symbol,
    side: r?.side,
    qty: r?.qty,
    price: r === undefined ? undefined : limitPrice(r),
    reason,
    triggered,
  });
}

function submitted(ts: number, r: OrderRequest): string {
  return encodeWire('order_update', ts, {
    client_order_id: r.clientOrderId,
    status: 'NEW',
    symbol: r.symbol,
    side: r.side,
    qty: r.qty,
    price: limitPrice(r),
    order_type: r.type,
    stop: stopPrice(r),
  });
}

function orderState(ts: number, o: OrderState): string {
  const r = o.request;
  return encodeWire('order_state', ts, {
    client_order_id: r.clientOrderId,
    status: o.status,
    symbol: r.symbol,
    side: r.side,
    order_qty: r.qty,
    limit_price: limitPrice(r),
    venue_order_id: o.venueOrderId,
    executed_qty: o.executedQty,
    avg_price: avgPrice(o),
    reason: o.reason,
    last_ts_ns: exactNs(o.lastTs),
    order_type: r.type,
    stop: stopPrice(r),
    tif: r.tif,
    triggered: o.triggered,
  });
}

function balances(list: readonly BalanceView[]) {
  return list.map((b) => ({ asset: b.asset, free: b.free, locked: b.locked }));
}

function position(ts: number, p: PositionView): string {
  return encodeWire('position', ts, {
    symbol: p.symbol,
    qty: p.qty,
    avg_price: p.avgPrice,
    realized_pnl: p.realizedPnl,
    unrealized_pnl: p.unrealizedPnl,
  });
}

/**
 * Encodes one engine event as wire NDJSON lines (DESIGN §8): usually one, two for a fill
 * (`fill` then `order_update`), none for `funds_deposited`, one per order or position for the
 * list reports. `lookup` (the order's state after the event) adds the order's symbol, side, qty
 * and price, or its executed qty and average price, to updates that carry only an id.
 */
export function encodeEvent(e: EngineEvent, lookup?: OrderLookup): string[] {
  switch (e.type) {
    case 'order_submitted':
      return [submitted(e.ts, e.request)];
    case 'order_denied': {
      const r = e.request;
      return [
        encodeWire('order_update', e.ts, {
          client_order_id: r.clientOrderId,
          status: 'REJECTED',
          symbol: r.symbol,
          side: r.side,
          qty: r.qty,
          price: limitPrice(r),
          reason: e.reason,
        }),
      ];
    }
    case 'order_accepted': {
      const r = lookup?.(e.clientOrderId)?.request;
      return [
        encodeWire('order_update', e.ts, {
          client_order_id: e.clientOrderId,
          venue_order_id: e.venueOrderId,
          status: 'ACCEPTED',
          symbol: r?.symbol,
          side: r?.side,
          qty: r?.qty,
          price: r === undefined ? undefined : limitPrice(r),
        }),
      ];
    }
    case 'order_rejected':
      return [
        updateById(
          e.ts,
          e.clientOrderId,
          'REJECTED',
          lookup?.(e.clientOrderId),
          e.reason,
          undefined,
        ),
      ];
    case 'order_cancelled':
      return [
        updateById(
          e.ts,
          e.clientOrderId,
          'CANCELLED',
          lookup?.(e.clientOrderId),
          e.reason,
          undefined,
        ),
      ];
    case 'order_expired':
      return [
        updateById(
          e.ts,
          e.clientOrderId,
          'EXPIRED',
          lookup?.(e.clientOrderId),
          e.reason,
          undefined,
        ),
      ];
    case 'order_triggered': {
      const o = lookup?.(e.clientOrderId);
      return [updateById(e.ts, e.clientOrderId, o?.status ?? 'ACCEPTED', o, undefined, true)];
    }
    case 'order_filled': {
      const o = lookup?.(e.clientOrderId);
      return [
        encodeWire('fill', e.ts, {
          client_order_id: e.clientOrderId,
          symbol: e.symbol,
          side: e.side,
          qty: e.qty,
          price: e.price,
          fee: e.fee,
          fee_asset: e.feeAsset,
          liquidity: e.liquidity,
        }),
        encodeWire('order_update', e.ts, {
          client_order_id: e.clientOrderId,
          status: e.status,
          symbol: e.symbol,
          side: e.side,
          executed_qty: o?.executedQty,
          avg_price: o === undefined ? undefined : avgPrice(o),
        }),
      ];
    }
    case 'market_updated':
      return [encodeWire('market', e.ts, { symbol: e.symbol, price: e.price })];
    case 'kill_switch_tripped':
      return [encodeWire('kill_switch', e.ts, { reason: e.reason })];
    case 'funds_deposited':
      return [];
    case 'duplicate_order_rejected':
      return [
        encodeWire('order_update', e.ts, {
          client_order_id: e.request.clientOrderId,
          status: 'REJECTED',
          reason: e.reason,
        }),
      ];
    case 'cancel_rejected':
      return [
        encodeWire('order_update', e.ts, {
          client_order_id: e.clientOrderId,
          status: 'REJECTED',
          reason: e.reason,
        }),
      ];
    case 'cancel_ignored':
      return [
        encodeWire('order_update', e.ts, {
          client_order_id: e.order.request.clientOrderId,
          status: e.order.status,
          reason: e.order.reason,
        }),
      ];
    case 'order_reported':
      return [orderState(e.ts, e.order)];
    case 'orders_reported':
      return e.orders.map((o) => orderState(e.ts, o));
    case 'account_reported':
      return [encodeWire('account', e.ts, { balances: balances(e.balances) })];
    case 'position_reported':
      return [position(e.ts, e.position)];
    case 'positions_reported':
      return e.positions.map((p) => position(e.ts, p));
    case 'command_failed':
      return [
        encodeWire('error', e.ts, {
          message: e.message,
          client_order_id: e.clientOrderId ?? undefined,
        }),
      ];
    default:
      return assertNever(e);
  }
}
