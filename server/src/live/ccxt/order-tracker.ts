// What the adapter has already told the router about one order, and the pure step that turns the
// venue's latest view (order + trades) into the reports not yet sent: each tradeId once, fills as
// increments, the end status only after every fill the venue counted has been reported.
import type { ExecReport } from '../venue-adapter';
import type { ParsedOrder, ParsedTrade } from './ccxt-parse';

export interface TrackedOrder {
  readonly clientOrderId: string;
  readonly venueOrderId: string;
  readonly ccxtSymbol: string;
  readonly qty: number;
  readonly seenTradeIds: ReadonlySet<string>;
  /** Sum of the reported fills. */
  readonly reportedQty: number;
  /** Trades are read from here on (the newest seen trade's time, or the placement time). */
  readonly sinceMs: number;
  readonly done: boolean;
}

/** Relative tolerance when comparing summed decimal quantities. */
const EPS = 1e-9;

const covers = (have: number, want: number): boolean => have >= want - EPS * Math.max(1, want);

export function trackOrder(
  clientOrderId: string,
  venueOrderId: string,
  ccxtSymbol: string,
  qty: number,
  sinceMs: number,
): TrackedOrder {
  return {
    clientOrderId,
    venueOrderId,
    ccxtSymbol,
    qty,
    seenTradeIds: new Set(),
    reportedQty: 0,
    sinceMs,
    done: false,
  };
}

/** Whether the venue counts more filled quantity than was reported: trades must be read. */
export function needsTrades(t: TrackedOrder, order: ParsedOrder): boolean {
  return !covers(t.reportedQty, order.filled);
}

/** Applies the venue's view; returns the new state and the reports to emit, in order. */
export function step(
  t: TrackedOrder,
  order: ParsedOrder,
  trades: readonly ParsedTrade[],
  nowMs: number,
): { readonly next: TrackedOrder; readonly reports: ExecReport[] } {
  if (t.done) return { next: t, reports: [] };
  const reports: ExecReport[] = [];
  const seen = new Set(t.seenTradeIds);
  let reportedQty = t.reportedQty;
  let sinceMs = t.sinceMs;
  const mine = trades
    .filter((tr) => tr.venueOrderId === t.venueOrderId && !seen.has(tr.tradeId))
    .sort((a, b) => a.timestamp - b.timestamp);
  for (const tr of mine) {
    // A page may list a trade twice: the set, not the filter above, makes it once.
    if (seen.has(tr.tradeId)) continue;
    seen.add(tr.tradeId);
    reportedQty += tr.amount;
    sinceMs = Math.max(sinceMs, tr.timestamp);
    reports.push({
      kind: 'fill',
      clientOrderId: t.clientOrderId,
      status: covers(reportedQty, t.qty) ? 'FILLED' : 'PARTIALLY_FILLED',
      venueOrderId: t.venueOrderId,
      tradeId: tr.tradeId,
      fillQty: tr.amount,
      fillPrice: tr.price,
      fee: tr.fee,
      feeAsset: tr.feeAsset,
      liquidity: tr.liquidity,
      tsMs: tr.timestamp,
    });
  }
  const allFillsIn = covers(reportedQty, order.filled);
  let done = covers(reportedQty, t.qty);
  if (!done && allFillsIn) {
    const end = endStatus(order.status);
    if (end !== undefined) {
      done = true;
      reports.push({
        kind: 'status',
        clientOrderId: t.clientOrderId,
        status: end,
        venueOrderId: t.venueOrderId,
        tsMs: nowMs,
      });
    } else if (order.status === 'closed') {
      // Closed short of its quantity with every fill reported: nothing more will come.
      done = true;
    }
  }
  return { next: { ...t, seenTradeIds: seen, reportedQty, sinceMs, done }, reports };
}

function endStatus(s: ParsedOrder['status']): 'CANCELLED' | 'EXPIRED' | 'REJECTED' | undefined {
  switch (s) {
    case 'canceled':
      return 'CANCELLED';
    case 'expired':
      return 'EXPIRED';
    case 'rejected':
      return 'REJECTED';
    case 'open':
    case 'closed':
      return undefined;
  }
}
