import { memo } from 'react';
import { formatAmount } from '../../../../engine-core/src/analyzer';
import './trading.css';

/** One position (engine-core's `PositionView` fits). */
export interface PositionRow {
  readonly symbol: string;
  /** Signed: > 0 long, < 0 short. */
  readonly qty: number;
  readonly avgPrice: number;
  readonly markPrice: number | null;
  readonly unrealizedPnl: number;
  readonly realizedPnl: number;
  readonly liquidationPrice: number | null;
}

export interface PositionsTableProps {
  readonly positions: readonly PositionRow[];
  readonly emptyHint?: string;
}

const signClass = (x: number): string => (x > 0 ? 'pos' : x < 0 ? 'neg' : '');

/** Positions marked to the last price. Props in, nothing out. */
export const PositionsTable = memo(function PositionsTable({
  positions,
  emptyHint,
}: PositionsTableProps) {
  const open = positions.filter((p) => p.qty !== 0);
  if (open.length === 0)
    return (
      <div className="tr-empty" data-testid="positions-empty">
        <p>No open positions.</p>
        {emptyHint && <p className="tr-hint">{emptyHint}</p>}
      </div>
    );
  const perp = open.some((p) => p.liquidationPrice !== null);
  return (
    <div className="tr-scroll">
      <table className="data" data-testid="positions">
        <thead>
          <tr>
            <th scope="col">Symbol</th>
            <th scope="col">Side</th>
            <th scope="col">Qty</th>
            <th scope="col">Avg price</th>
            <th scope="col">Mark</th>
            <th scope="col">Unrealized P&amp;L</th>
            <th scope="col">Realized P&amp;L</th>
            {perp && <th scope="col">Liquidation</th>}
          </tr>
        </thead>
        <tbody>
          {open.map((p) => (
            <tr key={p.symbol}>
              <td>{p.symbol}</td>
              <td className={signClass(p.qty)}>{p.qty > 0 ? 'Long' : 'Short'}</td>
              <td>{formatAmount(Math.abs(p.qty))}</td>
              <td>{formatAmount(p.avgPrice)}</td>
              <td>{formatAmount(p.markPrice)}</td>
              <td className={signClass(p.unrealizedPnl)}>{formatAmount(p.unrealizedPnl)}</td>
              <td className={signClass(p.realizedPnl)}>{formatAmount(p.realizedPnl)}</td>
              {perp && <td>{formatAmount(p.liquidationPrice)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
