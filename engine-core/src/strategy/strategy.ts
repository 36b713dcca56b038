import type { Candles } from '../market';
import type { ParamSpec, ParamValues } from './params';

/** How much to trade: a quantity, or a fraction of cash resolved at fill time (DESIGN §4). */
export type Sizing = { readonly qty: number } | { readonly fraction: number };

/** An order a strategy asks for. Prices are optional per type, as on an exchange. */
export type StrategyOrder =
  | { readonly type: 'MARKET'; readonly side: 'BUY' | 'SELL'; readonly size: Sizing }
  | {
      readonly type: 'LIMIT';
      readonly side: 'BUY' | 'SELL';
      readonly size: Sizing;
      readonly price: number;
    }
  | {
      readonly type: 'STOP';
      readonly side: 'BUY' | 'SELL';
      readonly size: Sizing;
      readonly stopPrice: number;
    }
  | {
      readonly type: 'STOP_LIMIT';
      readonly side: 'BUY' | 'SELL';
      readonly size: Sizing;
      readonly stopPrice: number;
      readonly price: number;
    };

/** What a strategy sees and does. The same shape in backtest, paper and live. */
export interface StrategyContext {
  /** The bars so far; `bar` is the index of the bar that just closed. */
  readonly candles: Candles;
  readonly bar: number;
  readonly params: ParamValues;
  /** Current time in ms (the close of the current bar in a backtest). */
  now(): number;
  /** Signed position in the instrument's base asset. */
  position(): number;
  /** Quote cash (free + locked). */
  cash(): number;
  /** Cash + position × last close. */
  equity(): number;
  /** Places an order; returns its client order id. */
  submit(order: StrategyOrder): string;
  /** Market-sells a long or buys back a short, whole. No-op when flat. */
  closePosition(): void;
  cancel(clientOrderId: string): void;
  /** Take-profit limit + stop-loss stop, one cancels the other; both reduce the position. */
  bracket(takeProfit: number, stopLoss: number): void;
}

/** A strategy: declared params, then callbacks. Built-ins live in `builtin/`, one file each. */
export interface Strategy {
  readonly name: string;
  readonly description: string;
  readonly params: readonly ParamSpec[];
  /** Creates the per-run state; called once with the resolved params. */
  create(params: ParamValues): StrategyInstance;
}

/** One run of a strategy. */
export interface StrategyInstance {
  /** Called at the close of every bar, in order. Must not allocate in the common path. */
  onBar(ctx: StrategyContext): void;
}
