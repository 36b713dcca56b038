import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bollingerStrategy,
  buildSeedReport,
  DEFAULT_BACKTEST_CONFIG,
  resolveParams,
  runBacktest,
  seedReportToJson,
  syntheticSample,
} from '../../../../engine-core/src';
import { closeDatasetDb, DATASET_DB, ensureSample, SAMPLE_ID } from '../../data/dataset-store';
import { createEngineApi } from '../../engine/engine-api';

afterEach(async () => {
  await closeDatasetDb();
  await new Promise<void>((resolve) => {
    const r = indexedDB.deleteDatabase(DATASET_DB);
    r.onsuccess = () => resolve();
    r.onerror = () => resolve();
  });
});

describe('the Backtest page’s seed strategies and seed JSON export', () => {
  it('lists the seed strategies with their param schemas (the generated form’s input)', () => {
    const list = createEngineApi().strategies();
    const byName = new Map(list.map((s) => [s.name, s.params.map((p) => [p.name, p.default])]));
    expect(byName.get('ma-crossover')).toEqual(
      expect.arrayContaining([
        ['fast_period', 10],
        ['slow_period', 20],
        ['risk_per_trade', 0],
        ['max_position_size', 1],
      ]),
    );
    expect(byName.get('rsi')).toEqual(
      expect.arrayContaining([
        ['period', 14],
        ['overbought', 70],
        ['oversold', 30],
      ]),
    );
    expect(byName.get('bollinger')).toEqual(
      expect.arrayContaining([
        ['period', 20],
        ['std_dev', 2],
      ]),
    );
  });

  it('exports the last run in the seed layout, as the CLI writes it', async () => {
    await ensureSample();
    const api = createEngineApi();
    expect(api.reportSeedJson()).toBeNull();
    const r = await api.backtest({
      datasetId: SAMPLE_ID,
      strategy: { kind: 'builtin', name: 'bollinger' },
      params: { risk_per_trade: '0.01' },
      config: DEFAULT_BACKTEST_CONFIG,
    });
    if (!r.ok) throw new Error(r.error);
    const p = resolveParams(bollingerStrategy.params, { risk_per_trade: 0.01 });
    if (!p.ok) throw new Error(p.error);
    const reference = runBacktest(
      syntheticSample(),
      bollingerStrategy,
      p.value,
      DEFAULT_BACKTEST_CONFIG,
    );
    const text = api.reportSeedJson();
    expect(text).toBe(seedReportToJson(buildSeedReport(reference)));
    expect(JSON.parse(text ?? '{}').trade_count).toBe(r.report.summary.trades);
  });
});
