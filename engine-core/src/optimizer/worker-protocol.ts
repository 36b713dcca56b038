import type { BacktestConfig } from '../backtest';
import type { ParamValues } from '../strategy';
import type { RunOutcome } from './evaluate-params';
import type { OptimizerStrategy } from './evaluator';
import type { CandlesMessage } from './shared-candles';

/**
 * What the pool sends a worker. `load` comes once per data set (the candles shared, see
 * `shareCandles`); then any number of `evaluate` batches, each over the bars `[from, to)`.
 */
export type WorkerRequest =
  | {
      readonly type: 'load';
      readonly candles: CandlesMessage;
      readonly strategy: OptimizerStrategy;
      readonly config: BacktestConfig;
    }
  | {
      readonly type: 'evaluate';
      readonly batch: number;
      readonly from: number;
      readonly to: number;
      readonly params: readonly ParamValues[];
    };

/** What a worker answers to an `evaluate`: a summary per param set, in order, or why it failed. */
export type WorkerReply =
  | {
      readonly type: 'evaluated';
      readonly batch: number;
      readonly summaries: readonly RunOutcome[];
    }
  | { readonly type: 'failed'; readonly batch: number; readonly message: string };
