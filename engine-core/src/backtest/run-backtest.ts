import { feeRateBound } from '../accounting';
import type { BacktestResult, Fill, StrategyLogLine } from '../analyzer';
import { VirtualClock } from '../clock';
import { Engine, type EngineConfig } from '../engine';
import type { Candles } from '../market';
import {
  asset,
  type BalanceView,
  type ClientOrderId,
  clientOrderId,
  type EngineEvent,
  type Instrument,
  liquidationPrice,
  type OrderRequest,
  type SymbolId,
  symbolId,
} from '../model';
import { allRiskRulesOff, NO_RISK_LIMITS } from '../risk';
import {
  checkStrategyOrder,
  describeStrategyError,
  openOrderView,
  orderUpdateOf,
  type ParamValues,
  type Strategy,
  type StrategyContext,
  type StrategyFailure,
  StrategyInputError,
  type StrategyInstance,
  type StrategyOpenOrder,
  type StrategyOrder,
  strategyFillOf,
} from '../strategy';
import { BarVenue } from '../venue';
import type { BacktestConfig } from './backtest-config';

const QUOTE = asset('QUOTE');
const BASE = asset('BASE');
/** A run keeps at most this many log lines (a strategy logging every bar would not fit). */
const MAX_LOG_LINES = 10_000;

/**
 * The instrument a bar backtest trades: no tick, lot or notional filters (DESIGN §4 sizes
 * freely); a perpetual when the config says so.
 */
function backtestInstrument(symbol: string, perp: BacktestConfig['perp']): Instrument {
  const inst: Instrument = {
    symbol: symbolId(symbol),
    base: BASE,
    quote: QUOTE,
    tickSize: 0,
    lotSize: 0,
    minQty: 0,
    minNotional: 0,
  };
  return perp === undefined ? inst : { ...inst, margin: perp };
}

/** Options of one run beyond costs: where the strategy's source is (to locate its errors). */
export interface BacktestOptions {
  /** File name the strategy's code runs from; its frames locate a failure. */
  readonly sourceFile?: string | null;
  /** Lines the loader put before the source (code compiled from text); subtracted from its frames. */
  readonly lineOffset?: number;
  /** Called every `progressEvery` bars (and at the end) with bars done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Default 65 536. */
  readonly progressEvery?: number;
}

/**
 * Runs a strategy over candles through the one `Engine` (order state machine, accounting, risk)
 * with the bar venue of DESIGN §4. A strategy that throws stops the run at that bar: the result
 * covers the bars up to it and carries the failure; the engine is untouched by the throw.
 */
export function runBacktest(
  candles: Candles,
  strategy: Strategy,
  params: ParamValues,
  config: BacktestConfig,
  options: BacktestOptions = {},
): BacktestResult {
  return new BacktestRun(candles, strategy, params, config, options).run();
}

type PendingMarket = {
  readonly id: ClientOrderId;
  readonly side: 'BUY' | 'SELL';
  readonly fraction: number;
  readonly qty: number;
  readonly closeAll: boolean;
  readonly reduceOnly: boolean;
};

/** Placeholder until `create` has run (the bar loop never sees it). */
const NOT_STARTED: StrategyInstance = { onBar() {} };

/**
 * One backtest: the strategy's context and the bar loop. A class with typed fields, not a closure:
 * numbers that change (cash, position) live in a Float64Array, so updating them allocates nothing.
 */
class BacktestRun implements StrategyContext {
  readonly candles: Candles;
  readonly params: ParamValues;
  readonly symbol: string;
  bar = 0;

