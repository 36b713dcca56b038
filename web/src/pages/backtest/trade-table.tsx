import { type KeyboardEvent, memo, useMemo, useState } from 'react';
import {
  formatAmount,
  formatFixed,
  formatPercent,
  formatTime,
} from '../../../../engine-core/src/analyzer';
import { type TradeColumns, tradeAt } from '../../engine/result-columns';
import { moneyDecimals, signClass } from './metric-rows';
import {
  DEFAULT_TRADE_SORT,
  formatDuration,
  nextTradeSort,
  sortedTradeIndexes,
  type TradeSort,
  type TradeSortKey,
} from './trade-sort';

/** Rows per page: a page renders at once; thousands of trades stay fast. */
export const TRADES_PER_PAGE = 100;

const COLUMNS: readonly { readonly key: TradeSortKey; readonly label: string }[] = [
  { key: 'index', label: '#' },
  { key: 'side', label: 'Side' },
  { key: 'entry_time', label: 'Entry (UTC)' },
  { key: 'exit_time', label: 'Exit (UTC)' },
  { key: 'duration', label: 'Held' },
  { key: 'qty', label: 'Qty' },
  { key: 'entry_price', label: 'Entry price' },
  { key: 'exit_price', label: 'Exit price' },
  { key: 'fees', label: 'Fees' },
  { key: 'pnl', label: 'P&L' },
  { key: 'return', label: 'Return' },
];

export interface TradeTableProps {
  /** The report's trades, as columns; rows are built for the shown page only. */
  readonly trades: TradeColumns;
  readonly initialCash: number;
  /** The selected trade (report index), highlighted. */
  readonly selected: number | null;
  /** A row was clicked (or Enter/Space on it): the trade's report index. */
  readonly onSelect: (index: number) => void;
}

/** One trade's row: re-rendered only when it is selected or unselected. */
const TradeRow = memo(function TradeRow({
  trades,
  index: i,
  money,
  selected,
  onSelect,
}: {
  trades: TradeColumns;
  index: number;
  money: number;
  selected: boolean;
  onSelect: (index: number) => void;
}) {
  const t = tradeAt(trades, i);
  const onKey = (e: KeyboardEvent<HTMLTableRowElement>): void => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(i);
    }
  };
  return (
    <tr
      tabIndex={0}
      data-trade={i}
      aria-selected={selected}
      className={selected ? 'bt-selected' : undefined}
      onClick={() => onSelect(i)}
      onKeyDown={onKey}
      title="Show this trade on the chart"
    >
      <td>{i + 1}</td>
      <td className={t.side === 'LONG' ? 'pos' : 'neg'}>{t.side}</td>
      <td>{formatTime(t.entry_time)}</td>
      <td>{formatTime(t.exit_time)}</td>
      <td>{formatDuration(t.exit_time - t.entry_time)}</td>
      <td>{formatAmount(t.qty)}</td>
      <td>{formatAmount(t.entry_price)}</td>
      <td>{formatAmount(t.exit_price)}</td>
      <td>{formatFixed(t.fees, money)}</td>
      <td className={signClass(t.pnl)}>{formatFixed(t.pnl, money)}</td>
      <td className={signClass(t.return)}>{formatPercent(t.return)}</td>
    </tr>
  );
});

/**
 * The closed trades: click a header to sort (again to reverse), click a row (or focus it and
 * press Enter) to show the trade on the chart. Paged, so any number of trades renders quickly.
 */
export function TradeTable({ trades, initialCash, selected, onSelect }: TradeTableProps) {
  const [sort, setSort] = useState<TradeSort>(DEFAULT_TRADE_SORT);
  const [page, setPage] = useState(0);
  const order = useMemo(() => sortedTradeIndexes(trades, sort), [trades, sort]);
  const pages = Math.max(1, Math.ceil(order.length / TRADES_PER_PAGE));
  const current = Math.min(page, pages - 1);
  const rows = Array.from(
    order.subarray(current * TRADES_PER_PAGE, (current + 1) * TRADES_PER_PAGE),
  );
  const money = moneyDecimals(initialCash);

  if (trades.length === 0) return <p className="empty">No closed trades.</p>;

  return (
    <>
      <div className="bt-trades-scroll">
        <table className="data bt-trades" data-testid="trades">
          <thead>
            <tr>
              {COLUMNS.map((c) => {
                const active = sort.key === c.key;
                return (
                  <th
                    key={c.key}
                    scope="col"
                    aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                  >
                    <button
                      type="button"
                      className="bt-sort"
                      data-sort-key={c.key}
                      onClick={() => {
                        setSort((s) => nextTradeSort(s, c.key));
                        setPage(0);
                      }}
                    >
                      {c.label}
                      <span aria-hidden="true" className="bt-sort-mark">
                        {active ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((i) => (
              <TradeRow
                key={i}
                trades={trades}
                index={i}
                money={money}
                selected={selected === i}
                onSelect={onSelect}
              />
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav className="bt-pager" aria-label="Trade pages">
          <button
            type="button"
            className="btn ghost bt-mini"
            disabled={current === 0}
            onClick={() => setPage(current - 1)}
          >
            ← Previous
          </button>
          <span className="bt-hint">
            Page {current + 1} of {pages} · trades {formatFixed(current * TRADES_PER_PAGE + 1, 0)}–
            {formatFixed(Math.min(order.length, (current + 1) * TRADES_PER_PAGE), 0)} of{' '}
            {formatFixed(order.length, 0)}
          </span>
          <button
            type="button"
            className="btn ghost bt-mini"
            disabled={current >= pages - 1}
            onClick={() => setPage(current + 1)}
          >
            Next →
          </button>
        </nav>
      )}
    </>
  );
}
