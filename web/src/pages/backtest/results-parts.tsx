import { useState } from 'react';
import {
  formatFixed,
  formatPercent,
  formatTime,
  type ReportDrawdownPeriod,
  type StrategyLogLine,
} from '../../../../engine-core/src/analyzer';
import type { ReportHead } from '../../engine/engine-api';
import type { BacktestRun } from './backtest-run-store';
import { formatMetric, METRIC_ROWS, quoteAsset, signClass } from './metric-rows';
import { exportReport, type ReportKind, reportFileStem } from './report-export';

/** What was run, on what, with which costs; and the report exports. */
export function ResultsHeader({ run }: { run: BacktestRun }) {
  const { report, bars, elapsedMs } = run.response;
  const [busy, setBusy] = useState<ReportKind | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The run's first and last bar (the report's equity points stay in the worker).
  const first = run.candles.time[0];
  const last = run.candles.time[bars - 1];
  const params = Object.keys(report.params)
    .sort()
    .map((k) => `${k}=${String(report.params[k])}`)
    .join(' ');
  const c = report.config;
  const stem = reportFileStem(report.strategy, report.symbol, report.interval);
  const onExport = async (kind: ReportKind): Promise<void> => {
    setBusy(kind);
    setError(null);
    try {
      setError(await exportReport(kind, stem));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="card bt-header">
      <div className="bt-header-text">
        <h3 className="bt-title" data-testid="result-title">
          {report.strategy} <span className="bt-muted">on</span> {report.symbol}{' '}
          <span className="bt-muted">{report.interval}</span>
        </h3>
        <p className="bt-meta">
          {run.datasetName} · {formatFixed(bars, 0)} bars
          {first !== undefined && last !== undefined
            ? ` · ${formatTime(first)} → ${formatTime(last)} UTC`
            : ''}{' '}
          · ran in {formatFixed(elapsedMs / 1000, 2)} s
        </p>
        <p className="bt-meta">
          params <code>{params || '—'}</code> · cash {formatFixed(c.initial_cash, 2)} · fee{' '}
          {c.fee_bps} / maker {c.maker_fee_bps} / slippage {c.slippage_bps} bps
        </p>
      </div>
      <div className="bt-exports">
        <button
          type="button"
          className="btn ghost"
          disabled={!run.exportable || busy !== null}
          onClick={() => void onExport('json')}
        >
          {busy === 'json' ? 'Exporting…' : 'Export JSON'}
        </button>
        <button
          type="button"
          className="btn ghost"
          title="The seed's BacktestResult layout (ns timestamps), as npm run backtest --json-layout seed"
          disabled={!run.exportable || busy !== null}
          onClick={() => void onExport('seed-json')}
        >
          {busy === 'seed-json' ? 'Exporting…' : 'Export seed JSON'}
        </button>
        <button
          type="button"
          className="btn ghost"
          disabled={!run.exportable || busy !== null}
          onClick={() => void onExport('html')}
        >
          {busy === 'html' ? 'Exporting…' : 'Export HTML'}
        </button>
        {!run.exportable && (
          <span className="bt-hint">The engine restarted (cancel): run again to export.</span>
        )}
        {error && <span className="error-text">{error}</span>}
      </div>
    </div>
  );
}

/** The strategy's exception, prominently: the run stopped at that bar. */
export function FailureCard({ text }: { text: string }) {
  return (
    <div className="card bt-failure" role="alert" data-testid="strategy-failure">
      <h3>The strategy threw: the run stopped there</h3>
      <pre>{text}</pre>
      <p className="bt-hint">The results below cover the bars up to the failure.</p>
    </div>
  );
}

const HEADLINE = [
  'total_return',
  'final_equity',
  'max_drawdown',
  'sharpe',
  'trades',
  'win_rate',
  'buy_and_hold_return',
] as const;

/** The numbers a trader looks at first, large. */
export function Headline({ report }: { report: ReportHead }) {
  const quote = quoteAsset(report.symbol);
  return (
    <dl className="bt-headline" data-testid="headline">
      {HEADLINE.map((key) => {
        const row = METRIC_ROWS.find((r) => r.key === key);
        if (!row) return null;
        const value = report.summary[key];
        const cls = row.signed
          ? signClass(value)
          : key === 'max_drawdown' && value
            ? 'neg'
            : undefined;
        return (
          <div key={key} className="bt-tile" data-metric={key}>
            <dt>
              {row.label}
              {row.kind === 'money' ? ` (${quote})` : ''}
            </dt>
            <dd className={cls}>{formatMetric(row, value, report.config.initial_cash)}</dd>
          </div>
        );
      })}
    </dl>
  );
}

/** The deepest drawdown periods (as the worker picked them: deepest first). */
export function DrawdownTable({ periods }: { periods: readonly ReportDrawdownPeriod[] }) {
  const worst = periods;
  if (worst.length === 0) return <p className="empty">Never below a previous peak.</p>;
  return (
    <table className="data" data-testid="drawdowns">
      <thead>
        <tr>
          <th scope="col">Depth</th>
          <th scope="col">Start</th>
          <th scope="col">Trough</th>
          <th scope="col">Recovered</th>
          <th scope="col">Bars</th>
        </tr>
      </thead>
      <tbody>
        {worst.map((p) => (
          <tr key={p.start}>
            <td className="neg">{formatPercent(-p.depth)}</td>
            <td>{formatTime(p.start).slice(0, 10)}</td>
            <td>{formatTime(p.trough).slice(0, 10)}</td>
            <td>{p.recovery === null ? 'not yet' : formatTime(p.recovery).slice(0, 10)}</td>
            <td>{formatFixed(p.length_bars, 0)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Shown at most; the engine keeps up to 10 000 lines. */
const MAX_LOG_LINES = 2_000;

/** What the strategy logged (`ctx.log`), with bar and time. */
export function LogsCard({ logs }: { logs: readonly StrategyLogLine[] }) {
  if (logs.length === 0) return null;
  const shown = logs.slice(0, MAX_LOG_LINES);
  return (
    <details className="card bt-logs" open data-testid="strategy-logs">
      <summary>
        Strategy log <span className="bt-hint">({formatFixed(logs.length, 0)} lines)</span>
      </summary>
      <pre>
        {shown.map((l) => `#${l.bar}  ${formatTime(l.time)}  ${l.message}`).join('\n')}
        {logs.length > shown.length
          ? `\n… ${formatFixed(logs.length - shown.length, 0)} more lines not shown`
          : ''}
      </pre>
    </details>
  );
}
