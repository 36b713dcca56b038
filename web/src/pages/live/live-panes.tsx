import { useState } from 'react';
import { formatAmount, formatTime } from '../../../../engine-core/src/analyzer';
import {
  BalancesTable,
  FillsTable,
  OpenOrdersTable,
  PositionsTable,
} from '../../components/trading';
import {
  apiErrorOf,
  describeApiError,
  type LiveOrder,
  liveApi,
  liveKeys,
  useLiveAction,
  useLiveBalances,
  useLiveFills,
  useLiveOrders,
  useLivePositions,
  useMarketPrices,
} from '../../live';
import { balanceRows, fillRows, finishedOrders, openOrderRows, positionRows } from './live-rows';

const STALE = [liveKeys.orders, liveKeys.account] as const;
const HISTORY = 20;

/** A pane's card: a title, and the query's failure (never a crash) above its content. */
function Pane({
  id,
  title,
  error,
  children,
}: {
  readonly id: string;
  readonly title: string;
  readonly error: unknown;
  readonly children: React.ReactNode;
}) {
  return (
    <section className="card lv-pane" aria-labelledby={`lv-pane-${id}`}>
      <h3 id={`lv-pane-${id}`} className="lv-card-title">
        {title}
      </h3>
      {error !== null && (
        <p className="error-text" role="alert">
          {describeApiError(apiErrorOf(error))}
        </p>
      )}
      {children}
    </section>
  );
}

function OrdersPane() {
  const orders = useLiveOrders(true);
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const cancel = useLiveAction(
    (o: { id: string; symbol?: string }) => liveApi.cancel(o.id, o.symbol),
    STALE,
  );
  const all = orders.data ?? [];
  const bySymbol = new Map(all.map((o) => [o.clientOrderId, o.symbol]));
  const onCancel = (id: string): void => {
    setPending((p) => new Set(p).add(id));
    const symbol = bySymbol.get(id);
    cancel.mutate(
      { id, ...(symbol !== undefined && { symbol }) },
      {
        onSettled: () =>
          setPending((p) => {
            const n = new Set(p);
            n.delete(id);
            return n;
          }),
      },
    );
  };
  const rows = openOrderRows(all);
  const refused = cancel.data && !cancel.data.ok ? cancel.data.reason : null;
  return (
    <Pane id="orders" title={`Open orders (${rows.length})`} error={orders.error}>
      {(cancel.error || refused) && (
        <p className="error-text" role="alert">
          {cancel.error ? describeApiError(cancel.error.apiError) : `Cancel refused: ${refused}`}
        </p>
      )}
      <OpenOrdersTable
        orders={rows}
        onCancel={onCancel}
        onCancelAll={() => {
          for (const r of rows) onCancel(r.clientOrderId);
        }}
        pending={pending}
        emptyHint="Orders working at the venue show here."
      />
      <OrderHistory orders={finishedOrders(all, HISTORY)} />
    </Pane>
  );
}

/** Finished orders with their final status and reason. */
function OrderHistory({ orders }: { readonly orders: readonly LiveOrder[] }) {
  if (orders.length === 0) return null;
  return (
    <details className="lv-history" open>
      <summary>Finished orders (last {HISTORY})</summary>
      <div className="tr-scroll">
        <table className="data" data-testid="live-order-history">
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Symbol</th>
              <th scope="col">Side</th>
              <th scope="col">Qty</th>
              <th scope="col">Filled</th>
              <th scope="col">Avg price</th>
              <th scope="col">Status</th>
              <th scope="col">Reason</th>
              <th scope="col">Time (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => (
              <tr key={o.clientOrderId} data-order-id={o.clientOrderId}>
                <td className="tr-id">{o.clientOrderId}</td>
                <td>{o.symbol}</td>
                <td className={o.side === 'BUY' ? 'pos' : 'neg'}>{o.side}</td>
                <td>{formatAmount(o.qty)}</td>
                <td>{formatAmount(o.executedQty)}</td>
                <td>{o.executedQty > 0 ? formatAmount(o.avgPrice) : '—'}</td>
                <td>{o.status}</td>
                <td className="lv-reason">{o.reason ?? ''}</td>
                <td>{formatTime(o.ts)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function PositionsPane() {
  const positions = useLivePositions(true);
  const prices = useMarketPrices();
  return (
    <Pane id="positions" title="Positions" error={positions.error}>
      <PositionsTable positions={positionRows(positions.data ?? [], prices)} />
    </Pane>
  );
}

function BalancesPane() {
  const balances = useLiveBalances(true);
  return (
    <Pane id="balances" title="Balances" error={balances.error}>
      <BalancesTable
        balances={balanceRows(balances.data ?? [])}
        emptyHint="The venue's balances show once the server has read the account."
      />
    </Pane>
  );
}

function FillsPane() {
  const fills = useLiveFills(true);
  return (
    <Pane id="fills" title="Fills" error={fills.error}>
      <FillsTable fills={fillRows(fills.data ?? [])} emptyHint="Fills reported by the venue." />
    </Pane>
  );
}

/** The account at the venue: orders, positions, balances, fills (the Paper page's tables). */
export function LivePanes() {
  return (
    <div className="lv-panes">
      <OrdersPane />
      <BalancesPane />
      <PositionsPane />
      <FillsPane />
    </div>
  );
}
