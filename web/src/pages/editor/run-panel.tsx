import { formatFixed, formatPercent } from '../../../../engine-core/src/analyzer';
import type { DatasetMeta } from '../../data/dataset-store';
import type { SourceRun } from './use-source-run';

interface RunPanelProps {
  readonly datasets: readonly DatasetMeta[] | undefined;
  readonly datasetId: string;
  readonly onDataset: (id: string) => void;
  readonly run: SourceRun;
  /** The source line the run's error names, if any. */
  readonly errorLine: number | null;
  readonly canRun: boolean;
  readonly onRun: () => void;
  readonly onCancel: () => void;
}

const signClass = (x: number | null): string | undefined =>
  x === null || x === 0 ? undefined : x > 0 ? 'pos' : 'neg';

/** Run the editor's text: the dataset, Run/Cancel, progress and the summary. */
export function RunPanel(props: RunPanelProps) {
  const { run } = props;
  const running = run.status === 'running';
  return (
    <section className="card run-panel" aria-labelledby="run-title">
      <h3 id="run-title" className="card-title">
        Run
      </h3>
      <label className="field">
        Dataset
        <select
          value={props.datasetId}
          onChange={(e) => props.onDataset(e.target.value)}
          disabled={running}
        >
          {(props.datasets ?? []).map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <div className="row">
        <button
          type="button"
          className="btn"
          onClick={props.onRun}
          disabled={!props.canRun || running}
        >
          Run backtest
        </button>
        {running && (
          <button type="button" className="btn ghost" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
      <p className="run-note">Default params, 10 000 cash, 10 bps fees.</p>
      {running && (
        <progress
          aria-label="Backtest progress"
          max={run.total || 1}
          value={run.total ? run.done : undefined}
        />
      )}
      {run.status === 'cancelled' && <p className="empty">Cancelled.</p>}
      {run.status === 'error' && (
        <p className="error-text" role="alert" data-testid="run-error">
          {run.error}
        </p>
      )}
      {run.status === 'done' && (
        <div className="run-result" data-testid="run-result">
          {run.failureText !== null && (
            <div className="runtime-error" role="alert">
              <strong>
                The strategy threw{props.errorLine !== null ? ` at line ${props.errorLine}` : ''}:
              </strong>
              <code data-testid="runtime-error">{run.failureText}</code>
            </div>
          )}
          <dl className="summary-grid" aria-label="Backtest summary">
            <div>
              <dt>Total return</dt>
              <dd className={signClass(run.summary.total_return)} data-testid="total-return">
                {formatPercent(run.summary.total_return)}
              </dd>
            </div>
            <div>
              <dt>Sharpe</dt>
              <dd data-testid="sharpe">{formatFixed(run.summary.sharpe, 2)}</dd>
            </div>
            <div>
              <dt>Trades</dt>
              <dd data-testid="trades">{run.summary.trades}</dd>
            </div>
            <div>
              <dt>Max drawdown</dt>
              <dd data-testid="max-drawdown">{formatPercent(run.summary.max_drawdown)}</dd>
            </div>
          </dl>
          <p className="run-note">
            {run.strategy}: {run.bars.toLocaleString('en')} bars in {Math.round(run.elapsedMs)} ms
            {run.failureText !== null && ' (stopped by the error)'}
          </p>
        </div>
      )}
    </section>
  );
}
