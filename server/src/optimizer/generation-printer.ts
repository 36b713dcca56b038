import type { MetricName, OptimizerProgress } from '../../../engine-core/src';
import { formatMetric } from './optimize-output';
import type { ProgressSink } from './progress-printer';

/**
 * One line per finished generation of a genetic search:
 * `generation 3/30: best sharpe 1.234, mean 0.456, 96 runs (+21)`. Reports without a new
 * generation are left to the done/total printer.
 */
export function generationPrinter(
  sink: ProgressSink,
  metric: MetricName,
): (p: OptimizerProgress) => void {
  let last = 0;
  return (p) => {
    const g = p.generation;
    if (g === undefined || g.generation === last) return;
    last = g.generation;
    const v = (x: number | null) => formatMetric(metric, x);
    sink.write(
      `generation ${g.generation}/${g.maxGenerations}: best ${metric} ${v(g.best)}, mean ${v(g.mean)}, ${g.evaluations} runs (+${g.newEvaluations})\n`,
    );
  };
}
