import type { BacktestResult, ClosedTrade, ReportConfig, StrategyParams } from './backtest-result';
import { equityCurve } from './equity-curve';
import { block, line, scalar } from './json-lines';
import { computeMetrics, SUMMARY_KEYS, type Summary } from './metrics';
import { drawdownPeriods, monthlyReturns } from './periods';
import { buildTrades } from './trades';

/** One closed trade as it appears in the report (DESIGN §6). */
export interface ReportTrade {
  readonly entry_time: number;
  readonly exit_time: number;
  readonly side: 'LONG' | 'SHORT';
  readonly qty: number;
  readonly entry_price: number;
  readonly exit_price: number;
  readonly fees: number;
  readonly pnl: number;
  readonly return: number;
}

/** One drawdown period as it appears in the report (see `DrawdownPeriod`). */
export interface ReportDrawdownPeriod {
  readonly start: number;
  readonly trough: number;
  readonly recovery: number | null;
  readonly depth: number;
  readonly length_bars: number;
}

/** The backtest report of DESIGN §6, plus `monthly_returns` and `drawdown_periods`. */
export interface Report {
  readonly version: 1;
  readonly strategy: string;
  readonly params: StrategyParams;
  readonly symbol: string;
  readonly interval: string;
  readonly config: ReportConfig;
  readonly summary: Summary;
  readonly trades: readonly ReportTrade[];
  /** `[open_time_ms, equity at that bar's close]` per bar. */
  readonly equity: readonly (readonly [number, number])[];
  /** `'YYYY-MM'` → that month's return, oldest first (see `monthlyReturns`). */
  readonly monthly_returns: Readonly<Record<string, number>>;
  readonly drawdown_periods: readonly ReportDrawdownPeriod[];
}

/** Converts a closed trade to its report shape. */
export function toReportTrade(trade: ClosedTrade): ReportTrade {
  return {
    entry_time: trade.entryTime,
    exit_time: trade.exitTime,
    side: trade.side,
    qty: trade.qty,
    entry_price: trade.entryPrice,
    exit_price: trade.exitPrice,
    fees: trade.fees,
    pnl: trade.pnl,
    return: trade.return,
  };
}

/** Builds the report of a backtest: summary, trades, equity curve, months and drawdowns. */
export function buildReport(
  result: BacktestResult,
  trades: readonly ClosedTrade[] = buildTrades(result.fills),
): Report {
  const months: Record<string, number> = {};
  for (const m of monthlyReturns(result)) months[m.month] = m.return;
  return {
    version: 1,
    strategy: result.strategy,
    params: { ...result.params },
    symbol: result.symbol,
    interval: result.interval,
    config: {
      initial_cash: result.config.initial_cash,
      fee_bps: result.config.fee_bps,
      maker_fee_bps: result.config.maker_fee_bps,
      slippage_bps: result.config.slippage_bps,
    },
    summary: computeMetrics(result, trades),
    trades: trades.map(toReportTrade),
    equity: equityCurve(result).map((p) => [p.time, p.equity] as const),
    monthly_returns: months,
    drawdown_periods: drawdownPeriods(result).map((p) => ({
      start: p.start,
      trough: p.trough,
      recovery: p.recovery,
      depth: p.depth,
      length_bars: p.lengthBars,
    })),
  };
}

const TRADE_KEYS = [
  'entry_time',
  'exit_time',
  'side',
  'qty',
  'entry_price',
  'exit_price',
  'fees',
  'pnl',
  'return',
] as const satisfies readonly (keyof ReportTrade)[];
const CONFIG_KEYS = [
  'initial_cash',
  'fee_bps',
  'maker_fee_bps',
  'slippage_bps',
] as const satisfies readonly (keyof ReportConfig)[];
const DRAWDOWN_KEYS = [
  'start',
  'trough',
  'recovery',
  'depth',
  'length_bars',
] as const satisfies readonly (keyof ReportDrawdownPeriod)[];

/**
 * Serializes a report byte-deterministically: a fixed key order (DESIGN §6, then
 * `monthly_returns`, `drawdown_periods`) whatever the object's own key order, `params` sorted
 * by key, numbers as `JSON.stringify` writes them (shortest round-trip, no locale; non-finite →
 * `null`), one trade / equity point / month per line, `\n` line ends and a final newline.
 */
export function reportToJson(report: Report): string {
  const paramKeys = Object.keys(report.params).sort();
  const months = Object.keys(report.monthly_returns).sort();
  const top = [
    `"version": ${scalar(report.version)}`,
    `"strategy": ${scalar(report.strategy)}`,
    `"params": {${paramKeys.map((k) => `${scalar(k)}: ${scalar(report.params[k])}`).join(', ')}}`,
    `"symbol": ${scalar(report.symbol)}`,
    `"interval": ${scalar(report.interval)}`,
    `"config": ${line(report.config, CONFIG_KEYS)}`,
    `"summary": ${block(
      '{',
      SUMMARY_KEYS.map((k) => `${scalar(k)}: ${scalar(report.summary[k])}`),
      '}',
      '  ',
    )}`,
    `"trades": ${block(
      '[',
      report.trades.map((t) => line(t, TRADE_KEYS)),
      ']',
      '  ',
    )}`,
    `"equity": ${block(
      '[',
      report.equity.map(([t, e]) => `[${scalar(t)}, ${scalar(e)}]`),
      ']',
      '  ',
    )}`,
    `"monthly_returns": ${block(
      '{',
      months.map((m) => `${scalar(m)}: ${scalar(report.monthly_returns[m])}`),
      '}',
      '  ',
    )}`,
    `"drawdown_periods": ${block(
      '[',
      report.drawdown_periods.map((p) => line(p, DRAWDOWN_KEYS)),
      ']',
      '  ',
    )}`,
  ];
  return `${block('{', top, '}', '')}\n`;
}
