// The engine's side of a `PaperView`: what the account panes show, read from the engine state.
// Pure functions of the state, so the worker, a follower and the tests build the same rows.

import {
  type Engine,
  type EngineState,
  equity,
  type RiskState,
} from '../../../engine-core/src/engine';
import type { BookTop, OrderBookView } from '../../../engine-core/src/market';
import {
  limitPrice,
  type OrderState,
  type PositionView,
  stopPrice,
} from '../../../engine-core/src/model';
import type { RiskLimits } from '../../../engine-core/src/risk';
import type { PaperOpenOrder, PaperRiskView, PaperView } from './paper-api';

/** Levels per side of the view's book. */
export const BOOK_LEVELS = 20;

/** One open order as the orders pane shows it. */
export function openOrderRow(o: OrderState): PaperOpenOrder {
  const r = o.request;
  return {
    clientOrderId: r.clientOrderId,
    side: r.side,
    type: r.type,
    qty: r.qty,
    filledQty: o.executedQty,
    price: limitPrice(r),
    stopPrice: stopPrice(r),
    tif: r.tif,
    postOnly: r.postOnly,
    reduceOnly: r.reduceOnly,
    status: o.status,
    createdTs: o.createdTs,
  };
}

/** The open orders in submission order. */
export function openOrderRows(state: Readonly<EngineState>): PaperOpenOrder[] {
  const out: PaperOpenOrder[] = [];
  for (const id of state.openOrders) {
    const o = state.orders.get(id);
    if (o !== undefined) out.push(openOrderRow(o));
  }
  return out;
}

/** The account part of the view: balances, positions, equity and P&L. */
export type AccountView = Pick<
  PaperView,
  'balances' | 'positions' | 'openOrders' | 'equity' | 'realizedPnl' | 'unrealizedPnl'
>;

/**
 * Balances and positions as the engine reports them, equity in the account asset, and the P&L
 * summed over positions (realised before fees, as the engine books it; unrealised at the marks).
 * Flat positions that never traded are left out.
 */
export function accountView(engine: Engine): AccountView {
  const positions: PositionView[] = engine
    .positions()
    .filter((p) => p.qty !== 0 || p.realizedPnl !== 0);
  let realizedPnl = 0;
  let unrealizedPnl = 0;
  for (const p of positions) {
    realizedPnl += p.realizedPnl;
    unrealizedPnl += p.unrealizedPnl;
  }
  return {
    balances: engine.balances(),
    positions,
    openOrders: openOrderRows(engine.state),
    equity: equity(engine.state as EngineState),
    realizedPnl,
    unrealizedPnl,
  };
}

/** The best `BOOK_LEVELS` levels per side, or empty sides without a book. */
export function bookLevels(book: OrderBookView | null | undefined): BookTop {
  return book ? book.top(BOOK_LEVELS) : { bids: [], asks: [] };
}

/** The risk part of the view: the account's limits and the engine's rolling risk state. */
export function riskView(limits: RiskLimits, state: Readonly<RiskState> | null): PaperRiskView {
  return {
    limits,
    recentOrders: state?.recentOrderTs.length ?? 0,
    peakEquity: state?.peakEquity ?? 0,
    dayStartEquity: state?.dayStartEquity ?? 0,
    killSwitch: state?.killSwitch ?? null,
  };
}
