// A synthetic order book that moves like a busy spot book, for the fake Binance server and the
// book benchmark: each diff changes a few levels, mostly the quantity of a level near the top, some
// inserts and deletes, and now and then a new best price inside the spread. Kept in plain sorted
// arrays and a Map per side (not the OrderBook it tests). Never exported from index.ts.
import { mulberry32, type Rng } from '../../../util/rng';

/** Settings of `SyntheticDepth`. */
export interface SyntheticDepthOptions {
  readonly seed: number;
  /** Levels per side, kept near this count (default 1000). */
  readonly levels?: number;
  /** Price step (default 0.01); prices are whole ticks, rounded like Binance's strings. */
  readonly tick?: number;
  /** Mid price in ticks at the start (default 5 000 000: 50 000.00). */
  readonly midTicks?: number;
  /** Level changes per diff: 1 to this (default 8). */
  readonly maxChanges?: number;
}

/** One side: ticks sorted best first, quantity per tick. */
interface Side {
  readonly ticks: number[];
  readonly qty: Map<number, number>;
  readonly bid: boolean;
}

/** A moving book of integer-tick prices; `nextDiff` changes it and says how. */
export class SyntheticDepth {
  readonly tick: number;
  private readonly _rng: Rng;
  private readonly _target: number;
  private readonly _maxChanges: number;
  private readonly _decimals: number;
  private readonly _bids: Side = { ticks: [], qty: new Map(), bid: true };
  private readonly _asks: Side = { ticks: [], qty: new Map(), bid: false };

  constructor(o: SyntheticDepthOptions) {
    this._rng = mulberry32(o.seed);
    this._target = o.levels ?? 1000;
    this.tick = o.tick ?? 0.01;
    this._decimals = Math.max(0, Math.round(-Math.log10(this.tick)));
    this._maxChanges = o.maxChanges ?? 8;
    const mid = o.midTicks ?? 5_000_000;
    // Levels one or two ticks apart, so that inserts find room near the top.
    let b = mid - 1;
    let a = mid + 1;
    for (let i = 0; i < this._target; i++) {
      this._set(this._bids, b, this._qty());
      this._set(this._asks, a, this._qty());
      b -= this._rng() < 0.3 ? 2 : 1;
      a += this._rng() < 0.3 ? 2 : 1;
    }
  }

  /** The price of a tick, as parsing Binance's decimal string gives it. */
  price(ticks: number): number {
    return Number((ticks * this.tick).toFixed(this._decimals));
  }

  /** The whole book as flat `[price, qty, …]`, best first. */
  levels(side: 'bid' | 'ask', max = Number.POSITIVE_INFINITY): number[] {
    const s = side === 'bid' ? this._bids : this._asks;
    const out: number[] = [];
    const n = Math.min(max, s.ticks.length);
    for (let i = 0; i < n; i++) {
      const t = s.ticks[i] as number;
      out.push(this.price(t), s.qty.get(t) as number);
    }
    return out;
  }

  /** Changes 1 to `maxChanges` levels; returns them as flat `[price, qty, …]` (0 = removed). */
  nextDiff(): { bids: number[]; asks: number[] } {
    const bids: number[] = [];
    const asks: number[] = [];
    const n = 1 + Math.floor(this._rng() * this._maxChanges);
    for (let k = 0; k < n; k++) {
      const bid = this._rng() < 0.5;
      const side = bid ? this._bids : this._asks;
      const [t, q] = this._change(side);
      (bid ? bids : asks).push(this.price(t), q);
    }
    return { bids, asks };
  }

  /** One change on `side`: [tick, new qty]. */
  private _change(side: Side): [number, number] {
    const r = this._rng();
    const size = side.ticks.length;
    // Deletes and inserts balance around the target count.
    const pDelete = 0.12 * (size / this._target);
    const pInsert = 0.12 * (this._target / Math.max(1, size));
    if (size > 1 && r < pDelete) {
      const t = side.ticks[this._depth(size)] as number;
      this._set(side, t, 0);
      return [t, 0];
    }
    if (r < pDelete + pInsert) {
      const t = this._freeTick(side);
      const q = this._qty();
      this._set(side, t, q);
      return [t, q];
    }
    const t = side.ticks[this._depth(size)] as number;
    const q = this._qty();
    this._set(side, t, q);
    return [t, q];
  }

  /** A depth index: geometric, mostly the top 10 levels. */
  private _depth(size: number): number {
    const d = Math.floor(-Math.log(1 - this._rng()) * 4);
    return Math.min(size - 1, d);
  }

  /** A tick with no level on `side`, near the top, never crossing the other side. */
  private _freeTick(side: Side): number {
    const other = side.bid ? this._asks : this._bids;
    const best = side.ticks[0];
    const otherBest = other.ticks[0];
    for (let tries = 0; ; tries++) {
      if (tries === 50) {
        // The top is full: a level past the worst one.
        const worst = side.ticks[side.ticks.length - 1] as number;
        return side.bid ? Math.max(1, worst - 1) : worst + 1;
      }
      const d = Math.floor(this._rng() * 30) - 2; // −2 … 27 ticks behind the best
      let t: number;
      if (best === undefined)
        t = otherBest === undefined ? 1000 : otherBest + (side.bid ? -1 - d : 1 + d);
      else t = side.bid ? best - d : best + d;
      if (t <= 0) continue;
      if (otherBest !== undefined && (side.bid ? t >= otherBest : t <= otherBest)) continue;
      if (!side.qty.has(t)) return t;
    }
  }

  private _qty(): number {
    return Math.round((0.001 + this._rng() * 3) * 1e5) / 1e5;
  }

  private _set(side: Side, t: number, q: number): void {
    const ticks = side.ticks;
    // Binary search for t in ticks (descending for bids, ascending for asks).
    let lo = 0;
    let hi = ticks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = ticks[mid] as number;
      if (side.bid ? v > t : v < t) lo = mid + 1;
      else hi = mid;
    }
    const present = ticks[lo] === t;
    if (q === 0) {
      if (present) {
        ticks.splice(lo, 1);
        side.qty.delete(t);
      }
      return;
    }
    if (!present) ticks.splice(lo, 0, t);
    side.qty.set(t, q);
  }
}
