import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { symbolId } from '../../model';
import { BookSync, type DepthDiff } from './book-sync';
import { OrderBook } from './order-book';

// Seeded: a failure reproduces. The reference is a deliberately plain Map-based book.
const SEED = 20_250_611;

/** A plain book: a Map per side, sorted on every read. */
class MapBook {
  readonly bids = new Map<number, number>();
  readonly asks = new Map<number, number>();
  set(side: 'bid' | 'ask', price: number, qty: number): void {
    const m = side === 'bid' ? this.bids : this.asks;
    if (qty === 0) m.delete(price);
    else m.set(price, qty);
  }
  levels(side: 'bid' | 'ask'): number[] {
    const m = side === 'bid' ? this.bids : this.asks;
    const sorted = [...m.entries()].sort((a, b) => (side === 'bid' ? b[0] - a[0] : a[0] - b[0]));
    return sorted.flat();
  }
  clone(): MapBook {
    const c = new MapBook();
    for (const [p, q] of this.bids) c.bids.set(p, q);
    for (const [p, q] of this.asks) c.asks.set(p, q);
    return c;
  }
}

/** Prices on a 0.01 tick around 100 (as parsed from Binance strings: the same doubles). */
const price = (tick: number): number => Number((100 + (tick - 40) * 0.01).toFixed(2));

const op = fc.record({
  side: fc.constantFrom<'bid' | 'ask'>('bid', 'ask'),
  tick: fc.integer({ min: 0, max: 80 }),
  qty: fc.oneof(
    fc.constant(0),
    fc.integer({ min: 1, max: 50_000 }).map((n) => n / 1000),
  ),
});

describe('OrderBook against a Map-based book', () => {
  it('has the same levels, best prices, quantities and depth after any sequence of updates', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 400 }),
        fc.integer({ min: 1, max: 200 }),
        (ops, bps) => {
          const book = new OrderBook(symbolId('X'), 16);
          const ref = new MapBook();
          for (const o of ops) {
            book.setLevel(o.side, price(o.tick), o.qty);
            ref.set(o.side, price(o.tick), o.qty);
          }
          const rb = ref.levels('bid');
          const ra = ref.levels('ask');
          expect(book.levels('bid')).toEqual(rb);
          expect(book.levels('ask')).toEqual(ra);
          expect(book.bids.count).toBe(ref.bids.size);
          expect(book.bestBid()).toBe(rb.length > 0 ? rb[0] : Number.NaN);
          expect(book.bestAsk()).toBe(ra.length > 0 ? ra[0] : Number.NaN);
          for (let t = 0; t <= 80; t++) {
            expect(book.bids.qtyAtPrice(price(t))).toBe(ref.bids.get(price(t)) ?? 0);
            expect(book.asks.qtyAtPrice(price(t))).toBe(ref.asks.get(price(t)) ?? 0);
          }
          expect(book.isCrossed()).toBe(
            rb.length > 0 && ra.length > 0 && (rb[0] as number) >= (ra[0] as number),
          );
          const d = book.depthWithinBps(bps);
          if (rb.length > 0 && ra.length > 0) {
            const mid = ((rb[0] as number) + (ra[0] as number)) / 2;
            const half = (mid * bps) / 10_000;
            let bq = 0;
            let aq = 0;
            for (const [p, q] of ref.bids) if (p >= mid - half) bq += q;
            for (const [p, q] of ref.asks) if (p <= mid + half) aq += q;
            expect(d.bidQty).toBeCloseTo(bq, 9);
            expect(d.askQty).toBeCloseTo(aq, 9);
          } else {
            expect(d.bidQty + d.askQty).toBe(0);
          }
          const top = book.top(5);
          expect(top.bids.flat()).toEqual(rb.slice(0, 10));
          expect(top.asks.flat()).toEqual(ra.slice(0, 10));
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
});

/** One exchange event: level changes covering update ids U..u. */
interface Event {
  readonly diff: DepthDiff;
  /** The true book after it. */
  readonly after: MapBook;
}

