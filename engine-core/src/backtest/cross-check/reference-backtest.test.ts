// Self-test of the reference implementation against numbers worked out by hand, so that the
// cross-check (sma-cross.cross-check.test.ts) compares the engine with something known to be right.
import { describe, expect, it } from 'vitest';
import {
  barMsPlain,
  parseCanonicalCsvPlain,
  type RefCandles,
  referenceSmaCross,
  smaPlain,
} from './reference-backtest';

const H = 3_600_000;
const T0 = 1_704_067_200_000; // 2024-01-01 00:00 UTC

/** Builds a canonical CSV (hourly bars) from opens and closes; high/low = max/min of the two. */
function csv(opens: number[], closes: number[]): string {
  const rows = ['open_time_ms,open,high,low,close,volume'];
  for (let i = 0; i < opens.length; i++) {
    const o = opens[i] as number;
    const c = closes[i] as number;
    rows.push(`${T0 + i * H},${o},${Math.max(o, c)},${Math.min(o, c)},${c},1`);
  }
  return `${rows.join('\r\n')}\n`;
}

const close = (a: number | null, b: number) => expect(a).toBeCloseTo(b, 9);

describe('reference helpers', () => {
  it('parses the canonical CSV and rejects other layouts', () => {
    const c = parseCanonicalCsvPlain(csv([1, 2], [2, 3]));
    expect(c.time).toEqual([T0, T0 + H]);
    expect(c.open).toEqual([1, 2]);
    expect(c.high).toEqual([2, 3]);
    expect(c.low).toEqual([1, 2]);
    expect(c.close).toEqual([2, 3]);
    expect(() =>
      parseCanonicalCsvPlain('open_time,open,high,low,close,volume\n1,1,1,1,1,1'),
    ).toThrow(/header/);
    expect(() =>
      parseCanonicalCsvPlain('open_time_ms,open,high,low,close,volume\n1,x,1,1,1,1'),
    ).toThrow(/line 2/);
  });

  it('SMA is null until the window is full', () => {
    expect(smaPlain([1, 2, 3, 4], 3)).toEqual([null, null, 2, 3]);
  });

  it('bar length is the most common step, gaps ignored', () => {
    expect(barMsPlain([0, H, 2 * H, 5 * H, 6 * H])).toBe(H);
  });
});

// ---------------------------------------------------------------------------------------------
// Hand case A: 10 hourly bars, fast 2 / slow 3, fee 100 bps, slippage 0, cash 10201.
//
// bar i     0    1    2    3    4    5    6    7    8    9
// open    100  100  100  100   96  100  110  100  100   99
// close   100  100  100   96  108  110  104  100  110   88
// fast2     -  100  100   98  102  109  107  102  105   99
// slow3     -    -  100 98.67 101.33 104.67 107.33 104.67 104.67 99.33
//
// Decisions (need both SMAs at t and t−1, so t ≥ 3):
// t=3: fast<slow and prev fast(100) ≥ prev slow(100) → sell condition, but flat → nothing.
// t=4: 102 > 101.33 and prev 98 ≤ 98.67 → BUY {fraction 1}; fills at bar 5 open.
// t=5: long, 109 > 104.67 → nothing.
// t=6: 107 < 107.33 and prev 109 ≥ 104.67 → SELL all; fills at bar 7 open.
// t=7: flat, 102 < 104.67 → nothing.
// t=8: 105 > 104.67 and prev 102 ≤ 104.67 → BUY; fills at bar 9 open.
// t=9 (last bar): long, 99 < 99.33 and prev 105 ≥ 104.67 → SELL placed on the last bar: never fills.
//
// Fills (f = 0.01, s = 0):
// bar 5 open 100: qty = 10201 / (100 × 1.01) = 101; notional 10100; fee 101; cash 10201−10100−101 = 0
// bar 7 open 100: sell 101 at 100; notional 10100; fee 101; cash = 10100 − 101 = 9999
//   trade 1: entry 100, exit 100, qty 101, fees 202, pnl = 0 − 202 = −202, return = −202/10100 = −0.02
// bar 9 open  99: qty = 9999 / (99 × 1.01) = 100; notional 9900; fee 99; cash 0
//   open at the end, marked at the last close 88: not a closed trade.
//
// Equity: E_0 = 10201 (before bar 0), then at each close:
//   bars 0–4: 10201 ×5; bar 5: 101×110 = 11110; bar 6: 101×104 = 10504; bar 7: 9999; bar 8: 9999;
//   bar 9: 100×88 = 8800.
// final_equity 8800; total_return = 8800/10201 − 1 = −0.13733947652...
// max_drawdown: peak 11110, trough 8800 → 2310/11110 = 0.20792079...
// r (10 returns, the first is E_1/E_0 − 1): 0,0,0,0,0, 909/10201 = 9/101, −606/11110 = −3/55,
//   −505/10504 = −5/104, 0, 8800/9999 − 1 = −1199/9999.
//   mean = −0.0133425457930, sample sd = 0.0535678650512, ppy = 8760 → sharpe = −23.3123694560
//   downside dev = √(((3/55)² + (5/104)² + (1199/9999)²)/10) = 0.0443457808336 → sortino = −28.1603759719
// years = 10 h / (365.25 × 24 h) = 10/8766; cagr = (8800/10201)^876.6 − 1 = −1 (to float precision:
//   the power is ~6e−57); calmar = −1 / 0.2079207921 = −4.8095238095 (= −101/21).
// trades 1, win_rate 0, profit_factor = 0 / 202 = 0 (a losing trade exists → not null),
// expectancy −202, avg_win null (no win), avg_loss −202, max_consecutive_losses 1,
// exposure = bars 5, 6, 9 / 10 = 0.3, total_fees = 101+101+99 = 301,
// turnover = 10100+10100+9900 = 30100, buy_and_hold_return = 88/100 − 1 = −0.12.
// ---------------------------------------------------------------------------------------------
const A_OPEN = [100, 100, 100, 100, 96, 100, 110, 100, 100, 99];
const A_CLOSE = [100, 100, 100, 96, 108, 110, 104, 100, 110, 88];

