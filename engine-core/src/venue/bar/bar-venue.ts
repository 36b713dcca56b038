import type { ClientOrderId, Liquidity, OrderState, SymbolId, TimestampMs } from '../../model';
import type { Venue, VenueReport } from '../venue';
import { type BarPath, firstAtOrAbove, firstAtOrBelow, priceAt, setPath } from './intrabar-path';

/** Settings of the bar venue (DESIGN §4). */
export interface BarVenueConfig {
  /** Applied to market and stop fills: buy × (1 + s), sell × (1 − s). */
  readonly slippageBps: number;
  /** Fill at most this fraction of a bar's volume (shared by all orders in the bar); null = no cap. */
  readonly volumeCap: number | null;
}

/** A trailing stop: the stop follows the best price by a fraction. */
export interface Trailing {
  readonly fraction: number;
}

interface Working {
  readonly order: OrderState;
  filled: number;
  /** Stop-limit armed (its stop was hit). */
  armed: boolean;
  trailing: Trailing | null;
  /** Best price seen since placement (trailing stops). */
  best: number;
  ocoWith: ClientOrderId | null;
}

interface Candidate {
  w: Working;
  t: number;
  price: number;
  liquidity: Liquidity;
}

/**
 * The backtest venue: orders placed at bar t are matched against bars t+1, t+2, … with the fill
 * rules and intrabar path of DESIGN §4. Market orders fill at the open; limits at their price or
 * a better open; stops at the stop or a worse open, with slippage; fills in a bar happen in path
 * order. Reports are delivered synchronously through `drain`.
 */
export class BarVenue implements Venue {
  readonly name = 'bar';
  private readonly _working: Working[] = [];
  private _reports: VenueReport[] = [];
  private readonly _path = { p0: 0, p1: 0, p2: 0, p3: 0 };
  private readonly _s: number;
  private readonly _candidates: Candidate[] = [];
  private _open = Number.NaN;
  /** Orders finished in the bar being matched (reused: no allocation per bar). */
  private readonly _done = new Set<ClientOrderId>();

  constructor(private readonly _config: BarVenueConfig) {
    this._s = _config.slippageBps / 10_000;
  }

  /** True when some order is working (the runner skips matching otherwise). */
  get hasWorking(): boolean {
    return this._working.length > 0;
  }

  place(order: OrderState, _now: TimestampMs): void {
    const id = order.request.clientOrderId;
    // The bar venue has no id space of its own: its order id is the client's (no string to build).
    this._reports.push({ kind: 'accepted', clientOrderId: id, venueOrderId: id });
    // A market order placed at a known open fills right here, exactly as `processBar` would: it
    // is first in path order (t = 0) unless an earlier order also fills at the open (a tie, which
    // submission order decides: then it waits for processBar). Whole, at the open with slippage.
    const r = order.request;
    if (
      r.type === 'MARKET' &&
      this._config.volumeCap === null &&
      !Number.isNaN(this._open) &&
      !this._someFillsAtOpen()
    ) {
      const price = this._open * (r.side === 'BUY' ? 1 + this._s : 1 - this._s);
      const qty = r.qty - order.executedQty;
      this._reports.push({ kind: 'filled', clientOrderId: id, qty, price, liquidity: 'TAKER' });
      return;
    }
    this._working.push({
      order,
      filled: order.executedQty,
      armed: false,
      trailing: null,
      best: Number.NaN,
      ocoWith: null,
    });
  }

  private _someFillsAtOpen(): boolean {
    for (const w of this._working) if (this._fillsAtOpen(w, this._open)) return true;
    return false;
  }

  cancel(clientOrderId: ClientOrderId, _now: TimestampMs): void {
    const i = this._working.findIndex((w) => w.order.request.clientOrderId === clientOrderId);
    if (i < 0) return;
    this._working.splice(i, 1);
    this._reports.push({ kind: 'cancelled', clientOrderId, reason: null });
  }

  onTick(): void {}

