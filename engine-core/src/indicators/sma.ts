import { checkPeriod } from './check-period';

/**
 * Simple moving average over a fixed window, O(1) per update with a ring buffer and a running
 * sum. The sum is recomputed from the window every `window` updates so float drift cannot build
 * up over millions of bars.
 */
export class Sma {
  private readonly _buf: Float64Array;
  private _sum = 0;
  private _count = 0;
  private _pos = 0;
  private _sinceResum = 0;

  constructor(readonly period: number) {
    checkPeriod('SMA', 'period', period);
    this._buf = new Float64Array(period);
  }

  /** Adds a value; returns the average, or NaN until `period` values have been seen. */
  update(x: number): number {
    const old = this._buf[this._pos] as number;
    this._buf[this._pos] = x;
    this._pos = this._pos + 1 === this.period ? 0 : this._pos + 1;
    if (this._count < this.period) {
      this._count++;
      this._sum += x;
    } else {
      this._sum += x - old;
      if (++this._sinceResum >= this.period) this._resum();
    }
    return this._count < this.period ? Number.NaN : this._sum / this.period;
  }

  /** The current average, or NaN before the window is full. */
  get value(): number {
    return this._count < this.period ? Number.NaN : this._sum / this.period;
  }

  /** Forgets every value seen, as if just constructed. */
  reset(): void {
    this._buf.fill(0);
    this._sum = 0;
    this._count = 0;
    this._pos = 0;
    this._sinceResum = 0;
  }

  private _resum(): void {
    let s = 0;
    for (let i = 0; i < this.period; i++) s += this._buf[i] as number;
    this._sum = s;
    this._sinceResum = 0;
  }
}
