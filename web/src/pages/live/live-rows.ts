// The live API's data as the shared trading panes take it.
import type { BalanceRow, FillRow, OpenOrderRow, PositionRow } from '../../components/trading';
import type { LiveBalance, LiveFill, LiveOrder, LivePosition } from '../../live';

/** Statuses of an order still working at the venue. */
const OPEN: ReadonlySet<string> = new Set(['NEW', 'ACCEPTED', 'PARTIALLY_FILLED']);

export const isOpen = (o: LiveOrder): boolean => OPEN.has(o.status);

/** Working orders, newest first. */
export function openOrderRows(orders: readonly LiveOrder[]): OpenOrderRow[] {
  return orders
    .filter(isOpen)
    .sort((a, b) => b.ts - a.ts)
    .map((o) => ({
      clientOrderId: o.clientOrderId,
      side: o.side,
      type: o.type,
      qty: o.qty,
      filledQty: o.executedQty,
      price: o.price,
      stopPrice: o.stopPrice,
      tif: o.tif,
      postOnly: o.postOnly,
      reduceOnly: o.reduceOnly,
      status: o.status,
      createdTs: o.ts,
    }));
}

/** Finished orders (filled, cancelled, rejected, expired), newest first, at most `limit`. */
export function finishedOrders(orders: readonly LiveOrder[], limit: number): LiveOrder[] {
  return orders
    .filter((o) => !isOpen(o))
    .sort((a, b) => b.ts - a.ts)
    .slice(0, limit);
}

/** Fills oldest first (the table shows them newest first). */
export function fillRows(fills: readonly LiveFill[]): FillRow[] {
  return [...fills]
    .sort((a, b) => a.ts - b.ts)
    .map((f) => ({
      ts: f.ts,
      clientOrderId: f.clientOrderId,
      side: f.side,
      qty: f.qty,
      price: f.price,
      fee: f.fee,
      liquidity: f.liquidity,
    }));
}

/** Positions marked to the stream's last price, when it has sent one. */
export function positionRows(
  positions: readonly LivePosition[],
  prices: Readonly<Record<string, number>>,
): PositionRow[] {
  return positions.map((p) => ({
    symbol: p.symbol,
    qty: p.qty,
    avgPrice: p.avgPrice,
    markPrice: prices[p.symbol] ?? null,
    unrealizedPnl: p.unrealizedPnl,
    realizedPnl: p.realizedPnl,
    liquidationPrice: p.liquidationPrice,
  }));
}

/** Assets with something in them, by asset name. */
export function balanceRows(balances: readonly LiveBalance[]): BalanceRow[] {
  return balances
    .filter((b) => b.free !== 0 || b.locked !== 0)
    .sort((a, b) => a.asset.localeCompare(b.asset));
}
