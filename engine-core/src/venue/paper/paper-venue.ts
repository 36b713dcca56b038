import type { OrderBookView } from '../../market/book';
import {
  type ClientOrderId,
  type Liquidity,
  type OrderRequest,
  type OrderState,
  type SymbolId,
  type TimestampMs,
  timestampMs,
} from '../../model';
import type { TradeUpdate } from '../market-feed';
import { ReportQueue } from '../report-queue';
import { limitCrosses, restsOnBook, stopHit } from '../simulated/tick-matching';
import type { Venue, VenueReport } from '../venue';
import { type BookFill, walkBook } from './walk-book';

/** Settings of the paper venue. */
export interface PaperVenueConfig {
  /** Delay between an action and its report (ack, fill, cancel), and before an order can trade, ms. */
  readonly latencyMs: number;
  /** How far market and stop orders may walk the book from the reference price, as a fraction. */
  readonly marketProtection: number;
  /** The live book of a symbol, or undefined while it is being (re)built. */
  readonly book: (symbol: SymbolId) => OrderBookView | undefined;
}

interface WorkingOrder {
  readonly order: OrderState;
  readonly activeAt: number;
  activated: boolean;
  triggered: boolean;
  /** What has been filled so far (the engine's copy of the order is not updated in place). */
  filled: number;
  /** Resting quantity at our price that trades must take before ours (queue position). */
  queueAhead: number;
  /** Market-like orders: never fill beyond this price. */
  protectionPrice: number | null;
}

/** Below this fraction of an order's quantity a remainder is float noise. */
const QTY_EPSILON = 1e-12;

/**
 * The paper venue: orders trade against the live order book and trade stream, not a single
 * price. A market order (or a marketable limit) walks the opposite side level by level, taking
 * each level's displayed quantity at its price; what the book cannot give within the protection
 * price (or the limit) expires, or rests for a GTC limit. A resting limit joins the back of the
 * queue at its price: trades at that price first use up the quantity displayed ahead of it (and
 * the level shrinking below that estimate means orders ahead cancelled), then fill it; a trade
 * through its price fills all of it. Fills are maker at the order's price. Our orders never
 * remove liquidity from the book: each one sees the book as the exchange shows it. Reports
 * arrive `latencyMs` after their cause, as on the simulated venue.
 */
export class PaperVenue implements Venue {
  readonly name = 'paper';
  private readonly _working: WorkingOrder[] = [];
  private readonly _pending = new ReportQueue();
  private readonly _last = new Map<SymbolId, number>();
  private _inFlight = 0;
  private readonly _fills: BookFill[] = [];

  constructor(private readonly _config: PaperVenueConfig) {}

  place(order: OrderState, now: TimestampMs): void {
    const w: WorkingOrder = {
      order,
      activeAt: now + this._config.latencyMs,
      activated: false,
      triggered: order.triggered,
      filled: order.executedQty,
      queueAhead: 0,
      protectionPrice: null,
    };
    this._working.push(w);
    this._inFlight++;
    this._schedule(w.activeAt, {
      kind: 'accepted',
      clientOrderId: order.request.clientOrderId,
      venueOrderId: `PAPER-${order.seq}`,
    });
  }

  cancel(clientOrderId: ClientOrderId, now: TimestampMs): void {
    const w = this._find(clientOrderId);
    if (w === undefined) return; // already done: its final report is on its way
    this._remove(w);
    this._schedule(now + this._config.latencyMs, {
      kind: 'cancelled',
      clientOrderId,
      reason: null,
    });
  }

  /** A price from the engine's `market_tick`: the last price; orders that have arrived trade. */
  onTick(symbol: SymbolId, price: number, now: TimestampMs): void {
    this._last.set(symbol, price);
    this._activateDue(now);
  }

  /**
   * A trade on the exchange: resting limits at or through its price fill (queue first), stops
   * whose trigger it reaches fire. Call it before the engine's `market_tick` for the same trade.
   */
  onTrade(t: TradeUpdate): void {
    this._last.set(t.symbol, t.price);
    this._activateDue(t.ts);
    let left = t.qty;
    for (const w of [...this._working]) {
      if (!w.activated || w.order.request.symbol !== t.symbol) continue;
      left = this._onTrade(w, t, left);
    }
  }

  /** After a book change: resting orders' queue estimates can only shrink with their level. */
  onBook(symbol: SymbolId): void {
    const book = this._config.book(symbol);
    if (book === undefined) return;
    for (const w of this._working) {
      const r = w.order.request;
      if (!w.activated || r.symbol !== symbol || w.queueAhead === 0) continue;
      if (r.type !== 'LIMIT' && !(r.type === 'STOP_LIMIT' && w.triggered)) continue;
      const level = (r.side === 'BUY' ? book.bids : book.asks).qtyAtPrice(r.price);
      if (level < w.queueAhead) w.queueAhead = level;
    }
  }

