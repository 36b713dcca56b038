import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeMetrics } from './metrics';
import { drawdownPeriods, drawdownSeries, monthlyReturns, rollingSharpe } from './periods';
import { resultOf } from './testing/result-builder';
import { monthKey, utcMonthIndex } from './utc-month';

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('utcMonthIndex', () => {
  it('agrees with Date.getUTCFullYear/getUTCMonth, before and after 1970', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_000_000_000_000, max: 250_000_000_000_000 }), (ms) => {
        const d = new Date(ms);
        expect(utcMonthIndex(ms)).toBe(d.getUTCFullYear() * 12 + d.getUTCMonth());
      }),
      { seed: 3, numRuns: 2000 },
    );
    expect(monthKey(utcMonthIndex(Date.UTC(2024, 1, 29, 23, 59, 59, 999)))).toBe('2024-02');
    expect(monthKey(utcMonthIndex(Date.UTC(2024, 2, 1)))).toBe('2024-03');
    expect(monthKey(utcMonthIndex(0))).toBe('1970-01');
    expect(monthKey(utcMonthIndex(-1))).toBe('1969-12');
  });
});

describe('monthlyReturns', () => {
  it('chains calendar months across a year boundary, the first from E_0', () => {
    // daily bars 2023-12-30 … 2024-02-02 (35 bars); E_0 = 1000
    const start = Date.UTC(2023, 11, 30);
    const equity = Array.from({ length: 35 }, (_, t) => 1000 + 10 * t);
    // bar 1 = 2023-12-31 (last of Dec): 1010; bar 32 = 2024-01-31: 1320; bar 34 = 2024-02-02: 1340
    const months = monthlyReturns(resultOf({ equity, initialCash: 1000, start, barMs: DAY }));
    expect(months.map((m) => m.month)).toEqual(['2023-12', '2024-01', '2024-02']);
    expect(months[0].return).toBeCloseTo(1010 / 1000 - 1, 15);
    expect(months[1].return).toBeCloseTo(1320 / 1010 - 1, 15);
    expect(months[2].return).toBeCloseTo(1340 / 1320 - 1, 15);
  });

  it('puts a bar in the month of its open time (23:00 on Dec 31 is December)', () => {
    const start = Date.UTC(2023, 11, 31, 22);
    const months = monthlyReturns(
      resultOf({ equity: [101, 102, 103], initialCash: 100, start, barMs: HOUR }),
    );
    expect(months).toEqual([
      { month: '2023-12', return: 102 / 100 - 1 },
      { month: '2024-01', return: 103 / 102 - 1 },
    ]);
  });

  it('skips months without bars and still compounds to the total return', () => {
    const time = [Date.UTC(2024, 0, 5), Date.UTC(2024, 0, 6), Date.UTC(2024, 3, 1)];
    const result = resultOf({ equity: [110, 120, 90], initialCash: 100, time });
    const months = monthlyReturns(result);
    expect(months.map((m) => m.month)).toEqual(['2024-01', '2024-04']);
    expect(months[1].return).toBeCloseTo(90 / 120 - 1, 15);
    expect(monthlyReturns(resultOf({ equity: [] }))).toEqual([]);
  });

  it('Π(1 + monthly) − 1 equals the total return on random curves', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), {
          minLength: 1,
          maxLength: 500,
        }),
        fc.constantFrom(HOUR, 4 * HOUR, DAY),
        (returns, barMs) => {
          let e = 1000;
          const equity = returns.map((r) => {
            e *= 1 + r;
            return e;
          });
          const result = resultOf({
            equity,
            initialCash: 1000,
            barMs,
            start: Date.UTC(2023, 10, 20),
          });
          const growth = monthlyReturns(result).reduce((g, m) => g * (1 + m.return), 1);
          expect(growth - 1).toBeCloseTo(computeMetrics(result).total_return, 10);
        },
      ),
      { seed: 11, numRuns: 200 },
    );
  });
});

