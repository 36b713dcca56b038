import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Engine, type EngineState } from '../../engine';
import { OrderBook } from '../../market/book';
import { type EngineEvent, symbolId, timestampMs } from '../../model';
import { cancel, makeEngine, ofType, order, tick } from '../../testing/engine-fixtures';
import type { TradeUpdate } from '../market-feed';
import { PaperVenue } from './paper-venue';
import { type BookFill, walkBook } from './walk-book';

const BTC = symbolId('BTCUSDT');
const T0 = 1_700_000_000_000;

/** An engine on a paper venue over one book; `trade` feeds a trade to the venue, then the engine. */
function paper(opts: { latencyMs?: number; protection?: number; takerBps?: number } = {}) {
  const book = new OrderBook(BTC);
  const venue = new PaperVenue({
    latencyMs: opts.latencyMs ?? 0,
    marketProtection: opts.protection ?? 0.05,
    book: (s) => (s === BTC ? book : undefined),
  });
  const { engine, clock } = makeEngine({
    venue,
    startMs: T0,
    takerBps: opts.takerBps ?? 0,
    marketProtection: opts.protection ?? 0.05,
    usdt: 1_000_000,
  });
  const trade = (price: number, qty: number, side: 'BUY' | 'SELL'): EngineEvent[] => {
    const t: TradeUpdate = {
      kind: 'trade',
      symbol: BTC,
      price,
      qty,
      side,
      ts: timestampMs(clock.now()),
    };
    venue.onTrade(t);
    return engine.handle(tick(price));
  };
  return { book, venue, engine, clock, trade };
}

const fills = (events: readonly EngineEvent[]) =>
  ofType(events, 'order_filled').map((f) => [f.qty, f.price, f.liquidity, f.status]);

describe('PaperVenue: market orders walk the book', () => {
  it('takes each ask level at its price until the quantity is filled', () => {
    const { book, engine } = paper();
    book.applyLevels([99, 4], [100, 1, 101, 2, 102, 5]);
    engine.handle(tick(100));
    const ev = engine.handle(order('m', 'BUY', 2.5, { type: 'MARKET' }));
    expect(fills(ev)).toEqual([
      [1, 100, 'TAKER', 'PARTIALLY_FILLED'],
      [1.5, 101, 'TAKER', 'FILLED'],
    ]);
    // Average price by hand: (100 + 1.5 × 101) / 2.5 = 100.6
    const pos = engine.positions()[0];
    expect(pos?.avgPrice).toBeCloseTo(100.6, 12);
  });

  it('a sell walks the bids; what the book cannot give within the protection expires', () => {
    const { book, engine } = paper({ protection: 0.05 });
    book.applyLevels([100, 1, 96, 0.5, 90, 10], [101, 1]);
    engine.handle(tick(100));
    engine.handle(order('b', 'BUY', 3, { type: 'MARKET' })); // 1@101 then nothing: expires
    const buy = engine.state.orders.get('b' as never);
    expect(buy?.status).toBe('EXPIRED');
    expect(buy?.executedQty).toBe(1);
    const ev = engine.handle(order('s', 'SELL', 1, { type: 'MARKET' }));
    expect(fills(ev)).toEqual([[1, 100, 'TAKER', 'FILLED']]);
    // Protection 5 % below the last price 100 = 95: 96 is within, 90 is not.
    book.setLevel('bid', 100, 0);
    engine.handle(order('x', 'BUY', 1, { type: 'MARKET' }));
    engine.handle(order('s2', 'SELL', 1, { type: 'MARKET' }));
    const s2 = engine.state.orders.get('s2' as never);
    expect(s2?.executedQty).toBe(0.5);
    expect(s2?.status).toBe('EXPIRED');
    expect(s2?.reason).toContain('market_protection');
  });

  it('expires with a clear reason when there is no book yet', () => {
    const venue = new PaperVenue({ latencyMs: 0, marketProtection: 0.05, book: () => undefined });
    const { engine } = makeEngine({ venue, startMs: T0 });
    engine.handle(tick(100));
    const ev = engine.handle(order('m', 'BUY', 1, { type: 'MARKET' }));
    expect(ofType(ev, 'order_expired')[0]?.reason).toBe('market: no order book for BTCUSDT yet');
  });
});

