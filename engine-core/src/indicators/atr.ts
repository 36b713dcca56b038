import { checkPeriod } from './check-period';

/**
 * Average true range with Wilder's smoothing, O(1) per update. The true range is
 * `max(high − low, |high − prevClose|, |low − prevClose|)`, and `high − low` on the first bar
 * (there is no previous close). The first ATR is the simple average of the first `period` true
 * ranges, so it comes with the `period`-th bar (as in trading-signals; TA-Lib skips the first bar
 * and starts one bar later); after that `atr = atr_prev + (tr − atr_prev) / period`.
 */
export class Atr {
  /** True range of the last bar; NaN before the first. */
  trueRange = Number.NaN;
  private _prevClose = Number.NaN;
  private _count = 0;
  private _atr = 0;

  constructor(readonly period: number) {
    checkPeriod('ATR', 'period', period);
  }

  /** Adds a bar; returns the ATR, or NaN until `period` bars have been seen. */
  update(high: number, low: number, close: number): number {
    let tr = high - low;
    if (this._count > 0) {
      const up = Math.abs(high - this._prevClose);
      const down = Math.abs(low - this._prevClose);
      if (up > tr) tr = up;
      if (down > tr) tr = down;
    }
    this._prevClose = close;
    this.trueRange = tr;
    if (this._count >= this.period) {
      this._atr += (tr - this._atr) / this.period;
      return this._atr;
    }
    // Warm-up: `_atr` holds the sum of the true ranges until the period-th bar.
    this._atr += tr;
    if (++this._count < this.period) return Number.NaN;
    this._atr /= this.period;
    return this._atr;
  }

  /** The current ATR, or NaN before `period` bars have been seen. */
  get value(): number {
    return this._count < this.period ? Number.NaN : this._atr;
  }

  /** Forgets every bar seen, as if just constructed. */
  reset(): void {
    this.trueRange = Number.NaN;
    this._prevClose = Number.NaN;
    this._count = 0;
    this._atr = 0;
  }
}
