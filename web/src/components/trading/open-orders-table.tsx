import { memo } from 'react';
import { formatAmount, formatTime } from '../../../../engine-core/src/analyzer';
import './trading.css';

/** One open order (the paper view's `PaperOpenOrder` fits; so will the live one). */
export interface OpenOrderRow {
  readonly clientOrderId: string;
  readonly side: 'BUY' | 'SELL';
  readonly type: string;
  readonly qty: number;
  readonly filledQty: number;
  readonly price: number | null;
  readonly stopPrice: number | null;
  readonly tif: string;
  readonly postOnly: boolean;
  readonly reduceOnly: boolean;
  readonly status: string;
  readonly createdTs: number;
}

export interface OpenOrdersTableProps {
  readonly orders: readonly OpenOrderRow[];
  readonly onCancel: (clientOrderId: string) => void;
  readonly onCancelAll: () => void;
  /** Orders whose cancel is on its way (their button is disabled). */
  readonly pending?: ReadonlySet<string>;
  /** Disables every button (a cancel-all on its way, no engine). */
  readonly disabled?: boolean;
  /** Prices as the instrument writes them (default: about six significant digits). */
  readonly formatPrice?: (x: number | null) => string;
  readonly formatQty?: (x: number | null) => string;
  /** Under "No open orders." */
  readonly emptyHint?: string;
}

const NONE: ReadonlySet<string> = new Set();

/** `LIMIT · post-only · reduce-only` */
function typeLabel(o: OpenOrderRow): string {
  const flags = [o.type.replace('_', '-')];
  if (o.postOnly) flags.push('post-only');
  if (o.reduceOnly) flags.push('reduce-only');
  return flags.join(' · ');
}

/** Open orders with a Cancel per row and Cancel all. Props in, callbacks out. */
export const OpenOrdersTable = memo(function OpenOrdersTable({
  orders,
  onCancel,
  onCancelAll,
  pending = NONE,
  disabled = false,
  formatPrice = formatAmount,
  formatQty = formatAmount,
  emptyHint,
}: OpenOrdersTableProps) {
  if (orders.length === 0)
    return (
      <div className="tr-empty" data-testid="open-orders-empty">
        <p>No open orders.</p>
        {emptyHint && <p className="tr-hint">{emptyHint}</p>}
      </div>
    );
  return (
    <div className="tr-pane">
      <div className="tr-toolbar">
        <span className="tr-hint">
          {orders.length} open order{orders.length === 1 ? '' : 's'}
        </span>
        <button
          type="button"
          className="btn danger tr-mini"
          onClick={onCancelAll}
          disabled={disabled}
        >
          Cancel all
        </button>
      </div>
      <div className="tr-scroll">
        <table className="data" data-testid="open-orders">
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Side</th>
              <th scope="col">Type</th>
              <th scope="col">Price</th>
              <th scope="col">Stop</th>
              <th scope="col">Qty</th>
              <th scope="col">Filled</th>
              <th scope="col">TIF</th>
              <th scope="col">Status</th>
              <th scope="col">Placed (UTC)</th>
              <th scope="col">
                <span className="tr-sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => (
              <tr key={o.clientOrderId} data-order-id={o.clientOrderId}>
                <td className="tr-id">{o.clientOrderId}</td>
                <td className={o.side === 'BUY' ? 'pos' : 'neg'}>{o.side}</td>
                <td>{typeLabel(o)}</td>
                <td>{o.price === null ? '—' : formatPrice(o.price)}</td>
                <td>{o.stopPrice === null ? '—' : formatPrice(o.stopPrice)}</td>
                <td>{formatQty(o.qty)}</td>
                <td>{formatQty(o.filledQty)}</td>
                <td>{o.tif}</td>
                <td>{o.status}</td>
                <td>{formatTime(o.createdTs)}</td>
                <td>
                  <button
                    type="button"
                    className="btn ghost tr-mini"
                    onClick={() => onCancel(o.clientOrderId)}
                    disabled={disabled || pending.has(o.clientOrderId)}
                    aria-label={`Cancel ${o.clientOrderId}`}
                  >
                    {pending.has(o.clientOrderId) ? 'Cancelling…' : 'Cancel'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
});