describe('PaperVenue: limits', () => {
  it('a marketable limit takes levels up to its price and rests the rest at the back of the queue', () => {
    const { book, engine, trade } = paper();
    book.applyLevels([99, 3], [100, 1, 101, 2, 102, 5]);
    engine.handle(tick(100));
    const ev = engine.handle(order('l', 'BUY', 5, { type: 'LIMIT', price: 101 }));
    expect(fills(ev)).toEqual([
      [1, 100, 'TAKER', 'PARTIALLY_FILLED'],
      [2, 101, 'TAKER', 'PARTIALLY_FILLED'],
    ]);
    // Resting at 101 with nobody ahead (no bid level there): a sell at 101 fills it as maker.
    expect(fills(trade(101, 0.5, 'SELL'))).toEqual([[0.5, 101, 'MAKER', 'PARTIALLY_FILLED']]);
    // A buy-side trade at our price does not touch our bid.
    expect(fills(trade(101, 5, 'BUY'))).toEqual([]);
    expect(fills(trade(100.5, 0.1, 'SELL'))).toEqual([[1.5, 101, 'MAKER', 'FILLED']]);
  });

  it('queue position: trades at the price use up the quantity ahead first; a shrinking level moves us up', () => {
    const { book, engine, venue, trade } = paper();
    book.applyLevels([99, 3], [100, 1]);
    engine.handle(tick(99.5));
    engine.handle(order('q', 'BUY', 1, { type: 'LIMIT', price: 99 }));
    expect(fills(trade(99, 2, 'SELL'))).toEqual([]); // 3 ahead → 1 ahead
    book.setLevel('bid', 99, 0.5); // cancellations: at most 0.5 can be ahead now
    venue.onBook(BTC);
    // 1 traded: 0.5 to the queue, 0.5 to us.
    expect(fills(trade(99, 1, 'SELL'))).toEqual([[0.5, 99, 'MAKER', 'PARTIALLY_FILLED']]);
    // Through our price: the rest fills at our price.
    expect(fills(trade(98.5, 0.01, 'SELL'))).toEqual([[0.5, 99, 'MAKER', 'FILLED']]);
  });

  it('post-only that would cross is rejected; IOC keeps what crossed and expires the rest; FOK is all or nothing', () => {
    const { book, engine } = paper();
    book.applyLevels([99, 3], [100, 1, 101, 2]);
    engine.handle(tick(100));
    const po = engine.handle(
      order('po', 'BUY', 1, { type: 'LIMIT', price: 100 }, { postOnly: true }),
    );
    expect(ofType(po, 'order_rejected')[0]?.reason).toBe('post_only: order would take liquidity');
    const ioc = engine.handle(
      order('ioc', 'BUY', 2, { type: 'LIMIT', price: 100 }, { tif: 'IOC' }),
    );
    expect(fills(ioc)).toEqual([[1, 100, 'TAKER', 'PARTIALLY_FILLED']]);
    expect(ofType(ioc, 'order_expired')[0]?.reason).toBe('IOC: not filled on arrival');
    const fokNo = engine.handle(
      order('f1', 'BUY', 4, { type: 'LIMIT', price: 101 }, { tif: 'FOK' }),
    );
    expect(fills(fokNo)).toEqual([]);
    expect(ofType(fokNo, 'order_expired')[0]?.reason).toContain('FOK');
    const fokYes = engine.handle(
      order('f2', 'BUY', 3, { type: 'LIMIT', price: 101 }, { tif: 'FOK' }),
    );
    expect(fills(fokYes)).toEqual([
      [1, 100, 'TAKER', 'PARTIALLY_FILLED'],
      [2, 101, 'TAKER', 'FILLED'],
    ]);
  });
});

describe('PaperVenue: stops, latency, cancel', () => {
  it('a stop-loss sell fires on a trade at or below its stop and walks the bids', () => {
    const { book, engine, trade } = paper();
    book.applyLevels([100, 1, 99, 1], [101, 5]);
    engine.handle(tick(101));
    engine.handle(order('b', 'BUY', 2, { type: 'MARKET' }));
    engine.handle(order('sl', 'SELL', 2, { type: 'STOP', stopPrice: 99.5 }));
    expect(fills(trade(99.6, 1, 'SELL'))).toEqual([]);
    book.applyLevels([100, 0, 99.4, 1, 99, 1], []);
    const ev = trade(99.5, 1, 'SELL');
    expect(ofType(ev, 'order_triggered').length).toBe(1);
    expect(fills(ev)).toEqual([
      [1, 99.4, 'TAKER', 'PARTIALLY_FILLED'],
      [1, 99, 'TAKER', 'FILLED'],
    ]);
  });

  it('latency: the order reaches the venue, and its reports the engine, latencyMs later', () => {
    const { book, engine, clock } = paper({ latencyMs: 50 });
    book.applyLevels([99, 1], [100, 1, 101, 1]);
    engine.handle(tick(100));
    const at0 = engine.handle(order('m', 'BUY', 1, { type: 'MARKET' }));
    expect(at0.map((e) => e.type)).toEqual(['order_submitted', 'account_reported']);
    expect(engine.nextDueTs()).toBe(T0 + 50);
    // The book moves before the order arrives: it takes the book as it is on arrival.
    book.setLevel('ask', 100, 0);
    clock.advanceTo(T0 + 50);
    expect(fills(engine.poll())).toEqual([]); // arrived at +50, the fill reports at +100
    clock.advanceTo(T0 + 100);
    expect(fills(engine.poll())).toEqual([[1, 101, 'TAKER', 'FILLED']]);
  });

  it('cancel takes a resting order off; a later trade through its price fills nothing', () => {
    const { book, engine, trade } = paper();
    book.applyLevels([99, 1], [100, 1]);
    engine.handle(tick(99.5));
    engine.handle(order('l', 'BUY', 1, { type: 'LIMIT', price: 99 }));
    expect(ofType(engine.handle(cancel('l')), 'order_cancelled').length).toBe(1);
    expect(fills(trade(98, 5, 'SELL'))).toEqual([]);
    expect(engine.state.balances.get('USDT' as never)?.locked).toBe(0);
  });
});

