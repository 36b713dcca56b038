/** Pre-trade limits. `null` switches a rule off. */
export interface RiskLimits {
  /** Largest qty × reference price of one order, in the quote asset. */
  readonly maxOrderNotional: number | null;
  /** Largest |position after the order| × reference price per symbol, in the quote asset. */
  readonly maxPositionNotional: number | null;
  /** Largest distance of a limit or stop price from the last price, as a fraction (0.1 = 10 %). */
  readonly priceBand: number | null;
  /** Most orders open at once. */
  readonly maxOpenOrders: number | null;
  /** Most submissions inside `orderRateWindowMs`. */
  readonly maxOrdersPerWindow: number | null;
  readonly orderRateWindowMs: number;
  /** Kill switch: loss since the UTC day's start equity, as a fraction. */
  readonly maxDailyLoss: number | null;
  /** Kill switch: drawdown from peak equity, as a fraction. */
  readonly maxDrawdown: number | null;
}

/** Defaults for paper and live: generous, but every rule is on. */
export const DEFAULT_RISK_LIMITS: RiskLimits = {
  maxOrderNotional: 50_000,
  maxPositionNotional: 250_000,
  priceBand: 0.1,
  maxOpenOrders: 500,
  maxOrdersPerWindow: 50,
  orderRateWindowMs: 1_000,
  maxDailyLoss: 0.2,
  maxDrawdown: 0.3,
};

/** Every rule off: backtests and benchmarks that measure the engine, not the limits. */
export const NO_RISK_LIMITS: RiskLimits = {
  maxOrderNotional: null,
  maxPositionNotional: null,
  priceBand: null,
  maxOpenOrders: null,
  maxOrdersPerWindow: null,
  orderRateWindowMs: 1_000,
  maxDailyLoss: null,
  maxDrawdown: null,
};

/** True when no pre-trade rule is on (the kill switch may still be). */
export const preTradeRulesOff = (l: RiskLimits): boolean =>
  l.maxOrderNotional === null &&
  l.maxPositionNotional === null &&
  l.priceBand === null &&
  l.maxOpenOrders === null &&
  l.maxOrdersPerWindow === null;

/** True when every rule, the kill switch included, is off. */
export const allRiskRulesOff = (l: RiskLimits): boolean =>
  preTradeRulesOff(l) && l.maxDailyLoss === null && l.maxDrawdown === null;
