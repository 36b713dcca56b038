import { describe, expect, it } from 'vitest';
import { type SymbolId, symbolId, timestampMs } from '../../model';
import type { MarketUpdate } from '../../venue/market-feed';
import { BookTracker } from './book-tracker';

const BTC = symbolId('BTCUSDT');
const depth = (
  reset: boolean,
  bids: number[],
  asks: number[],
  id: number,
  symbol: SymbolId = BTC,
): MarketUpdate => ({
  kind: 'depth',
  symbol,
  reset,
  bids,
  asks,
  firstUpdateId: id,
  lastUpdateId: id,
  ts: timestampMs(id),
});

describe('BookTracker', () => {
  it('loads on reset, applies diffs, and hides the book from a gap to the next reset', () => {
    const t = new BookTracker();
    t.onUpdate(depth(false, [1, 1], [], 1)); // before any reset: ignored
    expect(t.book(BTC)).toBeNull();
    t.onUpdate(depth(true, [100, 1, 99, 2], [101, 1], 10));
    t.onUpdate(depth(false, [100, 0, 98, 3], [101, 4], 11));
    expect(t.book(BTC)?.levels('bid')).toEqual([99, 2, 98, 3]);
    expect(t.book(BTC)?.levels('ask')).toEqual([101, 4]);
    expect(t.book(BTC)?.updateId).toBe(11);
    t.onUpdate({ kind: 'status', symbol: BTC, status: 'gap', message: '', ts: timestampMs(12) });
    expect(t.book(BTC)).toBeNull();
    t.onUpdate(depth(false, [97, 1], [], 13));
    t.onUpdate(depth(true, [50, 1], [51, 1], 20));
    expect(t.book(BTC)?.levels('bid')).toEqual([50, 1]);
    t.onUpdate({
      kind: 'status',
      symbol: null,
      status: 'disconnected',
      message: '',
      ts: timestampMs(21),
    });
    expect(t.book(BTC)).toBeNull();
  });
});
