import type { SymbolId } from '../../model';
import type { MarketUpdate } from '../../venue/market-feed';
import type { BookDepth, OrderBookView } from '../book/order-book';

/** Settings of `MarketQuality`. */
export interface MarketQualityOptions {
  /** Length of the update-rate window, ms (default 10 000). */
  readonly windowMs?: number;
  /** Buckets of the window (default 50): the rate counts whole buckets, the current included. */
  readonly buckets?: number;
  /** Depth bands, bps of the mid (default 10, 50 and 100). */
  readonly depthBps?: readonly number[];
  /** No update for this long counts as stale (default 5000 ms). */
  readonly staleAfterMs?: number;
}

/** The quality of a symbol's market data at one moment. */
export interface MarketQualitySnapshot {
  readonly symbol: SymbolId;
  /** When it was taken. */
  readonly at: number;
  /** From the book when given and both sides have levels, else from the last book ticker. */
  readonly bestBid: number;
  readonly bestAsk: number;
  /** (ask − bid) / mid × 10 000; `NaN` without both prices. */
  readonly spreadBps: number;
  /** Quantity and notional within each band (empty without a book). */
  readonly depth: readonly BookDepth[];
  /** Market data updates (trades, tickers, diffs, klines) per second over the window. */
  readonly updatesPerSec: number;
  /** Ms since the last market data update; `NaN` before the first. */
  readonly stalenessMs: number;
  /** True when `stalenessMs` ≥ `staleAfterMs` or nothing has come yet. */
  readonly stale: boolean;
  /** Gaps and crossed books reported by the feed (each starts a resync). */
  readonly gaps: number;
  /** Books rebuilt from a snapshot. */
  readonly resyncs: number;
  /** Connection losses and stale reports. */
  readonly disconnects: number;
  readonly staleReports: number;
  /** Messages or snapshots the feed could not parse. */
  readonly errors: number;
}

/**
 * Measures a symbol's market data as it arrives: spread, depth within ±x bps, update rate over a
 * sliding window of buckets, staleness, and the feed's gaps, resyncs, disconnects and errors.
 * `observe` costs O(1) and allocates nothing; `snapshot` is for a UI refreshing a few times a second.
 */
export class MarketQuality {
  readonly symbol: SymbolId;
  private readonly _bucketMs: number;
  private readonly _windowMs: number;
  private readonly _counts: Float64Array;
  /** Absolute bucket number held by each slot (slots of older buckets count as empty). */
  private readonly _ids: Float64Array;
  private readonly _bands: readonly number[];
  private readonly _staleAfterMs: number;
  private _last = Number.NaN;
  private _bid = Number.NaN;
  private _ask = Number.NaN;
  private _gaps = 0;
  private _resyncs = 0;
  private _disconnects = 0;
  private _staleReports = 0;
  private _errors = 0;

  constructor(symbol: SymbolId, options: MarketQualityOptions = {}) {
    this.symbol = symbol;
    const buckets = Math.max(1, Math.floor(options.buckets ?? 50));
    this._windowMs = options.windowMs ?? 10_000;
    this._bucketMs = this._windowMs / buckets;
    this._counts = new Float64Array(buckets);
    this._ids = new Float64Array(buckets).fill(-1);
    this._bands = options.depthBps ?? [10, 50, 100];
    this._staleAfterMs = options.staleAfterMs ?? 5_000;
  }

  /** Takes one update of the feed, received at `nowMs`; other symbols' updates are ignored. */
  observe(u: MarketUpdate, nowMs: number): void {
    if (u.kind === 'status') {
      if (u.symbol !== null && u.symbol !== this.symbol) return;
      switch (u.status) {
        case 'gap':
        case 'crossed':
          this._gaps++;
          break;
        case 'resynced':
          this._resyncs++;
          break;
        case 'disconnected':
          this._disconnects++;
          break;
        case 'stale':
          this._staleReports++;
          break;
        case 'error':
          this._errors++;
          break;
        case 'connected':
          break;
      }
      return;
    }
    if (u.symbol !== this.symbol) return;
    if (u.kind === 'book_ticker') {
      this._bid = u.bidPrice;
      this._ask = u.askPrice;
    }
    if (!(nowMs < this._last)) this._last = nowMs;
    const bucket = Math.floor(nowMs / this._bucketMs);
    const slot = bucket % this._counts.length;
    if (this._ids[slot] !== bucket) {
      this._ids[slot] = bucket;
      this._counts[slot] = 0;
    }
    this._counts[slot] += 1;
  }

  /** The figures at `nowMs`; pass the symbol's book for spread and depth from it. */
  snapshot(nowMs: number, book: OrderBookView | null = null): MarketQualitySnapshot {
    const current = Math.floor(nowMs / this._bucketMs);
    const oldest = current - this._counts.length + 1;
    let n = 0;
    for (let i = 0; i < this._counts.length; i++) {
      const id = this._ids[i] as number;
      if (id >= oldest && id <= current) n += this._counts[i] as number;
    }
    const fromBook = book !== null && book.bids.count > 0 && book.asks.count > 0;
    const bid = fromBook ? book.bestBid() : this._bid;
    const ask = fromBook ? book.bestAsk() : this._ask;
    const staleness = nowMs - this._last;
    return {
      symbol: this.symbol,
      at: nowMs,
      bestBid: bid,
      bestAsk: ask,
      spreadBps: ((ask - bid) / ((ask + bid) / 2)) * 10_000,
      depth: fromBook ? this._bands.map((bps) => book.depthWithinBps(bps)) : [],
      updatesPerSec: n / (this._windowMs / 1000),
      stalenessMs: staleness,
      stale: !(staleness < this._staleAfterMs),
      gaps: this._gaps,
      resyncs: this._resyncs,
      disconnects: this._disconnects,
      staleReports: this._staleReports,
      errors: this._errors,
    };
  }
}
