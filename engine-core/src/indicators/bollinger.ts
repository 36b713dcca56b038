import { checkPeriod } from './check-period';

/**
 * Bollinger bands: `middle` is the SMA of the last `period` values, `upper`/`lower` are
 * `middle ± k·σ` with σ the **population** standard deviation of the window (divide by `period`,
 * not `period − 1`), as in Bollinger's definition, TA-Lib and trading-signals. O(1) per update:
 * the mean and the sum of squared deviations are updated when a value enters and one leaves the
 * window (Welford-style, no `Σx² − n·mean²` cancellation), and recomputed from the window every
 * `period` updates so float drift cannot build up.
 */
export class Bollinger {
  /** SMA of the window; NaN until warm. */
  middle = Number.NaN;
  /** `middle + k·σ`; NaN until warm. */
  upper = Number.NaN;
  /** `middle − k·σ`; NaN until warm. */
  lower = Number.NaN;
  /** Population standard deviation σ of the window; NaN until warm. */
  stddev = Number.NaN;
  private readonly _buf: Float64Array;
  private _pos = 0;
  private _count = 0;
  private _mean = 0;
  private _m2 = 0;
  private _sinceRecompute = 0;

  constructor(
    readonly period: number,
    readonly k = 2,
  ) {
    checkPeriod('Bollinger', 'period', period);
    if (!Number.isFinite(k) || k < 0)
      throw new RangeError(`Bollinger k must be a finite number ≥ 0, got ${k}`);
    this._buf = new Float64Array(period);
  }

  /** Adds a value; sets the bands and returns `middle`, or NaN until `period` values. */
  update(x: number): number {
    const n = this.period;
    if (this._count < n) {
      this._count++;
      const d = x - this._mean;
      this._mean += d / this._count;
      this._m2 += d * (x - this._mean);
    } else {
      const old = this._buf[this._pos] as number;
      const mean = this._mean + (x - old) / n;
      this._m2 += (x - old) * (x - mean + old - this._mean);
      this._mean = mean;
    }
    this._buf[this._pos] = x;
    this._pos = this._pos + 1 === n ? 0 : this._pos + 1;
    if (this._count < n) return Number.NaN;
    if (++this._sinceRecompute >= n) this._recompute();
    const sd = Math.sqrt(this._m2 > 0 ? this._m2 / n : 0);
    this.middle = this._mean;
    this.stddev = sd;
    this.upper = this._mean + this.k * sd;
    this.lower = this._mean - this.k * sd;
    return this.middle;
  }

  /** Forgets every value seen, as if just constructed. */
  reset(): void {
    this.middle = Number.NaN;
    this.upper = Number.NaN;
    this.lower = Number.NaN;
    this.stddev = Number.NaN;
    this._buf.fill(0);
    this._pos = 0;
    this._count = 0;
    this._mean = 0;
    this._m2 = 0;
    this._sinceRecompute = 0;
  }

  /** Two-pass mean and squared deviations over the whole window. */
  private _recompute(): void {
    const n = this.period;
    let s = 0;
    for (let i = 0; i < n; i++) s += this._buf[i] as number;
    const mean = s / n;
    let m2 = 0;
    for (let i = 0; i < n; i++) {
      const d = (this._buf[i] as number) - mean;
      m2 += d * d;
    }
    this._mean = mean;
    this._m2 = m2;
    this._sinceRecompute = 0;
  }
}
