// The engine names a spot market by its assets run together (`BTCUSDT`); ccxt by `BTC/USDT`; the
// venue by its instrument id (`BTC-USDT`, `BTCUSDT`, `BTC-USD`). This map is built from the markets
// the venue listed, so only markets that exist there resolve.
import type { ParsedMarket } from './ccxt-parse';

export class SymbolMap {
  private readonly _byEngine = new Map<string, ParsedMarket>();
  private readonly _byCcxt = new Map<string, ParsedMarket>();

  constructor(markets: readonly ParsedMarket[]) {
    for (const m of markets) {
      const engine = engineSymbolOf(m);
      // Two markets with the same run-together name would be ambiguous: neither resolves.
      if (this._byEngine.has(engine)) this._byEngine.set(engine, AMBIGUOUS);
      else this._byEngine.set(engine, m);
      this._byCcxt.set(m.symbol, m);
    }
  }

  /** The venue's market for an engine symbol, or undefined when it lists none (or two). */
  fromEngine(symbol: string): ParsedMarket | undefined {
    const m = this._byEngine.get(symbol.toUpperCase());
    return m === AMBIGUOUS ? undefined : m;
  }

  /** The engine symbol for a ccxt symbol (`BTC/USDT` → `BTCUSDT`). */
  toEngine(ccxtSymbol: string): string {
    const m = this._byCcxt.get(ccxtSymbol);
    return m === undefined ? ccxtSymbol.replace('/', '') : engineSymbolOf(m);
  }
}

const AMBIGUOUS: ParsedMarket = { symbol: '', id: '', base: '', quote: '' };

/** `BTC` + `USDT`, upper case. */
export function engineSymbolOf(m: Pick<ParsedMarket, 'base' | 'quote'>): string {
  return `${m.base}${m.quote}`.toUpperCase();
}
