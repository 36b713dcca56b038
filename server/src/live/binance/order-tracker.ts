// What the adapter knows of each order it reports on, and the translation of Binance's order
// events into the engine's incremental ExecReports: each trade id is reported once (from the
// stream or from reconciliation, whichever sees it first), ACCEPTED comes once and before any
// fill, and a final status ends the order.
import type { ExecReport } from '../venue-adapter';
import type { BinanceOrderStatus, BinanceTrade, ExecutionReport } from './parse';

interface Tracked {
  readonly symbol: string;
  venueOrderId: string | null;
  accepted: boolean;
  final: boolean;
  readonly tradeIds: Set<number>;
}

const FINAL_STATUS: Partial<Record<BinanceOrderStatus, 'CANCELLED' | 'REJECTED' | 'EXPIRED'>> = {
  CANCELED: 'CANCELLED',
  REJECTED: 'REJECTED',
  EXPIRED: 'EXPIRED',
  EXPIRED_IN_MATCH: 'EXPIRED',
};

export class OrderTracker {
  private readonly _orders = new Map<string, Tracked>();

  /** Starts following an order the adapter is about to place. */
  track(clientOrderId: string, symbol: string): void {
    const t = this._orders.get(clientOrderId);
    if (!t || t.final) this._orders.set(clientOrderId, this._fresh(symbol));
  }

  setVenueOrderId(clientOrderId: string, venueOrderId: string): void {
    const t = this._orders.get(clientOrderId);
    if (t) t.venueOrderId = venueOrderId;
  }

  /** Orders not known to be finished: reconciliation looks for what they missed. */
  unfinished(): { clientOrderId: string; symbol: string }[] {
    return [...this._orders]
      .filter(([, t]) => !t.final)
      .map(([clientOrderId, t]) => ({ clientOrderId, symbol: t.symbol }));
  }

  /** An order found not to exist at the venue (never placed): stop following it. */
  forget(clientOrderId: string): void {
    this._orders.delete(clientOrderId);
  }

  /** Reports for one executionReport (none for a repeated trade or an already final order). */
  onExecution(e: ExecutionReport): ExecReport[] {
    // A cancel's event carries the cancel request's id in `c` and the order's in `C`.
    const cid = e.x === 'CANCELED' && e.C !== '' ? e.C : e.c;
    let t = this._orders.get(cid);
    if (!t) {
      t = this._fresh(e.s);
      this._orders.set(cid, t);
    }
    const venueOrderId = String(e.i);
    t.venueOrderId = venueOrderId;
    const out: ExecReport[] = [];
    // A rejected order was never accepted.
    if (e.x !== 'REJECTED') this._accept(cid, t, venueOrderId, e.E, out);
    switch (e.x) {
      case 'TRADE':
        if (!t.tradeIds.has(e.t)) {
          t.tradeIds.add(e.t);
          out.push({
            kind: 'fill',
            clientOrderId: cid,
            status: e.X === 'FILLED' ? 'FILLED' : 'PARTIALLY_FILLED',
            venueOrderId,
            tradeId: String(e.t),
            fillQty: e.l,
            fillPrice: e.L,
            fee: e.n,
            feeAsset: e.N ?? '',
            liquidity: e.m ? 'MAKER' : 'TAKER',
            tsMs: e.T,
          });
        }
        if (e.X === 'FILLED') t.final = true;
        break;
      case 'CANCELED':
      case 'EXPIRED':
      case 'TRADE_PREVENTION':
      case 'REJECTED': {
        const status =
          e.x === 'CANCELED' ? 'CANCELLED' : e.x === 'REJECTED' ? 'REJECTED' : 'EXPIRED';
        this._end(cid, t, status, venueOrderId, e.E, out, e.x === 'REJECTED' ? e.r : undefined);
        break;
      }
      default:
        break;
    }
    return out;
  }

  /**
   * Reports for what reconciliation found of one order: its trades (all of them, in id order;
   * those already reported are skipped) and its status.
   */
  onReconciled(
    clientOrderId: string,
    order: { orderId: number; origQty: number; status: BinanceOrderStatus; updateTs: number },
    trades: readonly BinanceTrade[],
  ): ExecReport[] {
    const t = this._orders.get(clientOrderId);
    if (!t || t.final) return [];
    const venueOrderId = String(order.orderId);
    t.venueOrderId = venueOrderId;
    const out: ExecReport[] = [];
    this._accept(clientOrderId, t, venueOrderId, order.updateTs, out);
    let cum = 0;
    for (const tr of [...trades].sort((a, b) => a.id - b.id)) {
      if (tr.orderId !== order.orderId) continue;
      cum += tr.qty;
      if (t.tradeIds.has(tr.id)) continue;
      t.tradeIds.add(tr.id);
      const filled = cum >= order.origQty - 1e-12;
      out.push({
        kind: 'fill',
        clientOrderId,
        status: filled ? 'FILLED' : 'PARTIALLY_FILLED',
        venueOrderId,
        tradeId: String(tr.id),
        fillQty: tr.qty,
        fillPrice: tr.price,
        fee: tr.commission,
        feeAsset: tr.commissionAsset,
        liquidity: tr.isMaker ? 'MAKER' : 'TAKER',
        tsMs: tr.time,
      });
    }
    if (order.status === 'FILLED') t.final = true;
    const end = FINAL_STATUS[order.status];
    if (end) this._end(clientOrderId, t, end, venueOrderId, order.updateTs, out);
    return out;
  }

  private _fresh(symbol: string): Tracked {
    return { symbol, venueOrderId: null, accepted: false, final: false, tradeIds: new Set() };
  }

  private _accept(
    cid: string,
    t: Tracked,
    venueOrderId: string,
    ts: number,
    out: ExecReport[],
  ): void {
    if (t.accepted) return;
    t.accepted = true;
    out.push({ kind: 'status', clientOrderId: cid, status: 'ACCEPTED', venueOrderId, tsMs: ts });
  }

  private _end(
    cid: string,
    t: Tracked,
    status: 'CANCELLED' | 'REJECTED' | 'EXPIRED',
    venueOrderId: string,
    ts: number,
    out: ExecReport[],
    reason?: string,
  ): void {
    if (t.final) return;
    t.final = true;
    out.push({
      kind: 'status',
      clientOrderId: cid,
      status,
      venueOrderId,
      tsMs: ts,
      ...(reason !== undefined && reason !== 'NONE' ? { reason } : {}),
    });
  }
}
