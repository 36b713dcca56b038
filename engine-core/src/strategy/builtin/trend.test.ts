import { describe, expect, it } from 'vitest';
import type { BacktestResult } from '../../analyzer';
import { type BacktestConfig, DEFAULT_BACKTEST_CONFIG, runBacktest } from '../../backtest';
import { Atr, Ema } from '../../indicators';
import { sharedData } from '../../testing/shared-data';
import { resolveParams } from '../params';
import { findStrategy } from '../registry';
import {
  bars,
  isFlat,
  marketProblems,
  near,
  recording,
  stopProblems,
  workingStops,
} from './test-kit';
import { trend } from './trend';

const DATA = sharedData('the trend real-data tests are');
const load = DATA.load;

const NO_FEES: BacktestConfig = { ...DEFAULT_BACKTEST_CONFIG, feeBps: 0, makerFeeBps: 0 };
const SLIP = 5;
const COSTS: BacktestConfig = { ...DEFAULT_BACKTEST_CONFIG, slippageBps: SLIP };
const PERP: BacktestConfig = { ...COSTS, perp: { leverage: 1, maintenanceMarginRate: 0.005 } };

function params(given: Record<string, number | boolean> = {}) {
  const r = resolveParams(trend.params, given);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/**
 * The signals and the trailing stop recomputed from the bars and the result's positions: EMAs
 * and ATR from the indicator classes, crosses and the ratchet in a plain loop. `stop[i]` is where
 * the stop must be after bar i's close while a position is held and not being closed.
 */
function expected(r: BacktestResult, p: Record<string, number | boolean>) {
  const n = r.time.length;
  const fast = new Ema(p.fast as number);
  const slow = new Ema(p.slow as number);
  const atr = new Atr(p.atrPeriod as number);
  const mult = p.atrMult as number;
  const short = p.allowShort === true;
  const enter = new Int8Array(n);
  const exit = new Int8Array(n);
  const stop = new Float64Array(n).fill(Number.NaN);
  let pf = Number.NaN;
  let ps = Number.NaN;
  let best = Number.NaN;
  let level = Number.NaN;
  let reverse = 0;
  for (let i = 0; i < n; i++) {
    const c = r.close[i] as number;
    const f = fast.update(c);
    const s = slow.update(c);
    const a = atr.update(r.high[i] as number, r.low[i] as number, c);
    const up = f > s && pf <= ps;
    const down = f < s && pf >= ps;
    pf = f;
    ps = s;
    // A reversal waits one bar for the close to settle, then enters if the EMAs still agree.
    enter[i] =
      up || (reverse > 0 && f > s) ? 1 : short && (down || (reverse < 0 && f < s)) ? -1 : 0;
    exit[i] = down ? 1 : up ? -1 : 0;
    const pos = r.positionQty[i] as number;
    reverse = short && !isFlat(pos) && exit[i] === Math.sign(pos) ? -Math.sign(pos) : 0;
    const opened = i === 0 || Math.sign(r.positionQty[i - 1] as number) !== Math.sign(pos);
    if (isFlat(pos) || opened) {
      best = Number.NaN;
      level = Number.NaN;
    }
    if (isFlat(pos) || exit[i] === Math.sign(pos)) continue;
    const long = pos > 0;
    best = Number.isNaN(best) ? c : long ? Math.max(best, c) : Math.min(best, c);
    const cand = long ? best - mult * a : best + mult * a;
    if (cand > 0 && (Number.isNaN(level) || (long ? cand > level : cand < level))) level = cand;
    stop[i] = level;
  }
  return { enter, exit, stop };
}

/** Every check of one run; returns the problems and what was seen. */
function audit(
  r: BacktestResult,
  rec: ReturnType<typeof recording>,
  p: Record<string, number | boolean>,
  slip: number,
) {
  const n = r.time.length;
  const want = expected(r, p);
  const stops = workingStops(rec, n);
  const problems: string[] = [];
  for (let i = 0; i < n; i++) {
    const got = stops.price[i] as number;
    const w = want.stop[i] as number;
    const pos = r.positionQty[i] as number;
    if (Number.isNaN(w) !== Number.isNaN(got) || (!Number.isNaN(w) && !near(got, w)))
      problems.push(`bar ${i}: working stop ${got}, recomputed ${w} (position ${pos})`);
    else if (!Number.isNaN(w) && stops.side[i] !== Math.sign(pos))
      problems.push(`bar ${i}: stop side ${stops.side[i]} for position ${pos}`);
    if (problems.length > 5) break;
  }
  const market = marketProblems(r, want.enter, want.exit, slip, stops.side);
  const stopped = stopProblems(r, stops, slip);
  problems.push(...market.problems.slice(0, 5), ...stopped.problems.slice(0, 5));
  // Nothing else trades: each fill is an entry, a signal exit or a stop exit.
  const accounted = market.entries + market.exits + stopped.exits;
  if (accounted !== r.fills.length)
    problems.push(`${r.fills.length} fills, ${accounted} explained by signals and stops`);
  return { problems, market, stopped };
}

describe('trend', () => {
  it('is registered after sma-cross with documented, bounded params', () => {
    const found = findStrategy('trend');
    expect(found.ok && found.value).toBe(trend);
    for (const s of trend.params) {
      expect(s.description.length).toBeGreaterThan(10);
      if (s.type !== 'bool') {
        expect(s.min).toBeLessThanOrEqual(s.default as number);
        expect(s.max).toBeGreaterThanOrEqual(s.default as number);
        expect(s.step).toBeGreaterThan(0);
      }
    }
  });

  // fast = close (EMA 1), slow = EMA 2 (first value the mean of two closes), ATR 1 = the bar's
  // true range, atrMult 1. Worked by hand:
  //   bar 2: slow = 2/3·102 + 1/3·99 = 101 < fast 102, after 98 ≤ 99 → cross up, buy at bar 3's open
  //   bar 3: fill 102; TR = 5 (106 − 101); best close 105 → stop 105 − 5 = 100
  //   bar 4: TR = 6 (110 − 104); best 108 → 102: ratchets (cancel + new stop)
  //   bar 5: TR = 6 (109 − 103); best 108 → 102: no better, the same order stays
  //   bar 6: low 101 ≤ 102 → stopped out in the bar at 102 (the open, 107.5, is above it)
  //   bar 8: up-cross again → bar 9 buys at 109; TR 4, stop 111 − 4 = 107
  //   bar 10: opens at 104, below the stop: the gap fills at the open, 104
  it('trails an ATR stop that only ratchets, exits at the stop in the bar, and at the open on a gap', () => {
    const c = bars([
      [100, 100, 100, 100],
      [100, 100, 98, 98],
      [98, 103, 98, 102],
      [102, 106, 101, 105],
      [105, 110, 104, 108],
      [108, 109, 103, 107.5],
      [107.5, 108, 101, 103],
      [103, 104, 98, 99],
      [99, 110, 99, 109],
      [109, 112, 108, 111],
      [104, 105, 100, 101],
    ]);
    const rec = recording(trend);
    const p = { fast: 1, slow: 2, atrPeriod: 1, atrMult: 1 };
    const r = runBacktest(c, rec.strategy, params(p), NO_FEES);
    expect(r.failure).toBeNull();
    expect(r.fills.map((f) => [c.time.indexOf(f.time), f.side, f.price])).toEqual([
      [3, 'BUY', 102],
      [6, 'SELL', 102],
      [9, 'BUY', 109],
      [10, 'SELL', 104],
    ]);
    const stopsAfter = rec.orders.map((os) =>
      os.filter((o) => o.type === 'STOP').map((o) => [o.clientOrderId, o.stopPrice]),
    );
    const [a, b, b2] = [stopsAfter[3]?.[0], stopsAfter[4]?.[0], stopsAfter[5]?.[0]];
    expect([a?.[1], b?.[1], b2?.[1]]).toEqual([100, 102, 102]);
    expect(a?.[0]).not.toBe(b?.[0]); // re-placed when it ratcheted
    expect(b2?.[0]).toBe(b?.[0]); // kept when it did not
    expect(stopsAfter[9]).toEqual([[expect.any(String), 107]]);
    expect(stopsAfter[10]).toEqual([]);
    // Both trades spent all the cash: 10000 → 10000 at 102 → 10000 × 104 / 109.
    expect(r.equity[10]).toBeCloseTo((10_000 * 104) / 109, 9);
    expect(audit(r, rec, params(p), 0).problems).toEqual([]);
  });

  it('exits on the opposite cross at the next open and, with allowShort on a perpetual, reverses a bar later', () => {
    // fast = close, slow = EMA 2. Bar 2 crosses up (buy at 3's open 102); slow at bar 3 is
    // 2/3·104 + 1/3·101 = 103, at bar 4 2/3·100 + 1/3·103 = 101 > 100: a cross down, so sell at
    // bar 5's open 99, and with allowShort sell short there too.
    const c = bars([
      [100, 100, 100, 100],
      [100, 100, 98, 98],
      [98, 103, 98, 102],
      [102, 105, 101, 104],
      [104, 104, 99, 100],
      [99, 100, 96, 97],
      [97, 98, 95, 96],
    ]);
    const p = { fast: 1, slow: 2, atrPeriod: 1, atrMult: 10 };
    const spot = runBacktest(c, trend, params(p), NO_FEES);
    expect(spot.fills.map((f) => [c.time.indexOf(f.time), f.side, f.price])).toEqual([
      [3, 'BUY', 102],
      [5, 'SELL', 99],
    ]);
    const perp: BacktestConfig = {
      ...NO_FEES,
      perp: { leverage: 1, maintenanceMarginRate: 0.005 },
    };
    const rec = recording(trend);
    const both = runBacktest(c, rec.strategy, params({ ...p, allowShort: true }), perp);
    expect(both.failure).toBeNull();
    // Flat at bar 5's open (99); the EMAs still point down (fast 97 < slow 2/3·97 + 1/3·101 ≈
    // 98.3), so the short opens at bar 6's open, 97.
    expect(both.fills.map((f) => [c.time.indexOf(f.time), f.side, f.price])).toEqual([
      [3, 'BUY', 102],
      [5, 'SELL', 99],
      [6, 'SELL', 97],
    ]);
    expect(both.positionQty[5]).toBe(0);
    expect(both.positionQty[6]).toBeCloseTo((-10_000 * (99 / 102)) / 97, 9);
    // The short's stop is a BUY above: lowest close since entry (96) + 10 × TR (98 − 95 = 3).
    expect(
      rec.orders[6]?.filter((o) => o.type === 'STOP').map((o) => [o.side, o.stopPrice]),
    ).toEqual([['BUY', 126]]);
    expect(audit(both, rec, params({ ...p, allowShort: true }), 0).problems).toEqual([]);
  });

  if (!DATA.available) {
    it.skip('SKIPPED: ../shared/data not found, real-data checks not run', () => {});
    return;
  }

  it('on real data: entries and exits only on crosses, the stop recomputed, stops honoured in their bar', () => {
    for (const [file, config, allowShort] of [
      ['binance-btcusdt-1h.csv', COSTS, false],
      ['binance-futures-bnbusdt-1h.csv', PERP, true],
    ] as const) {
      const c = load(file);
      const p = params({ allowShort });
      const rec = recording(trend);
      const r = runBacktest(c, rec.strategy, p, config);
      expect(r.failure).toBeNull();
      const { problems, market, stopped } = audit(r, rec, p, SLIP);
      expect(problems, file).toEqual([]);
      // Not vacuous: both kinds of exit happen, and shorts where allowed.
      expect(market.entries, file).toBeGreaterThan(50);
      expect(market.exits, file).toBeGreaterThan(10);
      expect(stopped.exits, file).toBeGreaterThan(10);
      if (allowShort) expect(Math.min(...r.positionQty), file).toBeLessThan(0);
      else expect(Math.min(...r.positionQty), file).toBe(0);
    }
  });

  it('runs on every shared file without failure and trades with its defaults', () => {
    const files = DATA.files();
    expect(files.length).toBeGreaterThan(0);
    let trading = 0;
    for (const file of files) {
      const r = runBacktest(load(file), trend, params(), DEFAULT_BACKTEST_CONFIG);
      expect(r.failure, file).toBeNull();
      if (r.fills.some((f) => f.side === 'SELL')) trading++;
    }
    expect(trading).toBeGreaterThan(0);
  });
});
