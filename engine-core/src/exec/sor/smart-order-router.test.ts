import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock';
import { Engine } from '../../engine';
import { KNOWN_INSTRUMENTS } from '../../instruments';
import { OrderBook } from '../../market/book';
import { asset, type EngineEvent, symbolId } from '../../model';
import { NO_RISK_LIMITS } from '../../risk';
import { PaperVenue } from '../../venue';
import type { RouteDecision } from './route-decision';
import { type RoutedVenue, SmartOrderRouter } from './smart-order-router';

const BTC = symbolId('BTCUSDT');
const T0 = 1_700_000_000_000;

/** A venue: its own engine on a PaperVenue over its own book, with its taker fee. */
function venue(venueId: string, takerBps: number, asks: number[]) {
  const book = new OrderBook(BTC);
  book.applyLevels([99, 10], asks);
  const clock = new VirtualClock(T0);
  const engine = new Engine(
    {
      accountAsset: asset('USDT'),
      instruments: KNOWN_INSTRUMENTS,
      fees: { makerBps: 0, takerBps },
      risk: NO_RISK_LIMITS,
      marketProtection: 0.05,
    },
    clock,
    new PaperVenue({
      latencyMs: 0,
      marketProtection: 0.05,
      book: (s) => (s === BTC ? book : undefined),
    }),
  );
  engine.deposit(asset('USDT'), 10_000);
  engine.handle({ type: 'market_tick', symbol: BTC, price: 100, ts: null });
  const v: RoutedVenue = { venueId, engine, book: (s) => (s === BTC ? book : undefined) };
  return { v, engine, book };
}

const fills = (events: readonly EngineEvent[]) =>
  events.flatMap((e) => (e.type === 'order_filled' ? [[e.qty, e.price, e.fee]] : []));

describe('SmartOrderRouter on real paper venues', () => {
  it('splits by net price after fees, drops a child under min notional, and the venues fill as decided', () => {
    const a = venue('A', 10, [100, 1, 100.05, 2]);
    const b = venue('B', 2, [100.02, 1.5, 100.1, 5]);
    const c = venue('C', 0, [99.99, 0.00004, 100.5, 1]); // cheapest top, but 0.004 USDT of it
    const decisions: RouteDecision[] = [];
    const router = new SmartOrderRouter([a.v, b.v, c.v], (d) => decisions.push(d));
    const res = router.route({ symbol: BTC, side: 'BUY', qty: 3, idPrefix: 'r1' }, T0);

    // Net prices: C 99.99 (tiny), B 100.02 × 1.0002 = 100.040004, A 100 × 1.001 = 100.1,
    // B 100.1 × 1.0002 = 100.12002, A 100.05 × 1.001, C 100.5. C's share (0.00004, 0.004 USDT)
    // is under BTCUSDT's 5 USDT min notional: dropped, then B 1.5, A 1, B 0.5.
    const d = decisions[0] as RouteDecision;
    expect(d.allocations.map((x) => [x.venueId, x.qty])).toEqual([
      ['A', 1],
      ['B', 2],
      ['C', 0],
    ]);
    expect(d.allocations[2]?.reason).toMatch(/^dropped, min_notional: 0\.0039996 < 5/);
    expect(d.allocations[1]?.expectedAvgPrice).toBeCloseTo((1.5 * 100.02 + 0.5 * 100.1) / 2, 9);
    expect(d.allocations[1]?.fee).toBeCloseTo((1.5 * 100.02 + 0.5 * 100.1) * 0.0002, 12);
    expect(d.allocations[0]?.fee).toBeCloseTo(0.1, 12);
    expect(d.expectedNet).toBeCloseTo(100 + 0.1 + 200.08 + 0.040016, 9);

    // What the venues did, through each engine: IOC limits at the worst level decided.
    expect(res.children.map((x) => x.clientOrderId)).toEqual(['r1.A', 'r1.B']);
    expect(fills(res.children[0]?.events ?? [])).toEqual([[1, 100, expect.closeTo(0.1, 12)]]);
    expect(fills(res.children[1]?.events ?? [])).toEqual([
      [1.5, 100.02, expect.closeTo(1.5 * 100.02 * 0.0002, 12)],
      [0.5, 100.1, expect.closeTo(0.5 * 100.1 * 0.0002, 12)],
    ]);
    expect(c.engine.state.orders.size).toBe(0);
    expect(a.engine.state.balances.get(asset('BTC'))?.free).toBeCloseTo(1, 12);
    expect(b.engine.state.balances.get(asset('BTC'))?.free).toBeCloseTo(2, 12);
  });

  it('a sell walks bids; a venue without a book is left out', () => {
    const a = venue('A', 10, [101, 1]);
    a.book.applyLevels([100, 1, 99, 0], []);
    a.engine.deposit(asset('BTC'), 5);
    const router = new SmartOrderRouter([a.v, { ...a.v, venueId: 'X', book: () => undefined }]);
    const d = router.decide({ symbol: BTC, side: 'SELL', qty: 0.5 }, T0);
    expect(d.allocations.map((x) => [x.venueId, x.qty, x.expectedAvgPrice])).toEqual([
      ['A', 0.5, 100],
    ]);
    expect(d.expectedNet).toBeCloseTo(50 - 0.05, 12);
  });
});