  drain(now: TimestampMs): readonly VenueReport[] {
    this._activateDue(now);
    return this._pending.drainDue(now);
  }

  nextDueTs(): TimestampMs | null {
    let next = this._pending.firstDue();
    for (const w of this._working) {
      if (!w.activated && (next === null || w.activeAt < next)) next = w.activeAt;
    }
    return next === null ? null : timestampMs(next);
  }

  restore(openOrders: readonly OrderState[], lastPrices: ReadonlyMap<SymbolId, number>): void {
    this._working.length = 0;
    this._pending.clear();
    this._inFlight = 0;
    for (const [s, p] of lastPrices) this._last.set(s, p);
    for (const order of openOrders) {
      const acked = order.status !== 'NEW';
      const w: WorkingOrder = {
        order,
        activeAt: order.lastTs,
        activated: false,
        triggered: order.triggered,
        filled: order.executedQty,
        queueAhead: 0,
        protectionPrice: null,
      };
      this._working.push(w);
      if (acked && restsOnBook(order)) {
        // It rests as it was; its place in the queue is unknown after a restart: the back.
        w.activated = true;
        w.queueAhead = this._levelQty(order.request);
      } else if (acked) {
        // Accepted, but what it did on arrival (a market order's fills, an IOC's expiry) was not
        // reported before the restart: it arrives again, at the book as it is now, without a
        // second acceptance. Left resting, a market order would never fill.
        this._inFlight++;
      } else {
        this._inFlight++;
        this._schedule(order.lastTs, {
          kind: 'accepted',
          clientOrderId: order.request.clientOrderId,
          venueOrderId: `PAPER-${order.seq}`,
        });
      }
    }
  }

  // ---- matching ----------------------------------------------------------------------------

  /** Orders that have reached the venue trade once against the book as it is now. */
  private _activateDue(now: number): void {
    const working = this._working;
    for (let i = 0; i < working.length && this._inFlight > 0; i++) {
      const w = working[i] as WorkingOrder;
      if (w.activated || w.activeAt > now) continue;
      w.activated = true;
      this._inFlight--;
      this._arrive(w, Math.max(now, w.activeAt));
      if (working[i] !== w) i--;
    }
  }

  private _arrive(w: WorkingOrder, now: number): void {
    const r = w.order.request;
    switch (r.type) {
      case 'MARKET':
        return this._take(w, this._protection(r, this._last.get(r.symbol)), now, 'market');
      case 'LIMIT':
        return this._arriveLimit(w, r.price, now);
      case 'STOP':
      case 'STOP_LIMIT': {
        // Triggered before a restart, not done: it executes as its trigger made it.
        if (w.triggered) {
          if (r.type === 'STOP')
            return this._take(w, this._protection(r, r.stopPrice), now, 'stop');
          return this._arriveLimit(w, r.price, now);
        }
        // A stop already through on arrival fires at once.
        const last = this._last.get(r.symbol);
        if (!w.triggered && last !== undefined && stopHit(r, last)) this._trigger(w, now);
        return;
      }
    }
  }

  /** A limit on arrival (or a stop-limit once triggered): take what crosses, then rest or end. */
  private _arriveLimit(w: WorkingOrder, limit: number, now: number): void {
    const r = w.order.request;
    const book = this._config.book(r.symbol);
    const opposite =
      book === undefined ? Number.NaN : r.side === 'BUY' ? book.bestAsk() : book.bestBid();
    const crosses = !Number.isNaN(opposite) && limitCrosses(r, limit, opposite);
    if (crosses && r.postOnly) {
      return this._end(w, now, 'rejected', 'post_only: order would take liquidity');
    }
    if (crosses) {
      if (r.tif === 'FOK' && this._available(w, limit) < this._left(w) * (1 - QTY_EPSILON)) {
        return this._end(w, now, 'expired', 'FOK: the book cannot fill the whole quantity');
      }
      this._walk(w, limit, now);
      if (this._done(w)) return;
    }
    if (r.tif !== 'GTC') {
      return this._end(w, now, 'expired', `${r.tif}: not filled on arrival`);
    }
    w.queueAhead = this._levelQty(r);
  }

  /** Market-like: walk the book within `cap`; whatever is left expires. */
  private _take(w: WorkingOrder, cap: number | null, now: number, what: string): void {
    const r = w.order.request;
    if (cap === null) {
      return this._end(w, now, 'expired', `${what}: no market price for ${r.symbol} yet`);
    }
    w.protectionPrice = cap;
    this._walk(w, cap, now);
    if (this._done(w)) return;
    const book = this._config.book(r.symbol);
    const reason =
      book === undefined
        ? `${what}: no order book for ${r.symbol} yet`
        : `market_protection: the book has no more within ${cap}`;
    this._end(w, now, 'expired', reason);
  }