  private readonly _sym: SymbolId;
  private readonly _engine: Engine;
  private readonly _venue: BarVenue;
  private readonly _clock: VirtualClock;
  /** [cash, position, cost basis (perp: pos × avg), avg price]: changed only by fills. */
  private readonly _acct = new Float64Array(4);
  private readonly _fills: Fill[] = [];
  private readonly _logs: StrategyLogLine[] = [];
  private _pending: PendingMarket[] = [];
  private _spare: PendingMarket[] = [];
  private _instance: StrategyInstance = NOT_STARTED;
  /** Fill and order callbacks wait here until the engine call that caused them is over. */
  private readonly _notices: EngineEvent[] = [];
  private _wantsNotices = false;
  private _nextId = 1;
  private _liqOrder: ClientOrderId | null = null;
  private _failure: StrategyFailure | null = null;
  private _callback = 'create';

  /** `_unitCost` of a market order (taker fee), cached: the hot path sizes with it. */
  private readonly _costPerUnit: number;
  private readonly _s: number;

  constructor(
    candles: Candles,
    private readonly _strategy: Strategy,
    params: ParamValues,
    private readonly _config: BacktestConfig,
    private readonly _options: BacktestOptions,
  ) {
    this.candles = candles;
    this.params = params;
    this.symbol = candles.symbol || 'SYMBOL';
    this._sym = symbolId(this.symbol);
    const risk = _config.risk ?? NO_RISK_LIMITS;
    const engineConfig: EngineConfig = {
      accountAsset: QUOTE,
      instruments: [backtestInstrument(this._sym, _config.perp)],
      fees: { makerBps: _config.makerFeeBps, takerBps: _config.feeBps },
      risk,
      marketProtection: 0,
      reportChanges: false,
      keepFinishedOrders: false,
      trackRisk: !allRiskRulesOff(risk),
    };
    this._clock = new VirtualClock(candles.length > 0 ? (candles.time[0] as number) : 0);
    this._venue = new BarVenue({
      slippageBps: _config.slippageBps,
      volumeCap: _config.volumeCap ?? null,
    });
    this._engine = new Engine(engineConfig, this._clock, this._venue);
    this._engine.deposit(QUOTE, _config.initialCash);
    this._acct[0] = _config.initialCash;
    this._costPerUnit = this._unitCost(_config.feeBps / 10_000);
    this._s = _config.slippageBps / 10_000;
  }

  run(): BacktestResult {
    const n = this.candles.length;
    const equity = new Float64Array(n);
    const positionQty = new Float64Array(n);
    let end = n;
    try {
      const instance = this._strategy.create(this.params);
      if (instance === null || typeof instance !== 'object' || typeof instance.onBar !== 'function')
        throw new StrategyInputError('create(params) must return an object with an onBar method');
      this._instance = instance;
      this._wantsNotices = instance.onFill !== undefined || instance.onOrderUpdate !== undefined;
      this._callback = 'init';
      if (instance.init !== undefined && n > 0) instance.init(this);
      this._loop(equity, positionQty);
    } catch (thrown) {
      const bar = this.bar;
      this._failure = describeStrategyError(thrown, {
        callback: this._callback,
        bar,
        time: n > 0 ? (this.candles.time[bar] as number) : 0,
        sourceFile: this._options.sourceFile ?? null,
        lineOffset: this._options.lineOffset ?? 0,
      });
      // The bar the strategy failed in is marked; nothing after it is simulated.
      end = Math.min(n, bar + 1);
    }
    return this._result(end, equity, positionQty);
  }

