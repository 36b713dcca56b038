import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { BacktestConfig } from '../../../../engine-core/src/backtest';
import {
  enumerateGrid,
  type FailedRun,
  type GeneticResult,
  type GridAxis,
  genomeSpace,
  isOptimizationCancelled,
  type Objective,
  type OptimizerProgress,
  type OptimizerStrategy,
  type Ranking,
  randomSearch,
  resolveOptimizerStrategy,
  runGeneticSearch,
  runSearch,
  runWalkForward,
  type WalkForwardResult,
} from '../../../../engine-core/src/optimizer';
import type { ParamSpec, ParamValues } from '../../../../engine-core/src/strategy';
import { loadCandles } from '../../data/dataset-store';
import { createBrowserPool } from '../../optimizer/browser-pool';
import type { RankedRow, StrategyLink } from './results-model';
import type { Method } from './search-spec';

/** What to optimize: everything checked by the form. */
export interface OptimizeRequest {
  readonly datasetId: string;
  /** Which strategy, for the link to the Backtest page. */
  readonly link: StrategyLink;
  /** What the workers load: a built-in's name, or the saved strategy's text. */
  readonly strategy: OptimizerStrategy;
  readonly specs: readonly ParamSpec[];
  readonly axes: readonly GridAxis[];
  readonly method: Method;
  readonly objective: Objective;
  readonly config: BacktestConfig;
  readonly workers: number;
}

/** A finished search. */
export interface OptimizeResult {
  readonly request: OptimizeRequest;
  /** Best first (for walk-forward: the last window's in-sample ranking). */
  readonly rows: readonly RankedRow[];
  readonly excluded: number;
  readonly failed: readonly FailedRun[];
  readonly runs: number;
  readonly elapsedMs: number;
  readonly walkForward: WalkForwardResult | null;
  readonly genetic: GeneticResult | null;
}

/** Where the page's search is. */
export type OptimizeState =
  | { readonly status: 'idle' }
  | { readonly status: 'running'; readonly progress: OptimizerProgress; readonly workers: number }
  | { readonly status: 'done'; readonly result: OptimizeResult }
  | { readonly status: 'cancelled'; readonly message: string }
  | { readonly status: 'error'; readonly error: string };

interface RunStore {
  readonly state: OptimizeState;
  readonly abort: AbortController | null;
}

/** The search of the Optimize page; kept while the user visits other pages. */
export const optimizeRunStore = createStore<RunStore>()(() => ({
  state: { status: 'idle' },
  abort: null,
}));

/** Reads the search state through a selector. */
export function useOptimizeRun<T>(selector: (s: OptimizeState) => T): T {
  return useStore(optimizeRunStore, (s) => selector(s.state));
}

const set = (state: OptimizeState): void => optimizeRunStore.setState({ state });

/** Progress reports more often than this (ms) are merged: one render per frame or so. */
const PROGRESS_EVERY_MS = 100;

/** The param sets of a request: the grid, or the seeded random samples within the ranges. */
export function searchParams(
  req: OptimizeRequest,
): { ok: true; value: ParamValues[] } | { ok: false; error: string } {
  if (req.method.kind === 'genetic') return { ok: true, value: [] }; // bred as it goes
  const sets =
    req.method.kind === 'random'
      ? randomSearch(req.specs, req.axes, req.method.samples, req.method.seed)
      : enumerateGrid(req.specs, req.axes);
  if (!sets.ok) return sets;
  if (sets.value.length === 0) return { ok: false, error: 'the search has no parameter sets' };
  return sets;
}

const toRows = (ranking: Ranking): RankedRow[] =>
  ranking.ranked.map((e, i) => ({ rank: i + 1, params: e.params, summary: e.summary }));

/**
 * Runs a search in a pool of Web Workers (one per `workers`): the grid or random samples ranked
 * by the objective, or a walk-forward analysis. `cancelOptimize` aborts it; the pool is
 * terminated either way. One search at a time.
 */
export async function startOptimize(req: OptimizeRequest): Promise<void> {
  if (optimizeRunStore.getState().abort !== null) return;
  const abort = new AbortController();
  optimizeRunStore.setState({ abort });
  const t0 = performance.now();
  set({
    status: 'running',
    workers: req.workers,
    progress: { done: 0, total: 0, elapsedMs: 0, etaMs: null },
  });
  try {
    const params = searchParams(req);
    if (!params.ok) return set({ status: 'error', error: params.error });
    const resolved = resolveOptimizerStrategy(req.strategy);
    if (!resolved.ok) return set({ status: 'error', error: resolved.error });
    const candles = await loadCandles(req.datasetId);
    if (candles === undefined)
      return set({ status: 'error', error: `no dataset "${req.datasetId}"` });
    if (abort.signal.aborted) return set({ status: 'cancelled', message: 'cancelled' });

    let last = 0;
    const onProgress = (p: OptimizerProgress): void => {
      const now = performance.now();
      // A new generation always shows; other reports at most every PROGRESS_EVERY_MS.
      const prev = optimizeRunStore.getState().state;
      const newGeneration =
        p.generation !== undefined &&
        (prev.status !== 'running' ||
          prev.progress.generation?.generation !== p.generation.generation);
      if (!newGeneration && p.done < p.total && now - last < PROGRESS_EVERY_MS) return;
      last = now;
      set({ status: 'running', workers: req.workers, progress: p });
    };
    const pool = createBrowserPool(req.workers);
    try {
      pool.load({ candles, strategy: req.strategy, config: req.config });
      let ranking: Ranking;
      let walkForward: WalkForwardResult | null = null;
      let genetic: GeneticResult | null = null;
      if (req.method.kind === 'genetic') {
        const space = genomeSpace(req.specs, req.axes);
        if (!space.ok) return set({ status: 'error', error: space.error });
        genetic = await runGeneticSearch(pool, space.value, req.objective, req.method.settings, {
          signal: abort.signal,
          onProgress,
          now: () => performance.now(),
        });
        ranking = genetic.ranking;
      } else if (req.method.kind === 'walk-forward') {
        walkForward = await runWalkForward(
          pool,
          {
            candles,
            strategy: resolved.value.strategy,
            config: req.config,
            params: params.value,
            objective: req.objective,
            spec: req.method,
          },
          { signal: abort.signal, onProgress, now: () => performance.now() },
        );
        ranking = walkForward.lastRanking;
      } else {
        ranking = await runSearch(pool, params.value, req.objective, {
          signal: abort.signal,
          onProgress,
        });
      }
      set({
        status: 'done',
        result: {
          request: req,
          rows: toRows(ranking),
          excluded: ranking.excluded,
          failed: ranking.failed,
          // Walk-forward: every in-sample run of every window, and one out-of-sample run each.
          runs: genetic
            ? genetic.evaluations
            : walkForward
              ? walkForward.windows.length * (params.value.length + 1)
              : params.value.length,
          elapsedMs: performance.now() - t0,
          walkForward,
          genetic,
        },
      });
    } finally {
      await pool.terminate();
    }
  } catch (e) {
    if (isOptimizationCancelled(e)) set({ status: 'cancelled', message: e.message });
    else set({ status: 'error', error: e instanceof Error ? e.message : String(e) });
  } finally {
    optimizeRunStore.setState({ abort: null });
  }
}

/** Stops the running search (its workers are terminated); the page can run again at once. */
export function cancelOptimize(): void {
  optimizeRunStore.getState().abort?.abort();
}
