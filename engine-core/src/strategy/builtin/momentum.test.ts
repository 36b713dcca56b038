import { describe, expect, it } from 'vitest';
import type { BacktestResult } from '../../analyzer';
import { type BacktestConfig, DEFAULT_BACKTEST_CONFIG, runBacktest } from '../../backtest';
import { sharedData } from '../../testing/shared-data';
import { resolveParams } from '../params';
import { findStrategy } from '../registry';
import { momentum } from './momentum';
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

const DATA = sharedData('the momentum real-data tests are');
const load = DATA.load;

const NO_FEES: BacktestConfig = { ...DEFAULT_BACKTEST_CONFIG, feeBps: 0, makerFeeBps: 0 };
const SLIP = 5;
const COSTS: BacktestConfig = { ...DEFAULT_BACKTEST_CONFIG, slippageBps: SLIP };

function params(given: Record<string, number | boolean> = {}) {
  const r = resolveParams(momentum.params, given);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** Highest high (or lowest low) of the `p` bars before bar i, in a plain loop; NaN if fewer. */
function channelBefore(col: Float64Array, i: number, p: number, hi: boolean): number {
  if (i < p) return Number.NaN;
  let x = col[i - 1] as number;
  for (let k = i - p; k < i; k++)
    x = hi ? Math.max(x, col[k] as number) : Math.min(x, col[k] as number);
  return x;
}

/**
 * Signals recomputed in plain loops (ROC = 100 × (close − close p bars ago) / that close; the
 * channels over the bars before the current one): entry when ROC > threshold and the close is
 * above the previous bar's `entryPeriod` upper channel; exit when the close is below the previous
 * bar's `exitPeriod` lower channel or ROC < 0. The stop must sit at the entry fill × (1 − stopLoss)
 * while long and not exiting on a signal.
 */
function audit(
  r: BacktestResult,
  rec: ReturnType<typeof recording>,
  p: Record<string, number | boolean>,
  slip: number,
) {
  const n = r.time.length;
  const rp = p.rocPeriod as number;
  const enter = new Int8Array(n);
  const exit = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const c = r.close[i] as number;
    const base = i >= rp ? (r.close[i - rp] as number) : Number.NaN;
    const roc = (100 * (c - base)) / base;
    const upper = channelBefore(r.high, i, p.entryPeriod as number, true);
    const lower = channelBefore(r.low, i, p.exitPeriod as number, false);
    enter[i] = roc > (p.threshold as number) && c > upper ? 1 : 0;
    exit[i] = c < lower || roc < 0 ? 1 : 0;
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

describe('momentum', () => {
  it('is registered with documented, bounded params', () => {
    const found = findStrategy('momentum');
    expect(found.ok && found.value).toBe(momentum);
    for (const s of momentum.params) {
      expect(s.description.length).toBeGreaterThan(10);
      expect(s.min).toBeLessThanOrEqual(s.default as number);
      expect(s.max).toBeGreaterThanOrEqual(s.default as number);
      expect(s.step).toBeGreaterThan(0);
    }
  });

  // ROC 2, threshold 1 %, both channels 2 bars, stop-loss 5 %. Worked by hand:
  //   bar 2: ROC (103 − 100)/100 = 3 % > 1; previous upper = max high of bars 0–1 = 101 < 103
  //          → buy at bar 3's open, 103
  //   bar 3: previous lower = min low of bars 1–2 = 99 ≤ 105, ROC 5 % → hold; stop 103 × 0.95
  //          = 97.85
  //   bar 5: low 97 ≤ 97.85 → stopped out in the bar at 97.85 (open 106 above)
  //   bar 7: ROC (102.5 − 98)/98 = 4.6 %, but 102.5 < previous upper max(106, 100) → no entry
  //   bar 8: ROC (107 − 99)/99 = 8.1 %, 107 > previous upper max(100, 103) → buy at bar 9's open
  //   bar 9: previous lower min(99, 102) = 99, ROC 3.9 % → hold; stop 107 × 0.95 = 101.65
  //   bar 10: low 104 > 101.65; close 105.5 ≥ previous lower 102 but ROC (105.5 − 107)/107 < 0
  //          → exit at bar 11's open, 105.5
  it('buys a breakout with ROC above the threshold, stops out in the bar, exits on ROC < 0', () => {
    const c = bars([
      [100, 101, 99, 100],
      [100, 101, 99, 100],
      [100, 104, 100, 103],
      [103, 106, 102, 105],
      [105, 107, 104, 106],
      [106, 106, 97, 98],
      [98, 100, 97, 99],
      [99, 103, 99, 102.5],
      [102.5, 108, 102, 107],
      [107, 108, 106, 106.5],
      [106.5, 107, 104, 105.5],
      [105.5, 106, 105, 105.5],
    ]);
    const p = params({ rocPeriod: 2, threshold: 1, entryPeriod: 2, exitPeriod: 2, stopLoss: 0.05 });
    const rec = recording(momentum);
    const r = runBacktest(c, rec.strategy, p, NO_FEES);
    expect(r.failure).toBeNull();
    expect(r.fills.map((f) => [c.time.indexOf(f.time), f.side, f.price])).toEqual([
      [3, 'BUY', 103],
      [5, 'SELL', 97.85],
      [9, 'BUY', 107],
      [11, 'SELL', 105.5],
    ]);
    expect(rec.orders[9]?.map((o) => [o.type, o.side, o.stopPrice])).toEqual([
      ['STOP', 'SELL', 107 * 0.95],
    ]);
    expect(audit(r, rec, p, 0).problems).toEqual([]);
  });

  // ROC 4, threshold 1 %, entry and exit channels 1 bar (the previous bar's high / low):
  //   bar 4: ROC 3 % > 1, 103 > previous high 100 → buy at bar 5's open, 103
  //   bar 5: 105 ≥ previous low 100, ROC 5 % → hold; bar 6: 106 ≥ 103, ROC 6 % → hold
  //   bar 7: 103.5 < previous low 104 while ROC is still +3.5 % → exit at bar 8's open, 103.5
  // With a 5 % stop (97.85) and bar 6 opening at 95 instead, the stop fills at that open.
  it('exits below the previous lower channel, and a gap through the stop fills at the open', () => {
    const rows: [number, number, number, number][] = [
      [100, 100, 100, 100],
      [100, 100, 100, 100],
      [100, 100, 100, 100],
      [100, 100, 100, 100],
      [100, 104, 100, 103],
      [103, 106, 103, 105],
      [105, 107, 104, 106],
      [106, 106, 102, 103.5],
      [103.5, 104, 103, 103.5],
    ];
    const p = params({ rocPeriod: 4, threshold: 1, entryPeriod: 1, exitPeriod: 1, stopLoss: 0 });
    const c = bars(rows);
    const rec = recording(momentum);
    const r = runBacktest(c, rec.strategy, p, NO_FEES);
    expect(r.fills.map((f) => [c.time.indexOf(f.time), f.side, f.price])).toEqual([
      [5, 'BUY', 103],
      [8, 'SELL', 103.5],
    ]);
    expect(audit(r, rec, p, 0).problems).toEqual([]);

    const gap = bars([...rows.slice(0, 6), [95, 96, 94, 95]]);
    const withStop = { ...p, stopLoss: 0.05 };
    const recGap = recording(momentum);
    const rg = runBacktest(gap, recGap.strategy, withStop, NO_FEES);
    expect(rg.fills.map((f) => [gap.time.indexOf(f.time), f.side, f.price])).toEqual([
      [5, 'BUY', 103],
      [6, 'SELL', 95],
    ]);
    expect(audit(rg, recGap, withStop, 0).problems).toEqual([]);
  });

  if (!DATA.available) {
    it.skip('SKIPPED: ../shared/data not found, real-data checks not run', () => {});
    return;
  }

  it('on real data: entries and exits only on their signals, stops where they must be and honoured', () => {
    for (const file of ['binance-btcusdt-1h.csv', 'binance-ethusdt-1h.csv']) {
      const p = params({ stopLoss: 0.03 });
      const rec = recording(momentum);
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
      const r = runBacktest(load(file), momentum, params(), DEFAULT_BACKTEST_CONFIG);
      expect(r.failure, file).toBeNull();
      if (r.fills.some((f) => f.side === 'SELL')) trading++;
    }
    expect(trading).toBeGreaterThan(0);
  });
});
