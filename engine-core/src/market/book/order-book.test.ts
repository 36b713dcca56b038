import { describe, expect, it } from 'vitest';
import { symbolId } from '../../model';
import { OrderBook } from './order-book';

const SYM = symbolId('BTCUSDT');

/** The levels of a side, best first, as pairs. */
const pairs = (flat: readonly number[]): [number, number][] => {
  const out: [number, number][] = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i] as number, flat[i + 1] as number]);
  return out;
};

describe('OrderBook', () => {
  it('keeps bids descending and asks ascending, best first', () => {
    const b = new OrderBook(SYM);
    b.applyLevels([100, 1, 102, 2, 101, 3], [105, 1, 103, 2, 104, 3]);
    expect(pairs(b.levels('bid'))).toEqual([
      [102, 2],
      [101, 3],
      [100, 1],
    ]);
    expect(pairs(b.levels('ask'))).toEqual([
      [103, 2],
      [104, 3],
      [105, 1],
    ]);
    expect(b.bestBid()).toBe(102);
    expect(b.bestAsk()).toBe(103);
    expect(b.bids.bestQty()).toBe(2);
    expect(b.asks.bestQty()).toBe(2);
    expect(b.mid()).toBe(102.5);
    expect(b.spreadBps()).toBeCloseTo((1 / 102.5) * 1e4, 12);
    expect(b.bids.priceAt(2)).toBe(100);
    expect(b.asks.qtyAt(1)).toBe(3);
  });

  it('sets absolute quantities, removes on 0, and ignores the removal of an absent level', () => {
    const b = new OrderBook(SYM);
    b.applyLevels([100, 1, 101, 1], [102, 1]);
    b.applyLevels([100, 5, 101, 0, 99, 0], [102, 0, 103, 4]);
    expect(pairs(b.levels('bid'))).toEqual([[100, 5]]);
    expect(pairs(b.levels('ask'))).toEqual([[103, 4]]);
    expect(b.bids.qtyAtPrice(100)).toBe(5);
    expect(b.bids.qtyAtPrice(101)).toBe(0);
    expect(b.asks.qtyAtPrice(103)).toBe(4);
  });

  it('reports an empty side as NaN best price, never crossed', () => {
    const b = new OrderBook(SYM);
    expect(b.bestBid()).toBeNaN();
    expect(b.mid()).toBeNaN();
    expect(b.isCrossed()).toBe(false);
    b.setLevel('bid', 100, 1);
    expect(b.isCrossed()).toBe(false);
    expect(b.spreadBps()).toBeNaN();
    b.setLevel('ask', 100, 1);
    expect(b.isCrossed()).toBe(true);
    b.setLevel('ask', 100, 0);
    b.setLevel('ask', 100.5, 1);
    expect(b.isCrossed()).toBe(false);
  });

  it('grows past its initial capacity and keeps every level', () => {
    const b = new OrderBook(SYM, 16);
    for (let i = 1; i <= 1000; i++) {
      b.setLevel('bid', i, i);
      b.setLevel('ask', 2000 + i, i);
    }
    expect(b.bids.count).toBe(1000);
    expect(b.asks.count).toBe(1000);
    for (let i = 0; i < 1000; i++) {
      expect(b.bids.priceAt(i)).toBe(1000 - i);
      expect(b.asks.priceAt(i)).toBe(2001 + i);
    }
  });

  it('sums depth within ±bps of the mid, bands inclusive', () => {
    const b = new OrderBook(SYM);
    // mid 100; 50 bps band: bids ≥ 99.5, asks ≤ 100.5.
    b.applyLevels([99.9, 1, 99.5, 2, 99.4, 4], [100.1, 3, 100.5, 5, 100.6, 7]);
    const d = b.depthWithinBps(50);
    expect(d.mid).toBe(100);
    expect(d.bidQty).toBe(3);
    expect(d.askQty).toBe(8);
    expect(d.bidNotional).toBeCloseTo(99.9 + 2 * 99.5, 9);
    expect(d.askNotional).toBeCloseTo(3 * 100.1 + 5 * 100.5, 9);
    const none = new OrderBook(SYM).depthWithinBps(50);
    expect(none).toEqual({
      bps: 50,
      mid: Number.NaN,
      bidQty: 0,
      askQty: 0,
      bidNotional: 0,
      askNotional: 0,
    });
  });

  it('gives the top n levels as [price, qty] pairs and loads snapshots', () => {
    const b = new OrderBook(SYM);
    b.applyLevels([1, 1], [9, 9]);
    b.load([100, 1, 99, 2, 98, 3], [101, 4, 102, 5], 42);
    expect(b.updateId).toBe(42);
    expect(b.top(2)).toEqual({
      bids: [
        [100, 1],
        [99, 2],
      ],
      asks: [
        [101, 4],
        [102, 5],
      ],
    });
    b.clear();
    expect(b.bids.count + b.asks.count).toBe(0);
    expect(b.updateId).toBe(0);
  });
});
