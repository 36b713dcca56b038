import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildReport,
  DEFAULT_BACKTEST_CONFIG,
  reportToJson,
  runBacktest,
  smaCross,
  syntheticSample,
} from '../../../engine-core/src';
import { closeDatasetDb, DATASET_DB, ensureSample, SAMPLE_ID } from '../data/dataset-store';
import { createEngineApi } from './engine-api';

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
