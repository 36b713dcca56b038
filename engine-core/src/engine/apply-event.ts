import {
  type Asset,
  type ClientOrderId,
  isOpenStatus,
  type OrderState,
  type OrderStatus,
  type Position,
  type StateEvent,
  type SymbolId,
  type TimestampMs,
} from '../model';
import { assertNever, InvariantError } from '../util';
import { type EngineState, equity } from './engine-state';

/** Relative to the quantity at stake: a remainder below this fraction is float noise and counts as zero. */
export const QTY_EPSILON = 1e-12;

const DAY_MS = 86_400_000;

/**
 * The one reducer: every state change goes through here, live and on WAL replay alike, so
 * replaying the journal rebuilds the same state. It updates `state` in place (the engine owns it
 * exclusively) and replaces the order, balance and position objects it changes.
 */
export function applyEvent(state: EngineState, e: StateEvent): void {
  state.lastTs = e.ts;
  switch (e.type) {
    case 'funds_deposited':
      addBalance(state, e.asset, e.amount, 0);
      trackEquity(state, e.ts);
      return;
    case 'order_submitted': {
      const r = e.request;
      state.orders.set(r.clientOrderId, {
        request: r,
        status: 'NEW',
        venueOrderId: null,
        executedQty: 0,
        cumQuote: 0,
        fees: 0,
        reserved: e.reserved,
        triggered: false,
        reason: null,
        createdTs: e.ts,
        lastTs: e.ts,
        seq: e.seq,
      });
      state.openOrders.add(r.clientOrderId);
      if (e.reserved !== null) lock(state, e.reserved.asset as Asset, e.reserved.amount);
      state.nextSeq = e.seq + 1;
      recordSubmission(state, e.ts);
      return;
    }
    case 'order_denied':
      state.orders.set(e.request.clientOrderId, {
        request: e.request,
        status: 'REJECTED',
        venueOrderId: null,
        executedQty: 0,
        cumQuote: 0,
        fees: 0,
        reserved: null,
        triggered: false,
        reason: e.reason,
        createdTs: e.ts,
        lastTs: e.ts,
        seq: e.seq,
      });
      state.nextSeq = e.seq + 1;
      return;
    case 'order_accepted': {
      const o = getOrder(state, e.clientOrderId);
      state.orders.set(o.request.clientOrderId, {
        ...o,
        status: o.status === 'NEW' ? 'ACCEPTED' : o.status,
        venueOrderId: e.venueOrderId,
        lastTs: e.ts,
      });
      return;
    }
    case 'order_triggered': {
      const o = getOrder(state, e.clientOrderId);
      state.orders.set(o.request.clientOrderId, { ...o, triggered: true, lastTs: e.ts });
      return;
    }
    case 'order_filled':
      applyFill(state, e);
      trackEquity(state, e.ts);
      return;
    case 'order_rejected':
      finish(state, e.clientOrderId, 'REJECTED', e.reason, e.ts);
      return;
    case 'order_cancelled':
      finish(state, e.clientOrderId, 'CANCELLED', e.reason, e.ts);
      return;
    case 'order_expired':
      finish(state, e.clientOrderId, 'EXPIRED', e.reason, e.ts);
      return;
    case 'market_updated':
      state.marks.set(e.symbol, e.price);
      trackEquity(state, e.ts);
      return;
    case 'kill_switch_tripped':
      state.risk = { ...state.risk, killSwitch: e.reason };
      return;
    default:
      assertNever(e);
  }
}

// The invariant checks below that run for every order event throw directly instead of calling
// `assert(cond, message)`, which would build its message on every call.

function getOrder(state: EngineState, id: ClientOrderId): OrderState {
  const o = state.orders.get(id);
  if (o === undefined) throw new InvariantError(`event for unknown order ${id}`);
  return o;
}

function addBalance(state: EngineState, a: Asset, dFree: number, dLocked: number): void {
  // Balance records belong to the state and are updated in place (several times per fill);
  // everything handed out (`Engine.balances()`, snapshots) is a copy.
  const b = state.balances.get(a) as { free: number; locked: number } | undefined;
  if (b === undefined) state.balances.set(a, { free: dFree, locked: dLocked });
  else {
    b.free += dFree;
    b.locked += dLocked;
  }
}

function lock(state: EngineState, a: Asset, amount: number): void {
  addBalance(state, a, -amount, amount);
}

/** Moves an order to a terminal status and releases what it still holds. */
function finish(
  state: EngineState,
  id: ClientOrderId,
  status: OrderStatus,
  reason: string | null,
  ts: TimestampMs,
): void {
  const o = getOrder(state, id);
  if (!isOpenStatus(o.status)) throw new InvariantError(`order ${id} is already ${o.status}`);
  if (o.reserved !== null && o.reserved.amount !== 0) {
    addBalance(state, o.reserved.asset as Asset, o.reserved.amount, -o.reserved.amount);
  }
  state.openOrders.delete(id);
  if (state.keepFinishedOrders)
    state.orders.set(id, { ...o, status, reason, reserved: null, lastTs: ts });
  else state.orders.delete(id);
}

