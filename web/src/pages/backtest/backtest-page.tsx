import { useEffect } from 'react';
import { useLocation, useSearch } from 'wouter';
import { BacktestForm } from './backtest-form';
import { applyBacktestQuery } from './backtest-form-store';
import { useBacktestRun } from './backtest-run-store';
import { ResultsView } from './results-view';
import './backtest.css';

/** Before the first run: what the page does and how to start. */
function EmptyState() {
  return (
    <div className="card bt-empty" data-testid="empty-state">
      <h3>No backtest yet</h3>
      <p className="empty">
        Pick a dataset and a strategy, adjust its parameters and costs, then press{' '}
        <strong>Run backtest</strong> (or Enter in the form). The run happens in a background
        worker; Escape cancels it.
      </p>
      <p className="empty">
        You will get the candles with every fill and the strategy's indicators, equity and drawdown
        on the same time axis, every metric, monthly returns, the trade list and the JSON and HTML
        reports — the same numbers as <code>npm run backtest</code>.
      </p>
    </div>
  );
}

/** The run's status line when there is no result to show for it. */
function RunStatus() {
  const status = useBacktestRun((s) => s.status);
  const error = useBacktestRun((s) => s.error);
  if (status === 'error' && error)
    return (
      <div className="card bt-failure" role="alert" data-testid="run-error">
        <h3>The backtest could not run</h3>
        <pre>{error}</pre>
      </div>
    );
  if (status === 'cancelled')
    return (
      <p className="bt-notice" role="status" data-testid="run-cancelled">
        Backtest cancelled.
      </p>
    );
  return null;
}

/** The Backtest page: the form on the left, the results of the last run on the right. */
export function BacktestPage() {
  const search = useSearch();
  const [, navigate] = useLocation();
  const run = useBacktestRun((s) => s.run);
  const running = useBacktestRun((s) => s.status === 'running');

  // `/backtest?dataset=ID&strategy=KEY&p.NAME=V…` prepares a run (links from other pages); the
  // query is then dropped, so a reload keeps the user's later edits.
  useEffect(() => {
    if (!search) return;
    applyBacktestQuery(search);
    navigate('/backtest', { replace: true });
  }, [search, navigate]);

  return (
    <section className="page bt-page" aria-labelledby="page-title">
      <h2 id="page-title" className="page-title">
        Backtest
      </h2>
      <div className="bt-layout">
        <aside className="card bt-side">
          <BacktestForm />
        </aside>
        <div className="bt-main" aria-busy={running}>
          <RunStatus />
          {run ? <ResultsView key={run.id} run={run} /> : <EmptyState />}
        </div>
      </div>
    </section>
  );
}