describe('reference sma-cross: hand case A (fee 100 bps, no slippage)', () => {
  const candles: RefCandles = parseCanonicalCsvPlain(csv(A_OPEN, A_CLOSE));
  const res = referenceSmaCross(candles, 2, 3, { initialCash: 10201, feeBps: 100, slippageBps: 0 });

  it('fills where worked out by hand', () => {
    expect(res.fills.map((x) => [x.barIndex, x.side])).toEqual([
      [5, 'BUY'],
      [7, 'SELL'],
      [9, 'BUY'],
    ]);
    close(res.fills[0]?.qty as number, 101);
    close(res.fills[0]?.fee as number, 101);
    close(res.fills[2]?.qty as number, 100);
    close(res.fills[2]?.fee as number, 99);
  });

  it('equity at every close', () => {
    const expected = [10201, 10201, 10201, 10201, 10201, 10201, 11110, 10504, 9999, 9999, 8800];
    expect(res.equity).toHaveLength(11);
    for (let i = 0; i < expected.length; i++) close(res.equity[i] as number, expected[i] as number);
    expect(res.positionOpenAtClose).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
      true,
      false,
      false,
      true,
    ]);
  });

  it('one closed trade; the position open at the end is not a trade', () => {
    expect(res.trades).toHaveLength(1);
    const t = res.trades[0];
    expect(t?.entry_time).toBe(T0 + 5 * H);
    expect(t?.exit_time).toBe(T0 + 7 * H);
    expect(t?.side).toBe('LONG');
    close(t?.qty as number, 101);
    close(t?.entry_price as number, 100);
    close(t?.exit_price as number, 100);
    close(t?.fees as number, 202);
    close(t?.pnl as number, -202);
    close(t?.return as number, -0.02);
  });

  it('every §5 metric', () => {
    const m = res.summary;
    close(m.final_equity, 8800);
    close(m.total_return, 8800 / 10201 - 1);
    close(m.max_drawdown, 2310 / 11110);
    close(m.sharpe, -23.312369456010053);
    close(m.sortino, -28.160375971890343);
    close(m.cagr, -1);
    close(m.calmar, -101 / 21);
    expect(m.trades).toBe(1);
    expect(m.win_rate).toBe(0);
    expect(m.profit_factor).toBe(0);
    close(m.expectancy, -202);
    expect(m.avg_win).toBeNull();
    close(m.avg_loss, -202);
    expect(m.max_consecutive_losses).toBe(1);
    close(m.exposure, 0.3);
    close(m.total_fees, 301);
    close(m.turnover, 30100);
    close(m.buy_and_hold_return, -0.12);
  });
});