function applyFill(state: EngineState, e: Extract<StateEvent, { type: 'order_filled' }>): void {
  const o = getOrder(state, e.clientOrderId);
  if (!isOpenStatus(o.status)) {
    throw new InvariantError(`fill for ${o.status} order ${e.clientOrderId}`);
  }
  const inst = state.instruments.get(o.request.symbol);
  if (inst === undefined) throw new InvariantError(`fill for unknown symbol ${o.request.symbol}`);
  const remainingBefore = o.request.qty - o.executedQty;
  const done = e.status === 'FILLED';

  // Release the share of the reservation that this fill consumes (all of it on the last fill).
  let release = 0;
  if (o.reserved !== null) {
    release = done ? o.reserved.amount : o.reserved.amount * (e.qty / remainingBefore);
    addBalance(state, o.reserved.asset as Asset, release, -release);
  }

  const notional = e.qty * e.price;
  const prevPos = state.positions.get(o.request.symbol);
  const pos = nextPosition(
    prevPos,
    o.request.symbol,
    o.request.side === 'BUY' ? e.qty : -e.qty,
    e.price,
  );
  if (inst.margin === undefined) {
    // Spot: the base asset changes hands.
    if (o.request.side === 'BUY') {
      addBalance(state, inst.quote, -notional, 0);
      addBalance(state, inst.base, e.qty, 0);
    } else {
      addBalance(state, inst.base, -e.qty, 0);
      addBalance(state, inst.quote, notional, 0);
    }
  } else {
    // Perpetual: realised P&L settles in the quote asset, and the position's initial margin
    // (|qty| × avg ÷ leverage) stays locked while it is open.
    addBalance(state, inst.quote, pos.realizedPnl - (prevPos?.realizedPnl ?? 0), 0);
    const lev = inst.margin.leverage;
    const marginBefore =
      prevPos === undefined ? 0 : (Math.abs(prevPos.qty) * prevPos.avgPrice) / lev;
    const marginAfter = (Math.abs(pos.qty) * pos.avgPrice) / lev;
    addBalance(state, inst.quote, marginBefore - marginAfter, marginAfter - marginBefore);
  }
  if (e.fee !== 0) addBalance(state, e.feeAsset, -e.fee, 0);

  if (done && !state.keepFinishedOrders) {
    state.orders.delete(e.clientOrderId);
  } else
    state.orders.set(e.clientOrderId, {
      ...o,
      status: e.status,
      executedQty: o.executedQty + e.qty,
      cumQuote: o.cumQuote + notional,
      fees: o.fees + e.fee,
      reserved:
        done || o.reserved === null
          ? null
          : { asset: o.reserved.asset, amount: o.reserved.amount - release },
      lastTs: e.ts,
    });
  if (done) state.openOrders.delete(e.clientOrderId);
  if (!state.marks.has(o.request.symbol)) state.marks.set(o.request.symbol, e.price);
  state.positions.set(o.request.symbol, pos);
}

/** Position after a signed fill: average price on increases, realised P&L on reductions. */
export function nextPosition(
  prev: Position | undefined,
  symbol: SymbolId,
  signedQty: number,
  price: number,
): Position {
  const qty = prev?.qty ?? 0;
  const avg = prev?.avgPrice ?? 0;
  const realized = prev?.realizedPnl ?? 0;
  const newQty = qty + signedQty;
  if (qty === 0 || Math.sign(qty) === Math.sign(signedQty)) {
    // Opening or adding: weighted average entry.
    return {
      symbol,
      qty: newQty,
      avgPrice: (avg * qty + price * signedQty) / newQty,
      realizedPnl: realized,
    };
  }
  const closing = Math.min(Math.abs(signedQty), Math.abs(qty));
  const pnl = closing * (price - avg) * Math.sign(qty);
  if (Math.abs(newQty) <= QTY_EPSILON * Math.abs(qty)) {
    return { symbol, qty: 0, avgPrice: 0, realizedPnl: realized + pnl };
  }
  if (Math.sign(newQty) === Math.sign(qty)) {
    return { symbol, qty: newQty, avgPrice: avg, realizedPnl: realized + pnl };
  }
  // Flipped through zero: the excess opens at the fill price.
  return { symbol, qty: newQty, avgPrice: price, realizedPnl: realized + pnl };
}

function recordSubmission(state: EngineState, ts: number): void {
  if (!state.trackRisk) return;
  const q = state.risk.recentOrderTs;
  q.push(ts);
  const cutoff = ts - state.orderRateWindowMs;
  let drop = 0;
  while (drop < q.length && (q[drop] as number) <= cutoff) drop++;
  if (drop > 0) q.splice(0, drop);
}

/** Keeps the peak and the start-of-day equity that the kill switch compares against. */
function trackEquity(state: EngineState, ts: number): void {
  if (!state.trackRisk) return;
  const eq = equity(state);
  const day = Math.floor(ts / DAY_MS) * DAY_MS;
  const r = state.risk;
  if (eq > r.peakEquity || day !== r.day) {
    state.risk = {
      ...r,
      peakEquity: Math.max(r.peakEquity, eq),
      day,
      dayStartEquity: day !== r.day ? eq : r.dayStartEquity,
    };
  }
}
