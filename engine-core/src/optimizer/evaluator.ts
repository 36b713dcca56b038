import type { BacktestConfig } from '../backtest';
import type { AbortSignalLike, Candles } from '../market';
import type { ParamValues } from '../strategy';
import type { RunOutcome } from './evaluate-params';
import type { OptimizerProgress } from './progress';

/** A strategy for the workers: a built-in by name, or source text compiled in each worker. */
export type OptimizerStrategy = string | { readonly source: string; readonly fileName: string };

/** The data a search runs on: candles, the strategy, the costs. */
export interface OptimizerDataset {
  readonly candles: Candles;
  readonly strategy: OptimizerStrategy;
  readonly config: BacktestConfig;
}

/** How one `evaluate` call runs. */
export interface EvaluateOptions {
  /** The bars `[from, to)` of the loaded candles to backtest on; all of them by default. */
  readonly range?: { readonly from: number; readonly to: number };
  /** Stops the search: the promise rejects with an `OptimizationCancelledError`. */
  readonly signal?: AbortSignalLike;
  /** Called at the start and after each finished chunk; `done` reaches `total`. */
  readonly onProgress?: (progress: OptimizerProgress) => void;
  /** Param sets per message to a worker: fixed; by default `guidedChunkSize`. */
  readonly chunkSize?: number;
}

/**
 * Backtests param sets on a loaded data set and returns their DESIGN §5 summaries, in the order
 * of the param sets. The worker pool and the in-process evaluator are the two implementations;
 * the searches (`runSearch`, `runWalkForward`) take either.
 */
export interface Evaluator {
  evaluate(params: readonly ParamValues[], options?: EvaluateOptions): Promise<RunOutcome[]>;
}

/** A search stopped through its `AbortSignal`. */
export class OptimizationCancelledError extends Error {
  override readonly name = 'OptimizationCancelledError';
}

/** True for the error a cancelled search rejects with. */
export function isOptimizationCancelled(e: unknown): e is OptimizationCancelledError {
  return e instanceof OptimizationCancelledError;
}

/**
 * The default chunk, guided self-scheduling: a quarter of each worker's share of what remains
 * (1 … 256 param sets). Chunks start large (few messages) and shrink to single runs at the end,
 * so the workers finish within about one run of each other.
 */
export function guidedChunkSize(remaining: number, workers: number): number {
  return Math.max(1, Math.min(256, Math.ceil(remaining / (4 * Math.max(1, workers)))));
}

/** Checks a bar range against the loaded bars; the error names both. */
export function checkRange(
  range: EvaluateOptions['range'],
  bars: number,
): { from: number; to: number } | string {
  const from = range?.from ?? 0;
  const to = range?.to ?? bars;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > bars || from > to)
    return `bar range [${from}, ${to}) is not within the ${bars} loaded bars`;
  return { from, to };
}
