import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CandleBuilder } from './candle-builder';
import {
  barAt,
  concatCandles,
  emptyCandles,
  lowerBound,
  sliceCandles,
  sliceCandlesByTime,
  upperBound,
} from './candles';
import {
  bucketStart,
  intervalToMs,
  isKlineInterval,
  KLINE_INTERVALS,
  msToInterval,
  parseInterval,
} from './intervals';

const H = 3_600_000;

function series(n: number, step = H, t0 = 0) {
  const b = new CandleBuilder(4);
  for (let i = 0; i < n; i++) b.push(t0 + i * step, 10 + i, 12 + i, 9 + i, 11 + i, i);
  return b.build('BTCUSDT', msToInterval(step), step);
}

describe('intervals', () => {
  it('maps every Binance interval to ms and back', () => {
    const expected: Record<string, number> = {
      '1m': 60_000,
      '3m': 180_000,
      '5m': 300_000,
      '15m': 900_000,
      '30m': 1_800_000,
      '1h': H,
      '2h': 2 * H,
      '4h': 4 * H,
      '6h': 6 * H,
      '8h': 8 * H,
      '12h': 12 * H,
      '1d': 24 * H,
      '3d': 72 * H,
      '1w': 168 * H,
    };
    for (const [label, ms] of Object.entries(expected)) {
      expect(isKlineInterval(label)).toBe(true);
      if (isKlineInterval(label)) expect(intervalToMs(label)).toBe(ms);
      expect(msToInterval(ms)).toBe(label);
    }
    for (const i of KLINE_INTERVALS) expect(msToInterval(intervalToMs(i))).toBe(i);
  });

  it('parses generic labels and refuses others', () => {
    expect(parseInterval('2m')).toEqual({ ok: true, value: 120_000 });
    expect(parseInterval('90s')).toEqual({ ok: true, value: 90_000 });
    expect(parseInterval('250ms')).toEqual({ ok: true, value: 250 });
    expect(msToInterval(90_000)).toBe('90s');
    expect(msToInterval(250)).toBe('250ms');
    for (const bad of ['1M', '0m', 'h', '1y', '-1h', '1.5h', '']) {
      const r = parseInterval(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toContain('unknown interval');
    }
  });

  it('anchors buckets at the epoch, and weeks on Monday 00:00 UTC like Binance', () => {
    const t = Date.UTC(2024, 0, 17, 13, 45); // Wednesday
    expect(bucketStart(t, H)).toBe(Date.UTC(2024, 0, 17, 13));
    expect(bucketStart(t, 4 * H)).toBe(Date.UTC(2024, 0, 17, 12));
    expect(bucketStart(t, 24 * H)).toBe(Date.UTC(2024, 0, 17));
    const monday = bucketStart(t, 168 * H);
    expect(monday).toBe(Date.UTC(2024, 0, 15));
    expect(new Date(monday).getUTCDay()).toBe(1);
    // Before the first Monday of the epoch.
    expect(new Date(bucketStart(0, 168 * H)).toISOString()).toBe('1969-12-29T00:00:00.000Z');
  });
});

describe('CandleBuilder', () => {
  it('grows geometrically and keeps every row', () => {
    const c = series(10_000);
    expect(c.length).toBe(10_000);
    expect(c.time.length).toBe(10_000);
    expect(c.time[9_999]).toBe(9_999 * H);
    expect(barAt(c, 5)).toEqual({ time: 5 * H, open: 15, high: 17, low: 14, close: 16, volume: 5 });
  });

  it('retains the marked rows in order', () => {
    const b = new CandleBuilder();
    for (let i = 0; i < 5; i++) b.push(i, 1, 1, 1, 1, i);
    b.retain(Uint8Array.from([1, 0, 1, 0, 1]));
    expect(Array.from(b.build('X', '1ms', 1).volume)).toEqual([0, 2, 4]);
  });
});

describe('slices and search', () => {
  it('slices without copying', () => {
    const c = series(100);
    const s = sliceCandles(c, 10, 20);
    expect(s.length).toBe(10);
    expect(s.time[0]).toBe(10 * H);
    expect(s.close.buffer).toBe(c.close.buffer);
    expect(sliceCandles(c, -5).length).toBe(5);
    expect(sliceCandles(c, 50, 10).length).toBe(0);
    const byTime = sliceCandlesByTime(c, 10 * H + 1, 12 * H + 1);
    expect(Array.from(byTime.time)).toEqual([11 * H, 12 * H]);
  });

  it('lowerBound/upperBound agree with a linear scan', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { maxLength: 50 }),
        fc.integer({ min: -1100, max: 1100 }),
        (values, t) => {
          const time = Float64Array.from(values.sort((a, b) => a - b));
          const lin = (pred: (x: number) => boolean) => {
            const i = Array.from(time).findIndex(pred);
            return i < 0 ? time.length : i;
          };
          expect(lowerBound(time, t)).toBe(lin((x) => x >= t));
          expect(upperBound(time, t)).toBe(lin((x) => x > t));
        },
      ),
      { seed: 7, numRuns: 500 },
    );
  });

  it('concatenates parts', () => {
    const a = series(3);
    const b = series(2, H, 3 * H);
    const c = concatCandles(a, emptyCandles('BTCUSDT', '1h', H), b);
    expect(Array.from(c.time)).toEqual([0, H, 2 * H, 3 * H, 4 * H]);
    expect(Array.from(c.volume)).toEqual([0, 1, 2, 0, 1]);
  });
});
