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

  it('names the bad regime field, with the item or the regime it breaks', () => {
    const bad = (f: Partial<SyntheticForm>) => {
      const r = checkSyntheticForm({ ...SYNTHETIC_DEFAULTS, ...f });
      return r.ok ? null : r.error;
    };
    expect(bad({ trend: 'up' })).toBe('Trend: a drift per bar from -0.05 to 0.05.');
    expect(bad({ trend: '' })).toBe('Trend: a drift per bar from -0.05 to 0.05.');
    expect(bad({ trend: '0.06' })).toBe('Trend: a drift per bar from -0.05 to 0.05.');
    expect(bad({ volatilityScale: '0' })).toBe('Volatility scale: a number above 0, at most 100.');
    expect(bad({ volatilityScale: '-1' })).toMatch(/^Volatility scale/);
    expect(bad({ volatilityScale: 'Infinity' })).toMatch(/^Volatility scale/);
    expect(bad({ regimeSwitchRate: '1.01' })).toBe('Regime switch: a chance per bar from 0 to 1.');
    expect(bad({ regimeSwitchRate: 'NaN' })).toMatch(/^Regime switch/);
    expect(bad({ regimes: '' })).toBe('Regimes: no regimes; want drift:vol, ….');
    expect(bad({ regimes: '0.0001:0.01, 0.0002/0.02' })).toBe(
      'Regimes: item 2 "0.0002/0.02": want drift:vol.',
    );
    expect(bad({ regimes: '0.0001:0' })).toBe('Regimes: item 1 "0.0001:0": vol: 0 is not above 0.');
    // Fine alone, not together: the regime they break is named (1-based, as typed).
    expect(bad({ volatilityScale: '50' })).toBe(
      "Volatility scale: 50 makes regime 3's vol 0.6 per bar, above 0.5.",
    );
    expect(bad({ trend: '-0.05' })).toBe(
      "Trend: -0.05 makes regime 3's drift -0.0503 per bar, beyond ±0.05.",
    );
    expect(
      bad({ trend: '0.001', volatilityScale: '3', regimeSwitchRate: '0', regimes: '0:0.01' }),
    ).toBeNull();
  });

  it('passes the regime settings to the generator, and says them in the name and note', async () => {
    const p = params({
      seed: '7',
      bars: '400',
      trend: '0.0001',
      volatilityScale: '3',
      regimeSwitchRate: '0.01',
      regimes: '0.0002:0.006, -0.0003:0.012',
    });
    expect(p).toMatchObject({
      trend: 0.0001,
      volatilityScale: 3,
      regimeSwitchRate: 0.01,
      regimes: [
        { drift: 0.0002, vol: 0.006 },
        { drift: -0.0003, vol: 0.012 },
      ],
    });
    const meta = await saveSyntheticDataset(p, '');
    const want = syntheticSample({
      seed: 7,
      bars: 400,
      trend: 0.0001,
      volatilityScale: 3,
      regimeSwitchRate: 0.01,
      regimes: [
        { drift: 0.0002, vol: 0.006 },
        { drift: -0.0003, vol: 0.012 },
      ],
    });
    const got = await loadCandles(meta.id);
    expect(got && columns(got)).toEqual(columns(want));
    expect(columns(want).close).not.toEqual(columns(syntheticSample({ seed: 7, bars: 400 })).close);
    expect(meta.name).toBe(
      'Synthetic SYNTH-BTCUSDT 1h seed 7 trend 0.0001 vol ×3 switch 0.01 2 regimes',
    );
    expect(meta.note).toBe(
      'Synthetic (generated, seed 7, trend 0.0001/bar, vol ×3, switch 0.01/bar, regimes 0.0002:0.006, -0.0003:0.012): not market data',
    );
  });

  it('only the changed settings are named; the default ones say nothing', async () => {
    const meta = await saveSyntheticDataset(
      params({ seed: '3', bars: '50', volatilityScale: '2' }),
      '',
    );
    expect(meta.name).toBe('Synthetic SYNTH-BTCUSDT 1h seed 3 vol ×2');
    expect(meta.note).toBe('Synthetic (generated, seed 3, vol ×2): not market data');
    const one = params({ regimes: '0.0001:0.005' });
    expect(one.regimeSwitchRate).toBe(1 / 250);
    expect((await saveSyntheticDataset({ ...one, bars: 20 }, '')).name).toBe(
      'Synthetic SYNTH-BTCUSDT 1h seed 20240101 1 regime',
    );
  });
});
