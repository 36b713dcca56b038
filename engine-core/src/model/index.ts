export type { Balance, BalanceView, Position, PositionView } from './account';
export type { EngineCommand, EngineCommandType, ExecStatus, QueryTarget } from './commands';
export { type EngineEvent, isStateEvent, type ReportEvent, type StateEvent } from './events';
export {
  type Asset,
  asset,
  type Brand,
  type ClientOrderId,
  clientOrderId,
  type SymbolId,
  symbolId,
  type TimestampMs,
  timestampMs,
} from './ids';
export { type Instrument, liquidationPrice, type PerpMargin } from './instrument';
export {
  avgPrice,
  isOpenStatus,
  type Liquidity,
  limitPrice,
  type OrderPricing,
  type OrderRequest,
  type OrderState,
  type OrderStatus,
  type OrderType,
  type Reservation,
  remainingQty,
  type Side,
  stopPrice,
  TERMINAL_STATUSES,
  type TimeInForce,
} from './order';
