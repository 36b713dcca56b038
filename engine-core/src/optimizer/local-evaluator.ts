import { sliceCandles } from '../market';
import type { ParamValues } from '../strategy';
import { assert } from '../util/assert';
import { evaluateParams, type RunOutcome } from './evaluate-params';
import {
  checkRange,
  type Evaluator,
  guidedChunkSize,
  OptimizationCancelledError,
  type OptimizerDataset,
} from './evaluator';
import { ProgressMeter } from './progress';
import { resolveOptimizerStrategy } from './resolve-strategy';

/**
 * An `Evaluator` that runs in the calling thread, chunk by chunk (progress after each; the signal
 * is checked between chunks, and a microtask passes between them). For tests, small searches,
 * and where no worker is available.
 */
export function createLocalEvaluator(
  dataset: OptimizerDataset,
  options: { readonly now?: () => number } = {},
): Evaluator {
  const strategy = resolveOptimizerStrategy(dataset.strategy);
  assert(strategy.ok, strategy.ok ? '' : strategy.error);
  const { strategy: s, ...source } = strategy.value;
  return {
    async evaluate(params, opts = {}) {
      const range = checkRange(opts.range, dataset.candles.length);
      if (typeof range === 'string') throw new Error(range);
      const bars = sliceCandles(dataset.candles, range.from, range.to);
      const total = params.length;
      const meter = new ProgressMeter(total, options.now);
      const out: RunOutcome[] = [];
      opts.onProgress?.(meter.at(0));
      while (out.length < total) {
        if (opts.signal?.aborted === true)
          throw new OptimizationCancelledError(
            `optimization cancelled after ${out.length} of ${total} runs`,
          );
        const chunk = opts.chunkSize ?? guidedChunkSize(total - out.length, 1);
        const end = Math.min(total, out.length + Math.max(1, Math.floor(chunk)));
        for (let i = out.length; i < end; i++)
          out.push(evaluateParams(bars, s, params[i] as ParamValues, dataset.config, source));
        opts.onProgress?.(meter.at(out.length));
        await Promise.resolve();
      }
      return out;
    },
  };
}
