import { feeRateBound } from '../accounting';
import type { StrategyLogLine } from '../analyzer';
import type { Engine } from '../engine';
import { equity } from '../engine';
import type { CandleBar, Candles } from '../market';
import {
  type BalanceView,
  type ClientOrderId,
  clientOrderId,
  type EngineEvent,
  type OrderRequest,
  type SymbolId,
} from '../model';
import {
  checkStrategyOrder,
  describeStrategyError,
  openOrderView,
  orderUpdateOf,
  type ParamValues,
  type Strategy,
  type StrategyBook,
  type StrategyContext,
  type StrategyFailure,
  type StrategyInstance,
  type StrategyOpenOrder,
  type StrategyOrder,
  type StrategyTrade,
  strategyFillOf,
} from '../strategy';
import { GrowingCandles } from './growing-candles';

/** Settings of a hosted (paper or live) strategy run. */
export interface StrategyHostOptions {
  readonly engine: Engine;
  readonly symbol: SymbolId;
  readonly strategy: Strategy;
  readonly params: ParamValues;
  /** The bars `onBar` is called with. */
  readonly interval: string;
  readonly intervalMs: number;
  /** Wall clock (ms). */
  readonly now: () => number;
  /** Receives every engine event the host's own commands cause (to journal and show). */
  readonly emit: (events: readonly EngineEvent[]) => void;
  /** Client order ids are `${prefix}${n}`; events for other ids are not the strategy's. */
  readonly idPrefix?: string;
  readonly sourceFile?: string | null;
  readonly lineOffset?: number;
}

const MAX_LOG_LINES = 10_000;

/**
 * Runs a strategy against a live engine (paper or live venue): closed bars call `onBar`, trades
 * and books call `onTrade`/`onBook`, and the engine's events for the strategy's orders call
 * `onFill`/`onOrderUpdate`, right after the callback that caused them returns. The strategy object
 * is the same one a backtest runs. A callback that throws stops the strategy: its working orders
 * are cancelled and `failure` says where; the engine carries on.
 */
export class StrategyHost implements StrategyContext {
  readonly params: ParamValues;
  readonly symbol: string;
  bar = -1;

  private readonly _bars: GrowingCandles;
  private readonly _prefix: string;
  private _instance: StrategyInstance | null = null;
  private _nextId = 1;
  private _failure: StrategyFailure | null = null;
  private readonly _logs: StrategyLogLine[] = [];
  private _depth = 0;
  private readonly _queue: EngineEvent[] = [];

  constructor(private readonly _o: StrategyHostOptions) {
    this.params = _o.params;
    this.symbol = _o.symbol;
    this._prefix = _o.idPrefix ?? 'st-';
    this._bars = new GrowingCandles(_o.symbol, _o.interval, _o.intervalMs);
  }

  get candles(): Candles {
    return this._bars.view();
  }
  get failure(): StrategyFailure | null {
    return this._failure;
  }
  get logs(): readonly StrategyLogLine[] {
    return this._logs;
  }
  get running(): boolean {
    return this._instance !== null && this._failure === null;
  }

  /** Creates the strategy's run and calls `init`. */
  start(): void {
    this._call('create', () => {
      const inst = this._o.strategy.create(this.params);
      if (inst === null || typeof inst !== 'object' || typeof inst.onBar !== 'function')
        throw new Error('create(params) must return an object with an onBar method');
      this._instance = inst;
    });
    const inst = this._instance;
    if (inst?.init) this._call('init', () => inst.init?.(this));
  }

  /** A closed bar: appended to `candles`, then `onBar`. Out-of-order bars are ignored. */
  pushBar(bar: CandleBar): void {
    if (!this._bars.push(bar)) return;
    this.bar = this._bars.length - 1;
    const inst = this._instance;
    if (inst && this._failure === null) this._call('onBar', () => inst.onBar(this));
  }

