import type { Candles } from './candles';

/**
 * Stored klines, one series per symbol and interval, for `downloadKlines`. A series is kept
 * contiguous: the downloader only appends the bars right after its end or replaces it whole, so
 * any hole inside it is a real gap of the exchange. Failures reject the promises.
 */
export interface KlineCache {
  /** The stored series, or null when there is none. */
  get(symbol: string, interval: string): Promise<Candles | null>;
  /** Replaces the stored series. */
  put(symbol: string, interval: string, candles: Candles): Promise<void>;
  /** Adds bars after the stored ones (all strictly later than the last stored bar). */
  append(symbol: string, interval: string, candles: Candles): Promise<void>;
}
