import { KNOWN_INSTRUMENTS } from '../../../../engine-core/src/instruments';

const QUOTES = ['USDT', 'USDC', 'FDUSD', 'BUSD', 'TUSD', 'USD', 'EUR', 'BTC', 'ETH', 'BNB'];

/**
 * The quote asset of a symbol, in which a fill reconstructed from a snapshot is booked (its fee
 * is unknown, so zero): the engine's known instruments first, then a known quote suffix.
 */
export function quoteAssetOf(symbol: string): string {
  const known = KNOWN_INSTRUMENTS.find((i) => i.symbol === symbol);
  if (known !== undefined) return known.quote;
  return QUOTES.find((q) => symbol.endsWith(q) && symbol.length > q.length) ?? 'USDT';
}
