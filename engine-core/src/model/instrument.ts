import type { Asset, SymbolId } from './ids';

/** A tradable instrument and the exchange filters every order must satisfy. */
export interface Instrument {
  readonly symbol: SymbolId;
  readonly base: Asset;
  readonly quote: Asset;
  /** Price increment; limit and stop prices must be multiples of it. */
  readonly tickSize: number;
  /** Quantity increment; quantities must be multiples of it. */
  readonly lotSize: number;
  /** Smallest quantity accepted. */
  readonly minQty: number;
  /** Smallest price × qty accepted, in the quote asset. */
  readonly minNotional: number;
}
