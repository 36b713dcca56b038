import {
  appendFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CandleBuilder, type Candles, sliceCandles } from '../../../engine-core/src/market';
import { FileKlineCache } from './file-kline-cache';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

/** Awkward doubles on purpose: they must read back bit for bit. */
function series(n: number): Candles {
  const b = new CandleBuilder();
  for (let i = 0; i < n; i++) {
    const o = 0.1 + 0.2 + i / 3;
    b.push(T0 + i * H, o, o + 1e-7, o - 1 / 7, o + 0.5 ** 30, i === 0 ? 0 : 1e21 / 3);
  }
  return b.build('BTCUSDT', '1h', H);
}

function expectSame(a: Candles | null, b: Candles): void {
  expect(a).not.toBeNull();
  if (a === null) return;
  expect([a.symbol, a.interval, a.intervalMs, a.length]).toEqual([
    b.symbol,
    b.interval,
    b.intervalMs,
    b.length,
  ]);
  for (const col of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
    expect(Array.from(a[col])).toEqual(Array.from(b[col]));
  }
}

describe('FileKlineCache', () => {
  let dir = '';
  let warnings: string[] = [];
  let cache: FileKlineCache;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'veloz-klines-'));
    warnings = [];
    cache = new FileKlineCache(join(dir, 'cache'), { onWarning: (m) => warnings.push(m) });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores one canonical CSV per symbol and interval, and reads it back exactly', async () => {
    expect(await cache.get('BTCUSDT', '1h')).toBeNull();
    const c = series(50);
    await cache.put('BTCUSDT', '1h', c);
    const path = join(dir, 'cache', 'BTCUSDT-1h.csv');
    expect(readFileSync(path, 'utf8').split('\n')[0]).toBe(
      'open_time_ms,open,high,low,close,volume',
    );
    expectSame(await cache.get('BTCUSDT', '1h'), c);
    expect(readdirSync(join(dir, 'cache'))).toEqual(['BTCUSDT-1h.csv']); // no temp file left
  });

  it('appends after the last bar and refuses overlapping bars', async () => {
    const c = series(30);
    await cache.append('BTCUSDT', '1h', sliceCandles(c, 0, 10)); // creates the file
    await cache.append('BTCUSDT', '1h', sliceCandles(c, 10, 30));
    expectSame(await cache.get('BTCUSDT', '1h'), c);
    await expect(cache.append('BTCUSDT', '1h', sliceCandles(c, 29, 30))).rejects.toThrow(
      /is not after the last one/,
    );
    await cache.put('BTCUSDT', '1h', sliceCandles(c, 0, 5));
    expectSame(await cache.get('BTCUSDT', '1h'), sliceCandles(c, 0, 5));
  });

  it('cuts a torn last line off with a warning', async () => {
    const c = series(10);
    await cache.put('BTCUSDT', '1h', c);
    const path = cache.pathOf('BTCUSDT', '1h');
    appendFileSync(path, `${T0 + 10 * H},1.5,2`); // a crash mid-append
    await cache.append('BTCUSDT', '1h', sliceCandles(series(12), 10, 12));
    expect(warnings).toEqual([expect.stringMatching(/dropping a torn last line \(\d+ chars\)$/)]);
    expectSame(await cache.get('BTCUSDT', '1h'), series(12));
    appendFileSync(path, '99');
    expectSame(await cache.get('BTCUSDT', '1h'), series(12));
    expect(warnings).toHaveLength(2);
  });

  it('treats a corrupt file as absent, with a warning naming file and line', async () => {
    await cache.put('BTCUSDT', '1h', series(3));
    const path = cache.pathOf('BTCUSDT', '1h');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/\n(\d+),/, '\n$1,abc,'));
    expect(await cache.get('BTCUSDT', '1h')).toBeNull();
    expect(warnings[0]).toMatch(
      /kline cache: ignoring .*BTCUSDT-1h\.csv:2: expected 6 columns, got 7$/,
    );
  });

  it('refuses keys that could leave its directory', () => {
    expect(() => cache.pathOf('../X', '1h')).toThrow(/bad cache key/);
    expect(() => cache.pathOf('BTCUSDT', '1h/../../x')).toThrow(/bad cache key/);
  });
});