  pushTrade(trade: StrategyTrade): void {
    const inst = this._instance;
    if (inst?.onTrade && this._failure === null)
      this._call('onTrade', () => inst.onTrade?.(this, trade));
  }

  pushBook(book: StrategyBook): void {
    const inst = this._instance;
    if (inst?.onBook && this._failure === null)
      this._call('onBook', () => inst.onBook?.(this, book));
  }

  /** Engine events from elsewhere (ticks, venue reports): the strategy's fills and updates. */
  onEngineEvents(events: readonly EngineEvent[]): void {
    for (const e of events) this._queue.push(e);
    if (this._depth === 0) this._deliver();
  }

  // ---- StrategyContext -------------------------------------------------------------------

  now(): number {
    return this._o.now();
  }
  position(): number {
    return this._o.engine.state.positions.get(this._o.symbol)?.qty ?? 0;
  }
  avgPrice(): number {
    const p = this._o.engine.state.positions.get(this._o.symbol);
    return p === undefined || p.qty === 0 ? 0 : p.avgPrice;
  }
  cash(): number {
    const s = this._o.engine.state;
    const b = s.balances.get(s.accountAsset);
    return b === undefined ? 0 : b.free + b.locked;
  }
  equity(): number {
    return equity(this._o.engine.state);
  }
  balances(): readonly BalanceView[] {
    return this._o.engine.balances();
  }
  openOrders(): readonly StrategyOpenOrder[] {
    const s = this._o.engine.state;
    const out: StrategyOpenOrder[] = [];
    for (const id of s.openOrders) {
      if (!id.startsWith(this._prefix)) continue;
      const o = s.orders.get(id);
      if (o !== undefined) out.push(openOrderView(o));
    }
    return out;
  }

  submit(order: StrategyOrder): string {
    checkStrategyOrder(order);
    const id = this._newId();
    const qty = 'qty' in order.size ? order.size.qty : this._qtyForFraction(order);
    const base = {
      clientOrderId: id,
      symbol: this._o.symbol,
      side: order.side,
      qty,
      tif: 'GTC' as const,
      postOnly: order.postOnly === true,
      reduceOnly: order.reduceOnly === true,
    };
    switch (order.type) {
      case 'MARKET':
        this._send({ ...base, type: 'MARKET' });
        break;
      case 'LIMIT':
        this._send({ ...base, type: 'LIMIT', price: order.price });
        break;
      case 'STOP':
        this._send({ ...base, type: 'STOP', stopPrice: order.stopPrice });
        break;
      case 'STOP_LIMIT':
        this._send({ ...base, type: 'STOP_LIMIT', stopPrice: order.stopPrice, price: order.price });
        break;
    }
    return id;
  }

  cancel(id: string): void {
    this._handle(this._o.engine.handle({ type: 'cancel_order', clientOrderId: clientOrderId(id) }));
  }

  cancelAll(): void {
    for (const o of this.openOrders()) this.cancel(o.clientOrderId);
  }

  closePosition(): void {
    const pos = this.position();
    if (pos === 0) return;
    this._send({
      clientOrderId: this._newId(),
      symbol: this._o.symbol,
      side: pos > 0 ? 'SELL' : 'BUY',
      qty: Math.abs(pos),
      tif: 'GTC',
      postOnly: false,
      reduceOnly: true,
      type: 'MARKET',
    });
  }

  bracket(takeProfit: number, stopLoss: number): void {
    const pos = this.position();
    if (pos === 0) return;
    const side = pos > 0 ? ('SELL' as const) : ('BUY' as const);
    const size = { qty: Math.abs(pos) };
    // Live venues take the two legs as separate reduce-only orders; the host cancels the other
    // leg when one fills (see `_deliver`).
    const tp = this.submit({ type: 'LIMIT', side, size, price: takeProfit, reduceOnly: true });
    const sl = this.submit({ type: 'STOP', side, size, stopPrice: stopLoss, reduceOnly: true });
    this._oco.set(tp, sl);
    this._oco.set(sl, tp);
  }

