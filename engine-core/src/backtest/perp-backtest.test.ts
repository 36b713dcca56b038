import { describe, expect, it } from 'vitest';
import type { Candles } from '../market';
import type { Strategy, StrategyContext } from '../strategy';
import { runBacktest } from './run-backtest';

/** Hand-made hourly bars: [open, high, low, close]. */
function bars(rows: [number, number, number, number][]): Candles {
  const n = rows.length;
  const col = (k: number) => Float64Array.from(rows, (r) => r[k] as number);
  return {
    symbol: 'TESTPERP',
    interval: '1h',
    intervalMs: 3_600_000,
    length: n,
    time: Float64Array.from(rows, (_, i) => 1_700_000_000_000 + i * 3_600_000),
    open: col(0),
    high: col(1),
    low: col(2),
    close: col(3),
    volume: new Float64Array(n).fill(1e6),
  };
}

/** A strategy that runs a script: bar index → action. */
function script(actions: Record<number, (ctx: StrategyContext) => void>): Strategy {
  return {
    name: 'script',
    description: 'test script',
    params: [],
    create: () => ({ onBar: (ctx) => actions[ctx.bar]?.(ctx) }),
  };
}

const base = { initialCash: 1000, feeBps: 0, makerFeeBps: 0, slippageBps: 0 };

describe('perpetual backtests (hand-computed)', () => {
  it('a leveraged long: margin posted, P&L marked at each close, realised on the exit', () => {
    const c = bars([
      [100, 100, 100, 100],
      [100, 110, 95, 110],
      [110, 112, 108, 112],
      [120, 121, 119, 120],
    ]);
    const r = runBacktest(
      c,
      script({
        0: (ctx) => ctx.submit({ type: 'MARKET', side: 'BUY', size: { fraction: 1 } }),
        2: (ctx) => ctx.closePosition(),
      }),
      {},
      { ...base, perp: { leverage: 5, maintenanceMarginRate: 0.01 } },
    );
    // qty = 1000 / (100 × (1/5 + 0)) = 50; equity 1000 + 50 × (close − 100).
    expect(r.fills.map((f) => [f.side, f.qty, f.price])).toEqual([
      ['BUY', 50, 100],
      ['SELL', 50, 120],
    ]);
    expect(Array.from(r.equity)).toEqual([1000, 1500, 1600, 2000]);
    expect(Array.from(r.positionQty)).toEqual([0, 50, 50, 0]);
  });

  it('a short with fees: the sale posts margin + fee = cash, and profits as the price falls', () => {
    const c = bars([
      [100, 100, 100, 100],
      [100, 101, 89, 90],
    ]);
    const r = runBacktest(
      c,
      script({ 0: (ctx) => ctx.submit({ type: 'MARKET', side: 'SELL', size: { fraction: 1 } }) }),
      {},
      { ...base, feeBps: 10, makerFeeBps: 10, perp: { leverage: 2, maintenanceMarginRate: 0.005 } },
    );
    const q = 1000 / (100 * (0.5 + 0.001));
    const fee = q * 100 * 0.001;
    expect(r.fills[0]?.side).toBe('SELL');
    expect(r.fills[0]?.qty).toBeCloseTo(q, 12);
    expect(r.fills[0]?.fee).toBeCloseTo(fee, 12);
    expect(r.positionQty[1]).toBeCloseTo(-q, 12);
    // wallet 1000 − fee, plus (100 − 90) × q of open profit
    expect(r.equity[1]).toBeCloseTo(1000 - fee + 10 * q, 9);
  });

  it('liquidation: a 10× long is closed at avg × (1 − 1/10 + mmr) when the bar reaches it', () => {
    const c = bars([
      [100, 100, 100, 100],
      [100, 100, 100, 100],
      [99, 99, 90, 95],
      [95, 96, 94, 96],
    ]);
    const r = runBacktest(
      c,
      script({ 0: (ctx) => ctx.submit({ type: 'MARKET', side: 'BUY', size: { fraction: 1 } }) }),
      {},
      { ...base, perp: { leverage: 10, maintenanceMarginRate: 0.005 } },
    );
    // qty = 1000 / (100 × 0.1) = 100; liquidation price 100 × (1 − 0.1 + 0.005) = 90.5.
    expect(r.fills.map((f) => [f.side, f.qty, f.price])).toEqual([
      ['BUY', 100, 100],
      ['SELL', 100, 90.5],
    ]);
    // Realised −950: what is left is the maintenance margin, 0.005 × 100 × 100 = 50.
    expect(r.equity[2]).toBeCloseTo(50, 9);
    expect(r.positionQty[2]).toBe(0);
    expect(r.equity[3]).toBeCloseTo(50, 9);
  });

  it('a reversal (close, then the opposite side) fills both at the same open, the second sized after the first', () => {
    const c = bars([
      [100, 100, 100, 100],
      [100, 100, 100, 100],
      [120, 120, 120, 120],
      [110, 110, 110, 110],
    ]);
    const r = runBacktest(
      c,
      script({
        0: (ctx) => ctx.submit({ type: 'MARKET', side: 'BUY', size: { fraction: 1 } }),
        1: (ctx) => {
          ctx.closePosition();
          ctx.submit({ type: 'MARKET', side: 'SELL', size: { fraction: 1 } });
        },
      }),
      {},
      { ...base, perp: { leverage: 5, maintenanceMarginRate: 0.01 } },
    );
    // Long 50 at 100 (1000 / (100 / 5)); at bar 2's open 120: close 50 (+1000 → wallet 2000),
    // then short 2000 / (120 / 5) = 83.33… at 120, with the liquidation stop working throughout.
    expect(r.fills.map((f) => [f.time, f.side, f.price])).toEqual([
      [c.time[1], 'BUY', 100],
      [c.time[2], 'SELL', 120],
      [c.time[2], 'SELL', 120],
    ]);
    expect(r.fills[1]?.qty).toBe(50);
    expect(r.fills[2]?.qty).toBeCloseTo(2000 / 24, 9);
    expect(r.positionQty[2]).toBeCloseTo(-2000 / 24, 9);
    expect(r.equity[3]).toBeCloseTo(2000 + 10 * (2000 / 24), 9);
  });

  it('spot stays long-only: a sell with nothing held is refused and equity is untouched', () => {
    const c = bars([
      [100, 100, 100, 100],
      [100, 100, 90, 90],
    ]);
    const r = runBacktest(
      c,
      script({ 0: (ctx) => ctx.submit({ type: 'MARKET', side: 'SELL', size: { qty: 1 } }) }),
      {},
      base,
    );
    expect(r.fills).toEqual([]);
    expect(Array.from(r.equity)).toEqual([1000, 1000]);
  });
});
