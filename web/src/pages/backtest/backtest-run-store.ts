import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Candles } from '../../../../engine-core/src/market';
import type { BacktestRequest, BacktestResponse } from '../../engine/engine-api';
import { CancelledError, engineClient } from '../../engine/engine-client';

/** A finished run: what was asked, what the engine answered, and the bars it ran on. */
export interface BacktestRun {
  readonly id: number;
  readonly request: BacktestRequest;
  readonly response: Extract<BacktestResponse, { ok: true }>;
  readonly candles: Candles;
  readonly datasetName: string;
  /** Whether the worker still holds this run's reports (a cancel restarts the worker). */
  readonly exportable: boolean;
}

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

/** The page's run state. Not persisted: results live as long as the tab. */
export interface BacktestRunState {
  readonly status: RunStatus;
  /** Bars done / total while running. */
  readonly progress: { readonly done: number; readonly total: number } | null;
  /** The last successful run (kept while a new one runs, and after a cancel). */
  readonly run: BacktestRun | null;
  /** Why the last run failed to produce a result (bad dataset, strategy that didn't compile…). */
  readonly error: string | null;
}

/** The run store (vanilla zustand). */
export const backtestRunStore = createStore<BacktestRunState>()(() => ({
  status: 'idle',
  progress: null,
  run: null,
  error: null,
}));

/** Reads the run store through a selector. */
export function useBacktestRun<T>(selector: (s: BacktestRunState) => T): T {
  return useStore(backtestRunStore, selector);
}

let nextRunId = 1;

/**
 * Runs a backtest in the engine worker (never on this thread), with progress, and loads the
 * dataset's bars for the charts alongside. Does nothing while a run is in progress.
 */
export async function startBacktest(request: BacktestRequest, datasetName: string): Promise<void> {
  const set = backtestRunStore.setState;
  if (backtestRunStore.getState().status === 'running') return;
  const id = nextRunId++;
  set({ status: 'running', progress: { done: 0, total: 0 }, error: null });
  const current = (): boolean =>
    backtestRunStore.getState().status === 'running' && id === nextRunId - 1;
  try {
    // The worker hands back the bars it ran on (transferred): no second IndexedDB read here.
    const response = await engineClient.backtest(request, (done, total) => {
      if (current()) set({ progress: { done, total } });
    });
    if (!current()) return;
    if (!response.ok) {
      set({ status: 'error', progress: null, error: response.error });
      return;
    }
    set({
      status: 'done',
      progress: null,
      run: { id, request, response, candles: response.candles, datasetName, exportable: true },
    });
  } catch (e) {
    if (!current()) return;
    if (e instanceof CancelledError) {
      // The worker was replaced: an earlier run's reports are gone with it.
      const run = backtestRunStore.getState().run;
      set({
        status: 'cancelled',
        progress: null,
        run: run ? { ...run, exportable: false } : null,
      });
    } else {
      set({
        status: 'error',
        progress: null,
        error: e instanceof Error ? e.message : String(e),
      });
    }
  }
}

/** Stops the running backtest (terminates the worker; the next run starts a fresh one). */
export function cancelBacktest(): void {
  if (backtestRunStore.getState().status === 'running') engineClient.cancel();
}
