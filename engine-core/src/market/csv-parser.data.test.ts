// The real candle files of ../shared/data (see its README): every file loads, with the row counts
// and gaps the README lists; the 12-column file equals the matching rows of binance-btcusdt-1h.csv.
// Skipped, with a visible note, when ../shared/data is absent.
//
// Tests may use Node; engine-core itself may not, hence the suppressions on this import only.
// biome-ignore lint/correctness/noNodejsModules: a test reading fixture files from disk
// biome-ignore lint/style/noRestrictedImports: a test reading fixture files from disk
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CANDLE_COLUMNS, type Candles, lowerBound, sliceCandles } from './candles';
import { createCandleCsvParser, parseCandleCsv } from './csv-parser';
import type { Gap } from './gaps';

// engine-core/src/market/ → the repository root is three levels up; the data sit beside it.
const DATA_DIR = new URL('../../../../shared/data/', import.meta.url);
const HAVE_DATA = existsSync(DATA_DIR);
if (!HAVE_DATA) console.warn('NOTE: ../shared/data is absent: real-data CSV tests are skipped');

const read = (name: string): string => readFileSync(new URL(name, DATA_DIR), 'utf8');

function load(name: string) {
  const r = parseCandleCsv(read(name), { fileName: name });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** Fails unless both have the same metadata and exactly the same column values. */
function expectSameCandles(a: Candles, b: Candles): void {
  expect([a.symbol, a.interval, a.intervalMs, a.length]).toEqual([
    b.symbol,
    b.interval,
    b.intervalMs,
    b.length,
  ]);
  for (const col of CANDLE_COLUMNS) {
    const x = a[col];
    const y = b[col];
    let i = 0;
    while (i < x.length && Object.is(x[i], y[i])) i++;
    expect(i, `${col} differs at row ${i}`).toBe(x.length);
  }
}

const H = 3_600_000;
const utc = (s: string): number => Date.parse(`${s}:00Z`);

/** The README's gaps: last bar before each outage, and the bars missing. */
const SPOT_GAPS: [string, number][] = [
  ['2021-04-20T01:00', 2],
  ['2021-04-25T04:00', 3],
  ['2021-08-13T01:00', 4],
  ['2021-09-29T06:00', 2],
  ['2023-03-24T12:00', 1],
];
const spotGaps = (): Gap[] =>
  SPOT_GAPS.map(([after, missing]) => ({
    afterTime: utc(after),
    beforeTime: utc(after) + (missing + 1) * H,
    missingBars: missing,
  }));

describe.skipIf(!HAVE_DATA)('real data in ../shared/data', { timeout: 30_000 }, () => {
  it('loads every CSV file there', () => {
    const names = readdirSync(DATA_DIR).filter((n) => n.endsWith('.csv'));
    expect(names.length).toBeGreaterThanOrEqual(5);
    for (const name of names) {
      const r = parseCandleCsv(read(name), { fileName: name });
      expect(r.ok, r.ok ? name : r.error).toBe(true);
    }
  });

  it.each([
    ['binance-btcusdt-1h.csv', 23_988, '1h', 'BTCUSDT', '2021-04-04T20:00', '2023-12-30T19:00'],
    ['binance-ethusdt-1h.csv', 23_989, '1h', 'ETHUSDT', '2021-04-04T20:00', '2023-12-30T20:00'],
    [
      'binance-futures-bnbusdt-1h.csv',
      16_319,
      '1h',
      'BNBUSDT',
      '2020-08-02T02:00',
      '2022-06-13T00:00',
    ],
    [
      'binance-btcusdt-1h-kline12-2023-01-to-05.csv',
      3_623,
      '1h',
      'BTCUSDT',
      '2023-01-01T00:00',
      '2023-05-31T23:00',
    ],
    ['btc-perp-2022-01-1m.csv', 45_031, '1m', '', '2021-12-31T23:01', '2022-02-01T05:31'],
  ])('%s: %i rows of %s', (name, rows, interval, symbol, first, last) => {
    const { candles, skippedCount } = load(name);
    expect(candles.length).toBe(rows);
    expect(candles.interval).toBe(interval);
    expect(candles.symbol).toBe(symbol);
    expect(candles.time[0]).toBe(utc(first));
    expect(candles.time[rows - 1]).toBe(utc(last));
    expect(skippedCount).toBe(0);
  });

  it('finds the five real Binance spot outages in BTC and ETH, 12 bars in all', () => {
    for (const name of ['binance-btcusdt-1h.csv', 'binance-ethusdt-1h.csv']) {
      expect(load(name).gaps).toEqual(spotGaps());
    }
    expect(load('binance-futures-bnbusdt-1h.csv').gaps).toEqual([]);
  });

  it('the 12-column file: one gap, and the 2023-03-24 halt bar with zero volume is accepted', () => {
    const r = load('binance-btcusdt-1h-kline12-2023-01-to-05.csv');
    expect(r.layout).toBe('binance12');
    expect(r.gaps).toEqual(spotGaps().slice(4));
    const i = lowerBound(r.candles.time, utc('2023-03-24T12:00'));
    const c = r.candles;
    expect([c.open[i], c.high[i], c.low[i], c.close[i], c.volume[i]]).toEqual([
      c.open[i],
      c.open[i],
      c.open[i],
      c.open[i],
      0,
    ]);
  });

  it('the 12-column file equals the matching rows of binance-btcusdt-1h.csv exactly', () => {
    const k = load('binance-btcusdt-1h-kline12-2023-01-to-05.csv').candles;
    const all = load('binance-btcusdt-1h.csv').candles;
    const from = lowerBound(all.time, k.time[0]);
    expectSameCandles(k, sliceCandles(all, from, from + k.length));
  });

  it('streams a real file in 4 KiB chunks to the same result', () => {
    const name = 'binance-ethusdt-1h.csv';
    const text = read(name);
    const p = createCandleCsvParser({ fileName: name });
    for (let i = 0; i < text.length; i += 4096) p.push(text.slice(i, i + 4096));
    const streamed = p.end();
    const whole = parseCandleCsv(text, { fileName: name });
    if (!streamed.ok || !whole.ok) throw new Error('parse failed');
    expectSameCandles(streamed.value.candles, whole.value.candles);
    expect(streamed.value.gaps).toEqual(whole.value.gaps);
  });

  it('reads the seed layout of a real file in s, µs and ns to the same candles', () => {
    const name = 'binance-btcusdt-1h.csv';
    const base = load(name).candles;
    const rows = read(name).trimEnd().split('\n').slice(1);
    for (const [suffix, cut] of [
      ['000', 0],
      ['000000', 0],
      ['', 3],
    ] as const) {
      const text = rows
        .map((r) => {
          const comma = r.indexOf(',');
          const ts = r.slice(0, comma);
          return `${ts.slice(0, ts.length - cut)}${suffix}${r.slice(comma)}`;
        })
        .join('\n');
      const r = parseCandleCsv(text, { fileName: name });
      expect(r.ok && r.value.layout).toBe('seed');
      if (r.ok) expectSameCandles(r.value.candles, base);
    }
  });
});