  /** The bar loop (kept apart from the try/catch in `run`, which would slow it down). */
  private _loop(equity: Float64Array, positionQty: Float64Array): void {
    const c = this.candles;
    const n = c.length;
    const { time, open, high, low, close, volume } = c;
    const acct = this._acct;
    const venue = this._venue;
    const instance = this._instance;
    this._callback = 'onBar';
    const onProgress = this._options.onProgress;
    const every = Math.max(1, Math.floor(this._options.progressEvery ?? 65_536));
    // One integer compare per bar; -1 never matches when nobody listens.
    let nextReport = onProgress === undefined ? -1 : every;
    for (let i = 0; i < n; i++) {
      if (i === nextReport) {
        onProgress?.(i, n);
        nextReport += every;
      }
      this.bar = i;
      // The engine's clock moves only when the engine is used (submit, match): most bars don't.
      if (this._pending.length > 0) {
        this._clock.advanceTo(time[i] as number);
        this._submitPendingAtOpen(open[i] as number);
        // With nothing else working, the venue fills them on submission.
        this._refresh();
      }
      if (venue.hasWorking) {
        this._clock.advanceTo(time[i] as number);
        venue.processBar(
          open[i] as number,
          high[i] as number,
          low[i] as number,
          close[i] as number,
          volume[i] as number,
        );
        this._collect(this._engine.poll());
        this._refresh();
      }
      equity[i] =
        (acct[0] as number) + (acct[1] as number) * (close[i] as number) - (acct[2] as number);
      positionQty[i] = acct[1] as number;
      if (this._notices.length > 0) this._deliverNotices();
      instance.onBar(this);
      // What onBar caused (accepted, rejected, cancelled) is told as soon as it returns.
      if (this._notices.length > 0) this._deliverNotices();
    }
    onProgress?.(n, n);
  }

  // ---- StrategyContext -------------------------------------------------------------------

  now(): number {
    return (this.candles.time[this.bar] as number) + this.candles.intervalMs;
  }
  position(): number {
    return this._acct[1] as number;
  }
  avgPrice(): number {
    return this._acct[3] as number;
  }
  cash(): number {
    return this._acct[0] as number;
  }
  equity(): number {
    const a = this._acct;
    return (
      (a[0] as number) +
      (a[1] as number) * (this.candles.close[this.bar] as number) -
      (a[2] as number)
    );
  }
  balances(): readonly BalanceView[] {
    return this._engine.balances();
  }
  openOrders(): readonly StrategyOpenOrder[] {
    const out: StrategyOpenOrder[] = [];
    const s = this._engine.state;
    for (const id of s.openOrders) {
      if (id === this._liqOrder) continue;
      const o = s.orders.get(id);
      if (o !== undefined) out.push(openOrderView(o));
    }
    for (const p of this._pending) {
      out.push({
        clientOrderId: p.id,
        side: p.side,
        type: 'MARKET',
        qty: p.qty,
        filledQty: 0,
        price: null,
        stopPrice: null,
        reduceOnly: p.reduceOnly || p.closeAll,
      });
    }
    return out;
  }

  submit(order: StrategyOrder): string {
    checkStrategyOrder(order);
    const id = this._newId();
    if (order.type === 'MARKET') {
      // Market orders go in at the next bar's open (DESIGN §4), sized at their fill price then.
      this._pending.push({
        id,
        side: order.side,
        fraction: 'fraction' in order.size ? order.size.fraction : 0,
        qty: 'qty' in order.size ? order.size.qty : 0,
        closeAll: false,
        reduceOnly: order.reduceOnly === true,
      });
      return id;
    }
    this._clock.advanceTo(this.candles.time[this.bar] as number);
    const px = order.type === 'STOP' ? order.stopPrice : order.price;
    const qty =
      'qty' in order.size
        ? order.size.qty
        : (order.size.fraction * (this._acct[0] as number)) /
          (px *
            this._unitCost(
              feeRateBound(
                { type: order.type, postOnly: order.postOnly === true },
                this._engine.config.fees,
              ),
            ));
    const base = {
      clientOrderId: id,
      symbol: this._sym,
      side: order.side,
      qty,
      tif: 'GTC' as const,
      postOnly: order.postOnly === true,
      reduceOnly: order.reduceOnly === true,
    };
    if (order.type === 'LIMIT') this._send({ ...base, type: 'LIMIT', price: order.price });
    else if (order.type === 'STOP')
      this._send({ ...base, type: 'STOP', stopPrice: order.stopPrice });
    else
      this._send({ ...base, type: 'STOP_LIMIT', stopPrice: order.stopPrice, price: order.price });
    this._refresh();
    return id;
  }