/** A true book evolving through `n` events; ids start at 101 (the initial book is id 100). */
function exchange(changes: { side: 'bid' | 'ask'; tick: number; qty: number; span: number }[][]) {
  const start = new MapBook();
  for (let t = 0; t < 40; t += 3) start.set('bid', price(t), 1);
  for (let t = 41; t <= 80; t += 3) start.set('ask', price(t), 1);
  const events: Event[] = [];
  let truth = start;
  let id = 100;
  for (const group of changes) {
    truth = truth.clone();
    const bids: number[] = [];
    const asks: number[] = [];
    let span = 1;
    for (const c of group) {
      // Keep the book uncrossed: bids below the 100.00 line, asks above it.
      const tick = c.side === 'bid' ? c.tick % 40 : 41 + (c.tick % 40);
      truth.set(c.side, price(tick), c.qty);
      (c.side === 'bid' ? bids : asks).push(price(tick), c.qty);
      span = c.span;
    }
    events.push({
      diff: { firstUpdateId: id + 1, lastUpdateId: id + span, bids, asks },
      after: truth,
    });
    id += span;
  }
  return { start, events };
}

const change = fc.record({
  side: fc.constantFrom<'bid' | 'ask'>('bid', 'ask'),
  tick: fc.integer({ min: 0, max: 79 }),
  qty: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 9 })),
  span: fc.integer({ min: 1, max: 3 }),
});

describe('BookSync against the true book', () => {
  it('whenever it says the book is synced, the book is the true book at its update id', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(change, { maxLength: 5 }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.constantFrom('deliver', 'deliver', 'deliver', 'drop', 'repeat', 'snapshot'), {
          maxLength: 80,
        }),
        fc.integer({ min: -3, max: 3 }),
        (groups, script, lag) => {
          const { start, events } = exchange(groups);
          const truthAt = new Map<number, MapBook>([[100, start]]);
          for (const e of events) truthAt.set(e.diff.lastUpdateId, e.after);
          const sync = new BookSync(new OrderBook(symbolId('X'), 16));
          let next = 0;
          /** A snapshot of the exchange near the stream's position (a little behind or ahead). */
          const snapshotNow = () => {
            const at = Math.max(-1, Math.min(events.length - 1, next - 1 + lag));
            const book = at < 0 ? start : (events[at] as Event).after;
            const id = at < 0 ? 100 : (events[at] as Event).diff.lastUpdateId;
            return { lastUpdateId: id, bids: book.levels('bid'), asks: book.levels('ask') };
          };
          const check = () => {
            if (!sync.synced) return;
            const truth = truthAt.get(sync.book.updateId);
            expect(truth).toBeDefined();
            expect(sync.book.levels('bid')).toEqual(truth?.levels('bid'));
            expect(sync.book.levels('ask')).toEqual(truth?.levels('ask'));
          };
          for (const step of script) {
            if (step === 'snapshot') sync.onSnapshot(snapshotNow());
            else if (next < events.length) {
              const d = (events[next] as Event).diff;
              if (step !== 'drop') sync.onDiff(d);
              if (step === 'repeat') sync.onDiff(d);
              next++;
            }
            check();
          }
          // The rest of the stream without faults, fetching a snapshot whenever one is needed
          // (as the feed does): it may be too old (lag < 0) and need another.
          while (next < events.length) {
            sync.onDiff((events[next] as Event).diff);
            next++;
            check();
            if (sync.state === 'awaiting_snapshot' && sync.buffered > 0) {
              sync.onSnapshot(snapshotNow());
              check();
            }
          }
          // With every event delivered and a final snapshot, the book converges to the truth.
          sync.onSnapshot(snapshotNow());
          if (sync.state === 'awaiting_snapshot') {
            // Snapshot at the very end: whatever was buffered is at or before it.
            const last = events[events.length - 1] as Event;
            sync.onSnapshot({
              lastUpdateId: last.diff.lastUpdateId,
              bids: last.after.levels('bid'),
              asks: last.after.levels('ask'),
            });
          }
          check();
          expect(sync.synced).toBe(true);
        },
      ),
      { seed: SEED, numRuns: 400 },
    );
  });
});
