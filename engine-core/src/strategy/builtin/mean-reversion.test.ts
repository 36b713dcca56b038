import { describe, expect, it } from 'vitest';
import type { BacktestResult } from '../../analyzer';
import { type BacktestConfig, DEFAULT_BACKTEST_CONFIG, runBacktest } from '../../backtest';
import { Bollinger, Rsi } from '../../indicators';
import { sharedData } from '../../testing/shared-data';
import { resolveParams } from '../params';
import { findStrategy } from '../registry';
import { meanReversion } from './mean-reversion';
import {
  bars,
  fillBars,
  isFlat,
  marketProblems,
  near,
  recording,
  stopProblems,
  workingStops,
} from './test-kit';

const DATA = sharedData('the mean-reversion real-data tests are');
const load = DATA.load;

const NO_FEES: BacktestConfig = { ...DEFAULT_BACKTEST_CONFIG, feeBps: 0, makerFeeBps: 0 };
const SLIP = 5;
const COSTS: BacktestConfig = { ...DEFAULT_BACKTEST_CONFIG, slippageBps: SLIP };

function params(given: Record<string, number | boolean> = {}) {
  const r = resolveParams(meanReversion.params, given);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/**
 * Signals recomputed with the indicator classes (entry: close < lower band and RSI < oversold;
 * exit: close ≥ middle band or RSI > overbought), and the stop each bar must show: the entry
 * fill's price × (1 − stopLoss) while long and not exiting on a signal.
 */
function audit(
  r: BacktestResult,
  rec: ReturnType<typeof recording>,
  p: Record<string, number | boolean>,
  slip: number,
) {
  const n = r.time.length;
  const bands = new Bollinger(p.period as number, p.k as number);
  const rsi = new Rsi(p.rsiPeriod as number);
  const enter = new Int8Array(n);
  const exit = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const c = r.close[i] as number;
    bands.update(c);
    const v = rsi.update(c);
    enter[i] = c < bands.lower && v < (p.oversold as number) ? 1 : 0;
    exit[i] = c >= bands.middle || v > (p.overbought as number) ? 1 : 0;
  }
  const stops = workingStops(rec, n);
  const problems: string[] = [];
  const at = fillBars(r);
  const sl = p.stopLoss as number;
  let entry = Number.NaN;
  for (let i = 0; i < n; i++) {
    const pos = r.positionQty[i] as number;
    if (isFlat(pos)) entry = Number.NaN;
    else if (i === 0 || isFlat(r.positionQty[i - 1] as number)) {
      const f = r.fills.find((_, k) => at[k] === i && r.fills[k]?.side === 'BUY');
      entry = f?.price ?? Number.NaN;
    }
    const want = isFlat(pos) || exit[i] === 1 || sl === 0 ? Number.NaN : entry * (1 - sl);
    const got = stops.price[i] as number;
    if (Number.isNaN(want) !== Number.isNaN(got) || (!Number.isNaN(want) && !near(got, want)))
      problems.push(`bar ${i}: working stop ${got}, want ${want} (position ${pos})`);
    if (problems.length > 5) break;
  }
  const market = marketProblems(r, enter, exit, slip, stops.side);
  const stopped = stopProblems(r, stops, slip);
  problems.push(...market.problems.slice(0, 5), ...stopped.problems.slice(0, 5));
  const accounted = market.entries + market.exits + stopped.exits;
  if (accounted !== r.fills.length)
    problems.push(`${r.fills.length} fills, ${accounted} explained by signals and stops`);
  return { problems, market, stopped };
}

