import type { RiskLimits } from '../risk';

/** Costs and limits of a backtest (DESIGN §7 defaults: cash 10000, fees 10 bps, slippage 0). */
export interface BacktestConfig {
  readonly initialCash: number;
  /** Taker fee, bps of notional. */
  readonly feeBps: number;
  /** Fee for resting limit fills, bps. */
  readonly makerFeeBps: number;
  readonly slippageBps: number;
  /** Fill at most this fraction of each bar's volume; null for no cap. */
  readonly volumeCap?: number | null;
  /**
   * Trade a linear perpetual (quote-margined, isolated) instead of spot: positions can be short,
   * are held on `leverage`, and are liquidated at the liquidation price. Absent: spot, long-only.
   */
  readonly perp?: { readonly leverage: number; readonly maintenanceMarginRate: number };
  /** Pre-trade limits; none by default. */
  readonly risk?: RiskLimits;
}

/** The defaults everywhere (CLI, optimizer, UI). */
export const DEFAULT_BACKTEST_CONFIG: BacktestConfig = {
  initialCash: 10_000,
  feeBps: 10,
  makerFeeBps: 10,
  slippageBps: 0,
  volumeCap: null,
};
