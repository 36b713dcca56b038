import type { Asset, SymbolId } from './ids';

/** One asset's balance: total = free + locked. */
export interface Balance {
  readonly free: number;
  readonly locked: number;
}

/** A balance as reported, with its asset. */
export interface BalanceView {
  readonly asset: Asset;
  readonly free: number;
  readonly locked: number;
}

/** Net position in one instrument, built from fills only. */
export interface Position {
  readonly symbol: SymbolId;
  /** Signed quantity: > 0 long, < 0 short. */
  readonly qty: number;
  /** Average entry price of the open quantity (0 when flat). */
  readonly avgPrice: number;
  /** P&L realised by reducing fills, before fees (fees are reported apart). */
  readonly realizedPnl: number;
}

/** A position as reported, marked to the last price. */
export interface PositionView extends Position {
  readonly unrealizedPnl: number;
  readonly markPrice: number | null;
  /** Perpetuals: where the position is liquidated; null for spot or when flat. */
  readonly liquidationPrice: number | null;
}