describe('PaperVenue: restart between acceptance and execution', () => {
  /** Engine A accepts the order, then "crashes"; engine B takes A's state on a fresh venue. */
  function restartAfterAccept(
    pricing: Parameters<typeof order>[3],
    extra: Parameters<typeof order>[4] = {},
  ) {
    const a = paper({ latencyMs: 50 });
    a.book.applyLevels([99, 1], [100, 1, 101, 1]);
    a.engine.handle(tick(100));
    a.engine.handle(order('o', 'BUY', 1.5, pricing, extra));
    a.clock.advanceTo(T0 + 50);
    a.engine.poll(); // ACCEPTED arrives; the order's fills or expiry are due at +100
    const accepted = a.engine.state.orders.get('o' as never);
    expect(accepted?.status).toBe('ACCEPTED');
    expect(accepted?.executedQty).toBe(0);
    const venue = new PaperVenue({
      latencyMs: 50,
      marketProtection: 0.05,
      book: (s) => (s === BTC ? a.book : undefined),
    });
    const b = new Engine(a.engine.config, a.clock, venue, a.engine.state as EngineState);
    a.clock.advanceTo(T0 + 80);
    const events = b.poll();
    a.clock.advanceTo(T0 + 500);
    events.push(...b.poll());
    return { b, events, final: b.state.orders.get('o' as never) };
  }

  it('a market order accepted but not yet filled executes at the book as it is now, once', () => {
    const { events, final, b } = restartAfterAccept({ type: 'MARKET' });
    // Arrives again at +80 (no second ACCEPTED), fills report at +130: 1 @ 100 and 0.5 @ 101.
    expect(ofType(events, 'order_accepted')).toEqual([]);
    expect(fills(events)).toEqual([
      [1, 100, 'TAKER', 'PARTIALLY_FILLED'],
      [0.5, 101, 'TAKER', 'FILLED'],
    ]);
    expect(final?.status).toBe('FILLED');
    expect(b.positions()[0]?.qty).toBe(1.5);
    expect(b.state.openOrders.size).toBe(0);
  });

  it('an IOC limit that did not cross expires instead of resting; a GTC limit rests as before', () => {
    const ioc = restartAfterAccept({ type: 'LIMIT', price: 99.5 }, { tif: 'IOC' });
    expect(ioc.final?.status).toBe('EXPIRED');
    expect(fills(ioc.events)).toEqual([]);
    const gtc = restartAfterAccept({ type: 'LIMIT', price: 99.5 });
    expect(gtc.final?.status).toBe('ACCEPTED');
    expect(gtc.b.state.openOrders.size).toBe(1);
  });
});

describe('walkBook', () => {
  it('matches a plain re-computation: levels best first, never past the limit, at most the quantity', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { minLength: 0, maxLength: 30 }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 30, maxLength: 30 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 500 }),
        (ticks, qtys, want, limitTick) => {
          const book = new OrderBook(BTC);
          for (const [i, t] of ticks.entries())
            book.setLevel('ask', t / 10, (qtys[i] as number) / 100);
          const out: BookFill[] = [];
          const left = walkBook(book.asks, 'BUY', want / 100, limitTick / 10, out);
          // The plain way: sort the levels ascending, take while price ≤ limit.
          const levels = ticks
            .map((t, i) => ({ price: t / 10, qty: (qtys[i] as number) / 100 }))
            .sort((a, b) => a.price - b.price);
          let rem = want / 100;
          const expected: BookFill[] = [];
          for (const l of levels) {
            if (rem <= 0 || l.price > limitTick / 10) break;
            const q = Math.min(rem, l.qty);
            expected.push({ price: l.price, qty: q });
            rem -= q;
          }
          expect(out).toEqual(expected);
          expect(left).toBeCloseTo(rem, 12);
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });
});
