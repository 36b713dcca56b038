import { buildTrades, computeMetrics, type Summary } from '../analyzer';
import { type BacktestConfig, runBacktest } from '../backtest';
import { type AbortSignalLike, type Candles, sliceCandles } from '../market';
import type { ParamValues, Strategy } from '../strategy';
import { err, ok, type Result } from '../util/result';
import type { RunOutcome } from './evaluate-params';
import { type Evaluator, OptimizationCancelledError } from './evaluator';
import { type Evaluated, type Objective, type Ranking, rankResults } from './objective';
import { type OptimizerProgress, ProgressMeter } from './progress';
import { flatResult, type ResultPart, stitchResults } from './stitch';

/** Rolling windows, in bars: optimize on `inSample`, test on the next `outOfSample`, move `step`. */
export interface WalkForwardSpec {
  readonly inSample: number;
  readonly outOfSample: number;
  /** Bars from one window's start to the next; ≥ `outOfSample` (defaults to it). */
  readonly step: number;
}

/** Bars `[from, to)`. */
export interface BarRange {
  readonly from: number;
  readonly to: number;
}

/** One walk-forward window: its in-sample bars and the out-of-sample bars right after them. */
export interface WalkForwardWindow {
  readonly index: number;
  readonly inSample: BarRange;
  readonly outOfSample: BarRange;
}

/** Parses `IS:OOS[:STEP]` (bar counts, integers > 0; STEP defaults to OOS). */
export function parseWalkForward(text: string): Result<WalkForwardSpec, string> {
  const parts = text.split(':');
  const want = `"${text}": want IS:OOS[:STEP], bar counts (integers > 0)`;
  if (parts.length < 2 || parts.length > 3) return err(want);
  const n = parts.map((p) => (/^\d+$/.test(p.trim()) ? Number(p) : Number.NaN));
  if (n.some((x) => !Number.isSafeInteger(x) || x <= 0)) return err(want);
  const [inSample, outOfSample, step = outOfSample] = n as [number, number, number?];
  if (step < outOfSample)
    return err(
      `"${text}": step ${step} < out-of-sample ${outOfSample}: test windows would overlap`,
    );
  return ok({ inSample, outOfSample, step });
}

/**
 * The windows over `bars` bars: window k has in-sample bars `[k·step, k·step + IS)` and
 * out-of-sample bars `[k·step + IS, k·step + IS + OOS)`; only whole windows (bars left at the end
 * are not tested). With step = OOS the out-of-sample ranges tile `[IS, IS + k·OOS)`; a longer
 * step leaves untested bars between them.
 */
export function walkForwardWindows(
  bars: number,
  spec: WalkForwardSpec,
): Result<WalkForwardWindow[], string> {
  const span = spec.inSample + spec.outOfSample;
  if (bars < span)
    return err(
      `walk-forward ${spec.inSample}:${spec.outOfSample} needs at least ${span} bars, the data has ${bars}`,
    );
  const out: WalkForwardWindow[] = [];
  for (let start = 0; start + span <= bars; start += spec.step) {
    const isEnd = start + spec.inSample;
    out.push({
      index: out.length,
      inSample: { from: start, to: isEnd },
      outOfSample: { from: isEnd, to: isEnd + spec.outOfSample },
    });
  }
  return ok(out);
}

/** What a walk-forward analysis runs. The evaluator has `candles` loaded. */
export interface WalkForwardInput {
  readonly candles: Candles;
  readonly strategy: Strategy;
  readonly config: BacktestConfig;
  /** The search space, the same in every window (a grid, or random sets drawn once). */
  readonly params: readonly ParamValues[];
  readonly objective: Objective;
  readonly spec: WalkForwardSpec;
}

/** How a walk-forward analysis runs. */
export interface WalkForwardOptions {
  readonly signal?: AbortSignalLike;
  /** Over every in-sample run of every window. */
  readonly onProgress?: (progress: OptimizerProgress) => void;
  readonly now?: () => number;
  readonly chunkSize?: number;
}

/** One window's outcome. */
export interface WalkForwardWindowResult {
  readonly window: WalkForwardWindow;
  /** The best in-sample params and their in-sample summary; null when no run met the constraints. */
  readonly best: Evaluated | null;
  /** The best params backtested on the out-of-sample bars alone (flat when `best` is null). */
  readonly outOfSample: Summary;
}

/** A walk-forward analysis. */
export interface WalkForwardResult {
  readonly windows: readonly WalkForwardWindowResult[];
  /** The ranking of the last window's in-sample search: the params one would trade next. */
  readonly lastRanking: Ranking;
  /** Every window's out-of-sample run, chained into one equity series (`stitchResults`). */
  readonly stitched: ResultPart;
  /** The DESIGN §5 metrics of the stitched series. */
  readonly summary: Summary;
}

/**
 * Walk-forward analysis: in each window, evaluate every param set on the in-sample bars (through
 * the evaluator: workers or in-process), rank them by the objective, backtest the best one on the
 * out-of-sample bars (here, one run), and finally stitch the out-of-sample runs into one series
 * and compute its metrics with the analyzer. Each out-of-sample run starts flat with the initial
 * cash and its indicators start empty (they warm up inside the window, as in a live start).
 */
export async function runWalkForward(
  evaluator: Evaluator,
  input: WalkForwardInput,
  options: WalkForwardOptions = {},
): Promise<WalkForwardResult> {
  const windows = walkForwardWindows(input.candles.length, input.spec);
  if (!windows.ok) throw new Error(windows.error);
  const per = input.params.length;
  const meter = new ProgressMeter(windows.value.length * per, options.now);
  const results: WalkForwardWindowResult[] = [];
  const parts: ResultPart[] = [];
  let lastRanking: Ranking = { ranked: [], excluded: 0, failed: [] };
  for (const w of windows.value) {
    if (options.signal?.aborted === true)
      throw new OptimizationCancelledError(
        `walk-forward cancelled before window ${w.index + 1} of ${windows.value.length}`,
      );
    const offset = w.index * per;
    const onProgress = options.onProgress;
    const summaries = await evaluator.evaluate(input.params, {
      range: w.inSample,
      signal: options.signal,
      chunkSize: options.chunkSize,
      onProgress: onProgress && ((p) => onProgress(meter.at(offset + p.done))),
    });
    const ranking = rankResults(
      input.params.map((params, i) => ({ params, summary: summaries[i] as RunOutcome })),
      input.objective,
    );
    lastRanking = ranking;
    const best = ranking.ranked[0] ?? null;
    const oosBars = sliceCandles(input.candles, w.outOfSample.from, w.outOfSample.to);
    const result =
      best === null
        ? flatResult(oosBars, input.strategy.name, input.config)
        : runBacktest(oosBars, input.strategy, best.params, input.config);
    const trades = buildTrades(result.fills);
    parts.push({ result, trades });
    results.push({ window: w, best, outOfSample: computeMetrics(result, trades) });
  }
  const stitched = stitchResults(parts);
  return {
    windows: results,
    lastRanking,
    stitched,
    summary: computeMetrics(stitched.result, stitched.trades),
  };
}
