// The analyzer's public API: metrics, trades, periods and reports of a backtest (DESIGN §5, §6).
export type {
  BacktestResult,
  ClosedTrade,
  Fill,
  ReportConfig,
  StrategyLogLine,
  StrategyParams,
} from './backtest-result';
export {
  formatAmount,
  formatFixed,
  formatPercent,
  formatTime,
} from './display-format';
export { type FillAction, type FillMarker, fillMarkers } from './fill-markers';
export { escapeHtml, jsonForScript, scriptSafeSource } from './html-escape';
export {
  computeMetrics,
  periodsPerYear,
  SUMMARY_KEYS,
  type Summary,
  YEAR_365_25_MS,
  YEAR_365_MS,
} from './metrics';
export {
  type DrawdownPeriod,
  drawdownPeriods,
  drawdownSeries,
  type MonthlyReturn,
  monthlyReturns,
  rollingSharpe,
} from './periods';
export { type HtmlReportOptions, REPORT_CSP, renderHtmlReport } from './report-html';
export {
  buildReport,
  type Report,
  type ReportDrawdownPeriod,
  type ReportTrade,
  reportToJson,
  toReportTrade,
} from './report-json';
export {
  buildSeedReport,
  msToNs,
  type SeedDrawdownPoint,
  type SeedEquityPoint,
  type SeedReport,
  type SeedTrade,
  seedReportToJson,
  type TimestampNs,
} from './report-seed';
export { computeReturnStats, type ReturnStats } from './return-stats';
export { computeTradeStats, type TradeStats } from './trade-stats';
export { buildTrades, pairFills } from './trades';