describe('mean-reversion', () => {
  it('is registered with documented, bounded params', () => {
    const found = findStrategy('mean-reversion');
    expect(found.ok && found.value).toBe(meanReversion);
    for (const s of meanReversion.params) {
      expect(s.description.length).toBeGreaterThan(10);
      expect(s.min).toBeLessThanOrEqual(s.default as number);
      expect(s.max).toBeGreaterThanOrEqual(s.default as number);
      expect(s.step).toBeGreaterThan(0);
    }
  });

  // Bollinger 3 with k = 1, RSI 2, stop-loss 10 %. Worked by hand:
  //   bar 2: window 100, 100, 90: mean 96.67, σ 4.71, lower 91.95 > 90; RSI 0 (two changes, no
  //          gain) < 30 → buy at bar 3's open, 90
  //   bar 3: window 100, 90, 88: middle 92.67 > 88, RSI 0 → hold; stop at 90 × 0.9 = 81
  //   bar 4: low 80 ≤ 81 → stopped out in the bar at 81 (open 88 above)
  //   bar 4: window 90, 88, 82: lower 86.67 − 3.40 = 83.27 > 82, RSI 0 → buy at bar 5's open, 82
  //   bar 5: window 88, 82, 86: middle 85.33 ≤ 86 → exit at bar 6's open, 86; no stop was placed
  it('enters below the band when oversold, stops out in the bar, exits at the middle band', () => {
    const c = bars([
      [100, 100, 100, 100],
      [100, 100, 100, 100],
      [100, 100, 90, 90],
      [90, 91, 87, 88],
      [88, 89, 80, 82],
      [82, 87, 82, 86],
      [86, 87, 85, 86],
    ]);
    const p = params({
      period: 3,
      k: 1,
      rsiPeriod: 2,
      oversold: 30,
      overbought: 70,
      stopLoss: 0.1,
    });
    const rec = recording(meanReversion);
    const r = runBacktest(c, rec.strategy, p, NO_FEES);
    expect(r.failure).toBeNull();
    expect(r.fills.map((f) => [c.time.indexOf(f.time), f.side, f.price])).toEqual([
      [3, 'BUY', 90],
      [4, 'SELL', 81],
      [5, 'BUY', 82],
      [6, 'SELL', 86],
    ]);
    expect(rec.orders[3]?.map((o) => [o.type, o.side, o.stopPrice])).toEqual([
      ['STOP', 'SELL', 81],
    ]);
    expect(rec.orders[5]?.filter((o) => o.type === 'STOP')).toEqual([]);
    // 10000 → × 81/90 → × 86/82.
    expect(r.equity[6]).toBeCloseTo(((10_000 * 81) / 90) * (86 / 82), 9);
    expect(audit(r, rec, p, 0).problems).toEqual([]);
    // stopLoss 0: never a STOP order; bar 4 does not stop out, and the middle-band exit at bar
    // 5 (window 88, 82, 86: middle 85.33 ≤ 86) sells at bar 6's open.
    const rec0 = recording(meanReversion);
    const r0 = runBacktest(c, rec0.strategy, { ...p, stopLoss: 0 }, NO_FEES);
    expect(rec0.orders.flat().filter((o) => o.type === 'STOP')).toEqual([]);
    expect(r0.fills.map((f) => [c.time.indexOf(f.time), f.side, f.price])).toEqual([
      [3, 'BUY', 90],
      [6, 'SELL', 86],
    ]);
    expect(audit(r0, rec0, { ...p, stopLoss: 0 }, 0).problems).toEqual([]);
  });

  it('gaps through the stop fill at the open', () => {
    const c = bars([
      [100, 100, 100, 100],
      [100, 100, 100, 100],
      [100, 100, 90, 90],
      [90, 91, 87, 88],
      [78, 80, 77, 79], // opens below the stop at 81
    ]);
    const p = params({ period: 3, k: 1, rsiPeriod: 2, stopLoss: 0.1 });
    const r = runBacktest(c, meanReversion, p, NO_FEES);
    expect(r.fills.map((f) => [c.time.indexOf(f.time), f.side, f.price])).toEqual([
      [3, 'BUY', 90],
      [4, 'SELL', 78],
    ]);
  });

  if (!DATA.available) {
    it.skip('SKIPPED: ../shared/data not found, real-data checks not run', () => {});
    return;
  }

  it('on real data: entries and exits only on their signals, stops where they must be and honoured', () => {
    for (const file of ['binance-btcusdt-1h.csv', 'binance-ethusdt-1h.csv']) {
      const p = params();
      const rec = recording(meanReversion);
      const r = runBacktest(load(file), rec.strategy, p, COSTS);
      expect(r.failure).toBeNull();
      const { problems, market, stopped } = audit(r, rec, p, SLIP);
      expect(problems, file).toEqual([]);
      expect(market.entries, file).toBeGreaterThan(50);
      expect(market.exits, file).toBeGreaterThan(20);
      expect(stopped.exits, file).toBeGreaterThan(5);
    }
  });

  it('runs on every shared file without failure and trades with its defaults', () => {
    const files = DATA.files();
    expect(files.length).toBeGreaterThan(0);
    let trading = 0;
    for (const file of files) {
      const r = runBacktest(load(file), meanReversion, params(), DEFAULT_BACKTEST_CONFIG);
      expect(r.failure, file).toBeNull();
      if (r.fills.some((f) => f.side === 'SELL')) trading++;
    }
    expect(trading).toBeGreaterThan(0);
  });
});
