import { useMemo, useState } from 'react';
import { useLocation } from 'wouter';
import { DEFAULT_BACKTEST_CONFIG } from '../../../../engine-core/src/backtest';
import { metricDirection, type WalkForwardResult } from '../../../../engine-core/src/optimizer';
import { Heatmap } from './heatmap';
import type { OptimizeResult } from './optimize-run';
import { backtestHref, buildHeatmap, type RankedRow, variedParams } from './results-model';
import { formatMetric, ResultsTable } from './results-table';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

/** The costs that differ from the defaults, for the Backtest link. */
function costsOf(r: OptimizeResult): Record<string, number> {
  const c = r.request.config;
  const d = DEFAULT_BACKTEST_CONFIG;
  const out: Record<string, number> = {};
  if (c.initialCash !== d.initialCash) out.initialCash = c.initialCash;
  if (c.feeBps !== d.feeBps) out.feeBps = c.feeBps;
  if (c.makerFeeBps !== d.makerFeeBps) out.makerFeeBps = c.makerFeeBps;
  if (c.slippageBps !== d.slippageBps) out.slippageBps = c.slippageBps;
  return out;
}

/** A finished search: its outline, walk-forward windows, the ranked table and the heatmap. */
export function ResultsView({ result }: { result: OptimizeResult }) {
  const [, navigate] = useLocation();
  const { request: req, rows } = result;
  const metric = req.objective.metric;
  const varied = useMemo(() => variedParams(rows), [rows]);
  const columns = varied.length > 0 ? varied : Object.keys(rows[0]?.params ?? {});
  const numeric = varied.filter((p) => rows.some((r) => typeof r.params[p] === 'number'));
  const [axes, setAxes] = useState<{ x: string; y: string }>({
    x: numeric[0] ?? '',
    y: numeric[1] ?? '',
  });
  const x = numeric.includes(axes.x) ? axes.x : (numeric[0] ?? '');
  const y =
    numeric.includes(axes.y) && axes.y !== x ? axes.y : (numeric.find((p) => p !== x) ?? '');
  const heatmap = useMemo(
    () => (x && y ? buildHeatmap(rows, x, y, metric) : null),
    [rows, x, y, metric],
  );
  const costs = costsOf(result);
  const hrefOf = (r: RankedRow) => backtestHref(req.datasetId, req.link, r.params, costs);
  const open = (r: RankedRow) => navigate(hrefOf(r));
  const minTrades = req.objective.minTrades ?? 0;

  return (
    <section className="optimize-results" aria-label="Results" data-testid="optimize-results">
      <p className="results-outline" data-testid="results-outline">
        {result.runs.toLocaleString('en')} runs in {seconds(result.elapsedMs)} on {req.workers}{' '}
        worker
        {req.workers === 1 ? '' : 's'}
        {result.walkForward ? '; the table is the last in-sample window' : ''}
        {result.genetic
          ? `; genetic: ${result.genetic.generations.length} generations, stopped: ${result.genetic.stop.replace('_', ' ')}`
          : ''}
        . Ranked by <strong>{metric}</strong> (
        {metricDirection(metric) === 'max' ? 'highest' : 'lowest'} first)
        {minTrades > 0 ? `, at least ${minTrades} trade${minTrades === 1 ? '' : 's'}` : ''}:{' '}
        {rows.length} ranked
        {result.excluded > 0 ? `, ${result.excluded} left out` : ''}
        {result.failed.length > 0 ? `, ${result.failed.length} failed` : ''}.
      </p>
      {result.failed.length > 0 && (
        <details className="card failed-runs">
          <summary className="error-text">
            {result.failed.length} run{result.failed.length === 1 ? '' : 's'} failed: the strategy
            threw
          </summary>
          <ul>
            {result.failed.slice(0, 20).map((f) => (
              <li key={JSON.stringify(f.params)}>
                <code>{JSON.stringify(f.params)}</code>: {f.failure}
              </li>
            ))}
          </ul>
        </details>
      )}
      {result.walkForward && <WalkForward wf={result.walkForward} metric={metric} />}
      {rows.length === 0 ? (
        <p className="empty card">No run met the constraints.</p>
      ) : (
        <div className="results-grid">
          <div className="card">
            <h3 className="card-title">Ranked runs</h3>
            <ResultsTable
              rows={rows}
              params={columns}
              metric={metric}
              hrefOf={hrefOf}
              onOpen={open}
            />
          </div>
          <div className="card">
            <h3 className="card-title">Heatmap</h3>
            {heatmap === null ? (
              <p className="empty">Vary two numeric params to see the heatmap.</p>
            ) : (
              <>
                <div className="row heatmap-axes">
                  <label className="field">
                    X
                    <select value={x} onChange={(e) => setAxes({ x: e.target.value, y })}>
                      {numeric.map((p) => (
                        <option key={p}>{p}</option>
                      ))}
                    </select>
                  </label>
                  <label className="field">
                    Y
                    <select value={y} onChange={(e) => setAxes({ x, y: e.target.value })}>
                      {numeric
                        .filter((p) => p !== x)
                        .map((p) => (
                          <option key={p}>{p}</option>
                        ))}
                    </select>
                  </label>
                  {numeric.length > 2 && <span className="empty">best over the other params</span>}
                </div>
                <Heatmap
                  heatmap={heatmap}
                  metric={metric}
                  direction={metricDirection(metric)}
                  onPick={open}
                />
              </>
            )}
          </div>
        </div>
      )}
    </section>
  );
}

function WalkForward({
  wf,
  metric,
}: {
  wf: WalkForwardResult;
  metric: OptimizeResult['request']['objective']['metric'];
}) {
  const s = wf.summary;
  return (
    <div className="card walk-forward">
      <h3 className="card-title">Walk-forward: out-of-sample, stitched</h3>
      <dl className="wf-summary">
        {(['total_return', 'sharpe', 'max_drawdown', 'trades'] as const).map((m) => (
          <div key={m}>
            <dt>{m}</dt>
            <dd>{formatMetric(m, s[m])}</dd>
          </div>
        ))}
      </dl>
      <div className="table-scroll wf-windows">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Window</th>
              <th scope="col">In-sample bars</th>
              <th scope="col">Out-of-sample bars</th>
              <th scope="col">Best in-sample params</th>
              <th scope="col">IS {metric}</th>
              <th scope="col">OOS {metric}</th>
              <th scope="col">OOS return</th>
            </tr>
          </thead>
          <tbody>
            {wf.windows.map((w) => (
              <tr key={w.window.index}>
                <td>{w.window.index + 1}</td>
                <td>
                  {w.window.inSample.from}–{w.window.inSample.to}
                </td>
                <td>
                  {w.window.outOfSample.from}–{w.window.outOfSample.to}
                </td>
                <td>
                  {w.best === null
                    ? 'none met the constraints'
                    : Object.entries(w.best.params)
                        .map(([k, v]) => `${k}=${String(v)}`)
                        .join(' ')}
                </td>
                <td>{w.best === null ? '—' : formatMetric(metric, w.best.summary[metric])}</td>
                <td>{formatMetric(metric, w.outOfSample[metric])}</td>
                <td>{formatMetric('total_return', w.outOfSample.total_return)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
