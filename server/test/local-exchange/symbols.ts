import type { SymbolSpec } from './types';

/** BTCUSDT with Binance's spot filters (the same as engine-core's KNOWN_INSTRUMENTS). */
export const BTCUSDT_SPEC: SymbolSpec = {
  symbol: 'BTCUSDT',
  baseAsset: 'BTC',
  quoteAsset: 'USDT',
  tickSize: 0.01,
  minPrice: 0.01,
  maxPrice: 1_000_000,
  stepSize: 0.00001,
  minQty: 0.00001,
  maxQty: 9000,
  minNotional: 5,
};