  /** Fills against the opposite side, best level first, up to `limit`. */
  private _walk(w: WorkingOrder, limit: number, now: number): void {
    const r = w.order.request;
    const book = this._config.book(r.symbol);
    if (book === undefined) return;
    const side = r.side === 'BUY' ? book.asks : book.bids;
    this._fills.length = 0;
    walkBook(side, r.side, this._left(w), limit, this._fills);
    for (const f of this._fills) this._fill(w, f.qty, f.price, 'TAKER', now);
  }

  private _available(w: WorkingOrder, limit: number): number {
    const r = w.order.request;
    const book = this._config.book(r.symbol);
    if (book === undefined) return 0;
    const fills: BookFill[] = [];
    walkBook(r.side === 'BUY' ? book.asks : book.bids, r.side, this._left(w), limit, fills);
    return fills.reduce((s, f) => s + f.qty, 0);
  }

  private _onTrade(w: WorkingOrder, t: TradeUpdate, left: number): number {
    const r = w.order.request;
    if ((r.type === 'STOP' || r.type === 'STOP_LIMIT') && !w.triggered) {
      if (stopHit(r, t.price)) this._trigger(w, t.ts);
      return left;
    }
    if (r.type !== 'LIMIT' && r.type !== 'STOP_LIMIT') return left;
    // Only sells hit resting bids and only buys lift resting asks.
    if (t.side === r.side) return left;
    const through = r.side === 'BUY' ? t.price < r.price : t.price > r.price;
    if (through) {
      this._fill(w, this._left(w), r.price, 'MAKER', t.ts);
      return left;
    }
    if (t.price !== r.price || left <= 0) return left;
    const usedByQueue = Math.min(w.queueAhead, left);
    w.queueAhead -= usedByQueue;
    const rest = left - usedByQueue;
    if (rest <= 0) return 0;
    const qty = Math.min(rest, this._left(w));
    this._fill(w, qty, r.price, 'MAKER', t.ts);
    return rest - qty;
  }

  private _trigger(w: WorkingOrder, now: number): void {
    const r = w.order.request;
    w.triggered = true;
    this._schedule(now + this._config.latencyMs, {
      kind: 'triggered',
      clientOrderId: r.clientOrderId,
    });
    if (r.type === 'STOP') {
      this._take(w, this._protection(r, r.stopPrice), now, 'stop');
    } else if (r.type === 'STOP_LIMIT') {
      this._arriveLimit(w, r.price, now);
    }
  }

  // ---- bookkeeping -------------------------------------------------------------------------

  private _protection(r: OrderRequest, ref: number | undefined): number | null {
    if (ref === undefined) return null;
    const m = this._config.marketProtection;
    return ref * (r.side === 'BUY' ? 1 + m : 1 - m);
  }

  private _levelQty(r: OrderRequest): number {
    if (r.type !== 'LIMIT' && r.type !== 'STOP_LIMIT') return 0;
    const book = this._config.book(r.symbol);
    if (book === undefined) return 0;
    return (r.side === 'BUY' ? book.bids : book.asks).qtyAtPrice(r.price);
  }

  private _left(w: WorkingOrder): number {
    return w.order.request.qty - w.filled;
  }

  private _done(w: WorkingOrder): boolean {
    return this._left(w) <= QTY_EPSILON * w.order.request.qty;
  }

  private _fill(
    w: WorkingOrder,
    qty: number,
    price: number,
    liquidity: Liquidity,
    now: number,
  ): void {
    if (qty <= 0) return;
    w.filled += qty;
    const done = this._done(w);
    if (done) this._remove(w);
    this._schedule(now + this._config.latencyMs, {
      kind: 'filled',
      clientOrderId: w.order.request.clientOrderId,
      // The last fill takes the exact remainder so the engine sees the order complete.
      qty: done ? qty + this._left(w) : qty,
      price,
      liquidity,
    });
  }

  private _end(w: WorkingOrder, now: number, kind: 'rejected' | 'expired', reason: string): void {
    this._remove(w);
    this._schedule(now + this._config.latencyMs, {
      kind,
      clientOrderId: w.order.request.clientOrderId,
      reason,
    });
  }

  private _schedule(due: number, report: VenueReport): void {
    this._pending.schedule(due, report);
  }

  private _find(id: ClientOrderId): WorkingOrder | undefined {
    for (const w of this._working) if (w.order.request.clientOrderId === id) return w;
    return undefined;
  }

  private _remove(w: WorkingOrder): void {
    const i = this._working.indexOf(w);
    if (i < 0) return;
    this._working.splice(i, 1);
    if (!w.activated) this._inFlight--;
  }
}
