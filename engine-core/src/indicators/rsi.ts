import { checkPeriod } from './check-period';

/**
 * Relative strength index with Wilder's smoothing, O(1) per update. The first average gain and
 * loss are the simple averages of the first `period` changes; after that
 * `avg = avg_prev + (change − avg_prev) / period`. `RSI = 100 − 100 / (1 + avgGain / avgLoss)`, so
 * the first value comes with the `(period + 1)`-th input. No losses in the window gives 100; a flat
 * window (no gains and no losses) gives 50, where trading-signals 8.3 gives 100.
 */
export class Rsi {
  private _prev = Number.NaN;
  private _count = 0;
  private _avgGain = 0;
  private _avgLoss = 0;
  private _value = Number.NaN;

  constructor(readonly period: number) {
    checkPeriod('RSI', 'period', period);
  }

  /** Adds a value; returns the RSI in [0, 100], or NaN until `period + 1` values have been seen. */
  update(x: number): number {
    const change = x - this._prev;
    this._prev = x;
    if (this._count === 0) {
      this._count = 1;
      return Number.NaN;
    }
    const gain = Math.max(change, 0);
    const loss = Math.max(-change, 0);
    if (this._count > this.period) {
      this._avgGain += (gain - this._avgGain) / this.period;
      this._avgLoss += (loss - this._avgLoss) / this.period;
    } else {
      // Warm-up: `_avgGain`/`_avgLoss` hold the sums until the period-th change.
      this._avgGain += gain;
      this._avgLoss += loss;
      if (++this._count <= this.period) return Number.NaN;
      this._avgGain /= this.period;
      this._avgLoss /= this.period;
    }
    this._value =
      this._avgLoss === 0
        ? this._avgGain === 0
          ? 50
          : 100
        : 100 - 100 / (1 + this._avgGain / this._avgLoss);
    return this._value;
  }

  /** The current RSI, or NaN before `period + 1` values have been seen. */
  get value(): number {
    return this._value;
  }

  /** Forgets every value seen, as if just constructed. */
  reset(): void {
    this._prev = Number.NaN;
    this._count = 0;
    this._avgGain = 0;
    this._avgLoss = 0;
    this._value = Number.NaN;
  }
}
