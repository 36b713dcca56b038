import { type Candles, candlesFromColumns } from './candles';

/**
 * Appends bars into growing `Float64Array` columns (capacity doubles when full), so building a
 * series allocates no per-row objects. It does not validate: parsers check rows before `push`.
 */
export class CandleBuilder {
  private _time: Float64Array;
  private _open: Float64Array;
  private _high: Float64Array;
  private _low: Float64Array;
  private _close: Float64Array;
  private _volume: Float64Array;
  private _length = 0;

  constructor(initialCapacity = 1024) {
    const cap = Math.max(16, initialCapacity | 0);
    this._time = new Float64Array(cap);
    this._open = new Float64Array(cap);
    this._high = new Float64Array(cap);
    this._low = new Float64Array(cap);
    this._close = new Float64Array(cap);
    this._volume = new Float64Array(cap);
  }

  /** Number of bars pushed so far. */
  get length(): number {
    return this._length;
  }

  /** Open time of the last bar, or `NaN` when empty. */
  get lastTime(): number {
    return this._length === 0 ? Number.NaN : this._time[this._length - 1];
  }

  /** Appends one bar. */
  push(time: number, open: number, high: number, low: number, close: number, volume: number): void {
    const i = this._length;
    if (i === this._time.length) this._grow(i * 2);
    this._time[i] = time;
    this._open[i] = open;
    this._high[i] = high;
    this._low[i] = low;
    this._close[i] = close;
    this._volume[i] = volume;
    this._length = i + 1;
  }

  /** Appends row `i` of `c`. */
  pushFrom(c: Candles, i: number): void {
    this.push(c.time[i], c.open[i], c.high[i], c.low[i], c.close[i], c.volume[i]);
  }

  /** Drops every bar (capacity is kept). */
  clear(): void {
    this._length = 0;
  }

  /**
   * Keeps only the rows where `keep[i]` is non-zero, in order (used to drop rows found bad after
   * the fact, such as misaligned times once the interval is known).
   */
  retain(keep: Uint8Array): void {
    let w = 0;
    for (let r = 0; r < this._length; r++) {
      if (keep[r] === 0) continue;
      if (w !== r) {
        this._time[w] = this._time[r];
        this._open[w] = this._open[r];
        this._high[w] = this._high[r];
        this._low[w] = this._low[r];
        this._close[w] = this._close[r];
        this._volume[w] = this._volume[r];
      }
      w++;
    }
    this._length = w;
  }

  /** Read-only view of the time column so far (valid until the next `push`). */
  timeView(): Float64Array {
    return this._time.subarray(0, this._length);
  }

  /** Makes room for at least `capacity` bars (one allocation instead of several doublings). */
  reserve(capacity: number): void {
    if (capacity > this._time.length) this._grow(Math.ceil(capacity));
  }

  /**
   * Hands the bars over as a `Candles` and empties the builder. The columns are views on the
   * builder's buffers when these are at most 1/8 larger than needed (no copy), else exact copies.
   */
  finish(symbol: string, interval: string, intervalMs: number): Candles {
    const n = this._length;
    const tight = this._time.length - n <= n / 8;
    const take = (a: Float64Array): Float64Array => (tight ? a.subarray(0, n) : a.slice(0, n));
    const candles = candlesFromColumns(symbol, interval, intervalMs, {
      time: take(this._time),
      open: take(this._open),
      high: take(this._high),
      low: take(this._low),
      close: take(this._close),
      volume: take(this._volume),
    });
    this._time = new Float64Array(16);
    this._open = new Float64Array(16);
    this._high = new Float64Array(16);
    this._low = new Float64Array(16);
    this._close = new Float64Array(16);
    this._volume = new Float64Array(16);
    this._length = 0;
    return candles;
  }

  /** The bars as a `Candles` with exact-length columns (copied; the builder can go on). */
  build(symbol: string, interval: string, intervalMs: number): Candles {
    const n = this._length;
    return candlesFromColumns(symbol, interval, intervalMs, {
      time: this._time.slice(0, n),
      open: this._open.slice(0, n),
      high: this._high.slice(0, n),
      low: this._low.slice(0, n),
      close: this._close.slice(0, n),
      volume: this._volume.slice(0, n),
    });
  }

  private _grow(capacity: number): void {
    const grow = (a: Float64Array): Float64Array => {
      const b = new Float64Array(capacity);
      b.set(a);
      return b;
    };
    this._time = grow(this._time);
    this._open = grow(this._open);
    this._high = grow(this._high);
    this._low = grow(this._low);
    this._close = grow(this._close);
    this._volume = grow(this._volume);
  }
}
