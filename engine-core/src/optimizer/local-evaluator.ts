import type { Summary } from '../analyzer';
import { sliceCandles } from '../market';
import { findStrategy, type ParamValues } from '../strategy';
import { assert } from '../util/assert';
import { evaluateParams } from './evaluate-params';
import {
  checkRange,
  type Evaluator,
  guidedChunkSize,
  OptimizationCancelledError,
  type OptimizerDataset,
} from './evaluator';
import { ProgressMeter } from './progress';

/**
 * An `Evaluator` that runs in the calling thread, chunk by chunk (progress after each; the signal
 * is checked between chunks, and a microtask passes between them). For tests, small searches,
 * and where no worker is available.
 */
export function createLocalEvaluator(
  dataset: OptimizerDataset,
  options: { readonly now?: () => number } = {},
): Evaluator {
  const strategy = findStrategy(dataset.strategy);
  assert(strategy.ok, strategy.ok ? '' : strategy.error);
  return {
    async evaluate(params, opts = {}) {
      const range = checkRange(opts.range, dataset.candles.length);
      if (typeof range === 'string') throw new Error(range);
      const bars = sliceCandles(dataset.candles, range.from, range.to);
      const total = params.length;
      const meter = new ProgressMeter(total, options.now);
      const out: Summary[] = [];
      opts.onProgress?.(meter.at(0));
      while (out.length < total) {
        if (opts.signal?.aborted === true)
          throw new OptimizationCancelledError(
            `optimization cancelled after ${out.length} of ${total} runs`,
          );
        const chunk = opts.chunkSize ?? guidedChunkSize(total - out.length, 1);
        const end = Math.min(total, out.length + Math.max(1, Math.floor(chunk)));
        for (let i = out.length; i < end; i++)
          out.push(evaluateParams(bars, strategy.value, params[i] as ParamValues, dataset.config));
        opts.onProgress?.(meter.at(out.length));
        await Promise.resolve();
      }
      return out;
    },
  };
}
