import { assert } from '../util/assert';
import { err, ok, type Result } from '../util/result';
import { barProblem } from './bar-check';
import type { CandleBar } from './candles';
import { bucketStart } from './intervals';

/** One trade of a live feed. */
export interface TradeTick {
  /** Unix ms. */
  readonly time: number;
  readonly price: number;
  readonly qty: number;
}

/** Options of `KlineAggregator`. */
export interface KlineAggregatorOptions {
  /** Length of the bars to build, ms (aligned like `resample`'s). */
  readonly intervalMs: number;
  /**
   * Length of the bars fed to `pushBar`, when known: a target bar then closes as soon as its
   * last source bar arrives, instead of when the next one starts.
   */
  readonly sourceIntervalMs?: number;
}

const NO_BARS: readonly CandleBar[] = [];

/**
 * Builds bars of one interval from a stream of shorter bars or of trades, for live feeds
 * (`resample` does the same for a whole series). A bar is emitted once it is closed: when input
 * for a later bar arrives, when its last source bar arrives (with `sourceIntervalMs`), or when
 * `closeUntil(now)` passes its end. Intervals without input produce no bar (gaps are not filled).
 * Input for an already emitted bar is refused.
 */
export class KlineAggregator {
  private readonly _step: number;
  private readonly _source: number | null;
  private _bucket = Number.NaN;
  private _open = 0;
  private _high = 0;
  private _low = 0;
  private _close = 0;
  private _volume = 0;
  private _firstTime = 0;
  private _lastTime = Number.NEGATIVE_INFINITY;
  private _closedUntil = Number.NEGATIVE_INFINITY;

  constructor(options: KlineAggregatorOptions) {
    this._step = options.intervalMs;
    this._source = options.sourceIntervalMs ?? null;
    assert(this._step > 0, `intervalMs must be > 0, got ${this._step}`);
    assert(
      this._source === null || (this._source > 0 && this._step % this._source === 0),
      `intervalMs ${this._step} is not a multiple of ${this._source}`,
    );
  }

  /** The bar being built (not yet closed), or null. */
  current(): CandleBar | null {
    if (Number.isNaN(this._bucket)) return null;
    return {
      time: this._bucket,
      open: this._open,
      high: this._high,
      low: this._low,
      close: this._close,
      volume: this._volume,
    };
  }

  /** Adds a source bar (open time `bar.time`); returns the bars it closes. */
  pushBar(bar: CandleBar): Result<readonly CandleBar[], string> {
    const problem = barProblem(bar.open, bar.high, bar.low, bar.close, bar.volume);
    if (problem !== null) return err(`bar at ${bar.time}: ${problem}`);
    if (!Number.isSafeInteger(bar.time)) return err(`bar time ${bar.time} is not an integer ms`);
    if (bar.time <= this._lastTime) {
      return err(`bar at ${bar.time} is not after the previous one at ${this._lastTime}`);
    }
    const b = bucketStart(bar.time, this._step);
    if (this._source !== null && bar.time + this._source > b + this._step) {
      return err(`bar at ${bar.time} crosses the bar boundary at ${b + this._step}`);
    }
    if (b < this._closedUntil) return err(`bar at ${bar.time} is late: its bar was already closed`);
    const closed = b === this._bucket ? NO_BARS : this._closeCurrent();
    if (Number.isNaN(this._bucket)) {
      this._start(b, bar.time, bar.open);
      this._high = bar.high;
      this._low = bar.low;
    } else {
      if (bar.high > this._high) this._high = bar.high;
      if (bar.low < this._low) this._low = bar.low;
    }
    this._close = bar.close;
    this._volume += bar.volume;
    this._lastTime = bar.time;
    if (this._source !== null && bar.time + this._source === b + this._step) {
      return ok([...closed, ...this._closeCurrent()]);
    }
    return ok(closed);
  }

  /**
   * Adds a trade; returns the bars it closes. Trades within the current bar may come out of
   * order: open is the earliest trade's price and close the latest's.
   */
  pushTrade(trade: TradeTick): Result<readonly CandleBar[], string> {
    const { time, price, qty } = trade;
    if (!(Number.isFinite(price) && price > 0))
      return err(`trade at ${time}: price ${price} is not > 0`);
    if (!(Number.isFinite(qty) && qty >= 0)) return err(`trade at ${time}: qty ${qty} is not >= 0`);
    if (!Number.isFinite(time)) return err(`trade time ${time} is not a number`);
    const b = bucketStart(time, this._step);
    if (b < this._closedUntil || (!Number.isNaN(this._bucket) && b < this._bucket)) {
      return err(`trade at ${time} is late: its bar was already closed`);
    }
    const closed = b === this._bucket ? NO_BARS : this._closeCurrent();
    if (Number.isNaN(this._bucket)) {
      this._start(b, time, price);
      this._close = price;
      this._lastTime = time;
    } else {
      if (time < this._firstTime) {
        this._firstTime = time;
        this._open = price;
      }
      if (time >= this._lastTime) {
        this._lastTime = time;
        this._close = price;
      }
    }
    if (price > this._high) this._high = price;
    if (price < this._low) this._low = price;
    this._volume += qty;
    return ok(closed);
  }

  /** Closes the current bar if it ends at or before `nowMs` (no input comes for it any more). */
  closeUntil(nowMs: number): readonly CandleBar[] {
    if (Number.isNaN(this._bucket) || this._bucket + this._step > nowMs) return NO_BARS;
    return this._closeCurrent();
  }

  private _start(bucket: number, time: number, open: number): void {
    this._bucket = bucket;
    this._firstTime = time;
    this._open = open;
    this._high = open;
    this._low = open;
    this._volume = 0;
  }

  private _closeCurrent(): readonly CandleBar[] {
    const bar = this.current();
    if (bar === null) return NO_BARS;
    this._closedUntil = this._bucket + this._step;
    this._bucket = Number.NaN;
    return [bar];
  }
}