  /** Tells the venue the open of the bar it is about to match, so market orders can be priced. */
  setOpen(open: number): void {
    this._open = open;
  }

  marketPrice(_symbol: SymbolId, side: 'BUY' | 'SELL'): number | null {
    return Number.isNaN(this._open)
      ? null
      : this._open * (side === 'BUY' ? 1 + this._s : 1 - this._s);
  }

  drain(): readonly VenueReport[] {
    if (this._reports.length === 0) return EMPTY;
    const out = this._reports;
    this._reports = [];
    return out;
  }

  nextDueTs(): TimestampMs | null {
    return null;
  }

  restore(openOrders: readonly OrderState[]): void {
    this._working.length = 0;
    for (const order of openOrders) {
      this._working.push({
        order,
        filled: order.executedQty,
        armed: order.triggered,
        trailing: null,
        best: Number.NaN,
        ocoWith: null,
      });
    }
  }

  /** Links two working orders: when either fills, the other is cancelled in the same bar. */
  linkOco(a: ClientOrderId, b: ClientOrderId): void {
    const wa = this._find(a);
    const wb = this._find(b);
    if (wa) wa.ocoWith = b;
    if (wb) wb.ocoWith = a;
  }

  /** Makes a working STOP order trail the best price by `fraction`, starting from `reference`. */
  setTrailing(id: ClientOrderId, trailing: Trailing, reference: number): void {
    const w = this._find(id);
    if (w) {
      w.trailing = trailing;
      w.best = reference;
    }
  }

  /** Matches working orders against one bar. Reports go to `drain`. */
  processBar(open: number, high: number, low: number, close: number, volume: number): void {
    if (this._working.length === 0) return;
    setPath(this._path, open, high, low, close);
    const cands = this._candidates;
    cands.length = 0;
    for (const w of this._working) {
      const c = this._match(w, this._path);
      if (c !== null) cands.push(c);
    }
    // Fills in path order; ties keep submission order (the sort is stable).
    if (cands.length > 1) cands.sort((a, b) => a.t - b.t);
    let budget =
      this._config.volumeCap === null ? Number.POSITIVE_INFINITY : this._config.volumeCap * volume;
    const done = this._done;
    done.clear();
    for (const c of cands) {
      const id = c.w.order.request.clientOrderId;
      if (done.has(id)) continue; // its OCO sibling filled earlier in this bar
      const want = c.w.order.request.qty - c.w.filled;
      const qty = Math.min(want, budget);
      if (qty <= 0) continue;
      budget -= qty;
      c.w.filled += qty;
      this._reports.push({
        kind: 'filled',
        clientOrderId: id,
        qty,
        price: c.price,
        liquidity: c.liquidity,
      });
      if (qty >= want) {
        this._remove(c.w);
        done.add(id);
        const other = c.w.ocoWith;
        if (other !== null && this._find(other)) {
          done.add(other);
          this.cancel(other, 0 as TimestampMs);
        }
      }
    }
    // Trailing stops that did not trigger ratchet to this bar's best price.
    for (const w of this._working) {
      if (w.trailing === null) continue;
      w.best = w.order.request.side === 'SELL' ? Math.max(w.best, high) : Math.min(w.best, low);
    }
  }

