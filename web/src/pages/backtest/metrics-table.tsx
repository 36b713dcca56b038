import type { Summary } from '../../../../engine-core/src/analyzer';
import { formatMetric, METRIC_ROWS, type MetricRow, quoteAsset, signClass } from './metric-rows';

export interface MetricsTableProps {
  readonly summary: Summary;
  readonly initialCash: number;
  readonly symbol: string;
}

function Row({
  row,
  summary,
  initialCash,
  quote,
}: {
  row: MetricRow;
  summary: Summary;
  initialCash: number;
  quote: string;
}) {
  const value = summary[row.key];
  return (
    <tr data-metric={row.key} data-value={value === null ? 'null' : String(value)}>
      <th scope="row" title={`${row.key}: ${row.help}`}>
        {row.label}
      </th>
      <td className={row.signed ? signClass(value) : undefined}>
        {formatMetric(row, value, initialCash)}
      </td>
      <td className="bt-unit">{row.unit.replace('{quote}', quote)}</td>
    </tr>
  );
}

/**
 * Every DESIGN §5 metric, formatted with its unit, in two columns. Each row carries
 * `data-metric` (the JSON name) and `data-value` (the exact number) for tests and tools.
 */
export function MetricsTable({ summary, initialCash, symbol }: MetricsTableProps) {
  const quote = quoteAsset(symbol);
  const half = Math.ceil(METRIC_ROWS.length / 2);
  const columns = [METRIC_ROWS.slice(0, half), METRIC_ROWS.slice(half)];
  return (
    <div className="bt-metrics" data-testid="metrics">
      {columns.map((rows) => (
        <table key={rows[0]?.key} className="data bt-metrics-table">
          <tbody>
            {rows.map((row) => (
              <Row
                key={row.key}
                row={row}
                summary={summary}
                initialCash={initialCash}
                quote={quote}
              />
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}
