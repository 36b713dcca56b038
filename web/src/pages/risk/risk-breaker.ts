// The circuit breaker's state for the paper account. The paper runtime runs no breaker, so the
// page folds the account's recent events (the view's log, fills and bars) through engine-core's
// pure reducer with the settings below, and says that it does.
import {
  type BreakerConfig,
  type BreakerEvent,
  type BreakerState,
  breakerStep,
  initialBreaker,
} from '../../../../engine-core/src/risk';
import type { PaperView } from '../../paper/paper-api';

/** The settings the page assumes (a live desk would configure its own). */
export const PAPER_BREAKER: BreakerConfig = {
  maxLoss: 500,
  lossWindowMs: 3_600_000,
  maxErrorRate: 0.5,
  errorWindowMs: 600_000,
  minOrdersForErrorRate: 4,
  // The view carries bars, not every trade: staleness would be judged at bar spacing, so it is off.
  staleAfterMs: null,
  coolDownMs: 300_000,
  probeOrders: 1,
};

type Fill = PaperView['fills'][number];

/**
 * Realized P&L of each fill net of its fee (fees are in the quote asset), by average cost per
 * order side: buys raise the average, sells realize (price − average) × qty. Spot is long-only.
 */
export function fillPnl(fills: readonly Fill[]): { ts: number; amount: number }[] {
  let qty = 0;
  let avg = 0;
  return fills.map((f) => {
    let gross = 0;
    if (f.side === 'BUY') {
      avg = (avg * qty + f.price * f.qty) / (qty + f.qty);
      qty += f.qty;
    } else {
      const closed = Math.min(f.qty, qty);
      gross = (f.price - avg) * closed;
      qty -= closed;
      if (qty <= 0) avg = 0;
    }
    return { ts: f.ts, amount: gross - f.fee };
  });
}

/** The breaker's inputs from the view, in time order. */
export function breakerEvents(v: Pick<PaperView, 'log' | 'fills' | 'candles'>): BreakerEvent[] {
  const out: BreakerEvent[] = [];
  for (const c of v.candles) out.push({ type: 'market_data', ts: c.time });
  for (const l of v.log) {
    if (l.kind === 'order_accepted') out.push({ type: 'order_succeeded', ts: l.ts });
    else if (l.kind === 'order_denied' || l.kind === 'order_rejected')
      out.push({ type: 'order_failed', ts: l.ts, reason: l.text });
  }
  for (const p of fillPnl(v.fills)) out.push({ type: 'realized_pnl', ts: p.ts, amount: p.amount });
  // Stable: at equal times the order above (market, orders, fills) is kept.
  return out.sort((a, b) => a.ts - b.ts);
}

/** The breaker after the view's events, as of the last of them. */
export function breakerFromView(
  v: Pick<PaperView, 'log' | 'fills' | 'candles'>,
  config: BreakerConfig = PAPER_BREAKER,
): BreakerState {
  const events = breakerEvents(v);
  let s = initialBreaker(events[0]?.ts ?? 0);
  for (const e of events) s = breakerStep(s, e, config);
  return s;
}
