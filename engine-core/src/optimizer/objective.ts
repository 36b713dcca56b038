import { SUMMARY_KEYS, type Summary } from '../analyzer';
import type { ParamValues } from '../strategy';
import { err, ok, type Result } from '../util/result';
import { isRunFailure, type RunOutcome } from './evaluate-params';

/** A DESIGN §5 summary metric an optimization can rank by. */
export type MetricName = (typeof SUMMARY_KEYS)[number];

/**
 * Metrics where less is better; every other metric is maximized. `max_drawdown` (a positive
 * fraction), `max_consecutive_losses` and `total_fees` are costs. `avg_loss` is ≤ 0, so its
 * maximum is the smallest average loss. `exposure` and `turnover` are maximized as they are:
 * rank by them only to see the most active runs.
 */
export const MINIMIZED_METRICS: ReadonlySet<MetricName> = new Set<MetricName>([
  'max_drawdown',
  'max_consecutive_losses',
  'total_fees',
]);

/** Whether a metric is maximized or minimized by the optimizer. */
export function metricDirection(metric: MetricName): 'max' | 'min' {
  return MINIMIZED_METRICS.has(metric) ? 'min' : 'max';
}

/** Checks a metric name against DESIGN §5; the error lists the known names. */
export function parseMetric(name: string): Result<MetricName, string> {
  return (SUMMARY_KEYS as readonly string[]).includes(name)
    ? ok(name as MetricName)
    : err(`unknown metric "${name}" (known: ${SUMMARY_KEYS.join(', ')})`);
}

/** What an optimization ranks by, and which runs count at all. */
export interface Objective {
  readonly metric: MetricName;
  /** Runs with fewer closed trades are left out of the ranking (default 0: none). */
  readonly minTrades?: number;
}

/** One evaluated parameter set. */
export interface Evaluated {
  readonly params: ParamValues;
  readonly summary: Summary;
}

/** A run as it came back: a summary, or the failure of its strategy. */
export interface Outcome {
  readonly params: ParamValues;
  readonly summary: RunOutcome;
}

/** A run whose strategy threw, with where (`file:line:col: message (in onBar at bar N)`). */
export interface FailedRun {
  readonly params: ParamValues;
  readonly failure: string;
}

/**
 * Runs in ranking order, best first; how many the constraints left out; and the runs whose
 * strategy threw (left out too: a failed run does not stop the others).
 */
export interface Ranking {
  readonly ranked: readonly Evaluated[];
  readonly excluded: number;
  readonly failed: readonly FailedRun[];
}

/** The metric as a number, or null when it is null or NaN (those rank last). */
function metricValue(e: Evaluated, metric: MetricName): number | null {
  const v = e.summary[metric];
  return v === null || Number.isNaN(v) ? null : v;
}

/** Orders param sets by their values, name by name in the order of `a`'s keys; false < true. */
export function compareParams(a: ParamValues, b: ParamValues): number {
  for (const k of Object.keys(a)) {
    const x = a[k];
    const y = b[k];
    if (x === y || y === undefined) continue;
    if (x === undefined) return 1;
    const nx = Number(x);
    const ny = Number(y);
    if (nx !== ny) return nx < ny ? -1 : 1;
  }
  return 0;
}

/**
 * Ranks evaluated runs by the objective: the constraints first (runs with fewer than `minTrades`
 * trades are dropped and counted), then the metric in its direction (`metricDirection`), runs
 * whose metric is null or NaN after all others, and ties broken by the params (compared value by
 * value in param order, smaller first), then by input order. Deterministic: the same runs in any
 * order give the same ranking, unless two have identical params.
 */
export function rankResults(outcomes: readonly Outcome[], objective: Objective): Ranking {
  const failed: FailedRun[] = [];
  const results: Evaluated[] = [];
  for (const o of outcomes) {
    if (isRunFailure(o.summary)) failed.push({ params: o.params, failure: o.summary.failure });
    else results.push({ params: o.params, summary: o.summary });
  }
  const minTrades = objective.minTrades ?? 0;
  const max = metricDirection(objective.metric) === 'max';
  const kept: { e: Evaluated; v: number | null; i: number }[] = [];
  results.forEach((e, i) => {
    if (e.summary.trades >= minTrades) kept.push({ e, v: metricValue(e, objective.metric), i });
  });
  kept.sort((a, b) => {
    if (a.v !== b.v) {
      if (a.v === null) return 1;
      if (b.v === null) return -1;
      if (a.v > b.v) return max ? -1 : 1;
      if (a.v < b.v) return max ? 1 : -1;
    }
    return compareParams(a.e.params, b.e.params) || a.i - b.i;
  });
  return { ranked: kept.map((k) => k.e), excluded: results.length - kept.length, failed };
}
