import { checkPeriod } from './check-period';
import { MonotonicDeque } from './monotonic-deque';

/**
 * Donchian channel: `upper` is the highest high and `lower` the lowest low of the last `period`
 * bars (the current bar included), `middle = (upper + lower) / 2`, as in trading-signals'
 * `DonchianChannels`. O(1) amortized per update and no allocation, with a monotonic deque per side
 * (see `MonotonicDeque`).
 */
export class Donchian {
  /** Highest high of the window; NaN until warm. */
  upper = Number.NaN;
  /** Lowest low of the window; NaN until warm. */
  lower = Number.NaN;
  /** `(upper + lower) / 2`; NaN until warm. */
  middle = Number.NaN;
  private readonly _highs: MonotonicDeque;
  private readonly _lows: MonotonicDeque;
  private _count = 0;

  constructor(readonly period: number) {
    checkPeriod('Donchian', 'period', period);
    this._highs = new MonotonicDeque(period, 'max');
    this._lows = new MonotonicDeque(period, 'min');
  }

  /** Adds a bar; sets the channel and returns `middle`, or NaN until `period` bars. */
  update(high: number, low: number): number {
    const upper = this._highs.push(high);
    const lower = this._lows.push(low);
    if (this._count < this.period && ++this._count < this.period) return Number.NaN;
    this.upper = upper;
    this.lower = lower;
    this.middle = (upper + lower) / 2;
    return this.middle;
  }

  /** Forgets every bar seen, as if just constructed. */
  reset(): void {
    this.upper = Number.NaN;
    this.lower = Number.NaN;
    this.middle = Number.NaN;
    this._highs.reset();
    this._lows.reset();
    this._count = 0;
  }
}
