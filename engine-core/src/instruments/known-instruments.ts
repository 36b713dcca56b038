import { asset, type Instrument, symbolId } from '../model';

function spot(
  base: string,
  quote: string,
  tickSize: number,
  lotSize: number,
  minNotional: number,
): Instrument {
  return {
    symbol: symbolId(base + quote),
    base: asset(base),
    quote: asset(quote),
    tickSize,
    lotSize,
    minQty: lotSize,
    minNotional,
  };
}

/**
 * Binance spot filters (PRICE_FILTER tickSize, LOT_SIZE stepSize, NOTIONAL minNotional) for the
 * pairs the engine knows without being told; others come from an instruments file.
 */
export const KNOWN_INSTRUMENTS: readonly Instrument[] = [
  spot('BTC', 'USDT', 0.01, 0.00001, 5),
  spot('ETH', 'USDT', 0.01, 0.0001, 5),
  spot('BNB', 'USDT', 0.01, 0.001, 5),
  spot('SOL', 'USDT', 0.01, 0.001, 5),
  spot('XRP', 'USDT', 0.0001, 0.1, 5),
  spot('DOGE', 'USDT', 0.00001, 1, 1),
  spot('ADA', 'USDT', 0.0001, 0.1, 5),
  spot('ETH', 'BTC', 0.00001, 0.0001, 0.0001),
];