  log(message: string): void {
    if (this._logs.length < MAX_LOG_LINES)
      this._logs.push({ bar: this.bar, time: this.now(), message: String(message) });
  }

  // ---- plumbing --------------------------------------------------------------------------

  private readonly _oco = new Map<string, string>();

  /**
   * The next `${prefix}${n}` the engine does not know: a host started on a recovered engine (a
   * paper session reopened after a reload) goes on after the ids of the run before it.
   */
  private _newId(): ClientOrderId {
    const orders = this._o.engine.state.orders;
    for (;;) {
      const id = clientOrderId(`${this._prefix}${this._nextId++}`);
      if (!orders.has(id)) return id;
    }
  }

  /** Fraction sizing at the last price, leaving room for the fee and the market protection. */
  private _qtyForFraction(order: StrategyOrder): number {
    const size = order.size as { fraction: number };
    const s = this._o.engine.state;
    const last =
      order.type === 'MARKET'
        ? (s.marks.get(this._o.symbol) ?? this.candles.close[this.bar])
        : order.type === 'STOP'
          ? order.stopPrice
          : order.price;
    if (last === undefined || !(last > 0))
      throw new Error('fraction sizing needs a price: no tick or bar yet');
    const cfg = this._o.engine.config;
    // The fee rate the engine reserves for this order type (market: taker only), as the backtest.
    const fee = feeRateBound({ type: order.type, postOnly: order.postOnly === true }, cfg.fees);
    const protection = order.type === 'MARKET' ? cfg.marketProtection : 0;
    const inst = s.instruments.get(this._o.symbol);
    const perUnit = inst?.margin ? 1 / inst.margin.leverage : 1;
    return (size.fraction * this.cash()) / (last * (1 + protection) * (perUnit + fee));
  }

  private _send(req: OrderRequest): void {
    this._handle(this._o.engine.handle({ type: 'submit_order', request: req }));
  }

  private _handle(events: readonly EngineEvent[]): void {
    this._o.emit(events);
    this.onEngineEvents(events);
  }

  /** Runs a strategy callback; a throw stops the strategy and cancels its orders. */
  private _call(callback: string, fn: () => void): void {
    this._depth++;
    try {
      fn();
    } catch (thrown) {
      this._failure = describeStrategyError(thrown, {
        callback,
        bar: this.bar,
        time: this.now(),
        sourceFile: this._o.sourceFile ?? null,
        lineOffset: this._o.lineOffset ?? 0,
      });
    } finally {
      this._depth--;
    }
    if (this._failure !== null && this._depth === 0) {
      this._queue.length = 0;
      const open = this.openOrders();
      for (const o of open) this.cancel(o.clientOrderId);
      return;
    }
    if (this._depth === 0) this._deliver();
  }

  /** Hands the strategy the events queued for its orders, in order. */
  private _deliver(): void {
    while (this._queue.length > 0 && this._failure === null) {
      const e = this._queue.shift() as EngineEvent;
      const update = orderUpdateOf(e, (id) => id.startsWith(this._prefix));
      if (update === null) continue;
      const inst = this._instance;
      if (e.type === 'order_filled') {
        if (e.status === 'FILLED') this._cancelOcoSibling(e.clientOrderId);
        if (inst?.onFill) {
          const fill = strategyFillOf(e);
          this._call('onFill', () => inst.onFill?.(this, fill));
        }
      }
      if (inst?.onOrderUpdate)
        this._call('onOrderUpdate', () => inst.onOrderUpdate?.(this, update));
    }
  }

  private _cancelOcoSibling(id: string): void {
    const other = this._oco.get(id);
    if (other === undefined) return;
    this._oco.delete(id);
    this._oco.delete(other);
    const o = this._o.engine.state.orders.get(clientOrderId(other));
    if (o !== undefined && o.status !== 'FILLED' && o.status !== 'CANCELLED') this.cancel(other);
  }
}
