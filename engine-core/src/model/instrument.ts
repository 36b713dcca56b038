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
  /**
   * Present for a perpetual (linear, quote-margined, isolated margin): positions are held on
   * margin instead of in the base asset, and can be short. Absent for spot.
   */
  readonly margin?: PerpMargin;
}

/** Margin terms of a perpetual. */
export interface PerpMargin {
  /** Notional ÷ initial margin (1 = fully funded). */
  readonly leverage: number;
  /** Maintenance margin as a fraction of notional; below it the position is liquidated. */
  readonly maintenanceMarginRate: number;
}

/**
 * Isolated-margin liquidation price of a perpetual position: where margin + P&L falls to the
 * maintenance margin. Long: avg × (1 − 1/lev + mmr); short: avg × (1 + 1/lev − mmr).
 */
export function liquidationPrice(m: PerpMargin, qty: number, avgPrice: number): number | null {
  if (qty === 0) return null;
  const k = 1 / m.leverage - m.maintenanceMarginRate;
  return qty > 0 ? avgPrice * (1 - k) : avgPrice * (1 + k);
}
