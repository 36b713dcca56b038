import type { CandleBar } from '../../../engine-core/src/market';

/** Bars the view carries, the forming one included. */
export const MAX_CANDLES = 1_000;

/**
 * The chart's bars: the last closed ones (oldest first) and the forming one. Closed bars come in
 * time order; one not after the last is dropped (a feed that restarted, a late kline).
 */
export class CandleWindow {
  private _closed: CandleBar[] = [];

  constructor(private readonly _max = MAX_CANDLES) {}

  /** Appends closed bars. */
  push(bars: readonly CandleBar[]): void {
    for (const b of bars) {
      const last = this._closed[this._closed.length - 1];
      if (last !== undefined && !(b.time > last.time)) continue;
      this._closed.push(b);
    }
    const over = this._closed.length - (this._max - 1);
    if (over > 0) this._closed.splice(0, over);
  }

  /** Forgets every bar (another symbol or dataset). */
  clear(): void {
    this._closed = [];
  }

  /** The closed bars plus `forming` when it is after them (at most `max` in all). */
  view(forming: CandleBar | null): CandleBar[] {
    const last = this._closed[this._closed.length - 1];
    if (forming === null || (last !== undefined && !(forming.time > last.time)))
      return this._closed.slice();
    return [...this._closed, forming];
  }
}
