import {
  type ClientOrderId,
  type OrderState,
  remainingQty,
  type SymbolId,
  type TimestampMs,
  timestampMs,
} from '../../model';
import { ReportQueue } from '../report-queue';
import type { Venue, VenueReport } from '../venue';
import { limitCrosses, restsOnBook, stopHit, withinProtection } from './tick-matching';

/** Settings of the paper venue. */
export interface SimulatedVenueConfig {
  /** Delay between an action and its report (order ack, fill, cancel), in ms. */
  readonly latencyMs: number;
  /** How far market and stop orders may fill from the reference price, as a fraction. */
  readonly marketProtection: number;
}

interface WorkingOrder {
  readonly order: OrderState;
  /** When the order reaches the venue and can trade. */
  readonly activeAt: number;
  activated: boolean;
  triggered: boolean;
  /** Market-like fills must not be worse than this (bounds the engine's reservation). */
  protectionPrice: number | null;
}

/**
 * The paper venue: matches orders against market ticks with unlimited liquidity at the tick
 * price, and delivers every report `latencyMs` after the event that caused it (the seed's pending
 * fills with due timestamps). Resting limits fill at their limit price as maker when a tick
 * reaches them; orders marketable on arrival fill at the current price as taker.
 */
export class SimulatedVenue implements Venue {
  readonly name = 'simulated';
  private readonly _working: WorkingOrder[] = [];
  private readonly _pending = new ReportQueue();
  private readonly _last = new Map<SymbolId, number>();
  /** Working orders that have not reached the venue yet (skip the scan when 0). */
  private _inFlight = 0;

  constructor(private readonly _config: SimulatedVenueConfig) {}

  place(order: OrderState, now: TimestampMs): void {
    const r = order.request;
    const w: WorkingOrder = {
      order,
      activeAt: now + this._config.latencyMs,
      activated: false,
      triggered: order.triggered,
      protectionPrice: this._protectionFor(order, this._last.get(r.symbol)),
    };
    this._working.push(w);
    this._inFlight++;
    this._schedule(w.activeAt, {
      kind: 'accepted',
      clientOrderId: r.clientOrderId,
      venueOrderId: `SIM-${order.seq}`,
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

  onTick(symbol: SymbolId, price: number, now: TimestampMs): void {
    this._last.set(symbol, price);
    this._activateDue(now);
    // Iterate over a copy: fills remove orders from the working list.
    for (const w of [...this._working]) {
      if (!w.activated || w.order.request.symbol !== symbol) continue;
      this._matchResting(w, price, now);
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
      const last = this._last.get(order.request.symbol);
      // An acknowledged order that rests stays as it was. One that acts on arrival only (market,
      // IOC, FOK, a triggered stop) whose outcome was not reported arrives again, without a
      // second acceptance; so does a NEW one, with it.
      const rests = order.status !== 'NEW' && restsOnBook(order);
      this._working.push({
        order,
        activeAt: order.lastTs,
        activated: rests,
        triggered: order.triggered,
        protectionPrice: this._protectionFor(order, last),
      });
      if (!rests) this._inFlight++;
      if (order.status === 'NEW') {
        this._schedule(order.lastTs, {
          kind: 'accepted',
          clientOrderId: order.request.clientOrderId,
          venueOrderId: `SIM-${order.seq}`,
        });
      }
    }
  }

  private _protectionFor(order: OrderState, last: number | undefined): number | null {
    const r = order.request;
    const m = this._config.marketProtection;
    const k = r.side === 'BUY' ? 1 + m : 1 - m;
    if (r.type === 'STOP') return r.stopPrice * k;
    if (r.type === 'MARKET') return last === undefined ? null : last * k;
    return null;
  }

  private _schedule(due: number, report: VenueReport): void {
    this._pending.schedule(due, report);
  }

  private _find(clientOrderId: ClientOrderId): WorkingOrder | undefined {
    for (const w of this._working) if (w.order.request.clientOrderId === clientOrderId) return w;
    return undefined;
  }

  /**
   * Orders that have just reached the venue trade against the current price once. Runs on every
   * drain while an order is in flight, so it walks the list in place instead of over a copy:
   * matching an order can only remove that order, and then the next one has moved into slot i.
   */
  private _activateDue(now: number): void {
    const working = this._working;
    for (let i = 0; i < working.length && this._inFlight > 0; i++) {
      const w = working[i] as WorkingOrder;
      if (w.activated || w.activeAt > now) continue;
      w.activated = true;
      this._inFlight--;
      const last = this._last.get(w.order.request.symbol);
      if (last === undefined) continue;
      this._matchOnArrival(w, last, w.activeAt);
      if (working[i] !== w) i--;
    }
  }

  private _matchOnArrival(w: WorkingOrder, p: number, now: number): void {
    const r = w.order.request;
    if (r.type === 'LIMIT') {
      if (limitCrosses(r, r.price, p)) {
        if (r.postOnly)
          return this._end(w, now, 'rejected', 'post_only: order would take liquidity');
        return this._fill(w, p, 'TAKER', now);
      }
      if (r.tif !== 'GTC')
        return this._end(w, now, 'expired', `${r.tif}: not marketable on arrival`);
      return;
    }
    this._matchResting(w, p, now);
  }

  private _matchResting(w: WorkingOrder, p: number, now: number): void {
    const r = w.order.request;
    switch (r.type) {
      case 'MARKET':
        if (w.protectionPrice === null) w.protectionPrice = this._protectionFor(w.order, p);
        return this._fillMarketLike(w, p, now);
      case 'LIMIT':
        if (limitCrosses(r, r.price, p)) this._fill(w, r.price, 'MAKER', now);
        return;
      case 'STOP':
        // Triggered already: only after a restart (a triggered stop fills or ends at once).
        if (!w.triggered) {
          if (!stopHit(r, p)) return;
          w.triggered = true;
          this._schedule(now + this._config.latencyMs, {
            kind: 'triggered',
            clientOrderId: r.clientOrderId,
          });
        }
        return this._fillMarketLike(w, p, now);
      case 'STOP_LIMIT':
        if (!w.triggered) {
          if (!stopHit(r, p)) return;
          w.triggered = true;
          this._schedule(now + this._config.latencyMs, {
            kind: 'triggered',
            clientOrderId: r.clientOrderId,
          });
          if (limitCrosses(r, r.price, p)) this._fill(w, p, 'TAKER', now);
          return;
        }
        if (limitCrosses(r, r.price, p)) this._fill(w, r.price, 'MAKER', now);
        return;
    }
  }

  private _fillMarketLike(w: WorkingOrder, p: number, now: number): void {
    const cap = w.protectionPrice;
    if (cap !== null && !withinProtection(w.order.request, p, cap)) {
      return this._end(w, now, 'expired', `market_protection: price ${p} beyond ${cap}`);
    }
    this._fill(w, p, 'TAKER', now);
  }

  private _fill(w: WorkingOrder, price: number, liquidity: 'MAKER' | 'TAKER', now: number): void {
    this._remove(w);
    this._schedule(now + this._config.latencyMs, {
      kind: 'filled',
      clientOrderId: w.order.request.clientOrderId,
      qty: remainingQty(w.order),
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

  private _remove(w: WorkingOrder): void {
    const i = this._working.indexOf(w);
    if (i < 0) return;
    this._working.splice(i, 1);
    if (!w.activated) this._inFlight--;
  }
}