// ---------------------------------------------------------------------------------------------
// Hand case B: same bars, fee 100 bps and slippage 100 bps (s = 0.01).
// bar 5: buy at 100 × 1.01 = 101; qty = 10201 / (101 × 1.01) = 100; fee = 101; cash 0.
// bar 7: sell at 100 × 0.99 = 99; notional 9900; fee 99; cash 9801.
//   trade: entry 101, exit 99, qty 100, fees 200, pnl = (99−101)×100 − 200 = −400,
//   return = −400 / 10100.
// bar 9: buy at 99 × 1.01 = 99.99; qty = 9801 / (99.99 × 1.01) = 9801 / 100.9899;
//   notional = 9801/1.01 = 9703.9604; fee = 97.0396; cash 0.
// Equity: bars 0–4 10201; bar 5 100×110 = 11000; bar 6 10400; bars 7, 8 9801;
//   bar 9 = 88 × 9801/100.9899 = 8540.3391824...
// total_fees = 101 + 99 + 9801×0.01/1.01; turnover = 10100 + 9900 + 9801/1.01.
// ---------------------------------------------------------------------------------------------
describe('reference sma-cross: hand case B (fee 100 bps, slippage 100 bps)', () => {
  const candles = parseCanonicalCsvPlain(csv(A_OPEN, A_CLOSE));
  const res = referenceSmaCross(candles, 2, 3, {
    initialCash: 10201,
    feeBps: 100,
    slippageBps: 100,
  });

  it('slippage moves both fills against the trader', () => {
    expect(res.trades).toHaveLength(1);
    const t = res.trades[0];
    close(t?.entry_price as number, 101);
    close(t?.exit_price as number, 99);
    close(t?.qty as number, 100);
    close(t?.fees as number, 200);
    close(t?.pnl as number, -400);
    close(t?.return as number, -400 / 10100);
    close(res.fills[2]?.price as number, 99.99);
    close(res.fills[2]?.qty as number, 9801 / 100.9899);
  });

  it('equity and money totals', () => {
    const last = (88 * 9801) / 100.9899;
    const expected = [10201, 10201, 10201, 10201, 10201, 10201, 11000, 10400, 9801, 9801, last];
    for (let i = 0; i < expected.length; i++) close(res.equity[i] as number, expected[i] as number);
    close(res.summary.final_equity, last);
    close(res.summary.max_drawdown, (11000 - last) / 11000);
    close(res.summary.total_fees, 200 + (9801 * 0.01) / 1.01);
    close(res.summary.turnover, 20000 + 9801 / 1.01);
    close(res.summary.exposure, 0.3);
  });
});

// ---------------------------------------------------------------------------------------------
// Hand case C: falling closes then a jump on the last bar, fee 10 bps, cash 10000.
// close 10 9 8 7 6 5 4 3 2 10: fast2 < slow3 on every bar until t=9, where fast 6 > slow 5 and
// prev fast 2.5 ≤ prev slow 3 → BUY placed on the last bar: it never fills.
// No fill, no trade: equity 10000 throughout; every return 0.
// READINGS checked here: sharpe 0 (stdev 0), sortino null (no negative return), max_drawdown 0,
// calmar null (max_drawdown 0), cagr 0, win_rate / expectancy / avg_win / avg_loss null with no trade,
// profit_factor null (no losing trade), buy_and_hold = 10/10 − 1 = 0.
// ---------------------------------------------------------------------------------------------
describe('reference sma-cross: hand case C (signal on the last bar, no trade)', () => {
  const closes = [10, 9, 8, 7, 6, 5, 4, 3, 2, 10];
  const opens = [10, 10, 9, 8, 7, 6, 5, 4, 3, 2];
  const res = referenceSmaCross(parseCanonicalCsvPlain(csv(opens, closes)), 2, 3, {
    initialCash: 10000,
    feeBps: 10,
    slippageBps: 0,
  });

  it('degenerate metrics follow the documented readings', () => {
    expect(res.fills).toEqual([]);
    expect(res.equity).toEqual(new Array(11).fill(10000));
    expect(res.summary).toEqual({
      final_equity: 10000,
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
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Hand case D: fast[t−1] == slow[t−1] counts as "≤" for a buy. fee 0, slippage 0, cash 1000.
// close 10 10 10 11 12 → t=2: fast 10 = slow 10; t=3: fast 10.5 > slow 10.33 → BUY; fills at bar 4
// open 12: qty = 1000/12; equity at bar 4 close = 1000/12 × 12 = 1000; exposure 1/5.
// ---------------------------------------------------------------------------------------------
describe('reference sma-cross: hand case D (equality on the previous bar)', () => {
  const res = referenceSmaCross(
    parseCanonicalCsvPlain(csv([10, 10, 10, 10, 12], [10, 10, 10, 11, 12])),
    2,
    3,
    { initialCash: 1000, feeBps: 0, slippageBps: 0 },
  );

  it('buys after an exact tie', () => {
    expect(res.fills.map((x) => x.barIndex)).toEqual([4]);
    close(res.fills[0]?.qty as number, 1000 / 12);
    close(res.summary.final_equity, 1000);
    close(res.summary.exposure, 0.2);
    expect(res.summary.trades).toBe(0);
  });
});
