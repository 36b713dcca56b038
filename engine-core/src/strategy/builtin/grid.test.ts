import { describe, expect, it } from 'vitest';
import type { BacktestResult } from '../../analyzer';
import { type BacktestConfig, DEFAULT_BACKTEST_CONFIG, runBacktest } from '../../backtest';
import { sharedData } from '../../testing/shared-data';
import { resolveParams } from '../params';
import { findStrategy } from '../registry';
import { grid } from './grid';
import { bars, fillBars, near, type Recording, recording } from './test-kit';

const DATA = sharedData('the grid real-data tests are');
const load = DATA.load;

const round = (x: number): number => Math.round(x * 1e9) / 1e9;

const NO_FEES: BacktestConfig = { ...DEFAULT_BACKTEST_CONFIG, feeBps: 0, makerFeeBps: 0 };

function params(given: Record<string, number | boolean> = {}) {
  const r = resolveParams(grid.params, given);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** The grid the params describe, computed here: prices L_0 … L_levels and each lot's base qty. */
function gridOf(p: Record<string, number | boolean>, firstClose: number) {
  const ref = (p.center as number) > 0 ? (p.center as number) : firstClose;
  const lo = ref * (1 - (p.lower as number));
  const hi = ref * (1 + (p.upper as number));
  const levels = p.levels as number;
  const price = Array.from({ length: levels + 1 }, (_, k) => lo + ((hi - lo) * k) / levels);
  const lot = price.slice(0, levels).map((x) => (p.sizePerLevel as number) / x);
  return { lo, hi, price, lot, maxInventory: lot.reduce((a, b) => a + b, 0) };
}

/**
 * What must hold, from the fills, the position column and the recorded working orders:
 * - every working order is priced within [lo, hi], and every fill too (or, on a gap, at the
 *   bar's open, which is better than the order's level);
 * - each buy is one lot at its level; each sell closes a lot bought before and still held, one
 *   level up (the lot is identified by its quantity, size / level, distinct per level);
 * - the position after every bar is at most the sum of all lots, and never negative;
 * - no buy order is added at a close outside [lo, hi].
 */
function audit(r: BacktestResult, rec: Recording, p: Record<string, number | boolean>) {
  const g = gridOf(p, r.close[0] as number);
  const problems: string[] = [];
  const tol = 1e-9 * g.hi;
  const inside = (x: number) => x >= g.lo - tol && x <= g.hi + tol;
  const at = fillBars(r);
  const levelOf = (qty: number) => g.lot.findIndex((q) => near(q, qty));
  const holding = new Array<boolean>(g.lot.length).fill(false);
  let buys = 0;
  let sells = 0;
  r.fills.forEach((f, k) => {
    const bar = at[k] as number;
    const o = r.open[bar] as number;
    const lvl = levelOf(f.qty);
    if (lvl < 0) {
      problems.push(`fill ${k}: qty ${f.qty} is no lot's`);
      return;
    }
    const level = g.price[f.side === 'BUY' ? lvl : lvl + 1] as number;
    const priced =
      near(f.price, level) || (f.price === o && (f.side === 'BUY' ? o < level : o > level));
    if (!priced) problems.push(`fill ${k}: ${f.side} at ${f.price}, level ${level}, open ${o}`);
    if (!inside(f.price) && !(f.price === o))
      problems.push(`fill ${k}: ${f.side} at ${f.price} outside [${g.lo}, ${g.hi}]`);
    if (f.side === 'BUY') {
      buys++;
      if (holding[lvl]) problems.push(`fill ${k}: lot ${lvl} bought twice`);
      holding[lvl] = true;
    } else {
      sells++;
      if (!holding[lvl]) problems.push(`fill ${k}: lot ${lvl} sold without being held`);
      holding[lvl] = false;
    }
  });
  for (let i = 0; i < r.time.length; i++) {
    const q = r.positionQty[i] as number;
    if (q > g.maxInventory * (1 + 1e-9) || q < -1e-12)
      problems.push(`bar ${i}: position ${q} outside [0, ${g.maxInventory}]`);
    const orders = rec.orders[i] ?? [];
    for (const o of orders) {
      if (o.type !== 'LIMIT' || !inside(o.price as number))
        problems.push(`bar ${i}: working ${o.type} ${o.side} at ${o.price} outside the grid`);
    }
    const c = r.close[i] as number;
    if (i > 0 && !inside(c)) {
      const before = new Set((rec.orders[i - 1] ?? []).map((o) => o.clientOrderId));
      const added = orders.filter((o) => o.side === 'BUY' && !before.has(o.clientOrderId));
      if (added.length > 0) problems.push(`bar ${i}: close ${c} out of bounds, yet a buy added`);
    }
    if (problems.length > 10) break;
  }
  return { problems, buys, sells, grid: g };
}

describe('grid', () => {
  it('is registered with documented, bounded params', () => {
    const found = findStrategy('grid');
    expect(found.ok && found.value).toBe(grid);
    for (const s of grid.params) {
      expect(s.description.length).toBeGreaterThan(10);
      expect(s.min).toBeLessThanOrEqual(s.default as number);
      expect(s.max).toBeGreaterThanOrEqual(s.default as number);
      expect(s.step).toBeGreaterThan(0);
    }
    expect(grid.description).toMatch(/fraction/);
  });

  // Center 100, ±10 %, 4 levels: 90, 95, 100, 105, 110; 100 quote per lot. Worked by hand:
  //   bar 0 (close 100): buys at 90 and 95 (the levels below the close)
  //   bar 1 (low 94): the 95 buy fills → its sell goes in at 100
  //   bar 2 (up bar, high 101, close 100.5): the sell fills at 100 → the 95 buy is back (95 <
  //          100.5), and the 100 level is now below the close: a buy there too
  //   bar 3 (down bar to 89, close 89.5): the buys at 100, 95, 90 fill in path order; sells at
  //          105, 100, 95; the close is under 90, so nothing is added
  //   bar 4 (up bar to 96, close 95): the 95 sell fills → the 90 buy is back
  //   bar 5 (up to 120, close 115): the sells at 100 and 105 fill; 115 > 110: no buy re-placed
  //   bar 6 (down to 80, close 81): the 90 buy fills; its sell at 95 goes in
  it('buys below the price, sells one level up, re-buys one level down, never outside the bounds', () => {
    const c = bars([
      [100, 100, 100, 100],
      [100, 100, 94, 96],
      [96, 101, 96, 100.5],
      [100.5, 100.5, 89, 89.5],
      [89.5, 96, 85, 95],
      [95, 120, 95, 115],
      [115, 116, 80, 81],
    ]);
    const p = params({ center: 100, lower: 0.1, upper: 0.1, levels: 4, sizePerLevel: 100 });
    const rec = recording(grid);
    const r = runBacktest(c, rec.strategy, p, NO_FEES);
    expect(r.failure).toBeNull();
    // Levels are computed in floats (110 is 100 × 1.1 = 110.00000000000001): compared to 1e-9.
    expect(r.fills.map((f) => [c.time.indexOf(f.time), f.side, round(f.price)])).toEqual([
      [1, 'BUY', 95],
      [2, 'SELL', 100],
      [3, 'BUY', 100],
      [3, 'BUY', 95],
      [3, 'BUY', 90],
      [4, 'SELL', 95],
      [5, 'SELL', 100],
      [5, 'SELL', 105],
      [6, 'BUY', 90],
    ]);
    const working = (i: number) =>
      (rec.orders[i] ?? []).map((o) => `${o.side} ${round(o.price as number)}`).sort();
    expect(working(0)).toEqual(['BUY 90', 'BUY 95']);
    expect(working(2)).toEqual(['BUY 100', 'BUY 90', 'BUY 95']);
    expect(working(3)).toEqual(['SELL 100', 'SELL 105', 'SELL 95']);
    expect(working(5)).toEqual(['BUY 90']);
    expect(working(6)).toEqual(['SELL 95']);
    expect(r.positionQty[3]).toBeCloseTo(100 / 100 + 100 / 95 + 100 / 90, 12);
    expect(r.positionQty[6]).toBeCloseTo(100 / 90, 12);
    expect(audit(r, rec, p).problems).toEqual([]);
  });

  it('takes the first close as the center when center is 0', () => {
    const c = bars([
      [200, 200, 200, 200],
      [200, 200, 179, 185],
    ]);
    const rec = recording(grid);
    const p = params({ lower: 0.1, upper: 0.1, levels: 2, sizePerLevel: 100 });
    const r = runBacktest(c, rec.strategy, p, NO_FEES);
    // Levels 180, 200, 220: only 180 is below the first close.
    expect(rec.orders[0]?.map((o) => [o.side, o.price, o.qty])).toEqual([['BUY', 180, 100 / 180]]);
    expect(r.fills.map((f) => [f.side, f.price])).toEqual([['BUY', 180]]);
  });

  if (!DATA.available) {
    it.skip('SKIPPED: ../shared/data not found, real-data checks not run', () => {});
    return;
  }

  it('on real data: orders and fills within the bounds, inventory within its limit, sells after buys', () => {
    const cases: [string, Record<string, number>][] = [
      ['binance-btcusdt-1h.csv', {}],
      ['binance-ethusdt-1h.csv', { lower: 0.3, upper: 0.3, levels: 20, sizePerLevel: 400 }],
      ['btc-perp-2022-01-1m.csv', { lower: 0.05, upper: 0.05, levels: 25, sizePerLevel: 300 }],
    ];
    for (const [file, given] of cases) {
      const p = params(given);
      const rec = recording(grid);
      const r = runBacktest(load(file), rec.strategy, p, DEFAULT_BACKTEST_CONFIG);
      expect(r.failure, file).toBeNull();
      const { problems, buys, sells, grid: g } = audit(r, rec, p);
      expect(problems, file).toEqual([]);
      expect(sells, file).toBeGreaterThan(10);
      expect(buys, file).toBeGreaterThanOrEqual(sells);
      // The price left the bounds at some point in each file: "stops adding" was exercised.
      expect(
        r.close.some((x) => x < g.lo || x > g.hi),
        file,
      ).toBe(true);
    }
  });

  it('runs on every shared file without failure and trades with its defaults', () => {
    const files = DATA.files();
    expect(files.length).toBeGreaterThan(0);
    let trading = 0;
    for (const file of files) {
      const r = runBacktest(load(file), grid, params(), DEFAULT_BACKTEST_CONFIG);
      expect(r.failure, file).toBeNull();
      if (r.fills.some((f) => f.side === 'SELL')) trading++;
    }
    expect(trading).toBeGreaterThan(0);
  });
});
