// Presentational trading panes shared by the Paper and Live pages: plain rows in, callbacks out.
export { type BalanceRow, BalancesTable, type BalancesTableProps } from './balances-table';
export { type FillRow, FillsTable, type FillsTableProps } from './fills-table';
export { type OpenOrderRow, OpenOrdersTable, type OpenOrdersTableProps } from './open-orders-table';
export { type PositionRow, PositionsTable, type PositionsTableProps } from './positions-table';
