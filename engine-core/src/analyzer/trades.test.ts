import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClosedTrade, Fill } from './backtest-result';
import { buildTrades } from './trades';

const buy = (time: number, qty: number, price: number, fee: number): Fill => ({
  time,
  side: 'BUY',
  qty,
  price,
  fee,
});
const sell = (time: number, qty: number, price: number, fee: number): Fill => ({
  time,
  side: 'SELL',
  qty,
  price,
  fee,
});

/** Expects each numeric field to match to 1e-12 relative. */
function expectTrade(actual: ClosedTrade, expected: ClosedTrade): void {
  expect(actual.side).toBe(expected.side);
  expect(actual.entryTime).toBe(expected.entryTime);
  expect(actual.exitTime).toBe(expected.exitTime);
  for (const k of ['qty', 'entryPrice', 'exitPrice', 'fees', 'pnl', 'return'] as const) {
    const tol = 1e-12 * Math.max(1, Math.abs(expected[k]));
    expect(Math.abs(actual[k] - expected[k]), k).toBeLessThanOrEqual(tol);
  }
}

describe('buildTrades', () => {
  it('pairs a long round trip, net of both fees', () => {
    const trades = buildTrades([buy(1, 2, 100, 0.2), sell(2, 2, 110, 0.22)]);
    expect(trades).toHaveLength(1);
    // gross (110 − 100) × 2 = 20; fees 0.2 + 0.22 = 0.42; pnl 19.58; return 19.58 / 200
    expectTrade(trades[0], {
      entryTime: 1,
      exitTime: 2,
      side: 'LONG',
      qty: 2,
      entryPrice: 100,
      exitPrice: 110,
      fees: 0.42,
      pnl: 19.58,
      return: 0.0979,
    });
  });

  it('pairs a short round trip', () => {
    const [t] = buildTrades([sell(1, 1, 100, 0.1), buy(2, 1, 90, 0.09)]);
    // gross 100 − 90 = 10; fees 0.19; pnl 9.81 on 100 of entry notional
    expectTrade(t, {
      entryTime: 1,
      exitTime: 2,
      side: 'SHORT',
      qty: 1,
      entryPrice: 100,
      exitPrice: 90,
      fees: 0.19,
      pnl: 9.81,
      return: 0.0981,
    });
  });

  it('splits an entry fill and its fee across partial closes', () => {
    const trades = buildTrades([
      buy(1, 2, 100, 0.2),
      sell(2, 0.5, 110, 0.055),
      sell(3, 1.5, 90, 0.135),
    ]);
    expect(trades).toHaveLength(2);
    // first: 0.5 of the 2 → entry fee share 0.2 × 0.25 = 0.05; fees 0.105; gross 0.5 × 10 = 5
    expectTrade(trades[0], {
      entryTime: 1,
      exitTime: 2,
      side: 'LONG',
      qty: 0.5,
      entryPrice: 100,
      exitPrice: 110,
      fees: 0.105,
      pnl: 4.895,
      return: 4.895 / 50,
    });
    // second: the other 1.5 → entry fee 0.15 + exit 0.135 = 0.285; gross 1.5 × −10 = −15
    expectTrade(trades[1], {
      entryTime: 1,
      exitTime: 3,
      side: 'LONG',
      qty: 1.5,
      entryPrice: 100,
      exitPrice: 90,
      fees: 0.285,
      pnl: -15.285,
      return: -15.285 / 150,
    });
  });

  it('matches entry fills first in, first out and averages them', () => {
    const trades = buildTrades([
      buy(1, 1, 100, 0.1),
      buy(2, 1, 120, 0.12),
      sell(3, 1.5, 130, 0.195),
      sell(4, 0.5, 110, 0.055),
    ]);
    expect(trades).toHaveLength(2);
    // 1.5 closes lot 1 (1 @ 100) and half of lot 2 (0.5 @ 120): entry notional 160,
    // entry price 160 / 1.5; fees 0.1 + 0.06 + 0.195 = 0.355; gross 195 − 160 = 35
    expectTrade(trades[0], {
      entryTime: 1,
      exitTime: 3,
      side: 'LONG',
      qty: 1.5,
      entryPrice: 160 / 1.5,
      exitPrice: 130,
      fees: 0.355,
      pnl: 34.645,
      return: 34.645 / 160,
    });
    // the rest of lot 2: 0.5 @ 120 → 110; fees 0.06 + 0.055; gross −5
    expectTrade(trades[1], {
      entryTime: 2,
      exitTime: 4,
      side: 'LONG',
      qty: 0.5,
      entryPrice: 120,
      exitPrice: 110,
      fees: 0.115,
      pnl: -5.115,
      return: -5.115 / 60,
    });
  });

  it('splits a flipping fill: the closing part ends the long, the rest opens a short', () => {
    const trades = buildTrades([buy(1, 1, 100, 0.1), sell(2, 3, 110, 0.33), buy(3, 2, 105, 0.21)]);
    expect(trades).toHaveLength(2);
    // the sell of 3 closes 1 (fee share 0.11) and opens a short of 2 (fee share 0.22)
    expectTrade(trades[0], {
      entryTime: 1,
      exitTime: 2,
      side: 'LONG',
      qty: 1,
      entryPrice: 100,
      exitPrice: 110,
      fees: 0.21,
      pnl: 9.79,
      return: 0.0979,
    });
    // short 2 @ 110 → 105: gross 10; fees 0.22 + 0.21 = 0.43
    expectTrade(trades[1], {
      entryTime: 2,
      exitTime: 3,
      side: 'SHORT',
      qty: 2,
      entryPrice: 110,
      exitPrice: 105,
      fees: 0.43,
      pnl: 9.57,
      return: 9.57 / 220,
    });
  });

  it('does not count a position still open at the end', () => {
    expect(buildTrades([])).toEqual([]);
    expect(buildTrades([buy(1, 1, 100, 0.1)])).toEqual([]);
    const trades = buildTrades([buy(1, 1, 100, 0.1), sell(2, 0.4, 105, 0.042)]);
    expect(trades).toHaveLength(1);
    expect(trades[0].qty).toBeCloseTo(0.4, 15);
  });

  it('treats float residue as flat instead of leaving dust lots', () => {
    // 0.1 + 0.2 = 0.30000000000000004 ≠ 0.3: selling 0.3 must still close everything
    const trades = buildTrades([
      buy(1, 0.1, 100, 0),
      buy(2, 0.2, 100, 0),
      sell(3, 0.3, 110, 0),
      sell(4, 1, 120, 0),
      buy(5, 1, 100, 0),
    ]);
    expect(trades.map((t) => t.side)).toEqual(['LONG', 'SHORT']);
    expect(trades[1].entryTime).toBe(4);
    expect(trades[1].pnl).toBeCloseTo(20, 12);
  });

  it('rejects a non-positive quantity as a programmer error', () => {
    expect(() => buildTrades([buy(1, 0, 100, 0)])).toThrow(/qty/);
  });

  it('conserves cash: Σ trade P&L = realized cash flow, Σ trade fees = Σ fill fees', () => {
    const fillArb = fc.record({
      buy: fc.boolean(),
      qty: fc.double({ min: 0.01, max: 5, noNaN: true }),
      price: fc.double({ min: 10, max: 1000, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(fillArb, { minLength: 1, maxLength: 40 }), (specs) => {
        const fills: Fill[] = [];
        let position = 0;
        specs.forEach((s, i) => {
          const fee = s.qty * s.price * 0.001;
          fills.push({ time: i, side: s.buy ? 'BUY' : 'SELL', qty: s.qty, price: s.price, fee });
          position += s.buy ? s.qty : -s.qty;
        });
        if (Math.abs(position) > 1e-6) {
          // flatten at the end so that every fill belongs to a closed trade
          const qty = Math.abs(position);
          fills.push({
            time: specs.length,
            side: position > 0 ? 'SELL' : 'BUY',
            qty,
            price: 500,
            fee: qty * 0.5,
          });
        }
        let cash = 0;
        let fees = 0;
        let notional = 0;
        for (const f of fills) {
          cash += (f.side === 'SELL' ? 1 : -1) * f.qty * f.price - f.fee;
          fees += f.fee;
          notional += f.qty * f.price;
        }
        const trades = buildTrades(fills);
        const pnl = trades.reduce((a, t) => a + t.pnl, 0);
        const tradeFees = trades.reduce((a, t) => a + t.fees, 0);
        expect(Math.abs(pnl - cash)).toBeLessThanOrEqual(1e-9 * notional);
        expect(Math.abs(tradeFees - fees)).toBeLessThanOrEqual(1e-9 * notional);
        for (const t of trades) {
          expect(t.qty).toBeGreaterThan(0);
          expect(t.exitTime).toBeGreaterThanOrEqual(t.entryTime);
          const gross = (t.side === 'LONG' ? 1 : -1) * (t.exitPrice - t.entryPrice) * t.qty;
          expect(Math.abs(t.pnl - (gross - t.fees))).toBeLessThanOrEqual(1e-9 * notional);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
