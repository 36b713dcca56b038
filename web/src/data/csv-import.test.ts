import { describe, expect, it } from 'vitest';
import { isCancelledParse, startCsvParse } from './csv-import';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

function file(name: string, rows: string[]): Blob & { name: string } {
  const lines = ['open_time_ms,open,high,low,close,volume', ...rows];
  return Object.assign(new Blob([`${lines.join('\n')}\n`]), { name });
}

const good = (i: number) => `${T0 + i * H},10,12,9,11,${i}`;

describe('startCsvParse (main thread: no Worker in Node)', () => {
  it('parses a file, guessing the symbol from its name', async () => {
    const r = await startCsvParse(file('binance-ethusdt-1h.csv', [0, 1, 2, 3].map(good))).done;
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.candles.symbol).toBe('ETHUSDT');
    expect(r.value.candles.interval).toBe('1h');
    expect(r.value.candles.length).toBe(4);
  });

  it('strict: the first bad row as file:line: reason; skipping: every bad row listed', async () => {
    const rows = [good(0), good(1), `${T0 + 2 * H},10,8,9,11,1`, good(3), 'x,1,1,1,1,1'];
    rows.push(good(5), good(6), good(7));
    const strict = await startCsvParse(file('bad.csv', rows)).done;
    expect(strict).toEqual({ ok: false, error: 'bad.csv:4: high 8 < max(open, close) 11' });
    const skip = await startCsvParse(file('bad.csv', rows), { skipBadRows: true, symbol: 'XYZ' })
      .done;
    expect(skip.ok).toBe(true);
    if (!skip.ok) return;
    expect(skip.value.candles.symbol).toBe('XYZ');
    expect(skip.value.candles.length).toBe(6);
    expect(skip.value.skippedCount).toBe(2);
    expect(skip.value.skipped.map((s) => s.line)).toEqual([4, 6]);
  });

  it('cancels', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => good(i));
    const job = startCsvParse(file('big.csv', rows), { useWorker: false });
    job.cancel();
    const r = await job.done;
    expect(isCancelledParse(r)).toBe(true);
  });
});
