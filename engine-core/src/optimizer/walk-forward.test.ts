// biome-ignore lint/correctness/noNodejsModules: a test reading fixture files from disk
// biome-ignore lint/style/noRestrictedImports: a test reading fixture files from disk
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildTrades, computeMetrics, type Summary } from '../analyzer';
import { DEFAULT_BACKTEST_CONFIG, runBacktest } from '../backtest';
import { parseCandleCsv, sliceCandles } from '../market';
import { type ParamValues, smaCross } from '../strategy';
import { enumerateGrid } from './grid';
import { parseGridSpec } from './grid-spec';
import { createLocalEvaluator } from './local-evaluator';
import { rankResults } from './objective';
import type { OptimizerProgress } from './progress';
import { flatResult, stitchResults } from './stitch';
import { syntheticCandles } from './testing/synthetic-candles';
import { parseWalkForward, runWalkForward, walkForwardWindows } from './walk-forward';

const DATA_DIR = new URL('../../../../shared/data/', import.meta.url);
const HAVE_DATA = existsSync(DATA_DIR);
if (!HAVE_DATA)
  console.warn('NOTE: ../shared/data is absent: the real-data walk-forward is skipped');

const value = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const grid = (...specs: string[]): ParamValues[] =>
  value(
    enumerateGrid(
      smaCross.params,
      specs.map((s) => value(parseGridSpec(s))),
    ),
  );
const config = DEFAULT_BACKTEST_CONFIG;

