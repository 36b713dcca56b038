import { cancelOptimize, startOptimize, useOptimizeRun } from './optimize-run';
import { ResultsView } from './results-view';
import { SearchForm } from './search-form';
import { useSearchSetup } from './search-setup';
import './optimize-page.css';

const duration = (ms: number | null): string => {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
};

const metricText = (v: number | null): string => (v === null ? '—' : v.toFixed(4));

/** The Optimize page: search a strategy's params in Web Workers, rank, map and open the runs. */
export function OptimizePage() {
  const setup = useSearchSetup();
  const state = useOptimizeRun((s) => s);
  const running = state.status === 'running';

  return (
    <section className="page optimize-page" aria-labelledby="page-title">
      <h2 id="page-title" className="page-title">
        Optimize
      </h2>
      <SearchForm
        setup={setup}
        running={running}
        onRun={() => {
          if (setup.request !== null) void startOptimize(setup.request);
        }}
        onCancel={cancelOptimize}
      />
      {state.status === 'running' && (
        <div className="card optimize-progress" data-testid="optimize-progress">
          <progress
            aria-label="Optimization progress"
            max={state.progress.total || 1}
            value={state.progress.total ? state.progress.done : undefined}
          />
          <span data-testid="progress-text">
            {state.progress.done.toLocaleString('en')} / {state.progress.total.toLocaleString('en')}{' '}
            runs · {duration(state.progress.elapsedMs)} elapsed · ETA{' '}
            {duration(state.progress.etaMs)} · {state.workers} worker
            {state.workers === 1 ? '' : 's'}
          </span>
          {state.progress.generation !== undefined && (
            <span data-testid="generation-text">
              Generation {state.progress.generation.generation} /{' '}
              {state.progress.generation.maxGenerations} · best{' '}
              {metricText(state.progress.generation.best)} · mean{' '}
              {metricText(state.progress.generation.mean)} ·{' '}
              {state.progress.generation.evaluations.toLocaleString('en')} runs
            </span>
          )}
        </div>
      )}
      {state.status === 'cancelled' && (
        <p className="empty" role="status" data-testid="optimize-cancelled">
          Cancelled: {state.message}.
        </p>
      )}
      {state.status === 'error' && (
        <p className="error-text" role="alert" data-testid="optimize-error">
          {state.error}
        </p>
      )}
      {state.status === 'done' && <ResultsView result={state.result} />}
    </section>
  );
}
