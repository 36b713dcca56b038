import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SymbolId, symbolId, timestampMs } from '../../model';
import type { FeedStatus, MarketUpdate } from '../../venue/market-feed';
import { OrderBook } from '../book/order-book';
import { MarketQuality } from './market-quality';

const BTC = symbolId('BTCUSDT');
const ETH = symbolId('ETHUSDT');
const trade = (symbol: SymbolId = BTC): MarketUpdate => ({
  kind: 'trade',
  symbol,
  price: 1,
  qty: 1,
  side: 'BUY',
  ts: timestampMs(0),
});
const status = (s: FeedStatus, symbol: SymbolId | null = BTC): MarketUpdate => ({
  kind: 'status',
  symbol,
  status: s,
  message: '',
  ts: timestampMs(0),
});

describe('MarketQuality', () => {
  it('counts the update rate over the whole buckets of the window, like a plain filter', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 60_000 }), { maxLength: 300 }),
        fc.integer({ min: 0, max: 70_000 }),
        (times, extra) => {
          const sorted = [...times].sort((a, b) => a - b);
          const q = new MarketQuality(BTC, { windowMs: 10_000, buckets: 50 });
          for (const t of sorted) q.observe(trade(), t);
          const now = Math.max(extra, sorted.at(-1) ?? 0);
          // Independent: the window starts at the first of the last 50 200-ms buckets.
          const from = (Math.floor(now / 200) - 49) * 200;
          const inWindow = sorted.filter((t) => t >= from && t <= now).length;
          const s = q.snapshot(now);
          expect(s.updatesPerSec).toBeCloseTo(inWindow / 10, 12);
          if (sorted.length > 0) expect(s.stalenessMs).toBe(now - (sorted.at(-1) as number));
        },
      ),
      { seed: 20_250_614, numRuns: 300 },
    );
  });

  it('takes spread and depth from the book, else from the last book ticker', () => {
    const q = new MarketQuality(BTC, { depthBps: [10, 100] });
    q.observe(
      {
        kind: 'book_ticker',
        symbol: BTC,
        bidPrice: 99,
        bidQty: 1,
        askPrice: 101,
        askQty: 1,
        updateId: 1,
        ts: timestampMs(0),
      },
      1_000,
    );
    const t = q.snapshot(1_000);
    expect([t.bestBid, t.bestAsk, t.spreadBps, t.depth]).toEqual([99, 101, 200, []]);
    const book = new OrderBook(BTC);
    book.applyLevels([99.95, 1, 99.9, 2, 99, 4], [100.05, 3, 100.5, 5]);
    const s = q.snapshot(1_000, book);
    expect(s.bestBid).toBe(99.95);
    expect(s.bestAsk).toBe(100.05);
    expect(s.spreadBps).toBeCloseTo((0.1 / 100) * 1e4, 9);
    // ±10 bps of 100: bids ≥ 99.9, asks ≤ 100.1; ±100 bps: bids ≥ 99, asks ≤ 101.
    expect(s.depth.map((d) => [d.bps, d.bidQty, d.askQty])).toEqual([
      [10, 3, 3],
      [100, 7, 8],
    ]);
    expect(s.depth[0]?.bidNotional).toBeCloseTo(99.95 + 2 * 99.9, 9);
  });

  it('counts gaps, resyncs, disconnects, stale reports and errors; staleness by threshold', () => {
    const q = new MarketQuality(BTC, { staleAfterMs: 5_000 });
    expect(q.snapshot(0).stale).toBe(true); // nothing yet
    expect(q.snapshot(0).stalenessMs).toBeNaN();
    for (const s of [
      'gap',
      'crossed',
      'resynced',
      'resynced',
      'disconnected',
      'stale',
      'error',
      'connected',
    ] as const)
      q.observe(status(s), 0);
    q.observe(status('disconnected', null), 0);
    q.observe(status('gap', ETH), 0);
    q.observe(trade(ETH), 100);
    q.observe(trade(), 1_000);
    const s = q.snapshot(5_999);
    expect([s.gaps, s.resyncs, s.disconnects, s.staleReports, s.errors]).toEqual([2, 2, 2, 1, 1]);
    expect([s.stalenessMs, s.stale]).toEqual([4_999, false]);
    expect(q.snapshot(6_000).stale).toBe(true);
  });
});
