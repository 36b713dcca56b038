export { type BacktestConfig, DEFAULT_BACKTEST_CONFIG } from './backtest-config';
export { runBacktest } from './run-backtest';
