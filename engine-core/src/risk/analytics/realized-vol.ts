import { assert } from '../../util';

/** A volatility estimate, or how far it is from having one. */
export type VolEstimate =
  | { readonly kind: 'warming'; readonly count: number; readonly needed: number }
  | { readonly kind: 'ready'; readonly vol: number };

/**
 * Realized volatility (sample stdev, n − 1) of the last `window` simple returns, updated in O(1)
 * per price with no allocation: a ring buffer and running Σr, Σr². The sums are rebuilt from the
 * buffer once per `window` updates so rounding cannot drift over a long run.
 */
export class RollingVolatility {
  private readonly _buf: Float64Array;
  private _count = 0;
  private _next = 0;
  private _sum = 0;
  private _sumSq = 0;
  private _sinceRebuild = 0;
  private _lastPrice = Number.NaN;

  constructor(readonly window: number) {
    assert(Number.isInteger(window) && window >= 2, 'the volatility window needs ≥ 2 returns');
    this._buf = new Float64Array(window);
  }

  /** Takes the next price; the first one only sets the base. */
  updatePrice(price: number): void {
    const prev = this._lastPrice;
    this._lastPrice = price;
    if (!Number.isNaN(prev)) this.updateReturn(price / prev - 1);
  }

  /** Takes the next return. */
  updateReturn(r: number): void {
    if (this._count === this.window) {
      const old = this._buf[this._next];
      this._sum -= old;
      this._sumSq -= old * old;
    } else {
      this._count++;
    }
    this._buf[this._next] = r;
    this._next = (this._next + 1) % this.window;
    this._sum += r;
    this._sumSq += r * r;
    if (++this._sinceRebuild >= this.window) this._rebuild();
  }

  /** The stdev of the window's returns once it is full. */
  estimate(): VolEstimate {
    if (this._count < this.window) {
      return { kind: 'warming', count: this._count, needed: this.window };
    }
    const n = this._count;
    const mean = this._sum / n;
    const variance = (this._sumSq - n * mean * mean) / (n - 1);
    return { kind: 'ready', vol: Math.sqrt(Math.max(variance, 0)) };
  }

  private _rebuild(): void {
    let s = 0;
    let q = 0;
    for (let i = 0; i < this._count; i++) {
      s += this._buf[i];
      q += this._buf[i] * this._buf[i];
    }
    this._sum = s;
    this._sumSq = q;
    this._sinceRebuild = 0;
  }
}

/** Per-bar volatility to annual, with DESIGN §5's periods per year: 365 × 86 400 000 / bar_ms. */
export const annualizeVol = (perBar: number, barMs: number): number =>
  perBar * Math.sqrt((365 * 86_400_000) / barMs);