  cancel(id: string): void {
    const k = this._pending.findIndex((p) => p.id === id);
    if (k >= 0) {
      this._pending.splice(k, 1);
      return;
    }
    this._clock.advanceTo(this.candles.time[this.bar] as number);
    this._collect(this._engine.handle({ type: 'cancel_order', clientOrderId: clientOrderId(id) }));
    this._refresh();
  }

  cancelAll(): void {
    this._pending.length = 0;
    for (const o of this.openOrders()) this.cancel(o.clientOrderId);
  }

  closePosition(): void {
    const pos = this._acct[1] as number;
    if (pos !== 0)
      this._pending.push({
        id: this._newId(),
        side: pos > 0 ? 'SELL' : 'BUY',
        fraction: 0,
        qty: 0,
        closeAll: true,
        reduceOnly: true,
      });
  }

  bracket(takeProfit: number, stopLoss: number): void {
    const pos = this._acct[1] as number;
    if (pos === 0) return;
    const side = pos > 0 ? ('SELL' as const) : ('BUY' as const);
    checkStrategyOrder({ type: 'LIMIT', side, size: { qty: Math.abs(pos) }, price: takeProfit });
    checkStrategyOrder({ type: 'STOP', side, size: { qty: Math.abs(pos) }, stopPrice: stopLoss });
    this._clock.advanceTo(this.candles.time[this.bar] as number);
    const tp = this._newId();
    const sl = this._newId();
    const common = {
      symbol: this._sym,
      side,
      qty: Math.abs(pos),
      tif: 'GTC' as const,
      postOnly: false,
      reduceOnly: true,
    };
    this._send({ ...common, clientOrderId: tp, type: 'LIMIT', price: takeProfit });
    this._send({ ...common, clientOrderId: sl, type: 'STOP', stopPrice: stopLoss });
    this._venue.linkOco(tp, sl);
    this._refresh();
  }

  log(message: string): void {
    if (this._logs.length < MAX_LOG_LINES)
      this._logs.push({ bar: this.bar, time: this.now(), message: String(message) });
  }

  // ---- engine plumbing -------------------------------------------------------------------

  /** What one unit of cash buys with this fee rate: spot pays in full, a perpetual posts margin. */
  private _unitCost(feeRate: number): number {
    const perp = this._config.perp;
    return perp === undefined ? 1 + feeRate : 1 / perp.leverage + feeRate;
  }

  private _newId(): ClientOrderId {
    return clientOrderId(`bt-${this._nextId++}`);
  }

  private _send(req: OrderRequest): void {
    this._collect(this._engine.handle({ type: 'submit_order', request: req }));
  }

  private _collect(events: readonly EngineEvent[]): void {
    for (const e of events) {
      if (e.type === 'order_filled')
        this._fills.push({ time: e.ts, side: e.side, qty: e.qty, price: e.price, fee: e.fee });
      if (this._wantsNotices) this._notices.push(e);
    }
  }

  /** Re-reads cash and position after the engine changed them. */
  private _refresh(): void {
    const a = this._acct;
    const s = this._engine.state;
    const q = s.balances.get(QUOTE);
    a[0] = q === undefined ? 0 : q.free + q.locked;
    const perp = this._config.perp;
    if (perp === undefined) {
      const b = s.balances.get(BASE);
      a[1] = b === undefined ? 0 : b.free + b.locked;
      const p = s.positions.get(this._sym);
      a[3] = a[1] === 0 || p === undefined ? 0 : p.avgPrice;
      return;
    }
    const p = s.positions.get(this._sym);
    const pos = p === undefined ? 0 : p.qty;
    const basis = p === undefined ? 0 : p.qty * p.avgPrice;
    if (pos !== a[1] || basis !== a[2]) {
      a[1] = pos;
      a[2] = basis;
      a[3] = p?.avgPrice ?? 0;
      this._replaceLiquidation(a[3]);
    }
  }

