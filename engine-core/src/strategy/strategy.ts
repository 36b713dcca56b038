import type { Candles } from '../market';
import type { BalanceView, Liquidity, OrderStatus } from '../model';
import type { ParamSpec, ParamValues } from './params';

/** How much to trade: a quantity, or a fraction of cash resolved at fill time (DESIGN §4). */
export type Sizing = { readonly qty: number } | { readonly fraction: number };

/** Flags an order may carry, as on an exchange. */
interface OrderFlags {
  readonly side: 'BUY' | 'SELL';
  readonly size: Sizing;
  /** Only ever shrinks the position (exits, stops, take-profits). */
  readonly reduceOnly?: boolean;
  /** LIMIT only: rejected instead of taking liquidity. */
  readonly postOnly?: boolean;
}

/** An order a strategy asks for. Prices are required per type, as on an exchange. */
export type StrategyOrder =
  | (OrderFlags & { readonly type: 'MARKET' })
  | (OrderFlags & { readonly type: 'LIMIT'; readonly price: number })
  | (OrderFlags & { readonly type: 'STOP'; readonly stopPrice: number })
  | (OrderFlags & {
      readonly type: 'STOP_LIMIT';
      readonly stopPrice: number;
      readonly price: number;
    });

/** One of the strategy's working orders. */
export interface StrategyOpenOrder {
  readonly clientOrderId: string;
  readonly side: 'BUY' | 'SELL';
  readonly type: StrategyOrder['type'];
  readonly qty: number;
  readonly filledQty: number;
  /** Limit price (LIMIT, STOP_LIMIT), else null. */
  readonly price: number | null;
  /** Stop price (STOP, STOP_LIMIT), else null. */
  readonly stopPrice: number | null;
  readonly reduceOnly: boolean;
}

/** A fill of one of the strategy's orders. */
export interface StrategyFill {
  readonly clientOrderId: string;
  readonly time: number;
  readonly side: 'BUY' | 'SELL';
  readonly qty: number;
  readonly price: number;
  readonly fee: number;
  readonly liquidity: Liquidity;
}

/** A change of one of the strategy's orders (a risk denial arrives as REJECTED with its reason). */
export interface StrategyOrderUpdate {
  readonly clientOrderId: string;
  readonly status: OrderStatus | 'TRIGGERED';
  readonly reason: string | null;
}

/** A public trade on the market (paper and live; bar backtests have none). */
export interface StrategyTrade {
  readonly time: number;
  readonly price: number;
  readonly qty: number;
  /** The aggressor's side. */
  readonly side: 'BUY' | 'SELL';
}

/** The top of the order book (paper and live). Levels are [price, qty], best first. */
export interface StrategyBook {
  readonly time: number;
  readonly bids: readonly (readonly [number, number])[];
  readonly asks: readonly (readonly [number, number])[];
}

/**
 * What a strategy sees and does: the same shape in backtest, paper and live. Reads are cheap
 * (no allocation for the number getters); orders go through the engine's risk checks.
 */
export interface StrategyContext {
  /** The bars so far; `bar` is the index of the bar that just closed. */
  readonly candles: Candles;
  readonly bar: number;
  readonly params: ParamValues;
  /** The instrument traded. */
  readonly symbol: string;
  /** Current time in ms (the close of the current bar in a backtest). */
  now(): number;
  /** Signed position in the instrument's base asset. */
  position(): number;
  /** Average entry price of the open position; 0 when flat. */
  avgPrice(): number;
  /** Quote cash (free + locked). */
  cash(): number;
  /** Cash + position marked at the last close. */
  equity(): number;
  /** Every balance (asset, free, locked). */
  balances(): readonly BalanceView[];
  /** The strategy's working orders, oldest first. */
  openOrders(): readonly StrategyOpenOrder[];
  /** Places an order; returns its client order id. Market orders fill at the next price. */
  submit(order: StrategyOrder): string;
  cancel(clientOrderId: string): void;
  /** Cancels every working order of the strategy. */
  cancelAll(): void;
  /** Market-sells a long or buys back a short, whole. No-op when flat. */
  closePosition(): void;
  /** Take-profit limit + stop-loss stop, one cancels the other; both reduce the position. */
  bracket(takeProfit: number, stopLoss: number): void;
  /** A line for the run's log (shown in the UI and the CLI). */
  log(message: string): void;
}

/** One run of a strategy: its state lives in the object `create` returns. */
export interface StrategyInstance {
  /** Called once before the first bar. */
  init?(ctx: StrategyContext): void;
  /** Called at the close of every bar, in order. Keep it allocation-free in the common path. */
  onBar(ctx: StrategyContext): void;
  /** A public trade (paper and live). */
  onTrade?(ctx: StrategyContext, trade: StrategyTrade): void;
  /** An order book update (paper and live). */
  onBook?(ctx: StrategyContext, book: StrategyBook): void;
  /** A fill of one of the strategy's orders, before the next `onBar`. */
  onFill?(ctx: StrategyContext, fill: StrategyFill): void;
  /** A status change of one of the strategy's orders. */
  onOrderUpdate?(ctx: StrategyContext, update: StrategyOrderUpdate): void;
}

/** A strategy: declared params, then a factory for runs. Built-ins live in `builtin/`. */
export interface Strategy {
  readonly name: string;
  readonly description: string;
  readonly params: readonly ParamSpec[];
  /** Creates the per-run state; called once with the resolved params. */
  create(params: ParamValues): StrategyInstance;
}

/** Identity, for typing: `export const strategy = defineStrategy({ ... })` in a user file. */
export const defineStrategy = (s: Strategy): Strategy => s;
