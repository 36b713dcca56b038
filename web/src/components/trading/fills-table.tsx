import { memo } from 'react';
import { formatAmount, formatTime } from '../../../../engine-core/src/analyzer';
import './trading.css';

/** One fill (the paper view's `PaperFill` fits). */
export interface FillRow {
  readonly ts: number;
  readonly clientOrderId: string;
  readonly side: 'BUY' | 'SELL';
  readonly qty: number;
  readonly price: number;
  readonly fee: number;
  readonly liquidity: 'MAKER' | 'TAKER';
  /** One line standing for several fills of the order (average price, summed fee). */
  readonly merged?: boolean;
}

export interface FillsTableProps {
  /** Oldest first (as the engine keeps them); shown newest first. */
  readonly fills: readonly FillRow[];
  readonly emptyHint?: string;
}

/** Fills, newest first. Props in, nothing out. */
export const FillsTable = memo(function FillsTable({ fills, emptyHint }: FillsTableProps) {
  if (fills.length === 0)
    return (
      <div className="tr-empty" data-testid="fills-empty">
        <p>No fills yet.</p>
        {emptyHint && <p className="tr-hint">{emptyHint}</p>}
      </div>
    );
  const rows: FillRow[] = [];
  for (let i = fills.length - 1; i >= 0; i--) rows.push(fills[i] as FillRow);
  return (
    <div className="tr-scroll">
      <table className="data" data-testid="fills">
        <thead>
          <tr>
            <th scope="col">Time (UTC)</th>
            <th scope="col">Order</th>
            <th scope="col">Side</th>
            <th scope="col">Qty</th>
            <th scope="col">Price</th>
            <th scope="col">Notional</th>
            <th scope="col">Fee</th>
            <th scope="col">Liquidity</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((f, i) => (
            // Fills have no id of their own; an order can fill several times in one ms.
            // biome-ignore lint/suspicious/noArrayIndexKey: newest-first position is the identity here
            <tr key={`${f.clientOrderId}-${f.ts}-${fills.length - i}`}>
              <td>{formatTime(f.ts)}</td>
              <td className="tr-id">
                {f.clientOrderId}
                {f.merged && (
                  <span
                    className="tr-hint"
                    title="Several fills of this order, at their average price, with their summed fee"
                  >
                    {' '}
                    (merged)
                  </span>
                )}
              </td>
              <td className={f.side === 'BUY' ? 'pos' : 'neg'}>{f.side}</td>
              <td>{formatAmount(f.qty)}</td>
              <td>{formatAmount(f.price)}</td>
              <td>{formatAmount(f.qty * f.price)}</td>
              <td>{formatAmount(f.fee)}</td>
              <td>{f.liquidity === 'MAKER' ? 'maker' : 'taker'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
