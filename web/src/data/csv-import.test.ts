import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { PARSE_CANCELLED } from './csv-blob-parse';
import { isCancelledParse, startCsvImport } from './csv-import';
import { closeDatasetDb, DATASET_DB, listDatasets, loadCandles } from './dataset-store';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

function file(name: string, rows: string[]): Blob & { name: string } {
  const lines = ['open_time_ms,open,high,low,close,volume', ...rows];
  return Object.assign(new Blob([`${lines.join('\n')}\n`]), { name });
}

const good = (i: number) => `${T0 + i * H},10,12,9,11,${i}`;

afterEach(async () => {
  await closeDatasetDb();
  indexedDB.deleteDatabase(DATASET_DB);
});

describe('startCsvImport (main thread: no Worker in Node)', () => {
  it('parses a file into a summary, guessing the symbol from its name', async () => {
    const r = await startCsvImport(file('binance-ethusdt-1h.csv', [0, 1, 2, 4].map(good))).parsed;
    expect(r).toEqual({
      ok: true,
      value: {
        fileName: 'binance-ethusdt-1h.csv',
        rows: 4,
        symbol: 'ETHUSDT',
        interval: '1h',
        intervalMs: H,
        from: T0,
        to: T0 + 4 * H,
        gaps: 1,
        missingBars: 1,
        skipped: [],
        skippedCount: 0,
        layout: 'canonical',
        timeUnit: 'ms',
        trades: null,
      },
    });
  });

  it('strict: the first bad row as file:line: reason; skipping: every bad row listed', async () => {
    const rows = [good(0), good(1), `${T0 + 2 * H},10,8,9,11,1`, good(3), 'x,1,1,1,1,1'];
    rows.push(good(5), good(6), good(7));
    const strict = await startCsvImport(file('bad.csv', rows)).parsed;
    expect(strict).toEqual({ ok: false, error: 'bad.csv:4: high 8 < max(open, close) 11' });
    const skip = await startCsvImport(file('bad.csv', rows), { skipBadRows: true, symbol: 'XYZ' })
      .parsed;
    expect(skip.ok).toBe(true);
    if (!skip.ok) return;
    expect(skip.value).toMatchObject({ symbol: 'XYZ', rows: 6, skippedCount: 2 });
    expect(skip.value.skipped).toEqual([
      { line: 4, reason: 'high 8 < max(open, close) 11' },
      { line: 6, reason: 'time "x" is not a number' },
    ]);
  });

  it('saves the parsed bars under the chosen name and symbol', async () => {
    const job = startCsvImport(file('prices.csv', [0, 1, 2].map(good)));
    const r = await job.parsed;
    expect(r.ok && r.value.symbol).toBe('');
    const saved = await job.save({ name: ' My prices ', symbol: ' BTCUSDT ', note: 'n' });
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    expect(saved.value).toMatchObject({ name: 'My prices', symbol: 'BTCUSDT', rows: 3, note: 'n' });
    expect(saved.value.source).toBe('csv');
    const c = await loadCandles(saved.value.id);
    expect(c && Array.from(c.close)).toEqual([11, 11, 11]);
    expect((await listDatasets()).length).toBe(1);
    // Saved once: the bars are let go.
    expect(await job.save({ name: 'again', symbol: 'X', note: null })).toEqual({
      ok: false,
      error: 'nothing parsed to save',
    });
  });

  it('cancels', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => good(i));
    const job = startCsvImport(file('big.csv', rows), { useWorker: false });
    job.dispose();
    const r = await job.parsed;
    expect(isCancelledParse(r)).toBe(true);
    expect(await job.save({ name: 'x', symbol: 'X', note: null })).toEqual({
      ok: false,
      error: PARSE_CANCELLED,
    });
  });
});

describe('startCsvImport of a trades file (--data-type trade)', () => {
  const M = 60_000;
  const text = (name: string, lines: string[]) =>
    Object.assign(new Blob([`${lines.join('\n')}\n`]), { name });
  // Worked out by hand: three trades in the first minute, one in the next, none in the third
  // (a gap, not a bar), one in the fourth.
  const seedTrades = [
    `${T0 + 1_000},100,1`,
    `${T0 + 30_000},105,2`,
    `${T0 + 59_999},99,0.5`,
    `${T0 + M},101,1`,
    `${T0 + 3 * M + 5},102,3`,
  ];
  const bars = {
    time: [T0, T0 + M, T0 + 3 * M],
    open: [100, 101, 102],
    high: [105, 101, 102],
    low: [99, 101, 102],
    close: [99, 101, 102],
    volume: [3.5, 1, 3],
  };

  it("makes bars of the interval from the seed's timestamp,price,qty rows, and saves them", async () => {
    const job = startCsvImport(text('btcusdt-trades.csv', seedTrades), { tradeInterval: '1m' });
    const r = await job.parsed;
    expect(r).toEqual({
      ok: true,
      value: {
        fileName: 'btcusdt-trades.csv',
        rows: 3,
        symbol: 'BTCUSDT',
        interval: '1m',
        intervalMs: M,
        from: T0,
        to: T0 + 3 * M,
        gaps: 1,
        missingBars: 1,
        skipped: [],
        skippedCount: 0,
        layout: 'trades',
        timeUnit: null,
        trades: 5,
      },
    });
    const saved = await job.save({ name: 'trades', symbol: 'BTCUSDT', note: null });
    if (!saved.ok) throw new Error(saved.error);
    const c = await loadCandles(saved.value.id);
    expect(
      c && {
        time: Array.from(c.time),
        open: Array.from(c.open),
        high: Array.from(c.high),
        low: Array.from(c.low),
        close: Array.from(c.close),
        volume: Array.from(c.volume),
      },
    ).toEqual(bars);
  });

  it("reads Binance's aggTrades dump (µs times) and named columns alike", async () => {
    // agg_id,price,qty,first_id,last_id,time,is_buyer_maker,best_match
    const agg = seedTrades.map((l, i) => {
      const [t, p, q] = l.split(',');
      return `${i + 1},${p},${q},${i},${i},${t}000,true,true`;
    });
    const a = await startCsvImport(text('ETHUSDT-aggTrades.csv', agg), { tradeInterval: '1m' })
      .parsed;
    expect(a.ok && [a.value.rows, a.value.trades, a.value.symbol]).toEqual([3, 5, 'ETHUSDT']);
    const named = ['qty,price,timestamp', ...seedTrades.map((l) => l.split(',').reverse().join())];
    const n = await startCsvImport(text('t.csv', named), { tradeInterval: '3m' }).parsed;
    // 3m bars: the first four trades in [T0, T0+3m), the last in [T0+3m, T0+6m).
    expect(n.ok && [n.value.rows, n.value.gaps, n.value.interval]).toEqual([2, 0, '3m']);
  });

  it('errors name the line, as for klines', async () => {
    const bad = [...seedTrades.slice(0, 2), 'soon,100,1', ...seedTrades.slice(2)];
    expect(await startCsvImport(text('b.csv', bad), { tradeInterval: '1m' }).parsed).toEqual({
      ok: false,
      error: 'b.csv:3: bad timestamp "soon"',
    });
  });
});
