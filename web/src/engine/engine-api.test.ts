import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildReport,
  DEFAULT_BACKTEST_CONFIG,
  fillMarkers,
  reportToJson,
  runBacktest,
  smaCross,
  syntheticSample,
} from '../../../engine-core/src';
import { RangeExtremes } from '../charts/range-extremes';
import { closeDatasetDb, DATASET_DB, ensureSample, SAMPLE_ID } from '../data/dataset-store';
import { createEngineApi, WORST_DRAWDOWNS } from './engine-api';
import { fillAt, tradeAt } from './result-columns';

afterEach(async () => {
  await closeDatasetDb();
  await new Promise<void>((resolve) => {
    const r = indexedDB.deleteDatabase(DATASET_DB);
    r.onsuccess = () => resolve();
    r.onerror = () => resolve();
  });
});

describe('engine API (what the worker exposes)', () => {
  it('backtests the stored sample to the CLI’s report, byte for byte, with progress', async () => {
    await ensureSample();
    const api = createEngineApi();
    const seen: number[] = [];
    const r = await api.backtest(
      {
        datasetId: SAMPLE_ID,
        strategy: { kind: 'builtin', name: 'sma-cross' },
        params: { fast: '12', slow: 40 },
        config: DEFAULT_BACKTEST_CONFIG,
      },
      (done) => seen.push(done),
    );
    if (!r.ok) throw new Error(r.error);
    const reference = buildReport(
      runBacktest(syntheticSample(), smaCross, { fast: 12, slow: 40 }, DEFAULT_BACKTEST_CONFIG),
    );
    expect(api.reportJson()).toBe(reportToJson(reference));
    expect(r.report.summary.trades).toBeGreaterThan(10);
    expect(seen.at(-1)).toBe(8760);
    expect(seen.length).toBeGreaterThan(2);
    const html = await api.reportHtml();
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('LightweightCharts');
  });

  it('hands over columns equal to the report’s lists, and the charts’ series', async () => {
    await ensureSample();
    const api = createEngineApi();
    const r = await api.backtest({
      datasetId: SAMPLE_ID,
      strategy: { kind: 'builtin', name: 'sma-cross' },
      params: {},
      config: DEFAULT_BACKTEST_CONFIG,
    });
    if (!r.ok) throw new Error(r.error);
    const result = runBacktest(
      syntheticSample(),
      smaCross,
      { fast: 10, slow: 30 },
      DEFAULT_BACKTEST_CONFIG,
    );
    const report = buildReport(result);
    expect(r.report.summary).toEqual(report.summary);
    expect(r.trades.length).toBe(report.trades.length);
    expect(report.trades.map((_, i) => tradeAt(r.trades, i))).toEqual(report.trades);
    const fills = fillMarkers(result);
    expect(r.fills.length).toBe(fills.length);
    expect(fills.map((_, i) => fillAt(r.fills, i))).toEqual(fills);
    expect(r.worstDrawdowns).toEqual(
      [...report.drawdown_periods].sort((a, b) => b.depth - a.depth).slice(0, WORST_DRAWDOWNS),
    );
    expect(Array.from(r.equity)).toEqual(report.equity.map((p) => p[1]));
    expect(Math.max(...r.drawdown)).toBe(report.summary.max_drawdown);
    const e0 = report.config.initial_cash;
    const bh = r.buyAndHold as Float64Array;
    expect((bh[bh.length - 1] as number) / e0 - 1).toBeCloseTo(
      report.summary.buy_and_hold_return as number,
      12,
    );
    expect(r.overlays.map((o) => o.label)).toEqual(['SMA 10', 'SMA 30']);
    // The range indexes are the ones the page would build from the same columns.
    expect(r.extremes.high).toEqual(new RangeExtremes(r.candles.high, 'max').packed);
    expect(r.extremes.low).toEqual(new RangeExtremes(r.candles.low, 'min').packed);
    expect(r.extremes.drawdown).toEqual(new RangeExtremes(r.drawdown, 'max').packed);
  });

  it('says what is wrong: unknown dataset, bad params, editor text with its line', async () => {
    await ensureSample();
    const api = createEngineApi();
    const base = { datasetId: SAMPLE_ID, params: {}, config: DEFAULT_BACKTEST_CONFIG };
    expect(
      await api.backtest({
        ...base,
        datasetId: 'nope',
        strategy: { kind: 'builtin', name: 'sma-cross' },
      }),
    ).toEqual({
      ok: false,
      error: 'no dataset "nope"',
    });
    const bad = await api.backtest({
      ...base,
      params: { fast: 0 },
      strategy: { kind: 'builtin', name: 'sma-cross' },
    });
    expect(bad).toEqual({ ok: false, error: 'param fast: 0 < min 1' });
    const check = await api.check('export default {\n  name: "x",,\n};', 'mine.ts');
    expect(check).toMatchObject({ ok: false, line: 2 });
    const ok = await api.check(
      "import { defineStrategy } from 'veloz';\nexport default defineStrategy({ name: 'mine', description: 'd', params: [], create: () => ({ onBar() {} }) });",
      'mine.ts',
    );
    expect(ok).toEqual({ ok: true, strategy: { name: 'mine', description: 'd', params: [] } });
  });
});
