import type { SymbolId } from '../../model';

/** Binance's public spot WebSocket endpoint. */
export const BINANCE_WS_URL = 'wss://stream.binance.com:9443';
/** Binance's spot REST endpoint. */
export const BINANCE_REST_URL = 'https://api.binance.com';

/** Which streams to open per symbol. */
export interface BinanceStreamSet {
  readonly trade?: boolean;
  readonly bookTicker?: boolean;
  /** The diff depth stream, from which the order book is kept. */
  readonly depth?: boolean;
  /** Kline intervals (`'1m'`, …). */
  readonly klines?: readonly string[];
}

/** Stream names of `symbols` (`btcusdt@trade`, `btcusdt@depth@100ms`, `btcusdt@kline_1m`, …). */
export function binanceStreamNames(
  symbols: readonly SymbolId[],
  set: BinanceStreamSet,
  depthSpeedMs: 100 | 1000,
): string[] {
  const names: string[] = [];
  for (const symbol of symbols) {
    const s = symbol.toLowerCase();
    if (set.trade === true) names.push(`${s}@trade`);
    if (set.bookTicker === true) names.push(`${s}@bookTicker`);
    if (set.depth === true) names.push(depthSpeedMs === 100 ? `${s}@depth@100ms` : `${s}@depth`);
    for (const i of set.klines ?? []) names.push(`${s}@kline_${i}`);
  }
  return names;
}

/** The combined-stream URL of `names`: `<base>/stream?streams=a/b/c`. */
export function combinedStreamUrl(baseUrl: string, names: readonly string[]): string {
  return `${baseUrl.replace(/\/+$/, '')}/stream?streams=${names.join('/')}`;
}

/** The REST depth snapshot URL: `<base>/api/v3/depth?symbol=BTCUSDT&limit=1000`. */
export function depthSnapshotUrl(baseUrl: string, symbol: SymbolId, limit: number): string {
  const base = baseUrl.replace(/\/+$/, '');
  return `${base}/api/v3/depth?symbol=${encodeURIComponent(symbol)}&limit=${limit}`;
}
