import { useState } from 'react';
import { Link } from 'wouter';
import { formatFixed, formatPercent } from '../../../../engine-core/src/analyzer';
import { type MetricName, metricDirection } from '../../../../engine-core/src/optimizer';
import { metricOf, type RankedRow, type Sort, type SortKey, sortRows } from './results-model';

const PERCENT = new Set<MetricName>([
  'total_return',
  'max_drawdown',
  'cagr',
  'win_rate',
  'exposure',
  'buy_and_hold_return',
]);
const COUNT = new Set<MetricName>(['trades', 'max_consecutive_losses']);
const MONEY = new Set<MetricName>([
  'final_equity',
  'expectancy',
  'avg_win',
  'avg_loss',
  'total_fees',
  'turnover',
]);

/** A metric as the table shows it. */
export function formatMetric(metric: MetricName, v: number | null): string {
  if (PERCENT.has(metric)) return formatPercent(v);
  if (COUNT.has(metric)) return formatFixed(v, 0);
  if (MONEY.has(metric)) return formatFixed(v, 2);
  return formatFixed(v, 3);
}

const SIGNED = new Set<MetricName>(['total_return', 'cagr', 'sharpe', 'sortino', 'expectancy']);
const PAGE = 20;
const COLUMNS: readonly MetricName[] = [
  'total_return',
  'sharpe',
  'max_drawdown',
  'trades',
  'win_rate',
  'profit_factor',
];

interface ResultsTableProps {
  readonly rows: readonly RankedRow[];
  /** The params shown as columns. */
  readonly params: readonly string[];
  readonly metric: MetricName;
  readonly hrefOf: (row: RankedRow) => string;
  readonly onOpen: (row: RankedRow) => void;
}

const sameKey = (a: SortKey, b: SortKey): boolean =>
  a.kind === b.kind &&
  (a.kind === 'rank' || (a as { name: string }).name === (b as { name: string }).name);

/** The ranked runs: sortable by any column, the top 20 first, then more on demand. */
export function ResultsTable(props: ResultsTableProps) {
  const [sort, setSort] = useState<Sort>({ key: { kind: 'rank' }, descending: false });
  const [shown, setShown] = useState(PAGE);
  const metrics = [props.metric, ...COLUMNS.filter((m) => m !== props.metric)];
  const rows = sortRows(props.rows, sort).slice(0, shown);

  const header = (key: SortKey, text: string, className?: string) => {
    const active = sameKey(sort.key, key);
    return (
      <th
        key={`${key.kind}-${text}`}
        scope="col"
        className={className}
        aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}
      >
        <button
          type="button"
          className="sort-button"
          onClick={() =>
            setSort({
              key,
              // A metric sorts best first on the first click (the optimizer's direction).
              descending: active
                ? !sort.descending
                : key.kind === 'metric' && metricDirection(key.name) === 'max',
            })
          }
        >
          {text}
          <span aria-hidden="true" className="sort-mark">
            {active ? (sort.descending ? '▼' : '▲') : ''}
          </span>
        </button>
      </th>
    );
  };

  return (
    <div className="results-table">
      <div className="table-scroll">
        <table className="data" data-testid="results-table">
          <thead>
            <tr>
              {header({ kind: 'rank' }, '#')}
              {props.params.map((p) => header({ kind: 'param', name: p }, p, 'param-col'))}
              {metrics.map((m, i) =>
                header({ kind: 'metric', name: m }, m, i === 0 ? 'objective-col' : undefined),
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const href = props.hrefOf(r);
              return (
                <tr
                  key={r.rank}
                  className="result-row"
                  data-rank={r.rank}
                  data-params={JSON.stringify(r.params)}
                  data-metric={String(metricOf(r, props.metric))}
                  onClick={(e) => {
                    if (!(e.target instanceof HTMLAnchorElement)) props.onOpen(r);
                  }}
                >
                  <td>
                    <Link href={href} title="Open this run in Backtest">
                      {r.rank}
                    </Link>
                  </td>
                  {props.params.map((p) => (
                    <td key={`p-${p}`} className="param-col">
                      {String(r.params[p])}
                    </td>
                  ))}
                  {metrics.map((m, i) => {
                    const v = metricOf(r, m);
                    const sign =
                      SIGNED.has(m) && v !== null && v !== 0 ? (v > 0 ? 'pos' : 'neg') : '';
                    return (
                      <td key={m} className={`${i === 0 ? 'objective-col ' : ''}${sign}`}>
                        {formatMetric(m, v)}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="row results-more">
        <span className="empty">
          Showing {rows.length} of {props.rows.length}
        </span>
        {shown < props.rows.length && (
          <>
            <button type="button" className="btn ghost" onClick={() => setShown(shown + PAGE)}>
              Show {Math.min(PAGE, props.rows.length - shown)} more
            </button>
            {props.rows.length - shown > PAGE && (
              <button
                type="button"
                className="btn ghost"
                onClick={() => setShown(props.rows.length)}
              >
                Show all
              </button>
            )}
          </>
        )}
      </div>
    </div>
  );
}
