import type { CandleBar, Candles } from '../market';

/**
 * Candles that grow one closed bar at a time (paper and live), in typed columns that double
 * when full. `view()` is a `Candles` over the bars so far, the shape a strategy sees in a backtest.
 */
export class GrowingCandles {
  private _cap: number;
  private _n = 0;
  private _cols: Record<'time' | 'open' | 'high' | 'low' | 'close' | 'volume', Float64Array>;
  private _view: Candles;

  constructor(
    private readonly _symbol: string,
    private readonly _interval: string,
    private readonly _intervalMs: number,
    capacity = 1024,
  ) {
    this._cap = Math.max(1, capacity);
    this._cols = GrowingCandles._alloc(this._cap);
    this._view = this._makeView();
  }

  get length(): number {
    return this._n;
  }

  /** Appends a closed bar; refuses one that is not after the last (returns false). */
  push(bar: CandleBar): boolean {
    if (this._n > 0 && !(bar.time > (this._cols.time[this._n - 1] as number))) return false;
    if (this._n === this._cap) this._grow();
    const i = this._n++;
    const c = this._cols;
    c.time[i] = bar.time;
    c.open[i] = bar.open;
    c.high[i] = bar.high;
    c.low[i] = bar.low;
    c.close[i] = bar.close;
    c.volume[i] = bar.volume;
    this._view = this._makeView();
    return true;
  }

  /** The bars so far (a new view after each push; columns share the buffers). */
  view(): Candles {
    return this._view;
  }

  private _grow(): void {
    const next = GrowingCandles._alloc(this._cap * 2);
    for (const k of Object.keys(next) as (keyof typeof next)[]) next[k].set(this._cols[k]);
    this._cap *= 2;
    this._cols = next;
  }

  private _makeView(): Candles {
    const n = this._n;
    const c = this._cols;
    return {
      symbol: this._symbol,
      interval: this._interval,
      intervalMs: this._intervalMs,
      length: n,
      time: c.time.subarray(0, n),
      open: c.open.subarray(0, n),
      high: c.high.subarray(0, n),
      low: c.low.subarray(0, n),
      close: c.close.subarray(0, n),
      volume: c.volume.subarray(0, n),
    };
  }

  private static _alloc(cap: number) {
    return {
      time: new Float64Array(cap),
      open: new Float64Array(cap),
      high: new Float64Array(cap),
      low: new Float64Array(cap),
      close: new Float64Array(cap),
      volume: new Float64Array(cap),
    };
  }
}
