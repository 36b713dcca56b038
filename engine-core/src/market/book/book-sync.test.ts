import { describe, expect, it } from 'vitest';
import { symbolId } from '../../model';
import { BookSync, type DepthDiff } from './book-sync';
import { OrderBook } from './order-book';

const diff = (U: number, u: number, bids: number[] = [], asks: number[] = []): DepthDiff => ({
  firstUpdateId: U,
  lastUpdateId: u,
  bids,
  asks,
});
const snap = (lastUpdateId: number, bids: number[] = [100, 1], asks: number[] = [101, 1]) => ({
  lastUpdateId,
  bids,
  asks,
});
const make = (maxBuffered?: number) =>
  new BookSync(
    new OrderBook(symbolId('BTCUSDT')),
    maxBuffered === undefined ? {} : { maxBuffered },
  );

describe('BookSync: Binance diff-depth rules', () => {
  it('buffers diffs until the snapshot arrives, then applies those after it', () => {
    const s = make();
    expect(s.state).toBe('awaiting_snapshot');
    expect(s.synced).toBe(false);
    expect(s.onDiff(diff(5, 8, [99, 1]))).toBe('buffered');
    expect(s.onDiff(diff(9, 12, [98, 2]))).toBe('buffered');
    expect(s.onDiff(diff(13, 15, [], [102, 3]))).toBe('buffered');
    expect(s.buffered).toBe(3);
    // Snapshot at 10: 5..8 is dropped (u ≤ 10), 9..12 spans 11, 13..15 follows.
    expect(s.onSnapshot(snap(10))).toBe('synced');
    expect(s.appliedFromBuffer).toBe(2);
    expect(s.state).toBe('live');
    expect(s.book.updateId).toBe(15);
    expect(s.book.levels('bid')).toEqual([100, 1, 98, 2]); // 99 came from the dropped diff
    expect(s.book.levels('ask')).toEqual([101, 1, 102, 3]);
    expect(s.buffered).toBe(0);
  });

  it('drops every buffered diff with u ≤ lastUpdateId, including u = lastUpdateId', () => {
    const s = make();
    s.onDiff(diff(1, 4, [90, 1]));
    s.onDiff(diff(5, 10, [91, 1]));
    expect(s.onSnapshot(snap(10))).toBe('synced');
    expect(s.state).toBe('awaiting_first_diff');
    expect(s.book.levels('bid')).toEqual([100, 1]);
    expect(s.book.updateId).toBe(10);
  });

  it('accepts a first diff starting exactly at lastUpdateId + 1, or straddling it', () => {
    for (const [U, u] of [
      [11, 11],
      [11, 14],
      [8, 11],
      [3, 20],
    ] as const) {
      const s = make();
      expect(s.onSnapshot(snap(10))).toBe('synced');
      expect(s.onDiff(diff(U, u, [100, 7]))).toBe('applied');
      expect(s.book.updateId).toBe(u);
      expect(s.book.bids.qtyAtPrice(100)).toBe(7);
      expect(s.onDiff(diff(u + 1, u + 2, [100, 0]))).toBe('applied');
      expect(s.book.bids.count).toBe(0);
    }
  });

  it('drops diffs older than the snapshot that arrive after it', () => {
    const s = make();
    s.onSnapshot(snap(10));
    expect(s.onDiff(diff(7, 9, [50, 1]))).toBe('dropped');
    expect(s.onDiff(diff(10, 10, [50, 1]))).toBe('dropped');
    expect(s.state).toBe('awaiting_first_diff');
    expect(s.onDiff(diff(11, 12))).toBe('applied');
    expect(s.book.bids.qtyAtPrice(50)).toBe(0);
  });

  it('calls a first diff that starts after lastUpdateId + 1 a gap (the snapshot is too old)', () => {
    const s = make();
    s.onSnapshot(snap(10));
    expect(s.onDiff(diff(12, 14, [100, 3]))).toBe('gap');
    expect(s.problem).toBe('first diff 12..14 does not span snapshot 10 + 1');
    expect(s.state).toBe('awaiting_snapshot');
    expect(s.book.bids.count + s.book.asks.count).toBe(0);
    // The offending diff was kept: a newer snapshot that it spans syncs.
    expect(s.buffered).toBe(1);
    expect(s.onSnapshot(snap(12))).toBe('synced');
    expect(s.book.updateId).toBe(14);
    expect(s.book.bids.qtyAtPrice(100)).toBe(3);
  });

  it('calls a snapshot older than the first buffered diff a gap and keeps the buffer', () => {
    const s = make();
    s.onDiff(diff(20, 25, [99, 1]));
    s.onDiff(diff(26, 30, [98, 1]));
    expect(s.onSnapshot(snap(18))).toBe('gap');
    expect(s.problem).toBe('snapshot 18 is older than the buffered diff 20..25');
    expect(s.state).toBe('awaiting_snapshot');
    expect(s.buffered).toBe(2);
    expect(s.onSnapshot(snap(19))).toBe('synced');
    expect(s.book.updateId).toBe(30);
    expect(s.book.levels('bid')).toEqual([100, 1, 99, 1, 98, 1]);
  });

  it('requires each live diff to start right after the previous one; a hole is a gap', () => {
    const s = make();
    s.onSnapshot(snap(10));
    expect(s.onDiff(diff(11, 12))).toBe('applied');
    expect(s.onDiff(diff(13, 13, [97, 1]))).toBe('applied');
    expect(s.onDiff(diff(15, 16, [96, 1]))).toBe('gap');
    expect(s.problem).toBe('diff 15..16 does not follow 13');
    expect(s.synced).toBe(false);
    expect(s.book.bids.count).toBe(0);
    expect(s.onDiff(diff(17, 18, [95, 1]))).toBe('buffered');
    expect(s.onSnapshot(snap(15, [100, 1, 97, 1], [101, 1]))).toBe('synced');
    expect(s.book.levels('bid')).toEqual([100, 1, 97, 1, 96, 1, 95, 1]);
    expect(s.book.updateId).toBe(18);
  });

  it('drops a repeated live diff (u at or below the book), and calls an overlapping one a gap', () => {
    for (const [U, u] of [
      [11, 12],
      [5, 8],
    ] as const) {
      const s = make();
      s.onSnapshot(snap(10));
      s.onDiff(diff(11, 12, [99, 1]));
      expect(s.onDiff(diff(U, u, [99, 7]))).toBe('dropped');
      expect(s.book.bids.qtyAtPrice(99)).toBe(1);
      expect(s.onDiff(diff(13, 14))).toBe('applied');
    }
    const s = make();
    s.onSnapshot(snap(10));
    s.onDiff(diff(11, 12));
    expect(s.onDiff(diff(12, 14))).toBe('gap');
  });

  it('calls a hole between buffered diffs a gap and keeps the diffs from the hole on', () => {
    const s = make();
    s.onDiff(diff(9, 12, [99, 1]));
    s.onDiff(diff(14, 15, [98, 1]));
    s.onDiff(diff(16, 17, [97, 1]));
    expect(s.onSnapshot(snap(10))).toBe('gap');
    expect(s.problem).toBe('buffered diff 14..15 does not follow 12');
    expect(s.book.bids.count).toBe(0);
    expect(s.buffered).toBe(2);
    expect(s.onSnapshot(snap(13))).toBe('synced');
    expect(s.book.levels('bid')).toEqual([100, 1, 98, 1, 97, 1]);
  });

  it('detects a crossed book and starts over', () => {
    const s = make();
    s.onSnapshot(snap(10));
    expect(s.onDiff(diff(11, 11, [101.5, 1]))).toBe('crossed');
    expect(s.problem).toBe('crossed book: best bid 101.5 ≥ best ask 101 at update 11');
    expect(s.state).toBe('awaiting_snapshot');
    expect(s.book.bids.count).toBe(0);
    const t = make();
    t.onDiff(diff(11, 11, [], [99, 1]));
    expect(t.onSnapshot(snap(10))).toBe('crossed');
    expect(t.synced).toBe(false);
  });

  it('ignores a snapshot it did not wait for', () => {
    const s = make();
    s.onSnapshot(snap(10));
    expect(s.onSnapshot(snap(50, [1, 1], [2, 1]))).toBe('ignored');
    expect(s.book.bestBid()).toBe(100);
  });

  it('keeps at most maxBuffered diffs, dropping the oldest', () => {
    const s = make(3);
    for (let i = 1; i <= 5; i++) s.onDiff(diff(i, i, [90 + i, 1]));
    expect(s.buffered).toBe(3);
    expect(s.onSnapshot(snap(1))).toBe('gap'); // 2 was dropped: the first kept starts at 3
    expect(s.onSnapshot(snap(2))).toBe('synced');
    expect(s.book.levels('bid')).toEqual([100, 1, 95, 1, 94, 1, 93, 1]);
  });

  it('starts over on reset', () => {
    const s = make();
    s.onSnapshot(snap(10));
    s.onDiff(diff(11, 11));
    s.reset();
    expect(s.state).toBe('awaiting_snapshot');
    expect(s.book.bids.count).toBe(0);
    expect(s.onDiff(diff(12, 12))).toBe('buffered');
  });
});
