/** Quote currencies that end a spot or perpetual symbol, longest first. */
const QUOTES = ['FDUSD', 'USDT', 'USDC', 'BUSD', 'TUSD', 'USD', 'BTC', 'ETH', 'BNB', 'EUR', 'TRY'];

/**
 * A best guess at the symbol in a data file's name: the first token (split on `-`, `_`, `.`,
 * spaces and slashes) that is letters/digits ending in a known quote currency, upper-cased
 * (`binance-btcusdt-1h.csv` → `BTCUSDT`, `BTCUSDT-1h-2023-01.csv` → `BTCUSDT`); `''` when none.
 */
export function symbolFromFileName(fileName: string): string {
  for (const token of fileName.split(/[-_.\s/\\]+/)) {
    const t = token.toUpperCase();
    if (!/^[A-Z0-9]{4,20}$/.test(t)) continue;
    if (QUOTES.some((q) => t.length > q.length && t.endsWith(q))) return t;
  }
  return '';
}
