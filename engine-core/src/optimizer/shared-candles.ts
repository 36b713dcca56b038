import { CANDLE_COLUMNS, type Candles, candlesFromColumns } from '../market';

/** Candles as they cross `postMessage`: metadata and the six columns. */
export interface CandlesMessage {
  readonly symbol: string;
  readonly interval: string;
  readonly intervalMs: number;
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/** True when the columns live in one `SharedArrayBuffer` (posting them shares, never copies). */
export function isShared(m: CandlesMessage): boolean {
  return typeof SharedArrayBuffer === 'function' && m.time.buffer instanceof SharedArrayBuffer;
}

/**
 * Copies the columns once into one `SharedArrayBuffer` (six views on it), so that posting them
 * to any number of workers shares the memory. Where `SharedArrayBuffer` is unavailable (a page
 * that is not cross-origin isolated) the copy is a plain `ArrayBuffer`, which `postMessage` then
 * copies once per worker.
 */
export function shareCandles(c: Candles): CandlesMessage {
  const n = c.length;
  const bytes = n * 6 * Float64Array.BYTES_PER_ELEMENT;
  const buffer =
    typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  const cols = {} as Record<(typeof CANDLE_COLUMNS)[number], Float64Array>;
  CANDLE_COLUMNS.forEach((name, k) => {
    const view = new Float64Array(buffer, k * n * Float64Array.BYTES_PER_ELEMENT, n);
    view.set(c[name]);
    cols[name] = view;
  });
  return { symbol: c.symbol, interval: c.interval, intervalMs: c.intervalMs, ...cols };
}

/** The candles of a message (views on its columns, not copies). */
export function candlesFromMessage(m: CandlesMessage): Candles {
  return candlesFromColumns(m.symbol, m.interval, m.intervalMs, m);
}
