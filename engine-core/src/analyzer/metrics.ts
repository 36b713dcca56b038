import { assert } from '../util/assert';
import type { BacktestResult, ClosedTrade } from './backtest-result';
import { computeReturnStats } from './return-stats';
import { computeTradeStats } from './trade-stats';
import { buildTrades } from './trades';

/** Milliseconds in a 365-day year: `ppy = YEAR_365_MS / bar_ms` (DESIGN §5). */
export const YEAR_365_MS = 365 * 86_400_000;
/** Milliseconds in a 365.25-day year, the unit of `years` in the CAGR (DESIGN §5). */
export const YEAR_365_25_MS = 365.25 * 86_400_000;

/**
 * The metrics of DESIGN §5, in the order and with the names of the JSON report. Values that are
 * undefined for the run (a ratio over zero) are `null`, never NaN or Infinity. (A type alias, not
 * an interface, so that it is assignable to `Record<string, number | null>`.)
 */
export type Summary = {
  /** `E_T`; `E_0` when there are no bars. */
  readonly final_equity: number;
  /** `E_T / E_0 − 1`. */
  readonly total_return: number;
  /** Largest fall from the running peak (starting at `E_0`), as a positive fraction. */
  readonly max_drawdown: number;
  /** `mean(r) / stdev(r) × √ppy`, sample stdev; 0 when stdev is 0 or there are < 2 bars. */
  readonly sharpe: number;
  /**
   * `mean(r) / √(Σ min(r, 0)² / n) × √ppy`; `null` when that downside deviation is 0 (no
   * negative return, or no bars): the ratio is unbounded, and JSON has no Infinity.
   */
  readonly sortino: number | null;
  /**
   * `(E_T / E_0)^(1 / years) − 1`; −1 when `E_T ≤ 0`; `null` when there are no bars or the
   * value overflows (a short, strongly trending run annualised past 1e308).
   */
  readonly cagr: number | null;
  /** `cagr / max_drawdown`; `null` when `max_drawdown` is 0 or `cagr` is null. */
  readonly calmar: number | null;
  /** Closed round trips (see `buildTrades`). */
  readonly trades: number;
  /** `null` with no trades. */
  readonly win_rate: number | null;
  /** `null` when there is no losing trade (Σ losses = 0). */
  readonly profit_factor: number | null;
  /** Mean net P&L per trade; `null` with no trades. */
  readonly expectancy: number | null;
  /** `null` with no winning trade. */
  readonly avg_win: number | null;
  /** ≤ 0; `null` with no losing trade. */
  readonly avg_loss: number | null;
  readonly max_consecutive_losses: number;
  /** Fraction of bars whose close finds a position open; 0 with no bars. */
  readonly exposure: number;
  /** Σ fees of all fills (including those of a position still open at the end). */
  readonly total_fees: number;
  /** Σ |qty × price| over all fills. */
  readonly turnover: number;
  /** Last close / first open − 1; `null` with no bars. */
  readonly buy_and_hold_return: number | null;
};

/** The names of the summary metrics, in report order. */
export const SUMMARY_KEYS = [
  'final_equity',
  'total_return',
  'max_drawdown',
  'sharpe',
  'sortino',
  'cagr',
  'calmar',
  'trades',
  'win_rate',
  'profit_factor',
  'expectancy',
  'avg_win',
  'avg_loss',
  'max_consecutive_losses',
  'exposure',
  'total_fees',
  'turnover',
  'buy_and_hold_return',
] as const satisfies readonly (keyof Summary)[];

/** Periods per year for a bar length: `365 × 86 400 000 / bar_ms`. */
export function periodsPerYear(barMs: number): number {
  return YEAR_365_MS / barMs;
}

/**
 * Computes the DESIGN §5 summary of a backtest. `trades` defaults to `buildTrades(result.fills)`;
 * pass them when already built. `E_0 = config.initial_cash` must be > 0.
 */
export function computeMetrics(
  result: BacktestResult,
  trades: readonly ClosedTrade[] = buildTrades(result.fills),
): Summary {
  const e0 = result.config.initial_cash;
  assert(e0 > 0, `initial_cash must be > 0, got ${e0}`);
  assert(result.barMs > 0, `barMs must be > 0, got ${result.barMs}`);
  const bars = result.equity.length;
  const finalEquity = bars > 0 ? result.equity[bars - 1] : e0;
  const growth = finalEquity / e0;
  const stats = computeReturnStats(result.equity, e0);
  const rootPpy = Math.sqrt(periodsPerYear(result.barMs));

  let cagr: number | null = null;
  if (bars > 0) {
    const years = (result.time[bars - 1] - result.time[0] + result.barMs) / YEAR_365_25_MS;
    cagr = growth > 0 ? growth ** (1 / years) - 1 : -1;
    if (!Number.isFinite(cagr)) cagr = null; // a short run annualised past float range
  }

  let openBars = 0;
  for (let t = 0; t < result.positionQty.length; t++) if (result.positionQty[t] !== 0) openBars++;

  let totalFees = 0;
  let turnover = 0;
  for (const fill of result.fills) {
    totalFees += fill.fee;
    turnover += Math.abs(fill.qty * fill.price);
  }

  const tradeStats = computeTradeStats(trades);
  return {
    final_equity: finalEquity,
    total_return: growth - 1,
    max_drawdown: stats.maxDrawdown,
    sharpe: stats.stdev > 0 ? (stats.mean / stats.stdev) * rootPpy : 0,
    sortino: stats.downsideDeviation > 0 ? (stats.mean / stats.downsideDeviation) * rootPpy : null,
    cagr,
    calmar: cagr !== null && stats.maxDrawdown > 0 ? cagr / stats.maxDrawdown : null,
    trades: tradeStats.trades,
    win_rate: tradeStats.win_rate,
    profit_factor: tradeStats.profit_factor,
    expectancy: tradeStats.expectancy,
    avg_win: tradeStats.avg_win,
    avg_loss: tradeStats.avg_loss,
    max_consecutive_losses: tradeStats.max_consecutive_losses,
    exposure: bars > 0 ? openBars / bars : 0,
    total_fees: totalFees,
    turnover,
    buy_and_hold_return: bars > 0 ? result.close[bars - 1] / result.open[0] - 1 : null,
  };
}
