import type { StrategyFailure } from '../strategy/strategy-failure';

/** One execution reported by the backtest runner (DESIGN §4). Times are Unix ms, UTC. */
export interface Fill {
  readonly time: number;
  readonly side: 'BUY' | 'SELL';
  /** Executed quantity, > 0. */
  readonly qty: number;
  readonly price: number;
  /** Fee in the quote currency, taken from cash. */
  readonly fee: number;
}

/**
 * One closed round trip, built from fills by `buildTrades`. `pnl` is net of the fees of both
 * sides; `return` is `pnl / (entry notional)`.
 */
export interface ClosedTrade {
  readonly entryTime: number;
  readonly exitTime: number;
  readonly side: 'LONG' | 'SHORT';
  readonly qty: number;
  readonly entryPrice: number;
  readonly exitPrice: number;
  readonly fees: number;
  readonly pnl: number;
  readonly return: number;
}

/** A line the strategy logged (`ctx.log`), with the bar it was logged at. */
export interface StrategyLogLine {
  readonly bar: number;
  readonly time: number;
  readonly message: string;
}

/** Scalar parameter values a strategy accepts. */
export type StrategyParams = Readonly<Record<string, number | string | boolean>>;

/** The run's accounting settings, as they appear in the report (DESIGN §6). */
export interface ReportConfig {
  readonly initial_cash: number;
  readonly fee_bps: number;
  readonly maker_fee_bps: number;
  readonly slippage_bps: number;
}

/**
 * Everything the analyzer needs from one backtest run. The columns `time` … `positionQty` all
 * have one entry per bar; `equity[t]` is `E_t` marked at the close of bar t, and `E_0` (before the
 * first bar) is `config.initial_cash`.
 */
export interface BacktestResult {
  readonly strategy: string;
  readonly params: StrategyParams;
  readonly symbol: string;
  readonly interval: string;
  /** Bar length in ms. */
  readonly barMs: number;
  readonly config: ReportConfig;
  /** Bar open times (ms). */
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  /** Equity marked at each bar close. */
  readonly equity: Float64Array;
  /** Signed position after each bar close (> 0 long, < 0 short). */
  readonly positionQty: Float64Array;
  /** Every fill of the run, in time order. */
  readonly fills: readonly Fill[];
  /** What the strategy logged (at most 10 000 lines). */
  readonly logs?: readonly StrategyLogLine[];
  /** Set when the strategy threw: the columns then end at the bar it failed in. */
  readonly failure?: StrategyFailure | null;
}
