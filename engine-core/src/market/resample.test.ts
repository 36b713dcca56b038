// biome-ignore lint/correctness/noNodejsModules: a test reading fixture files from disk
// biome-ignore lint/style/noRestrictedImports: a test reading fixture files from disk
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CandleBuilder } from './candle-builder';
import type { Candles } from './candles';
import { parseCandleCsv } from './csv-parser';
import { detectGaps } from './gaps';
import { resample } from './resample';

const M = 60_000;
const H = 60 * M;
const D = 24 * H;

const DATA_DIR = new URL('../../../../shared/data/', import.meta.url);
const HAVE_DATA = existsSync(DATA_DIR);
if (!HAVE_DATA) console.warn('NOTE: ../shared/data is absent: the resample cross-check is skipped');

/** Bars at the given minute offsets from `t0`, with prices from the offset. */
function minutes(offsets: readonly number[], t0 = Date.UTC(2024, 0, 1)): Candles {
  const b = new CandleBuilder();
  for (const k of offsets)
    b.push(t0 + k * M, 100 + k, 101 + k + (k % 3), 99 + k - (k % 2), 100.5 + k, 1 + k / 10);
  return b.build('BTCUSDT', '1m', M);
}

function value<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('resample', () => {
  it('aggregates OHLCV per UTC bucket', () => {
    const c = minutes(Array.from({ length: 10 }, (_, k) => k));
    const r = value(resample(c, '5m'));
    expect(r.candles.interval).toBe('5m');
    expect(r.candles.length).toBe(2);
    expect(Array.from(r.candles.open)).toEqual([100, 105]);
    const high = (ks: number[]) => Math.max(...ks.map((k) => 101 + k + (k % 3)));
    expect(Array.from(r.candles.high)).toEqual([high([0, 1, 2, 3, 4]), high([5, 6, 7, 8, 9])]);
    const low = (ks: number[]) => Math.min(...ks.map((k) => 99 + k - (k % 2)));
    expect(Array.from(r.candles.low)).toEqual([low([0, 1, 2, 3, 4]), low([5, 6, 7, 8, 9])]);
    expect(Array.from(r.candles.close)).toEqual([104.5, 109.5]);
    expect(r.candles.volume[0]).toBe(1 + 1.1 + 1.2 + 1.3 + 1.4);
    expect(r.partial).toEqual([]);
    expect(r.gaps).toEqual([]);
  });

  it('keeps partial buckets at gaps and at the ends, and lists them', () => {
    // 00:03..00:04, 00:05..00:09, then a gap to 00:22..00:23.
    const c = minutes([3, 4, 5, 6, 7, 8, 9, 22, 23]);
    const r = value(resample(c, '5m'));
    const t0 = Date.UTC(2024, 0, 1);
    expect(Array.from(r.candles.time)).toEqual([t0, t0 + 5 * M, t0 + 20 * M]);
    expect(r.partial).toEqual([
      { time: t0, bars: 2, expectedBars: 5 },
      { time: t0 + 20 * M, bars: 2, expectedBars: 5 },
    ]);
    expect(r.gaps).toEqual([{ afterTime: t0 + 5 * M, beforeTime: t0 + 20 * M, missingBars: 2 }]);
  });

  it('aligns weeks on Monday 00:00 UTC and 4h on the epoch', () => {
    const b = new CandleBuilder();
    const start = Date.UTC(2024, 0, 3); // a Wednesday
    for (let d = 0; d < 14; d++) b.push(start + d * D, 10, 11, 9, 10, 1);
    const w = value(resample(b.build('X', '1d', D), '1w'));
    expect(Array.from(w.candles.time).map((t) => new Date(t).toISOString())).toEqual([
      '2024-01-01T00:00:00.000Z',
      '2024-01-08T00:00:00.000Z',
      '2024-01-15T00:00:00.000Z',
    ]);
    expect(Array.from(w.candles.volume)).toEqual([5, 7, 2]);
    const h = minutes(Array.from({ length: 300 }, (_, k) => 170 + k));
    const r = value(resample(h, '4h'));
    expect(new Date(r.candles.time[0]).toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(new Date(r.candles.time[1]).toISOString()).toBe('2024-01-01T04:00:00.000Z');
  });

  it('refuses a target that is not a whole multiple of the source', () => {
    const c = minutes([0, 1, 2]);
    expect(resample(c, '90s')).toEqual({
      ok: false,
      error: 'cannot resample 1m to 90s: 90s is not a whole multiple of 1m',
    });
    expect(resample(c, '30s').ok).toBe(false);
    expect(resample(c, '1M')).toEqual({
      ok: false,
      error: 'unknown interval "1M" (expected e.g. 1m, 5m, 1h, 4h, 1d, 1w)',
    });
    // Same interval: an identical copy.
    const same = value(resample(c, '1m'));
    expect(Array.from(same.candles.close)).toEqual(Array.from(c.close));
  });

  it('refuses source bars that cross a target boundary', () => {
    const b = new CandleBuilder();
    const t = Date.UTC(2024, 0, 1, 1, 30); // a 1h bar from 01:30 to 02:30
    b.push(t, 1, 1, 1, 1, 1);
    expect(resample(b.build('X', '1h', H), '2h')).toEqual({
      ok: false,
      error: `cannot resample 1h to 2h: the bar at ${t} crosses the 2h boundary at ${t + 30 * M}`,
    });
  });

  it.skipIf(!HAVE_DATA)(
    'btc-perp 1m → 1h equals a naive group-by of floor(t / 3 600 000), exactly',
    () => {
      const name = 'btc-perp-2022-01-1m.csv';
      const text = readFileSync(new URL(name, DATA_DIR), 'utf8');
      const src = value(parseCandleCsv(text, { fileName: name })).candles;
      // The naive reference: text rows → Map keyed by hour.
      const groups = new Map<number, number[][]>();
      for (const line of text.trim().split('\n').slice(1)) {
        const row = line.split(',').map(Number);
        const key = Math.floor((row[0] ?? 0) / H);
        const g = groups.get(key) ?? [];
        g.push(row);
        groups.set(key, g);
      }
      const r = value(resample(src, '1h'));
      expect(r.candles.length).toBe(groups.size);
      let i = 0;
      for (const [key, rows] of groups) {
        const col = (k: number) => rows.map((row) => row[k] ?? Number.NaN);
        let vol = 0;
        for (const v of col(5)) vol += v;
        expect([
          r.candles.time[i],
          r.candles.open[i],
          r.candles.high[i],
          r.candles.low[i],
          r.candles.close[i],
          r.candles.volume[i],
        ]).toEqual([
          key * H,
          col(1)[0],
          Math.max(...col(2)),
          Math.min(...col(3)),
          col(4).at(-1),
          vol,
        ]);
        i++;
      }
      // The file has no gaps (45 031 minutes, 23:01 to 05:31): only the two end hours are partial.
      expect(detectGaps(src.time, M)).toEqual([]);
      expect(r.partial).toEqual([
        { time: Date.UTC(2021, 11, 31, 23), bars: 59, expectedBars: 60 },
        { time: Date.UTC(2022, 1, 1, 5), bars: 32, expectedBars: 60 },
      ]);
      expect(r.gaps).toEqual([]);
    },
    30_000,
  );
});
