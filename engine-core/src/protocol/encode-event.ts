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
import { WireWriter } from './wire-writer';

/** Finds an order's current state, to enrich updates that carry only its id. */
export type OrderLookup = (id: ClientOrderId) => OrderState | undefined;

// Field names and their order are the wire contract (DESIGN §8); the encode-event tests pin
// the bytes of every line.

/** The request fields that updates by id borrow from the order: symbol, side, qty, price. */
function orderFields(w: WireWriter, r: OrderRequest): WireWriter {
  return w
    .str('symbol', r.symbol)
    .str('side', r.side)
    .num('qty', r.qty)
    .numOrNull('price', limitPrice(r));
}

/**
 * An `order_update` for an order known by id: the order's symbol, side, qty and limit price come
 * from its looked-up state when there is one; `reason` is left out when undefined.
 */
function updateById(
  w: WireWriter,
  ts: number,
  id: ClientOrderId,
  status: OrderStatus,
  o: OrderState | undefined,
  reason: string | null | undefined,
  triggered: boolean,
): void {
  w.begin('order_update', ts).str('client_order_id', id).str('status', status);
  if (o !== undefined) orderFields(w, o.request);
  if (reason !== undefined) w.strOrNull('reason', reason);
  if (triggered) w.bool('triggered', true);
  w.end();
}

function orderState(w: WireWriter, ts: number, o: OrderState): void {
  const r = o.request;
  w.begin('order_state', ts)
    .str('client_order_id', r.clientOrderId)
    .str('status', o.status)
    .str('symbol', r.symbol)
    .str('side', r.side)
    .num('order_qty', r.qty)
    .numOrNull('limit_price', limitPrice(r))
    .strOrNull('venue_order_id', o.venueOrderId)
    .num('executed_qty', o.executedQty)
    .num('avg_price', avgPrice(o))
    .strOrNull('reason', o.reason)
    .nanos('last_ts_ns', o.lastTs)
    .str('order_type', r.type)
    .numOrNull('stop', stopPrice(r))
    .str('tif', r.tif)
    .bool('triggered', o.triggered)
    .end();
}

function account(w: WireWriter, ts: number, balances: readonly BalanceView[]): void {
  w.begin('account', ts).beginArray('balances');
  for (const b of balances) {
    w.beginObject().str('asset', b.asset).num('free', b.free).num('locked', b.locked).endObject();
  }
  w.endArray().end();
}

function position(w: WireWriter, ts: number, p: PositionView): void {
  w.begin('position', ts)
    .str('symbol', p.symbol)
    .num('qty', p.qty)
    .num('avg_price', p.avgPrice)
    .num('realized_pnl', p.realizedPnl)
    .num('unrealized_pnl', p.unrealizedPnl);
  // Perpetuals only: spot positions have no liquidation price.
  if (p.liquidationPrice !== null) w.num('liquidation_price', p.liquidationPrice);
  w.end();
}

/** The terminal status each closing event puts on the wire. */
const FINAL_STATUS = {
  order_rejected: 'REJECTED',
  order_cancelled: 'CANCELLED',
  order_expired: 'EXPIRED',
} as const;

/**
 * Writes the wire NDJSON lines of one engine event (DESIGN §8): usually one, two for a fill
 * (`fill` then `order_update`), none for `funds_deposited`, one per order or position for the
 * list reports. `lookup` (the order's state after the event) adds the order's symbol, side, qty
 * and price, or its executed qty and average price, to updates that carry only an id.
 */
export function writeEvent(w: WireWriter, e: EngineEvent, lookup?: OrderLookup): void {
  switch (e.type) {
    case 'order_submitted': {
      const r = e.request;
      w.begin('order_update', e.ts).str('client_order_id', r.clientOrderId).str('status', 'NEW');
      orderFields(w, r).str('order_type', r.type).numOrNull('stop', stopPrice(r)).end();
      return;
    }
    case 'order_denied': {
      const r = e.request;
      w.begin('order_update', e.ts).str('client_order_id', r.clientOrderId);
      orderFields(w.str('status', 'REJECTED'), r).str('reason', e.reason).end();
      return;
    }
    case 'order_accepted': {
      const o = lookup?.(e.clientOrderId);
      w.begin('order_update', e.ts)
        .str('client_order_id', e.clientOrderId)
        .str('venue_order_id', e.venueOrderId)
        .str('status', 'ACCEPTED');
      if (o !== undefined) orderFields(w, o.request);
      w.end();
      return;
    }
    case 'order_rejected':
    case 'order_cancelled':
    case 'order_expired':
      return updateById(
        w,
        e.ts,
        e.clientOrderId,
        FINAL_STATUS[e.type],
        lookup?.(e.clientOrderId),
        e.reason,
        false,
      );
    case 'order_triggered': {
      const o = lookup?.(e.clientOrderId);
      return updateById(w, e.ts, e.clientOrderId, o?.status ?? 'ACCEPTED', o, undefined, true);
    }
    case 'order_filled': {
      const o = lookup?.(e.clientOrderId);
      w.begin('fill', e.ts)
        .str('client_order_id', e.clientOrderId)
        .str('symbol', e.symbol)
        .str('side', e.side)
        .num('qty', e.qty)
        .num('price', e.price)
        .num('fee', e.fee)
        .str('fee_asset', e.feeAsset)
        .str('liquidity', e.liquidity)
        .end();
      w.begin('order_update', e.ts)
        .str('client_order_id', e.clientOrderId)
        .str('status', e.status)
        .str('symbol', e.symbol)
        .str('side', e.side);
      if (o !== undefined) w.num('executed_qty', o.executedQty).num('avg_price', avgPrice(o));
      w.end();
      return;
    }
    case 'market_updated':
      w.begin('market', e.ts).str('symbol', e.symbol).num('price', e.price).end();
      return;
    case 'kill_switch_tripped':
      w.begin('kill_switch', e.ts).str('reason', e.reason).end();
      return;
    case 'funds_deposited':
      return;
    case 'duplicate_order_rejected':
      w.begin('order_update', e.ts)
        .str('client_order_id', e.request.clientOrderId)
        .str('status', 'REJECTED')
        .str('reason', e.reason)
        .end();
      return;
    case 'cancel_rejected':
      w.begin('order_update', e.ts)
        .str('client_order_id', e.clientOrderId)
        .str('status', 'REJECTED')
        .str('reason', e.reason)
        .end();
      return;
    case 'cancel_ignored':
      w.begin('order_update', e.ts)
        .str('client_order_id', e.order.request.clientOrderId)
        .str('status', e.order.status)
        .strOrNull('reason', e.order.reason)
        .end();
      return;
    case 'order_reported':
      return orderState(w, e.ts, e.order);
    case 'orders_reported':
      for (const o of e.orders) orderState(w, e.ts, o);
      return;
    case 'account_reported':
      return account(w, e.ts, e.balances);
    case 'position_reported':
      return position(w, e.ts, e.position);
    case 'positions_reported':
      for (const p of e.positions) position(w, e.ts, p);
      return;
    case 'command_failed': {
      const id = e.clientOrderId ?? null;
      w.begin('error', e.ts).str('message', e.message);
      if (id !== null) w.str('client_order_id', id);
      w.end();
      return;
    }
    default:
      assertNever(e);
  }
}

/** The wire lines of one engine event, as strings without newlines (see `writeEvent`). */
export function encodeEvent(e: EngineEvent, lookup?: OrderLookup): string[] {
  const w = new WireWriter();
  writeEvent(w, e, lookup);
  return w.takeLines();
}
