import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  CandleBuilder,
  type Candles,
  downloadKlines,
  sliceCandles,
} from '../../../engine-core/src/market';
import { createFakeKlinesHttp } from '../../../engine-core/src/market/testing/fake-binance-replies';
import { IdbKlineCache } from './idb-kline-cache';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

function series(n: number): Candles {
  const b = new CandleBuilder();
  for (let i = 0; i < n; i++) {
    const o = 0.1 + 0.2 + i / 7;
    b.push(T0 + i * H, o, o + 1, o - 0.1, o + 0.5, i / 3);
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

let dbCount = 0;
const freshCache = () => new IdbKlineCache(`test-${++dbCount}`);

describe('IdbKlineCache (fake-indexeddb)', () => {
  it('puts, appends and reads back exactly; series are kept apart', async () => {
    const cache = freshCache();
    const c = series(40);
    expect(await cache.get('BTCUSDT', '1h')).toBeNull();
    await cache.append('BTCUSDT', '1h', sliceCandles(c, 0, 10));
    await cache.append('BTCUSDT', '1h', sliceCandles(c, 10, 25));
    await cache.append('BTCUSDT', '1h', sliceCandles(c, 25, 40));
    expectSame(await cache.get('BTCUSDT', '1h'), c);
    expect(await cache.get('BTCUSDT', '4h')).toBeNull();
    expect(await cache.get('ETHUSDT', '1h')).toBeNull();
    await expect(cache.append('BTCUSDT', '1h', sliceCandles(c, 39, 40))).rejects.toThrow(
      /is not after the last one/,
    );
    expectSame(await cache.get('BTCUSDT', '1h'), c);
    await cache.put('BTCUSDT', '1h', sliceCandles(c, 5, 8));
    expectSame(await cache.get('BTCUSDT', '1h'), sliceCandles(c, 5, 8));
    await cache.close();
  });

  it('merges a series of many chunks into one', async () => {
    const cache = freshCache();
    const c = series(300);
    for (let i = 0; i < 300; i++) await cache.append('BTCUSDT', '1h', sliceCandles(c, i, i + 1));
    expectSame(await cache.get('BTCUSDT', '1h'), c);
    await cache.close();
  });

  it('is a working cache for downloadKlines, resumable across instances', async () => {
    const src = series(2500);
    let now = T0 + 3000 * H;
    const fake = createFakeKlinesHttp({
      candles: src,
      now: () => now,
      fault: (n) => (n === 1 ? { kind: 'drop' } : undefined),
    });
    const name = `test-${++dbCount}`;
    const base = {
      symbol: 'BTCUSDT',
      interval: '1h',
      startMs: T0,
      endMs: T0 + 2500 * H,
      http: fake.http,
      sleep: async (ms: number) => {
        now += ms;
      },
      now: () => now,
      maxRetries: 0,
    };
    const first = new IdbKlineCache(name);
    const failed = await downloadKlines({ ...base, cache: first });
    expect(failed.ok).toBe(false);
    await first.close();
    const second = new IdbKlineCache(name);
    const r = await downloadKlines({ ...base, cache: second });
    expect(r.ok && r.value.fetchedBars).toBe(1500);
    if (r.ok) expectSame(r.value.candles, src);
    expect(fake.seen.map((q) => Number(q.query.startTime))).toEqual([
      T0,
      T0 + 1000 * H,
      T0 + 1000 * H,
      T0 + 2000 * H,
    ]);
    await second.close();
  });
});
