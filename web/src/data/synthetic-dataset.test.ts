import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { type Candles, syntheticSample } from '../../../engine-core/src/market';
import { closeDatasetDb, DATASET_DB, listDatasets, loadCandles } from './dataset-store';
import {
  checkSyntheticForm,
  SYNTHETIC_DEFAULTS,
  type SyntheticForm,
  saveSyntheticDataset,
} from './synthetic-dataset';

afterEach(async () => {
  await closeDatasetDb();
  indexedDB.deleteDatabase(DATASET_DB);
});

const columns = (c: Candles) => ({
  symbol: c.symbol,
  interval: c.interval,
  intervalMs: c.intervalMs,
  time: Array.from(c.time),
  open: Array.from(c.open),
  high: Array.from(c.high),
  low: Array.from(c.low),
  close: Array.from(c.close),
  volume: Array.from(c.volume),
});

const params = (f: Partial<SyntheticForm>) => {
  const r = checkSyntheticForm({ ...SYNTHETIC_DEFAULTS, ...f });
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('synthetic datasets', () => {
  it('stores exactly the generator output for the same parameters', async () => {
    const p = params({
      seed: '7',
      bars: '500',
      interval: '15m',
      startDay: '2023-06-01',
      startPrice: '1800',
      gapRate: '0.05',
      symbol: 'synth-eth',
    });
    const meta = await saveSyntheticDataset(p, '');
    const want = syntheticSample({
      seed: 7,
      bars: 500,
      interval: '15m',
      intervalMs: 900_000,
      startMs: Date.UTC(2023, 5, 1),
      startPrice: 1800,
      gapRate: 0.05,
      symbol: 'SYNTH-ETH',
    });
    const got = await loadCandles(meta.id);
    expect(got && columns(got)).toEqual(columns(want));
    expect(meta).toMatchObject({
      name: 'Synthetic SYNTH-ETH 15m seed 7',
      source: 'synthetic',
      rows: 500,
      note: 'Synthetic (generated, seed 7, gap rate 0.05): not market data',
    });
    // A gap rate of 5 % per bar leaves outages, which the table counts.
    expect(meta.gaps).toBeGreaterThan(0);
    expect((await listDatasets()).map((d) => d.id)).toEqual([meta.id]);
  });

  it('the defaults are the bundled sample (the CLI defaults)', () => {
    expect(columns(syntheticSample(params({})))).toEqual(columns(syntheticSample()));
  });

  it('names the first bad field', () => {
    const bad = (f: Partial<SyntheticForm>) => {
      const r = checkSyntheticForm({ ...SYNTHETIC_DEFAULTS, ...f });
      return r.ok ? null : r.error;
    };
    expect(bad({ seed: '-1' })).toMatch(/^Seed/);
    expect(bad({ bars: '1' })).toMatch(/^Bars/);
    expect(bad({ bars: '2.5' })).toMatch(/^Bars/);
    expect(bad({ interval: '7m' })).toMatch(/^Interval/);
    expect(bad({ startDay: '2024-02-31' })).toMatch(/^Start:/);
    expect(bad({ startPrice: '0' })).toMatch(/^Start price/);
    expect(bad({ gapRate: '0.6' })).toMatch(/^Gap rate/);
    expect(bad({ symbol: 'BTC USDT' })).toMatch(/^Symbol/);
    expect(bad({})).toBeNull();
  });
});
