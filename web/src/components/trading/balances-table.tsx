import { memo } from 'react';
import { formatAmount } from '../../../../engine-core/src/analyzer';
import './trading.css';

/** One asset's balance (engine-core's `BalanceView` fits). */
export interface BalanceRow {
  readonly asset: string;
  readonly free: number;
  readonly locked: number;
}

export interface BalancesTableProps {
  readonly balances: readonly BalanceRow[];
  readonly emptyHint?: string;
}

/** Free, locked (held by open orders) and total per asset. Props in, nothing out. */
export const BalancesTable = memo(function BalancesTable({
  balances,
  emptyHint,
}: BalancesTableProps) {
  if (balances.length === 0)
    return (
      <div className="tr-empty" data-testid="balances-empty">
        <p>No balances.</p>
        {emptyHint && <p className="tr-hint">{emptyHint}</p>}
      </div>
    );
  return (
    <div className="tr-scroll">
      <table className="data" data-testid="balances">
        <thead>
          <tr>
            <th scope="col">Asset</th>
            <th scope="col">Free</th>
            <th scope="col">Locked</th>
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {balances.map((b) => (
            <tr key={b.asset}>
              <td>{b.asset}</td>
              <td>{formatAmount(b.free)}</td>
              <td>{formatAmount(b.locked)}</td>
              <td>{formatAmount(b.free + b.locked)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
