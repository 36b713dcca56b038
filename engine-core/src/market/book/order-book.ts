import type { SymbolId } from '../../model';
import { BookSide, type BookSideName, type BookSideView } from './book-side';

/** Quantity and quote notional resting within ±`bps` of the mid, per side. */
export interface BookDepth {
  /** The band, basis points of the mid. */
  bps: number;
  /** The mid the band is around; `NaN` when a side is empty (then every sum is 0). */
  mid: number;
  bidQty: number;
  askQty: number;
  bidNotional: number;
  askNotional: number;
}

/** The best `n` levels of each side as `[price, qty]`, best first (the strategy API's shape). */
export interface BookTop {
  readonly bids: [number, number][];
  readonly asks: [number, number][];
}

/** Read access to an order book (what the paper venue, quality metrics and the UI use). */
export interface OrderBookView {
  readonly symbol: SymbolId;
  readonly bids: BookSideView;
  readonly asks: BookSideView;
  /** Binance update id of the last applied change (`lastUpdateId` of a snapshot, `u` of a diff). */
  readonly updateId: number;
  /** Best bid, `NaN` when there is none. */
  bestBid(): number;
  /** Best ask, `NaN` when there is none. */
  bestAsk(): number;
  /** (best bid + best ask) / 2, `NaN` unless both sides have levels. */
  mid(): number;
  /** (ask − bid) / mid × 10 000, `NaN` unless both sides have levels. */
  spreadBps(): number;
  /** True when both sides have levels and best bid ≥ best ask. */
  isCrossed(): boolean;
  /** Quantity and notional of the levels within ±`bps` of the mid (bands inclusive). */
  depthWithinBps(bps: number, out?: BookDepth): BookDepth;
  /** The best `n` levels of each side. Allocates: for the UI and strategies, not hot loops. */
  top(n: number): BookTop;
  /** Every level as `[price0, qty0, …]`, best first (a full-book depth update). */
  levels(side: BookSideName): number[];
}

const sums = { qty: 0, notional: 0 };

/**
 * An L2 order book of one symbol: two `BookSide`s plus the update id. Changes come as absolute
 * quantities per price level (0 removes the level), as in Binance's depth snapshot and diff
 * stream. Applying a change allocates nothing (see `BookSide`).
 */
export class OrderBook implements OrderBookView {
  readonly symbol: SymbolId;
  readonly bids: BookSide;
  readonly asks: BookSide;
  updateId = 0;

  constructor(symbol: SymbolId, initialCapacity?: number) {
    this.symbol = symbol;
    this.bids = new BookSide('bid', initialCapacity);
    this.asks = new BookSide('ask', initialCapacity);
  }

  /** Sets one level: absolute quantity, 0 removes it. */
  setLevel(side: BookSideName, price: number, qty: number): void {
    (side === 'bid' ? this.bids : this.asks).set(price, qty);
  }

  /**
   * Applies flat level lists `[price0, qty0, price1, qty1, …]` (a depth diff); prices > 0 and
   * quantities ≥ 0, finite, as the parsers guarantee.
   */
  applyLevels(bids: readonly number[], asks: readonly number[]): void {
    const b = this.bids;
    for (let i = 0; i + 1 < bids.length; i += 2) b.set(bids[i] as number, bids[i + 1] as number);
    const a = this.asks;
    for (let i = 0; i + 1 < asks.length; i += 2) a.set(asks[i] as number, asks[i + 1] as number);
  }

  /** Replaces the whole book by a snapshot. */
  load(bids: readonly number[], asks: readonly number[], updateId: number): void {
    this.clear();
    this.applyLevels(bids, asks);
    this.updateId = updateId;
  }

  /** Removes every level; the update id goes back to 0. */
  clear(): void {
    this.bids.clear();
    this.asks.clear();
    this.updateId = 0;
  }

  bestBid(): number {
    return this.bids.bestPrice();
  }

  bestAsk(): number {
    return this.asks.bestPrice();
  }

  mid(): number {
    return (this.bids.bestPrice() + this.asks.bestPrice()) / 2;
  }

  spreadBps(): number {
    const bid = this.bids.bestPrice();
    const ask = this.asks.bestPrice();
    return ((ask - bid) / ((ask + bid) / 2)) * 10_000;
  }

  isCrossed(): boolean {
    // NaN compares false: an empty side is never crossed.
    return this.bids.bestPrice() >= this.asks.bestPrice();
  }

  depthWithinBps(bps: number, out?: BookDepth): BookDepth {
    const r = out ?? {
      bps,
      mid: Number.NaN,
      bidQty: 0,
      askQty: 0,
      bidNotional: 0,
      askNotional: 0,
    };
    const mid = this.mid();
    r.bps = bps;
    r.mid = mid;
    if (Number.isNaN(mid)) {
      r.bidQty = r.askQty = r.bidNotional = r.askNotional = 0;
      return r;
    }
    const half = (mid * bps) / 10_000;
    this.bids.sumTo(mid - half, sums);
    r.bidQty = sums.qty;
    r.bidNotional = sums.notional;
    this.asks.sumTo(mid + half, sums);
    r.askQty = sums.qty;
    r.askNotional = sums.notional;
    return r;
  }

  top(n: number): BookTop {
    const side = (s: BookSide): [number, number][] => {
      const m = Math.min(n, s.count);
      const out = new Array<[number, number]>(m);
      for (let i = 0; i < m; i++) out[i] = [s.priceAt(i), s.qtyAt(i)];
      return out;
    };
    return { bids: side(this.bids), asks: side(this.asks) };
  }

  levels(side: BookSideName): number[] {
    return (side === 'bid' ? this.bids : this.asks).flat();
  }
}
