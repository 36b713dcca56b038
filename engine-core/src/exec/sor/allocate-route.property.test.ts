import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KNOWN_INSTRUMENTS } from '../../instruments';
import { OrderBook } from '../../market/book';
import { type Instrument, type Side, symbolId } from '../../model';
import { isMultipleOf } from '../../orders/order-validation';
import { allocateRoute, type RouteVenue } from './allocate-route';

const BASE_INST = KNOWN_INSTRUMENTS[0] as Instrument;

interface VenueCase {
  readonly levels: [number, number][]; // [price, qty], any order
  readonly takerBps: number;
  readonly lot: number;
  readonly minNotional: number;
}

function venuesOf(side: Side, cases: readonly VenueCase[]): RouteVenue[] {
  return cases.map((c, i) => {
    const book = new OrderBook(symbolId('BTCUSDT'));
    for (const [p, q] of c.levels) book.setLevel(side === 'BUY' ? 'ask' : 'bid', p, q);
    return {
      venueId: `v${i}`,
      inst: { ...BASE_INST, lotSize: c.lot, minQty: c.lot, minNotional: c.minNotional },
      takerBps: c.takerBps,
      levels: side === 'BUY' ? book.asks : book.bids,
    };
  });
}

/** Gross cost of the best `q` of a side (walking levels), or NaN when deeper than the book. */
function walk(v: RouteVenue, q: number): number {
  let left = q;
  let gross = 0;
  for (let i = 0; i < v.levels.count && left > 1e-12; i++) {
    const t = Math.min(left, v.levels.qtyAt(i));
    gross += t * v.levels.priceAt(i);
    left -= t;
  }
  return left > 1e-12 ? Number.NaN : gross;
}

/** Every combination of lot multiples per venue: most quantity first, then the best net. */
function bruteForce(side: Side, qty: number, venues: readonly RouteVenue[]) {
  const sign = side === 'BUY' ? 1 : -1;
  let best = { qty: -1, net: 0 };
  const rec = (i: number, q: number, net: number) => {
    if (i === venues.length) {
      if (
        q > best.qty + 1e-9 ||
        (Math.abs(q - best.qty) <= 1e-9 && sign * net < sign * best.net - 1e-9)
      )
        best = { qty: q, net };
      return;
    }
    const v = venues[i] as RouteVenue;
    for (let k = 0; ; k++) {
      const take = k * v.inst.lotSize;
      if (q + take > qty + 1e-9) break;
      const gross = walk(v, take);
      if (Number.isNaN(gross)) break;
      const feasible = k === 0 || (take >= v.inst.minQty - 1e-9 && gross >= v.inst.minNotional);
      if (feasible) rec(i + 1, q + take, net + gross * (1 + (sign * v.takerBps) / 10_000));
    }
  };
  rec(0, 0, 0);
  return best;
}

const level = fc.tuple(
  fc.integer({ min: 95, max: 105 }),
  fc.integer({ min: 1, max: 6 }).map((n) => n / 2),
);
const venueCase = (lots: fc.Arbitrary<number>, minNotional: fc.Arbitrary<number>) =>
  fc.record({
    levels: fc.uniqueArray(level, { maxLength: 3, selector: (l) => l[0] }),
    takerBps: fc.constantFrom(0, 5, 10, 25),
    lot: lots,
    minNotional,
  });

function netOf(
  side: Side,
  venues: readonly RouteVenue[],
  allocs: ReturnType<typeof allocateRoute>,
) {
  const sign = side === 'BUY' ? 1 : -1;
  return allocs.reduce((s, a, i) => {
    const gross = a.qty * a.expectedAvgPrice;
    return s + gross * (1 + (sign * (venues[i] as RouteVenue).takerBps) / 10_000);
  }, 0);
}

describe('allocateRoute against a brute-force allocator', () => {
  it('property: with one lot size and no min notional it finds the optimum (most qty, best net)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Side>('BUY', 'SELL'),
        fc.integer({ min: 1, max: 20 }).map((n) => n / 2),
        fc.array(venueCase(fc.constant(0.5), fc.constant(0)), { minLength: 1, maxLength: 3 }),
        (side, qty, cases) => {
          const venues = venuesOf(side, cases);
          const allocs = allocateRoute(side, qty, venues);
          const best = bruteForce(side, qty, venues);
          const got = allocs.reduce((s, a) => s + a.qty, 0);
          expect(got).toBeCloseTo(best.qty, 9);
          expect(netOf(side, venues, allocs)).toBeCloseTo(best.net, 6);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: with mixed lots and min notional every child is valid and never beats the optimum', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Side>('BUY', 'SELL'),
        fc.integer({ min: 1, max: 20 }).map((n) => n / 2),
        fc.array(venueCase(fc.constantFrom(0.25, 0.5, 1), fc.constantFrom(0, 100, 250)), {
          minLength: 1,
          maxLength: 3,
        }),
        (side, qty, cases) => {
          const venues = venuesOf(side, cases);
          const allocs = allocateRoute(side, qty, venues);
          const sign = side === 'BUY' ? 1 : -1;
          let total = 0;
          allocs.forEach((a, i) => {
            const v = venues[i] as RouteVenue;
            total += a.qty;
            if (a.qty === 0) return;
            expect(isMultipleOf(a.qty, v.inst.lotSize)).toBe(true);
            expect(a.qty).toBeGreaterThanOrEqual(v.inst.minQty);
            const gross = walk(v, a.qty);
            expect(gross).toBeCloseTo(a.qty * a.expectedAvgPrice, 6); // the book's best a.qty
            expect(gross).toBeGreaterThanOrEqual(v.inst.minNotional);
            expect(a.fee).toBeCloseTo((gross * v.takerBps) / 10_000, 9);
          });
          expect(total).toBeLessThanOrEqual(qty + 1e-9);
          const best = bruteForce(side, qty, venues);
          expect(total).toBeLessThanOrEqual(best.qty + 1e-9);
          if (Math.abs(total - best.qty) < 1e-9)
            expect(sign * netOf(side, venues, allocs)).toBeGreaterThanOrEqual(
              sign * best.net - 1e-6,
            );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('drops a venue under min notional and gives its share to the others (hand-computed)', () => {
    // Buy 2: v0's 99 level is cheapest but only 0.5 there (49.5 < 100 min notional) → dropped.
    const venues = venuesOf('BUY', [
      { levels: [[99, 0.5]], takerBps: 0, lot: 0.5, minNotional: 100 },
      {
        levels: [
          [100, 1],
          [101, 5],
        ],
        takerBps: 10,
        lot: 0.5,
        minNotional: 0,
      },
      { levels: [[100.05, 0.5]], takerBps: 0, lot: 0.5, minNotional: 0 },
    ]);
    const a = allocateRoute('BUY', 2, venues);
    expect(a.map((x) => [x.venueId, x.qty])).toEqual([
      ['v0', 0],
      ['v1', 1.5],
      ['v2', 0.5],
    ]);
    expect(a[0]?.reason).toBe('dropped, min_notional: 49.5 < 100; reallocated');
    // Without v0, by net price: v2's 100.05, v1's 100 × 1.001 = 100.1, v1's 101 × 1.001.
    // v1: 1 @ 100 + 0.5 @ 101 = 150.5 (avg 100.333…), fee 10 bps = 0.1505.
    expect(a[1]?.expectedAvgPrice).toBeCloseTo(150.5 / 1.5, 12);
    expect(a[1]?.fee).toBeCloseTo(0.1505, 12);
    expect(a[1]?.worstPrice).toBe(101);
    expect(a[2]?.expectedAvgPrice).toBe(100.05);
  });
});