  /** Keeps one reduce-only stop at the position's liquidation price (isolated margin). */
  private _replaceLiquidation(avg: number): void {
    const perp = this._config.perp;
    if (perp === undefined) return;
    if (this._liqOrder !== null) {
      this._collect(this._engine.handle({ type: 'cancel_order', clientOrderId: this._liqOrder }));
      this._liqOrder = null;
    }
    const pos = this._acct[1] as number;
    const px = liquidationPrice(perp, pos, avg);
    if (px === null || !(px > 0)) return;
    this._liqOrder = clientOrderId(`liq-${this._nextId++}`);
    this._send({
      clientOrderId: this._liqOrder,
      symbol: this._sym,
      side: pos > 0 ? 'SELL' : 'BUY',
      qty: Math.abs(pos),
      tif: 'GTC',
      postOnly: false,
      reduceOnly: true,
      type: 'STOP',
      stopPrice: px,
    });
  }

  /** Market orders queued at the last close go in at this open, sized at their fill price. */
  private _submitPendingAtOpen(o: number): void {
    const s = this._s;
    // Swapped with a spare array rather than copied: no allocation per bar with orders.
    const batch = this._pending;
    this._pending = this._spare;
    this._spare = batch;
    for (const p of batch) {
      const price = p.side === 'BUY' ? o * (1 + s) : o * (1 - s);
      const pos = this._acct[1] as number;
      const qty = p.closeAll
        ? Math.abs(pos)
        : p.qty > 0
          ? p.qty
          : (p.fraction * (this._acct[0] as number)) / (price * this._costPerUnit);
      if (!(qty > 0)) continue;
      // The venue prices market orders at this open (with slippage), so the reservation
      // (market protection 0) is exactly what the fill will cost.
      this._venue.setOpen(o);
      this._send({
        clientOrderId: p.id,
        symbol: this._sym,
        side: p.side,
        qty,
        tif: 'GTC',
        postOnly: false,
        reduceOnly: p.reduceOnly,
        type: 'MARKET',
      });
      this._refresh();
    }
    batch.length = 0;
  }

  /** Hands the strategy its fills and order updates, in the order they happened. */
  private _deliverNotices(): void {
    const inst = this._instance;
    const batch = this._notices.splice(0, this._notices.length);
    for (const e of batch) {
      if (e.type === 'order_filled' && inst.onFill !== undefined) {
        this._callback = 'onFill';
        inst.onFill(this, strategyFillOf(e));
      }
      if (inst.onOrderUpdate === undefined) continue;
      // The liquidation stop is the runner's own: its fills reach onFill, its updates do not.
      const update = orderUpdateOf(e, (id) => id !== this._liqOrder);
      if (update === null) continue;
      this._callback = 'onOrderUpdate';
      inst.onOrderUpdate(this, update);
    }
    this._callback = 'onBar';
  }

  private _result(end: number, equity: Float64Array, positionQty: Float64Array): BacktestResult {
    const c = this.candles;
    const cut = (a: Float64Array) => (end === a.length ? a : a.subarray(0, end));
    return {
      strategy: this._strategy.name,
      params: { ...this.params },
      symbol: c.symbol,
      interval: c.interval,
      barMs: c.intervalMs,
      config: {
        initial_cash: this._config.initialCash,
        fee_bps: this._config.feeBps,
        maker_fee_bps: this._config.makerFeeBps,
        slippage_bps: this._config.slippageBps,
      },
      time: cut(c.time),
      open: cut(c.open),
      high: cut(c.high),
      low: cut(c.low),
      close: cut(c.close),
      equity: cut(equity),
      positionQty: cut(positionQty),
      fills: this._fills,
      logs: this._logs,
      failure: this._failure,
    };
  }
}