describe('drawdownPeriods', () => {
  it('finds recovered and unrecovered periods', () => {
    // E_0 = 100; peak 105 at bar 0, under water bars 1–2 (trough 95 at bar 2), back at 106 on
    // bar 3; then under 106 on bars 4–5 (trough 103 at bar 5), never recovered
    const result = resultOf({ equity: [105, 100, 95, 106, 104, 103], initialCash: 100, start: 0 });
    expect(drawdownPeriods(result)).toEqual([
      { start: 1 * DAY, trough: 2 * DAY, recovery: 3 * DAY, depth: 10 / 105, lengthBars: 2 },
      { start: 4 * DAY, trough: 5 * DAY, recovery: null, depth: 3 / 106, lengthBars: 2 },
    ]);
  });

  it('counts a fall below E_0 on the first bar, and equal to the peak as recovered', () => {
    const result = resultOf({ equity: [90, 95, 100, 100], initialCash: 100, start: 0 });
    expect(drawdownPeriods(result)).toEqual([
      { start: 0, trough: 0, recovery: 2 * DAY, depth: 0.1, lengthBars: 2 },
    ]);
    expect(drawdownPeriods(resultOf({ equity: [100, 101, 102], initialCash: 100 }))).toEqual([]);
    expect(drawdownPeriods(resultOf({ equity: [] }))).toEqual([]);
  });

  it('deepest period = max_drawdown = max of the drawdown series (random curves)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -0.1, max: 0.1, noNaN: true }), { minLength: 1, maxLength: 300 }),
        (returns) => {
          let e = 100;
          const equity = returns.map((r) => {
            e *= 1 + r;
            return e;
          });
          const result = resultOf({ equity, initialCash: 100 });
          const periods = drawdownPeriods(result);
          const deepest = periods.reduce((m, p) => Math.max(m, p.depth), 0);
          const mdd = computeMetrics(result).max_drawdown;
          expect(deepest).toBe(mdd);
          expect(Math.max(0, ...drawdownSeries(result))).toBe(mdd);
          const under = drawdownSeries(result).filter((d) => d > 0).length;
          expect(periods.reduce((a, p) => a + p.lengthBars, 0)).toBe(under);
          periods.forEach((p, i) => {
            expect(p.trough).toBeGreaterThanOrEqual(p.start);
            if (i < periods.length - 1) expect(p.recovery).not.toBeNull();
          });
        },
      ),
      { seed: 5, numRuns: 300 },
    );
  });
});

/** Rolling Sharpe the slow way: recompute each window from scratch. */
function naiveRolling(equity: number[], e0: number, window: number, barMs: number): number[] {
  const r = equity.map((e, t) => e / (t === 0 ? e0 : equity[t - 1]) - 1);
  return r.map((_, t) => {
    if (t < window - 1) return Number.NaN;
    const w = r.slice(t - window + 1, t + 1);
    const mean = w.reduce((a, x) => a + x, 0) / window;
    const sd = Math.sqrt(w.reduce((a, x) => a + (x - mean) ** 2, 0) / (window - 1));
    return sd === 0 ? 0 : (mean / sd) * Math.sqrt((365 * DAY) / barMs);
  });
}

describe('rollingSharpe', () => {
  it('is NaN until the window fills and then matches the summary Sharpe of the window', () => {
    const equity = [101, 99, 102, 104, 103];
    const result = resultOf({ equity, initialCash: 100 });
    const out = rollingSharpe(result, 5);
    expect(Array.from(out.slice(0, 4)).every(Number.isNaN)).toBe(true);
    expect(out[4]).toBeCloseTo(computeMetrics(result).sharpe, 12);
  });

  it('matches a from-scratch computation on random curves', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), {
          minLength: 1,
          maxLength: 300,
        }),
        fc.integer({ min: 2, max: 40 }),
        (returns, window) => {
          let e = 100;
          const equity = returns.map((r) => {
            e *= 1 + r;
            return e;
          });
          const got = rollingSharpe(resultOf({ equity, initialCash: 100, barMs: HOUR }), window);
          const want = naiveRolling(equity, 100, window, HOUR);
          const scale = Math.sqrt((365 * DAY) / HOUR);
          want.forEach((w, t) => {
            if (Number.isNaN(w)) expect(got[t]).toBeNaN();
            else
              expect(Math.abs(got[t] - w)).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(w), scale));
          });
        },
      ),
      { seed: 9, numRuns: 200 },
    );
  });

  it('gives exactly 0 over a flat stretch after volatile bars', () => {
    const equity = [110, 90, 130, 85, 85, 85, 85, 85, 85];
    const out = rollingSharpe(resultOf({ equity, initialCash: 100 }), 3);
    // windows ending at bars 6, 7, 8 hold only zero returns
    expect(Array.from(out.slice(6))).toEqual([0, 0, 0]);
    expect(() => rollingSharpe(resultOf({ equity }), 1)).toThrow(RangeError);
  });
});
