import { describe, expect, it } from 'vitest';
import { buildReport, reportToJson } from '../analyzer';
import type { Candles } from '../market';
import type { Strategy } from '../strategy';
import { smaCross } from '../strategy';
import { DEFAULT_BACKTEST_CONFIG } from './backtest-config';
import { runBacktest } from './run-backtest';

/** A seeded random walk of hourly bars (no data files needed). */
function walk(n: number, seed: number): Candles {
  let s = seed >>> 0;
  const rnd = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const cols = {
    time: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  let px = 100;
  for (let i = 0; i < n; i++) {
    const o = px;
    const c = o * (1 + (rnd() - 0.5) * 0.04);
    cols.time[i] = 1_600_000_000_000 + i * 3_600_000;
    cols.open[i] = o;
    cols.close[i] = c;
    cols.high[i] = Math.max(o, c) * (1 + rnd() * 0.01);
    cols.low[i] = Math.min(o, c) * (1 - rnd() * 0.01);
    cols.volume[i] = 1000 + rnd() * 100;
    px = c;
  }
  return { symbol: 'TESTUSDT', interval: '1h', intervalMs: 3_600_000, length: n, ...cols };
}

describe('runBacktest', () => {
  it('is deterministic: the same run twice gives byte-identical JSON', () => {
    const c = walk(3000, 42);
    const a = reportToJson(
      buildReport(runBacktest(c, smaCross, { fast: 5, slow: 20 }, DEFAULT_BACKTEST_CONFIG)),
    );
    const b = reportToJson(
      buildReport(runBacktest(c, smaCross, { fast: 5, slow: 20 }, DEFAULT_BACKTEST_CONFIG)),
    );
    expect(a.length).toBeGreaterThan(1000);
    expect(a).toBe(b);
  });

  it('marks equity at every close: cash + position × close, and E_T matches the last fill arithmetic', () => {
    const c = walk(500, 7);
    const r = runBacktest(
      c,
      smaCross,
      { fast: 3, slow: 8 },
      { ...DEFAULT_BACKTEST_CONFIG, feeBps: 0, makerFeeBps: 0 },
    );
    expect(r.fills.length).toBeGreaterThan(4);
    // Replay the fills by hand: with no fees, cash moves by qty × price.
    let cash = 10_000;
    let pos = 0;
    let k = 0;
    for (let i = 0; i < c.length; i++) {
      while (k < r.fills.length && (r.fills[k]?.time as number) <= (c.time[i] as number)) {
        const f = r.fills[k++];
        if (!f) break;
        const sgn = f.side === 'BUY' ? 1 : -1;
        cash -= sgn * f.qty * f.price;
        pos += sgn * f.qty;
      }
      expect(r.equity[i]).toBeCloseTo(cash + pos * (c.close[i] as number), 6);
      expect(r.positionQty[i]).toBeCloseTo(pos, 12);
    }
  });

  it('fills a market order at the next bar open; an order on the last bar never fills', () => {
    const c = walk(10, 1);
    const buyOn = (bar: number): Strategy => ({
      name: 'probe',
      description: 'buys once',
      params: [],
      create: () => ({
        onBar(ctx) {
          if (ctx.bar === bar) ctx.submit({ type: 'MARKET', side: 'BUY', size: { qty: 1 } });
        },
      }),
    });
    const r = runBacktest(c, buyOn(3), {}, { ...DEFAULT_BACKTEST_CONFIG, slippageBps: 10 });
    expect(r.fills).toEqual([
      {
        time: c.time[4],
        side: 'BUY',
        qty: 1,
        price: (c.open[4] as number) * 1.001,
        fee: (c.open[4] as number) * 1.001 * 0.001,
      },
    ]);
    expect(runBacktest(c, buyOn(9), {}, DEFAULT_BACKTEST_CONFIG).fills).toEqual([]);
  });

  it('a taker fee below the maker fee: a market buy reserves (and pays) the taker fee only', () => {
    const c = walk(600, 5);
    const cfg = { ...DEFAULT_BACKTEST_CONFIG, feeBps: 5, makerFeeBps: 10 };
    const r = runBacktest(c, smaCross, { fast: 5, slow: 20 }, cfg);
    expect(r.fills.length).toBeGreaterThan(10);
    const first = r.fills[0];
    // All-in: qty = cash / (open × (1 + 5 bps)), fee 5 bps of the notional.
    expect(first?.qty).toBeCloseTo(10_000 / ((first?.price as number) * 1.0005), 9);
    expect(first?.fee).toBeCloseTo((first?.qty as number) * (first?.price as number) * 0.0005, 9);
  });

  it('bracket: take-profit and stop-loss cancel each other on spot', () => {
    const c = walk(400, 3);
    const strat: Strategy = {
      name: 'bracket-probe',
      description: 'buys then brackets',
      params: [],
      create: () => ({
        onBar(ctx) {
          const close = ctx.candles.close[ctx.bar] as number;
          if (ctx.position() === 0 && ctx.bar % 50 === 0)
            ctx.submit({ type: 'MARKET', side: 'BUY', size: { fraction: 0.5 } });
          else if (ctx.position() > 0 && ctx.bar % 50 === 1)
            ctx.bracket(close * 1.03, close * 0.97);
        },
      }),
    };
    const r = runBacktest(c, strat, {}, DEFAULT_BACKTEST_CONFIG);
    const sells = r.fills.filter((f) => f.side === 'SELL');
    const buys = r.fills.filter((f) => f.side === 'BUY');
    expect(buys.length).toBeGreaterThan(3);
    // Each position is closed by exactly one leg of its bracket, never both.
    expect(sells.length).toBeLessThanOrEqual(buys.length);
    for (const pos of r.positionQty) expect(pos).toBeGreaterThanOrEqual(-1e-12);
  });
});
