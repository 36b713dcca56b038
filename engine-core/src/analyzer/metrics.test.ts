import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClosedTrade, Fill } from './backtest-result';
import { computeMetrics, SUMMARY_KEYS, type Summary } from './metrics';
import { resultOf } from './testing/result-builder';
import { computeTradeStats } from './trade-stats';

const DAY = 86_400_000;

/** |a − b| ≤ 1e-12 × max(|a|, |b|, floor). */
function expectRel(actual: number | null, expected: number | null, floor = 0, label = ''): void {
  if (expected === null || actual === null) {
    expect(actual, label).toBe(expected);
    return;
  }
  const tol = 1e-12 * Math.max(Math.abs(actual), Math.abs(expected), floor);
  expect(Math.abs(actual - expected), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    tol,
  );
}

describe('computeMetrics, worked by hand', () => {
  // E_0 = 100, daily bars (ppy = 365). Equity 110, 99, 108.9, 108.9
  // r = +0.1, −0.1, +0.1, 0                      (n = 4, the first bar's return included)
  // mean = 0.1 / 4 = 0.025
  // deviations 0.075, −0.125, 0.075, −0.025 → Σ² = 0.005625 + 0.015625 + 0.005625 + 0.000625
  //   = 0.0275 → sample variance 0.0275 / 3, stdev 0.095742710775634
  // sharpe = 0.025 / 0.095742710775634 × √365 = 0.26111648 × 19.10497317 = 4.98862...
  // downside: Σ min(r, 0)² = 0.01, / n = 0.0025, √ = 0.05 → sortino = 0.5 × √365 = 9.55248...
  // peak 110, trough 99 → max_drawdown 11 / 110 = 0.1
  // years = (3 days + 1 bar) / 365.25 days → cagr = 1.089^(365.25 / 4) − 1
  // Fills: buy 1 @ 100 (fee 0.1), sell 1 @ 108 (fee 0.108), buy 0.5 @ 110 (fee 0.055, still open)
  const fills: Fill[] = [
    { time: 0, side: 'BUY', qty: 1, price: 100, fee: 0.1 },
    { time: 2 * DAY, side: 'SELL', qty: 1, price: 108, fee: 0.108 },
    { time: 3 * DAY, side: 'BUY', qty: 0.5, price: 110, fee: 0.055 },
  ];
  const result = resultOf({
    equity: [110, 99, 108.9, 108.9],
    initialCash: 100,
    barMs: DAY,
    start: 0,
    open: [100, 110, 99, 110],
    close: [110, 99, 108, 120],
    positionQty: [1, 1, 0, 0.5],
    fills,
  });
  const s = computeMetrics(result);

  it('computes the equity statistics', () => {
    expectRel(s.final_equity, 108.9);
    expectRel(s.total_return, 0.089, 1);
    expectRel(s.max_drawdown, 0.1);
    expectRel(s.sharpe, (0.025 / Math.sqrt(0.0275 / 3)) * Math.sqrt(365));
    expect(s.sharpe).toBeCloseTo(4.98862, 4);
    expectRel(s.sortino, (0.025 / 0.05) * Math.sqrt(365));
    expect(s.sortino).toBeCloseTo(9.55249, 4);
    const cagr = 1.089 ** (365.25 / 4) - 1;
    expectRel(s.cagr, cagr);
    expectRel(s.calmar, cagr / 0.1);
  });

  it('computes the trade and activity statistics', () => {
    // one closed trade: (108 − 100) − 0.1 − 0.108 = 7.792; the 0.5 bought last is still open
    expect(s.trades).toBe(1);
    expect(s.win_rate).toBe(1);
    expect(s.profit_factor).toBeNull(); // no losing trade
    expectRel(s.expectancy, 7.792);
    expectRel(s.avg_win, 7.792);
    expect(s.avg_loss).toBeNull();
    expect(s.max_consecutive_losses).toBe(0);
    expect(s.exposure).toBe(0.75); // 3 of 4 closes find a position
    expectRel(s.total_fees, 0.263); // all fills, the open one's too
    expectRel(s.turnover, 100 + 108 + 55);
    expectRel(s.buy_and_hold_return, 0.2); // 120 / 100 − 1
  });

  it('lists exactly the DESIGN §5 metrics, in order', () => {
    expect(Object.keys(s)).toEqual([...SUMMARY_KEYS]);
  });
});

