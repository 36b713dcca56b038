import { formatPercent } from '../../../engine-core/src/analyzer';
import { heatmapLayout, heatStrength, MONTH_LABELS } from './heatmap-layout';
import './charts.css';

export interface MonthlyHeatmapProps {
  /** `'YYYY-MM'` → that month's return (the report's `monthly_returns`). */
  readonly monthly: Readonly<Record<string, number>>;
}

/** Background of a cell: the up or down colour, stronger with the size of the return. */
function cellStyle(r: number, maxAbs: number): { background?: string } {
  const s = heatStrength(r, maxAbs);
  if (s === 0) return {};
  const colour = r > 0 ? 'var(--up)' : 'var(--down)';
  return { background: `color-mix(in srgb, ${colour} ${Math.round(s * 100)}%, transparent)` };
}

const signClass = (r: number): string | undefined => (r > 0 ? 'pos' : r < 0 ? 'neg' : undefined);

/** Monthly returns as a years × months table, coloured by sign and size, with each year's total. */
export function MonthlyHeatmap({ monthly }: MonthlyHeatmapProps) {
  const { rows, maxAbs } = heatmapLayout(monthly);
  if (rows.length === 0) return <p className="empty">No monthly returns (no bars).</p>;
  return (
    <div className="heatmap-scroll">
      <table className="data heatmap" data-testid="monthly-heatmap">
        <thead>
          <tr>
            <th scope="col">Year</th>
            {MONTH_LABELS.map((m) => (
              <th key={m} scope="col">
                {m}
              </th>
            ))}
            <th scope="col">Year</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.year}>
              <th scope="row">{row.year}</th>
              {row.cells.map((r, i) => {
                const key = `${row.year}-${String(i + 1).padStart(2, '0')}`;
                return r === null ? (
                  <td key={key} className="heatmap-none" />
                ) : (
                  <td key={key} style={cellStyle(r, maxAbs)} title={`${key}: ${formatPercent(r)}`}>
                    {formatPercent(r)}
                  </td>
                );
              })}
              <td className={`heatmap-year ${signClass(row.total) ?? ''}`}>
                {formatPercent(row.total)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