describe('walk-forward windows', () => {
  it('parses IS:OOS[:STEP]', () => {
    expect(parseWalkForward('300:100')).toEqual({
      ok: true,
      value: { inSample: 300, outOfSample: 100, step: 100 },
    });
    expect(parseWalkForward('300:100:150')).toEqual({
      ok: true,
      value: { inSample: 300, outOfSample: 100, step: 150 },
    });
    for (const bad of ['300', '300:', ':100', '0:10', '3.5:1', '300:100:100:1', 'a:b', '-3:1'])
      expect(parseWalkForward(bad)).toEqual({
        ok: false,
        error: `"${bad}": want IS:OOS[:STEP], bar counts (integers > 0)`,
      });
    expect(parseWalkForward('300:100:50')).toEqual({
      ok: false,
      error: '"300:100:50": step 50 < out-of-sample 100: test windows would overlap',
    });
  });

  it('tiles 100 bars with 30:10 into 7 windows (by hand)', () => {
    const w = value(walkForwardWindows(100, { inSample: 30, outOfSample: 10, step: 10 }));
    // Window k: in-sample [10k, 10k + 30), out-of-sample [10k + 30, 10k + 40), k = 0 … 6.
    expect(
      w.map((x) => [x.inSample.from, x.inSample.to, x.outOfSample.from, x.outOfSample.to]),
    ).toEqual([
      [0, 30, 30, 40],
      [10, 40, 40, 50],
      [20, 50, 50, 60],
      [30, 60, 60, 70],
      [40, 70, 70, 80],
      [50, 80, 80, 90],
      [60, 90, 90, 100],
    ]);
    expect(w.map((x) => x.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('keeps whole windows only, and leaves bars between them when step > OOS', () => {
    // 105 bars, 30:10:25 → starts 0, 25, 50 (50 + 40 = 90 ≤ 105; 75 + 40 = 115 > 105).
    const w = value(walkForwardWindows(105, { inSample: 30, outOfSample: 10, step: 25 }));
    expect(w.map((x) => [x.outOfSample.from, x.outOfSample.to])).toEqual([
      [30, 40],
      [55, 65],
      [80, 90],
    ]);
    expect(walkForwardWindows(39, { inSample: 30, outOfSample: 10, step: 10 })).toEqual({
      ok: false,
      error: 'walk-forward 30:10 needs at least 40 bars, the data has 39',
    });
    expect(value(walkForwardWindows(40, { inSample: 30, outOfSample: 10, step: 10 }))).toHaveLength(
      1,
    );
  });
});

describe('stitchResults', () => {
  it('chains returns so equity is continuous, and scales fills and trades alike (by hand)', () => {
    const c = syntheticCandles(6);
    const part = (from: number, to: number, equity: number[], fills = 0) => {
      const flat = flatResult(sliceCandles(c, from, to), 'x', config);
      const fill = { time: 0, side: 'BUY' as const, qty: 2, price: 50, fee: 0.1 };
      return {
        result: {
          ...flat,
          equity: Float64Array.from(equity),
          positionQty: Float64Array.from(equity.map(() => 2)),
          fills: fills ? [fill] : [],
        },
        trades: [],
      };
    };
    // Part 1 ends at 12 500 (+25 %); part 2 starts from it: its +5 %, −10 %, +10 % apply to
    // 12 500 (a scale of 1.25, exact in binary, so the figures are exact).
    const s = stitchResults([
      part(0, 3, [10_000, 10_500, 12_500]),
      part(3, 6, [10_500, 9_000, 9_900], 1),
    ]);
    expect(Array.from(s.result.equity)).toEqual([10_000, 10_500, 12_500, 13_125, 11_250, 12_375]);
    expect(Array.from(s.result.time)).toEqual(Array.from(c.time));
    expect(Array.from(s.result.positionQty)).toEqual([2, 2, 2, 2.5, 2.5, 2.5]);
    expect(s.result.fills).toEqual([{ time: 0, side: 'BUY', qty: 2.5, price: 50, fee: 0.125 }]);
    expect(computeMetrics(s.result, s.trades).total_return).toBe(12_375 / 10_000 - 1);
  });
});

describe('runWalkForward', () => {
  it('optimizes in-sample, tests the best out-of-sample, stitches (synthetic data)', async () => {
    const candles = syntheticCandles(1_200, 5);
    const params = grid('fast=3:12:3', 'slow=20:60:20');
    const objective = { metric: 'sharpe' as const, minTrades: 2 };
    const evaluator = createLocalEvaluator({ candles, strategy: 'sma-cross', config });
    const progress: OptimizerProgress[] = [];
    const wf = await runWalkForward(
      evaluator,
      {
        candles,
        strategy: smaCross,
        config,
        params,
        objective,
        spec: value(parseWalkForward('400:200')),
      },
      { onProgress: (p) => progress.push(p) },
    );
    expect(wf.windows).toHaveLength(4); // (1200 − 400) / 200
    const total = 4 * params.length;
    expect(progress.at(-1)).toMatchObject({ done: total, total });

    let growth = 1;
    for (const w of wf.windows) {
      // The best is the top of the in-sample ranking computed here, one backtest at a time.
      const is = sliceCandles(candles, w.window.inSample.from, w.window.inSample.to);
      const ranking = rankResults(
        params.map((p) => ({
          params: p,
          summary: computeMetrics(runBacktest(is, smaCross, p, config)),
        })),
        objective,
      );
      expect(w.best).toEqual(ranking.ranked[0] ?? null);
      const oos = sliceCandles(candles, w.window.outOfSample.from, w.window.outOfSample.to);
      const expected =
        w.best === null
          ? computeMetrics(flatResult(oos, 'sma-cross', config))
          : computeMetrics(runBacktest(oos, smaCross, w.best.params, config));
      expect(w.outOfSample).toEqual(expected);
      growth *= 1 + w.outOfSample.total_return;
    }
    expect(wf.summary.total_return).toBeCloseTo(growth - 1, 12);
    expect(wf.stitched.result.equity).toHaveLength(800);
    expect(wf.summary.trades).toBe(wf.windows.reduce((n, w) => n + w.outOfSample.trades, 0));
  });

  it('stays flat in a window where no run meets the constraints', async () => {
    const candles = syntheticCandles(300, 2);
    const wf = await runWalkForward(
      createLocalEvaluator({ candles, strategy: 'sma-cross', config }),
      {
        candles,
        strategy: smaCross,
        config,
        params: grid('fast=3', 'slow=20'),
        objective: { metric: 'sharpe', minTrades: 1_000 },
        spec: value(parseWalkForward('200:100')),
      },
    );
    expect(wf.windows[0]?.best).toBeNull();
    expect(wf.summary).toMatchObject({ total_return: 0, trades: 0, final_equity: 10_000 });
    expect(wf.lastRanking).toEqual({ ranked: [], excluded: 1, failed: [] });
  });

  describe.skipIf(!HAVE_DATA)('on real candles (../shared/data)', () => {
    it('BTCUSDT 1h, sma-cross 4 × 4 grid, 2000:1000 windows: continuous stitched equity', async () => {
      const text = readFileSync(new URL('binance-btcusdt-1h.csv', DATA_DIR), 'utf8');
      const candles = value(
        parseCandleCsv(text, { fileName: 'binance-btcusdt-1h.csv', symbol: 'BTCUSDT' }),
      ).candles;
      const params = grid('fast=5:20:5', 'slow=30:120:30');
      const wf = await runWalkForward(
        createLocalEvaluator({ candles, strategy: 'sma-cross', config }),
        {
          candles,
          strategy: smaCross,
          config,
          params,
          objective: { metric: 'sharpe' },
          spec: value(parseWalkForward('2000:1000')),
        },
      );
      // 23 988 bars: windows start at 0, 1000, …, 20 000 (20 000 + 3000 ≤ 23 988).
      expect(wf.windows).toHaveLength(21);
      expect(wf.windows.at(-1)?.window.outOfSample).toEqual({ from: 22_000, to: 23_000 });
      const eq = wf.stitched.result.equity;
      expect(eq).toHaveLength(21_000);
      // Continuity: the first bar of each window moves the stitched equity by that window's own
      // first-bar return (from the initial cash), not by a jump to 10 000.
      let end = config.initialCash;
      wf.windows.forEach((w, k) => {
        const oos = sliceCandles(candles, w.window.outOfSample.from, w.window.outOfSample.to);
        const own = runBacktest(oos, smaCross, (w.best as { params: ParamValues }).params, config);
        expect((eq[k * 1000] as number) / end).toBeCloseTo(
          (own.equity[0] as number) / config.initialCash,
          12,
        );
        end = eq[k * 1000 + 999] as number;
        expect(end / (k === 0 ? config.initialCash : (eq[k * 1000 - 1] as number))).toBeCloseTo(
          1 + w.outOfSample.total_return,
          12,
        );
      });
      const s: Summary = wf.summary;
      expect(s.final_equity).toBeCloseTo(end, 6);
      const own = wf.windows.map((w) => {
        const oos = sliceCandles(candles, w.window.outOfSample.from, w.window.outOfSample.to);
        return buildTrades(
          runBacktest(oos, smaCross, (w.best as { params: ParamValues }).params, config).fills,
        ).length;
      });
      expect(s.trades).toBe(own.reduce((a, b) => a + b, 0));
    });
  });
});
