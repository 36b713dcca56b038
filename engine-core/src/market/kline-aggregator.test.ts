import { describe, expect, it } from 'vitest';
import { CandleBuilder } from './candle-builder';
import { barAt, type CandleBar } from './candles';
import { KlineAggregator } from './kline-aggregator';
import { resample } from './resample';

const M = 60_000;
const T0 = Date.UTC(2024, 0, 1);

function ok<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('KlineAggregator', () => {
  it('builds the same bars from a 1m stream as resample does from the series', () => {
    const b = new CandleBuilder();
    for (let k = 0; k < 200; k++) {
      if (k >= 40 && k < 47) continue; // a gap
      b.push(T0 + k * M, 100 + (k % 9), 110 + (k % 9), 95 + (k % 5), 101 + (k % 7), k);
    }
    const src = b.build('X', '1m', M);
    const agg = new KlineAggregator({ intervalMs: 15 * M });
    const out: CandleBar[] = [];
    for (let i = 0; i < src.length; i++) out.push(...ok(agg.pushBar(barAt(src, i))));
    out.push(...agg.closeUntil(T0 + 1000 * M));
    const ref = ok(resample(src, '15m')).candles;
    expect(out).toEqual(Array.from({ length: ref.length }, (_, i) => barAt(ref, i)));
  });

  it('closes a bar on its last source bar when the source interval is known', () => {
    const agg = new KlineAggregator({ intervalMs: 5 * M, sourceIntervalMs: M });
    for (let k = 0; k < 4; k++) {
      expect(
        ok(agg.pushBar({ time: T0 + k * M, open: 1, high: 2, low: 1, close: 2, volume: 1 })),
      ).toEqual([]);
    }
    const closed = ok(
      agg.pushBar({ time: T0 + 4 * M, open: 2, high: 3, low: 1, close: 1.5, volume: 1 }),
    );
    expect(closed).toEqual([{ time: T0, open: 1, high: 3, low: 1, close: 1.5, volume: 5 }]);
    expect(agg.current()).toBeNull();
  });

  it('builds bars from trades, out of order within a bar, and refuses late ones', () => {
    const agg = new KlineAggregator({ intervalMs: M });
    expect(ok(agg.pushTrade({ time: T0 + 10_000, price: 100, qty: 1 }))).toEqual([]);
    ok(agg.pushTrade({ time: T0 + 5_000, price: 99, qty: 2 })); // earlier: the new open
    ok(agg.pushTrade({ time: T0 + 50_000, price: 104, qty: 0.5 }));
    ok(agg.pushTrade({ time: T0 + 40_000, price: 97, qty: 0.5 })); // not the close
    expect(agg.current()).toEqual({
      time: T0,
      open: 99,
      high: 104,
      low: 97,
      close: 104,
      volume: 4,
    });
    const closed = ok(agg.pushTrade({ time: T0 + 3 * M, price: 105, qty: 1 }));
    expect(closed).toEqual([{ time: T0, open: 99, high: 104, low: 97, close: 104, volume: 4 }]);
    expect(agg.pushTrade({ time: T0 + 59_000, price: 100, qty: 1 })).toEqual({
      ok: false,
      error: `trade at ${T0 + 59_000} is late: its bar was already closed`,
    });
    expect(agg.pushTrade({ time: T0 + 3 * M, price: -1, qty: 1 }).ok).toBe(false);
    expect(agg.closeUntil(T0 + 3 * M + 59_999)).toEqual([]);
    expect(agg.closeUntil(T0 + 4 * M)).toEqual([
      { time: T0 + 3 * M, open: 105, high: 105, low: 105, close: 105, volume: 1 },
    ]);
  });

  it('refuses bad, repeated and misaligned bars', () => {
    const agg = new KlineAggregator({ intervalMs: 2 * M, sourceIntervalMs: M });
    const bar = { time: T0, open: 1, high: 2, low: 1, close: 2, volume: 1 };
    ok(agg.pushBar(bar));
    expect(agg.pushBar(bar)).toEqual({
      ok: false,
      error: `bar at ${T0} is not after the previous one at ${T0}`,
    });
    expect(agg.pushBar({ ...bar, time: T0 + M, high: 0.5 }).ok).toBe(false);
    const hourly = new KlineAggregator({ intervalMs: 2 * 60 * M, sourceIntervalMs: 60 * M });
    expect(hourly.pushBar({ ...bar, time: T0 + 90 * M }).ok).toBe(false);
  });
});
