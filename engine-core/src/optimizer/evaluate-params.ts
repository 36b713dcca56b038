import { computeMetrics, type Summary } from '../analyzer';
import { type BacktestConfig, runBacktest } from '../backtest';
import type { Candles } from '../market';
import type { ParamValues, Strategy } from '../strategy';

/**
 * One run of a search: `runBacktest` then `computeMetrics`. Workers and the in-process
 * evaluator both call this, so a summary does not depend on where it was computed.
 */
export function evaluateParams(
  candles: Candles,
  strategy: Strategy,
  params: ParamValues,
  config: BacktestConfig,
): Summary {
  return computeMetrics(runBacktest(candles, strategy, params, config));
}
