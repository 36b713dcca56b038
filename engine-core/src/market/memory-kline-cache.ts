import { type Candles, concatCandles } from './candles';
import type { KlineCache } from './kline-cache';

/** A `KlineCache` in memory (tests, and runs that need no persistence). */
export class MemoryKlineCache implements KlineCache {
  private readonly _series = new Map<string, Candles>();

  async get(symbol: string, interval: string): Promise<Candles | null> {
    return this._series.get(key(symbol, interval)) ?? null;
  }

  async put(symbol: string, interval: string, candles: Candles): Promise<void> {
    this._series.set(key(symbol, interval), candles);
  }

  async append(symbol: string, interval: string, candles: Candles): Promise<void> {
    const k = key(symbol, interval);
    const old = this._series.get(k);
    if (old === undefined || old.length === 0) {
      this._series.set(k, candles);
      return;
    }
    const last = old.time[old.length - 1];
    if (candles.length > 0 && candles.time[0] <= last) {
      throw new Error(`append to ${k}: bar ${candles.time[0]} is not after the last one ${last}`);
    }
    this._series.set(k, concatCandles(old, candles));
  }
}

const key = (symbol: string, interval: string): string => `${symbol}:${interval}`;
