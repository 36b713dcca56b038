import { checkPeriod } from './check-period';
import { Ema, type EmaSeed } from './ema';

/** Options of a `Macd`. */
export interface MacdOptions {
  /** Seed of the three EMAs (see `EmaSeed`); `'sma'` by default. */
  readonly seed?: EmaSeed;
}

/**
 * Moving average convergence/divergence, O(1) per update: `macd = EMA(fast) − EMA(slow)` of the
 * input, `signal = EMA(signalPeriod)` of `macd`, `histogram = macd − signal`. Every EMA is seeded
 * with an SMA by default (see `EmaSeed`): `macd` comes with the `slowPeriod`-th input, `signal`
 * and `histogram` `signalPeriod − 1` inputs later. With `seed: 'first'` it is trading-signals'
 * `MACD` built from its `EMA`s.
 */
export class Macd {
  /** `EMA(fast) − EMA(slow)`; NaN until warm. */
  macd = Number.NaN;
  /** EMA of `macd`; NaN until warm. */
  signal = Number.NaN;
  /** `macd − signal`; NaN until `signal` is warm. */
  histogram = Number.NaN;
  private readonly _fast: Ema;
  private readonly _slow: Ema;
  private readonly _signal: Ema;
  private _count = 0;

  constructor(
    readonly fastPeriod = 12,
    readonly slowPeriod = 26,
    readonly signalPeriod = 9,
    options: MacdOptions = {},
  ) {
    checkPeriod('MACD', 'fastPeriod', fastPeriod);
    checkPeriod('MACD', 'slowPeriod', slowPeriod);
    checkPeriod('MACD', 'signalPeriod', signalPeriod);
    if (fastPeriod >= slowPeriod)
      throw new RangeError(
        `MACD fastPeriod must be < slowPeriod, got ${fastPeriod} ≥ ${slowPeriod}`,
      );
    const seed = options.seed ?? 'sma';
    this._fast = new Ema(fastPeriod, { seed });
    this._slow = new Ema(slowPeriod, { seed });
    this._signal = new Ema(signalPeriod, { seed });
  }

  /** The seed of the three EMAs. */
  get seed(): EmaSeed {
    return this._fast.seed;
  }

  /** Adds a value; sets the three lines and returns `macd`, or NaN until `slowPeriod` values. */
  update(x: number): number {
    const fast = this._fast.update(x);
    const slow = this._slow.update(x);
    if (this._count < this.slowPeriod && ++this._count < this.slowPeriod) return Number.NaN;
    const macd = fast - slow;
    const signal = this._signal.update(macd);
    this.macd = macd;
    this.signal = signal;
    this.histogram = macd - signal;
    return macd;
  }

  /** Forgets every value seen, as if just constructed. */
  reset(): void {
    this.macd = Number.NaN;
    this.signal = Number.NaN;
    this.histogram = Number.NaN;
    this._count = 0;
    this._fast.reset();
    this._slow.reset();
    this._signal.reset();
  }
}