  private _match(w: Working, path: BarPath): Candidate | null {
    const r = w.order.request;
    const s = this._s;
    const buy = r.side === 'BUY';
    switch (r.type) {
      case 'MARKET':
        return { w, t: 0, price: path.p0 * (buy ? 1 + s : 1 - s), liquidity: 'TAKER' };
      case 'LIMIT': {
        const t = buy ? firstAtOrBelow(path, r.price, 0) : firstAtOrAbove(path, r.price, 0);
        if (t < 0) return null;
        const price =
          t === 0 ? (buy ? Math.min(path.p0, r.price) : Math.max(path.p0, r.price)) : r.price;
        return { w, t, price, liquidity: 'MAKER' };
      }
      case 'STOP': {
        if (w.trailing !== null) return this._matchTrailing(w, path);
        const t = buy ? firstAtOrAbove(path, r.stopPrice, 0) : firstAtOrBelow(path, r.stopPrice, 0);
        if (t < 0) return null;
        const level = t === 0 ? path.p0 : r.stopPrice;
        return { w, t, price: level * (buy ? 1 + s : 1 - s), liquidity: 'TAKER' };
      }
      case 'STOP_LIMIT': {
        let from = 0;
        let armedNow = false;
        if (!w.armed) {
          const tStop = buy
            ? firstAtOrAbove(path, r.stopPrice, 0)
            : firstAtOrBelow(path, r.stopPrice, 0);
          if (tStop < 0) return null;
          w.armed = true;
          armedNow = true;
          this._reports.push({ kind: 'triggered', clientOrderId: r.clientOrderId });
          from = tStop;
        }
        const t = buy ? firstAtOrBelow(path, r.price, from) : firstAtOrAbove(path, r.price, from);
        if (t < 0) return null;
        // Marketable the moment the stop arms it (or at the open): it takes at the current price,
        // capped by the limit. Later in the bar, or in later bars, it rests and fills at its limit.
        const takes = t === 0 || (armedNow && t === from);
        const here = priceAt(path, t);
        const price = takes ? (buy ? Math.min(here, r.price) : Math.max(here, r.price)) : r.price;
        return { w, t, price, liquidity: armedNow && t === from ? 'TAKER' : 'MAKER' };
      }
    }
  }

  /** A trailing stop walks the path: the stop follows the best price, and triggers on a pullback. */
  private _matchTrailing(w: Working, path: BarPath): Candidate | null {
    const sell = w.order.request.side === 'SELL';
    const f = (w.trailing as Trailing).fraction;
    const s = this._s;
    let best = w.best;
    const pts = [path.p0, path.p1, path.p2, path.p3];
    const stopOf = (b: number) => (sell ? b * (1 - f) : b * (1 + f));
    if (sell ? path.p0 <= stopOf(best) : path.p0 >= stopOf(best)) {
      return { w, t: 0, price: path.p0 * (sell ? 1 - s : 1 + s), liquidity: 'TAKER' };
    }
    best = sell ? Math.max(best, path.p0) : Math.min(best, path.p0);
    for (let k = 1; k <= 3; k++) {
      const a = pts[k - 1] as number;
      const b = pts[k] as number;
      const towardsStop = sell ? b < a : b > a;
      if (!towardsStop) {
        best = sell ? Math.max(best, b) : Math.min(best, b);
        continue;
      }
      const stop = stopOf(best);
      if (sell ? b <= stop : b >= stop) {
        const t = k - 1 + (a - stop) / (a - b);
        w.best = best;
        return { w, t, price: stop * (sell ? 1 - s : 1 + s), liquidity: 'TAKER' };
      }
    }
    return null;
  }

  /** Would this working order fill at the bar's open (t = 0)? Pure: no arming, no reports. */
  private _fillsAtOpen(w: Working, open: number): boolean {
    const r = w.order.request;
    const buy = r.side === 'BUY';
    switch (r.type) {
      case 'MARKET':
        return true;
      case 'LIMIT':
        return buy ? open <= r.price : open >= r.price;
      case 'STOP': {
        if (w.trailing !== null) {
          const f = w.trailing.fraction;
          return buy ? open >= w.best * (1 + f) : open <= w.best * (1 - f);
        }
        return buy ? open >= r.stopPrice : open <= r.stopPrice;
      }
      case 'STOP_LIMIT': {
        const armed = w.armed || (buy ? open >= r.stopPrice : open <= r.stopPrice);
        return armed && (buy ? open <= r.price : open >= r.price);
      }
    }
  }

  private _find(id: ClientOrderId): Working | undefined {
    return this._working.find((w) => w.order.request.clientOrderId === id);
  }

  private _remove(w: Working): void {
    const i = this._working.indexOf(w);
    if (i >= 0) this._working.splice(i, 1);
  }
}

const EMPTY: readonly VenueReport[] = [];
