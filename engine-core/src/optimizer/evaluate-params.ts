import { computeMetrics, type Summary } from '../analyzer';
import { type BacktestConfig, runBacktest } from '../backtest';
import type { Candles } from '../market';
import { formatStrategyFailure, type ParamValues, type Strategy } from '../strategy';

/**
 * One run of a search: `runBacktest` then `computeMetrics`. Workers and the in-process
 * evaluator both call this, so a summary does not depend on where it was computed. A strategy
 * that throws stops the search (its summary would cover only the bars before the throw): the
 * error names the params and where it failed.
 */
export function evaluateParams(
  candles: Candles,
  strategy: Strategy,
  params: ParamValues,
  config: BacktestConfig,
): Summary {
  const result = runBacktest(candles, strategy, params, config);
  if (result.failure)
    throw new Error(
      `${strategy.name} ${JSON.stringify(params)} failed: ${formatStrategyFailure(result.failure)}`,
    );
  return computeMetrics(result);
}
