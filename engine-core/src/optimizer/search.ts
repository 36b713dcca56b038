import type { ParamValues } from '../strategy';
import type { EvaluateOptions, Evaluator } from './evaluator';
import { type Objective, type Ranking, rankResults } from './objective';

/**
 * Evaluates every param set (a grid from `enumerateGrid` or samples from `randomSearch`) through
 * the evaluator and ranks them by the objective, best first.
 */
export async function runSearch(
  evaluator: Evaluator,
  params: readonly ParamValues[],
  objective: Objective,
  options: EvaluateOptions = {},
): Promise<Ranking> {
  const summaries = await evaluator.evaluate(params, options);
  return rankResults(
    params.map((p, i) => ({ params: p, summary: summaries[i] as (typeof summaries)[number] })),
    objective,
  );
}
