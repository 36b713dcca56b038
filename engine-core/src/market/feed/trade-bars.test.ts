import { describe, expect, it } from 'vitest';
import { type SymbolId, symbolId, timestampMs } from '../../model';
import type { MarketUpdate } from '../../venue/market-feed';
import { candlesFromColumns } from '../candles';
import { resample } from '../resample';
import { candleUpdates } from './candle-updates';
import { TradeBars } from './trade-bars';

const BTC = symbolId('BTCUSDT');
const trade = (ts: number, price: number, qty: number, symbol: SymbolId = BTC): MarketUpdate => ({
  kind: 'trade',
  symbol,
  price,
  qty,
  side: 'BUY',
  ts: timestampMs(ts),
});

describe('TradeBars', () => {
  it('builds bars of any interval from trades, closing them on the next bar or on time', () => {
    const bars = new TradeBars(5_000);
    expect(bars.interval).toBe('5s');
    expect(bars.onUpdate(trade(1_000, 10, 1))).toEqual([]);
    expect(bars.onUpdate(trade(2_000, 12, 2))).toEqual([]);
    expect(bars.onUpdate(trade(4_999, 9, 1))).toEqual([]);
    const closed = bars.onUpdate(trade(7_000, 11, 1));
    expect(closed).toEqual([
      {
        kind: 'kline',
        symbol: BTC,
        interval: '5s',
        bar: { time: 0, open: 10, high: 12, low: 9, close: 9, volume: 4 },
        closed: true,
        ts: 4_999,
      },
    ]);
    expect(bars.current(BTC)).toEqual({
      time: 5_000,
      open: 11,
      high: 11,
      low: 11,
      close: 11,
      volume: 1,
    });
    expect(bars.closeUntil(9_999)).toEqual([]);
    expect(bars.closeUntil(10_000).map((k) => k.bar.time)).toEqual([5_000]);
    expect(bars.onUpdate(trade(8_000, 1, 1))).toEqual([]);
    expect(bars.late).toBe(1);
  });

  it('gives the same bars as resampling when fed the trades of replayed candles', () => {
    const n = 120;
    const t = Float64Array.from({ length: n }, (_, i) => i * 60_000);
    const o = Float64Array.from({ length: n }, (_, i) => 100 + Math.sin(i / 5) * 10);
    const c = Float64Array.from({ length: n }, (_, i) => 100 + Math.sin((i + 1) / 5) * 10);
    const h = Float64Array.from(
      { length: n },
      (_, i) => Math.max(o[i] as number, c[i] as number) + 1 + (i % 3),
    );
    const l = Float64Array.from(
      { length: n },
      (_, i) => Math.min(o[i] as number, c[i] as number) - 1 - (i % 2),
    );
    const v = Float64Array.from({ length: n }, (_, i) => 4 * (1 + (i % 7)));
    const candles = candlesFromColumns('BTCUSDT', '1m', 60_000, {
      time: t,
      open: o,
      high: h,
      low: l,
      close: c,
      volume: v,
    });
    const bars = new TradeBars(15 * 60_000);
    const built: MarketUpdate[] = [];
    for (const u of candleUpdates(candles, { klines: false })) built.push(...bars.onUpdate(u));
    built.push(...bars.closeUntil(n * 60_000));
    const r = resample(candles, '15m');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const ref = r.value.candles;
    expect(built).toHaveLength(ref.length);
    built.forEach((k, i) => {
      if (k.kind !== 'kline') throw new Error('not a kline');
      expect(k.bar.time).toBe(ref.time[i]);
      expect(k.bar.open).toBe(ref.open[i]);
      expect(k.bar.high).toBe(ref.high[i]);
      expect(k.bar.low).toBe(ref.low[i]);
      expect(k.bar.close).toBe(ref.close[i]);
      expect(k.bar.volume).toBeCloseTo(ref.volume[i] as number, 9);
    });
  });
});