describe('computeTradeStats', () => {
  const trade = (pnl: number): ClosedTrade => ({
    entryTime: 0,
    exitTime: 1,
    side: 'LONG',
    qty: 1,
    entryPrice: 100,
    exitPrice: 100 + pnl,
    fees: 0,
    pnl,
    return: pnl / 100,
  });

  it('counts a break-even trade as a loss', () => {
    // W L L(0) L W L: wins 10, 8; losses −5, 0, −3, −2
    const t = computeTradeStats([10, -5, 0, -3, 8, -2].map(trade));
    expect(t.trades).toBe(6);
    expect(t.win_rate).toBeCloseTo(1 / 3, 15);
    expect(t.profit_factor).toBeCloseTo(18 / 10, 15);
    expect(t.expectancy).toBeCloseTo(8 / 6, 15);
    expect(t.avg_win).toBe(9);
    expect(t.avg_loss).toBe(-2.5);
    expect(t.max_consecutive_losses).toBe(3);
    // the identity that the binary win/loss split guarantees
    const w = t.win_rate ?? 0;
    expect(w * (t.avg_win ?? 0) + (1 - w) * (t.avg_loss ?? 0)).toBeCloseTo(t.expectancy ?? 0, 14);
  });

  it('gives null, not 0 or Infinity, for ratios over nothing', () => {
    expect(computeTradeStats([])).toEqual({
      trades: 0,
      win_rate: null,
      profit_factor: null,
      expectancy: null,
      avg_win: null,
      avg_loss: null,
      max_consecutive_losses: 0,
    });
    // only break-evens: losses sum to 0 → no profit factor
    const even = computeTradeStats([trade(0), trade(0)]);
    expect(even.profit_factor).toBeNull();
    expect(even.win_rate).toBe(0);
    expect(even.avg_loss).toBe(0);
    expect(even.max_consecutive_losses).toBe(2);
    expect(computeTradeStats([trade(-1)]).profit_factor).toBe(0);
  });
});

describe('computeMetrics edge cases', () => {
  it('a flat run with no trades: zero sharpe, null ratios', () => {
    const s = computeMetrics(resultOf({ equity: [100, 100, 100], initialCash: 100 }));
    const expected: Summary = {
      final_equity: 100,
      total_return: 0,
      max_drawdown: 0,
      sharpe: 0,
      sortino: null,
      cagr: 0,
      calmar: null,
      trades: 0,
      win_rate: null,
      profit_factor: null,
      expectancy: null,
      avg_win: null,
      avg_loss: null,
      max_consecutive_losses: 0,
      exposure: 0,
      total_fees: 0,
      turnover: 0,
      buy_and_hold_return: 0,
    };
    expect(s).toEqual(expected);
  });

  it('no bars: E_T = E_0 and the time-based ratios are null', () => {
    const s = computeMetrics(resultOf({ equity: [], initialCash: 500 }));
    expect(s.final_equity).toBe(500);
    expect(s.total_return).toBe(0);
    expect(s.sharpe).toBe(0);
    expect(s.sortino).toBeNull();
    expect(s.cagr).toBeNull();
    expect(s.calmar).toBeNull();
    expect(s.exposure).toBe(0);
    expect(s.buy_and_hold_return).toBeNull();
  });

  it('one bar: the first return is E_1 / E_0 − 1; sample stdev undefined → sharpe 0', () => {
    const s = computeMetrics(resultOf({ equity: [90], initialCash: 100 }));
    expect(s.sharpe).toBe(0);
    expect(s.max_drawdown).toBeCloseTo(0.1, 15); // the drop from E_0 counts
    expectRel(s.sortino, (-0.1 / 0.1) * Math.sqrt(365), 1); // mean −0.1 over √(0.01 / 1)
    expect(s.total_return).toBeCloseTo(-0.1, 15);
  });

  it('only gains: sortino is null (unbounded), calmar null (no drawdown)', () => {
    const s = computeMetrics(resultOf({ equity: [101, 103, 104], initialCash: 100 }));
    expect(s.sortino).toBeNull();
    expect(s.max_drawdown).toBe(0);
    expect(s.calmar).toBeNull();
    expect(s.sharpe).toBeGreaterThan(0);
  });

  it('a short run that annualises past float range: cagr and calmar null', () => {
    // doubling in 2 one-minute bars: 2^(525 960 / 2) overflows
    const s = computeMetrics(resultOf({ equity: [150, 200], initialCash: 100, barMs: 60_000 }));
    expect(s.cagr).toBeNull();
    expect(s.calmar).toBeNull();
  });

  it('equity wiped out: cagr is −1', () => {
    const s = computeMetrics(resultOf({ equity: [50, 0], initialCash: 100 }));
    expect(s.cagr).toBe(-1);
    expect(s.max_drawdown).toBe(1);
    expect(s.calmar).toBe(-1);
  });
});

