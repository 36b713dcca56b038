import { checkPeriod } from './check-period';

/**
 * Rate of change in percent over `period` inputs, O(1) per update with a ring buffer:
 * `100 · (x − x[period ago]) / x[period ago]`. The first value comes with the `(period + 1)`-th
 * input. trading-signals' `ROC` returns the same ratio as a fraction (not × 100). NaN when the
 * value `period` inputs ago is 0.
 */
export class Roc {
  private readonly _buf: Float64Array;
  private _pos = 0;
  private _count = 0;
  private _value = Number.NaN;

  constructor(readonly period: number) {
    checkPeriod('ROC', 'period', period);
    this._buf = new Float64Array(period);
  }

  /** Adds a value; returns the rate of change in percent, or NaN until `period + 1` values. */
  update(x: number): number {
    const base = this._buf[this._pos] as number;
    this._buf[this._pos] = x;
    this._pos = this._pos + 1 === this.period ? 0 : this._pos + 1;
    if (this._count < this.period) {
      this._count++;
      return Number.NaN;
    }
    this._value = base === 0 ? Number.NaN : (100 * (x - base)) / base;
    return this._value;
  }

  /** The current rate of change in percent, or NaN before `period + 1` values. */
  get value(): number {
    return this._value;
  }

  /** Forgets every value seen, as if just constructed. */
  reset(): void {
    this._buf.fill(0);
    this._pos = 0;
    this._count = 0;
    this._value = Number.NaN;
  }
}
