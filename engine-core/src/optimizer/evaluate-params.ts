import { computeMetrics, type Summary } from '../analyzer';
import { type BacktestConfig, runBacktest } from '../backtest';
import type { Candles } from '../market';
import { formatStrategyFailure, type ParamValues, type Strategy } from '../strategy';

/** A run whose strategy threw: left out of the ranking, reported with where it failed. */
export interface RunFailure {
  readonly failure: string;
}

/** What one run of a search gives: its DESIGN §5 summary, or why the strategy failed. */
export type RunOutcome = Summary | RunFailure;

/** True for a run whose strategy threw. */
export const isRunFailure = (o: RunOutcome): o is RunFailure => 'failure' in o;

/**
 * One run of a search: `runBacktest` then `computeMetrics`. Workers and the in-process
 * evaluator both call this, so a summary does not depend on where it was computed. A strategy
 * that throws fails this run only (its summary would cover only the bars before the throw): the
 * outcome says where, and the other runs go on.
 */
export function evaluateParams(
  candles: Candles,
  strategy: Strategy,
  params: ParamValues,
  config: BacktestConfig,
  source: { readonly sourceFile?: string | null; readonly lineOffset?: number } = {},
): RunOutcome {
  const result = runBacktest(candles, strategy, params, config, source);
  if (result.failure) return { failure: formatStrategyFailure(result.failure) };
  return computeMetrics(result);
}