/** The DESIGN §5 formulas written the plain way: arrays, two passes, no streaming. */
function naiveEquityMetrics(equity: number[], e0: number, barMs: number) {
  const curve = [e0, ...equity];
  const r: number[] = [];
  for (let t = 1; t < curve.length; t++) r.push(curve[t] / curve[t - 1] - 1);
  const n = r.length;
  const mean = r.reduce((a, x) => a + x, 0) / n;
  const variance = r.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1);
  const sd = Math.sqrt(variance);
  const ppy = (365 * 86_400_000) / barMs;
  const downside = Math.sqrt(r.reduce((a, x) => a + Math.min(x, 0) ** 2, 0) / n);
  const peaks = curve.map((_, i) => Math.max(...curve.slice(0, i + 1)));
  const mdd = Math.max(...curve.map((e, i) => (peaks[i] - e) / peaks[i]));
  const years = ((n - 1) * barMs + barMs) / (365.25 * 86_400_000);
  const cagr = (curve[n] / e0) ** (1 / years) - 1;
  return {
    total_return: curve[n] / e0 - 1,
    max_drawdown: mdd,
    sharpe: sd === 0 ? 0 : (mean / sd) * Math.sqrt(ppy),
    sortino: downside === 0 ? null : (mean / downside) * Math.sqrt(ppy),
    cagr,
    calmar: mdd === 0 ? null : cagr / mdd,
  };
}

describe('computeMetrics against a straightforward implementation', () => {
  it('agrees to 1e-12 relative on random equity curves', () => {
    const arb = fc.record({
      returns: fc.array(fc.double({ min: -0.2, max: 0.25, noNaN: true }), {
        minLength: 2,
        maxLength: 400,
      }),
      e0: fc.double({ min: 100, max: 1e6, noNaN: true }),
      barMs: fc.constantFrom(60_000, 3_600_000, 4 * 3_600_000, DAY),
    });
    fc.assert(
      fc.property(arb, ({ returns, e0, barMs }) => {
        const equity: number[] = [];
        let e = e0;
        for (const x of returns) {
          e *= 1 + x;
          equity.push(e);
        }
        const s = computeMetrics(resultOf({ equity, initialCash: e0, barMs, start: 0 }));
        const want = naiveEquityMetrics(equity, e0, barMs);
        const rootPpy = Math.sqrt((365 * DAY) / barMs);
        expectRel(s.total_return, want.total_return, 1, 'total_return');
        expectRel(s.max_drawdown, want.max_drawdown, 0, 'max_drawdown');
        // ratios near 0 are compared with an absolute floor at their natural scale (√ppy)
        expectRel(s.sharpe, want.sharpe, rootPpy, 'sharpe');
        expectRel(s.sortino, want.sortino, rootPpy, 'sortino');
        if (!Number.isFinite(want.cagr)) {
          expect(s.cagr).toBeNull();
          expect(s.calmar).toBeNull();
          return;
        }
        expectRel(s.cagr, want.cagr, 1, 'cagr');
        if (want.calmar !== null && s.max_drawdown > 0) {
          expectRel(s.calmar, want.calmar, 1 / s.max_drawdown, 'calmar');
        } else {
          expect(s.calmar).toBe(want.calmar);
        }
      }),
      { seed: 20240601, numRuns: 400 },
    );
  });
});
