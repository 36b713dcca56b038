import { checkPeriod } from './check-period';

/**
 * How an `Ema` starts. `'sma'` (the default, as in TA-Lib, technicalindicators and most books):
 * the first value is the simple average of the first `period` inputs. `'first'`: the recursion
 * starts from the first input (pandas `ewm(adjust=False)`, trading-signals' `EMA`); the value is
 * still reported only from the `period`-th input on.
 */
export type EmaSeed = 'sma' | 'first';

/** Options of an `Ema`. */
export interface EmaOptions {
  /** Start of the recursion; `'sma'` by default. */
  readonly seed?: EmaSeed;
}

/**
 * Exponential moving average with smoothing `alpha = 2 / (period + 1)`, O(1) per update:
 * `ema = x·alpha + ema_prev·(1 − alpha)`. By default it is seeded with the SMA of the first
 * `period` values (see `EmaSeed`), so the first value comes with the `period`-th input.
 */
export class Ema {
  /** Weight of the newest input, `2 / (period + 1)`. */
  readonly alpha: number;
  readonly seed: EmaSeed;
  private readonly _beta: number;
  private _ema = Number.NaN;
  private _sum = 0;
  private _count = 0;

  constructor(
    readonly period: number,
    options: EmaOptions = {},
  ) {
    checkPeriod('EMA', 'period', period);
    this.seed = options.seed ?? 'sma';
    this.alpha = 2 / (period + 1);
    this._beta = 1 - this.alpha;
  }

  /** Adds a value; returns the average, or NaN until `period` values have been seen. */
  update(x: number): number {
    if (this._count >= this.period) {
      this._ema = x * this.alpha + this._ema * this._beta;
      return this._ema;
    }
    this._count++;
    if (this.seed === 'sma') {
      this._sum += x;
      if (this._count === this.period) this._ema = this._sum / this.period;
    } else {
      this._ema = this._count === 1 ? x : x * this.alpha + this._ema * this._beta;
    }
    return this.value;
  }

  /** The current average, or NaN before `period` values have been seen. */
  get value(): number {
    return this._count < this.period ? Number.NaN : this._ema;
  }

  /** Forgets every value seen, as if just constructed. */
  reset(): void {
    this._ema = Number.NaN;
    this._sum = 0;
    this._count = 0;
  }
}
