import { feeFor, reservationFor } from '../accounting';
import type { Clock } from '../clock';
import {
  type Asset,
  type BalanceView,
  type ClientOrderId,
  type EngineCommand,
  type EngineEvent,
  type Instrument,
  isOpenStatus,
  isStateEvent,
  type Liquidity,
  liquidationPrice,
  type OrderRequest,
  type OrderState,
  type PositionView,
  type StateEvent,
  type SymbolId,
  type TimestampMs,
} from '../model';
import { validateOrder } from '../orders/order-validation';
import { checkPreTrade, killSwitchBreach, preTradeRulesOff } from '../risk';
import { assertNever, fmt } from '../util';
import type { Venue, VenueReport } from '../venue';
import { applyEvent, QTY_EPSILON } from './apply-event';
import type { EngineConfig } from './engine-config';
import { createState, type EngineState } from './engine-state';

type ExecReport = Extract<EngineCommand, { type: 'execution_report' }>;

/**
 * The one trading loop for backtest, paper and live. Commands go in, events come out; every
 * state change is a `StateEvent` applied through `applyEvent`, so a WAL of those events rebuilds
 * the engine. Only the injected `Clock` and `Venue` differ between modes.
 */
export class Engine {
  private readonly _state: EngineState;
  private _out: EngineEvent[] = [];
  private _balancesChanged = false;
  /** No pre-trade limit is set: the rules need not run (see `_submit`). */
  private readonly _preTradeOff: boolean;

  constructor(
    private readonly _config: EngineConfig,
    private readonly _clock: Clock,
    private readonly _venue: Venue,
    state?: EngineState,
  ) {
    this._state =
      state ??
      createState(
        _config.accountAsset,
        _config.instruments,
        _config.risk.orderRateWindowMs,
        _config.keepFinishedOrders ?? true,
        _config.trackRisk ?? true,
      );
    this._preTradeOff = preTradeRulesOff(_config.risk);
    if (state !== undefined) {
      const open = [...state.openOrders].map((id) => state.orders.get(id) as OrderState);
      _venue.restore(open, state.marks);
    }
  }

  /** The settings the engine runs with. */
  get config(): EngineConfig {
    return this._config;
  }

  /** Read-only view of the state (for queries, tests and snapshots). */
  get state(): Readonly<EngineState> {
    return this._state;
  }

  /** Credits funds (initial balances, transfers). */
  deposit(asset: Asset, amount: number): EngineEvent[] {
    this._begin();
    this._emit({ type: 'funds_deposited', ts: this._now(), asset, amount });
    return this._finish();
  }

  /** Handles one command; returns the events it caused, in order. */
  handle(cmd: EngineCommand): EngineEvent[] {
    this._begin();
    this._dispatch(cmd);
    return this._finish();
  }

  /** Delivers venue reports that have fallen due (call when `nextDueTs()` is reached). */
  poll(): EngineEvent[] {
    this._begin();
    return this._finish();
  }

  /** When the venue next has something to report, or null. */
  nextDueTs(): TimestampMs | null {
    return this._venue.nextDueTs();
  }

  /** Balances as reported to clients. */
  balances(): BalanceView[] {
    const out: BalanceView[] = [];
    for (const [asset, b] of this._state.balances)
      out.push({ asset, free: b.free, locked: b.locked });
    return out;
  }

  /** Positions marked to the last price. */
  positions(): PositionView[] {
    return [...this._state.positions.values()].map((p) => this._positionView(p.symbol));
  }

  // Every entry point runs as `_begin()`, its body, `_finish()`: reports that fell due before
  // the command come first, and the account is reported once, after everything, if it changed.
  // (Written out rather than as a `_run(body)` closure: this is the path of every command.)

  private _begin(): void {
    this._out = [];
    this._balancesChanged = false;
    this._drainVenue();
  }

  private _finish(): EngineEvent[] {
    this._drainVenue();
    if (this._balancesChanged && this._config.reportChanges !== false) {
      this._out.push({ type: 'account_reported', ts: this._now(), balances: this.balances() });
    }
    return this._out;
  }

  private _now(): TimestampMs {
    return this._clock.now();
  }

  private _emit(e: EngineEvent): void {
    if (isStateEvent(e)) {
      applyEvent(this._state, e);
      if (changesBalances(e)) this._balancesChanged = true;
    }
    this._out.push(e);
  }

  private _dispatch(cmd: EngineCommand): void {
    switch (cmd.type) {
      case 'submit_order':
        return this._submit(cmd.request);
      case 'cancel_order':
        return this._cancel(cmd.clientOrderId);
      case 'query':
        return this._query(cmd);
      case 'market_tick':
        return this._tick(cmd.symbol, cmd.price, cmd.ts ?? this._now());
      case 'execution_report':
        return this._exec(cmd);
      default:
        assertNever(cmd);
    }
  }

  private _submit(r: OrderRequest): void {
    const ts = this._now();
    const s = this._state;
    if (s.orders.has(r.clientOrderId)) {
      this._emit({
        type: 'duplicate_order_rejected',
        ts,
        request: r,
        reason: 'duplicate client_order_id',
      });
      return;
    }
    const seq = s.nextSeq;
    const inst = s.instruments.get(r.symbol);
    if (inst === undefined) return this._deny(r, seq, ts, `unknown symbol ${r.symbol}`);
    const refPrice = this._refPrice(r);
    if (refPrice === null) {
      return this._deny(r, seq, ts, `no market price for ${r.symbol}: send a MARKET tick first`);
    }
    const invalid = validateOrder(r, inst, refPrice, s);
    if (invalid !== null) return this._deny(r, seq, ts, invalid);
    // With every pre-trade limit off (backtests) only a tripped kill switch can refuse.
    const risk =
      this._preTradeOff && s.risk.killSwitch === null
        ? null
        : checkPreTrade({ request: r, refPrice, state: s, limits: this._config.risk, now: ts });
    if (risk !== null) return this._deny(r, seq, ts, risk);
    const reserved = reservationFor(
      r,
      inst,
      refPrice,
      this._config.fees,
      this._config.marketProtection,
    );
    const free = reserved === null ? 0 : (s.balances.get(reserved.asset as Asset)?.free ?? 0);
    if (reserved !== null && reserved.amount > free * (1 + 1e-12)) {
      const need = `need ${fmt(reserved.amount)} ${reserved.asset}, free ${fmt(free)}`;
      return this._deny(r, seq, ts, `insufficient_balance: ${need}`);
    }
    this._emit({ type: 'order_submitted', ts, request: r, seq, reserved });
    this._venue.place(s.orders.get(r.clientOrderId) as OrderState, ts);
  }

  private _deny(r: OrderRequest, seq: number, ts: TimestampMs, reason: string): void {
    this._emit({ type: 'order_denied', ts, request: r, seq, reason });
  }

  /**
   * Price for notional checks and reservations: the limit, the stop, or for market orders the
   * price the venue says they will get (a bar venue knows the next open), else the last price.
   */
  private _refPrice(r: OrderRequest): number | null {
    switch (r.type) {
      case 'LIMIT':
      case 'STOP_LIMIT':
        return r.price;
      case 'STOP':
        return r.stopPrice;
      case 'MARKET':
        return (
          this._venue.marketPrice?.(r.symbol, r.side) ?? this._state.marks.get(r.symbol) ?? null
        );
    }
  }

  private _cancel(id: ClientOrderId): void {
    const ts = this._now();
    const o = this._state.orders.get(id);
    if (o === undefined) {
      this._emit({
        type: 'cancel_rejected',
        ts,
        clientOrderId: id,
        reason: 'unknown client_order_id',
      });
    } else if (!isOpenStatus(o.status)) {
      this._emit({ type: 'cancel_ignored', ts, order: o });
    } else {
      this._venue.cancel(id, ts);
    }
  }

  private _query(q: Extract<EngineCommand, { type: 'query' }>): void {
    const ts = this._now();
    switch (q.what) {
      case 'orders':
        return this._emit({
          type: 'orders_reported',
          ts,
          orders: [...this._state.orders.values()],
        });
      case 'order': {
        const o = this._state.orders.get(q.clientOrderId);
        if (o === undefined) {
          return this._emit({
            type: 'command_failed',
            ts,
            message: 'unknown client_order_id',
            clientOrderId: q.clientOrderId,
          });
        }
        return this._emit({ type: 'order_reported', ts, order: o });
      }
      case 'account':
        return this._emit({ type: 'account_reported', ts, balances: this.balances() });
      case 'positions':
        return this._emit({ type: 'positions_reported', ts, positions: this.positions() });
      default:
        assertNever(q);
    }
  }

  private _tick(symbol: SymbolId, price: number, ts: TimestampMs): void {
    this._emit({ type: 'market_updated', ts, symbol, price });
    this._venue.onTick(symbol, price, ts);
    this._drainVenue();
    this._checkKillSwitch();
  }

  /** Applies the venue's due reports as state events. */
  private _drainVenue(): void {
    const reports = this._venue.drain(this._now());
    for (const rep of reports) this._applyReport(rep);
    if (reports.length > 0) this._checkKillSwitch();
  }

  private _applyReport(rep: VenueReport): void {
    const ts = this._now();
    const id = rep.clientOrderId;
    const o = this._state.orders.get(id);
    // A report for an order that has already finished (a cancel racing a fill) changes nothing.
    if (o === undefined || !isOpenStatus(o.status)) return;
    switch (rep.kind) {
      case 'accepted':
        return this._emit({
          type: 'order_accepted',
          ts,
          clientOrderId: id,
          venueOrderId: rep.venueOrderId,
        });
      case 'rejected':
        return this._emit({ type: 'order_rejected', ts, clientOrderId: id, reason: rep.reason });
      case 'triggered':
        return this._emit({ type: 'order_triggered', ts, clientOrderId: id });
      case 'filled': {
        // Never more than the books say is left: an execution report (EXEC) may have filled
        // part of the order behind the venue's back.
        const qty = Math.min(rep.qty, o.request.qty - o.executedQty);
        return this._fill(o, qty, rep.price, rep.liquidity, null, null, false);
      }
      case 'cancelled':
        return this._emit({ type: 'order_cancelled', ts, clientOrderId: id, reason: rep.reason });
      case 'expired':
        return this._emit({ type: 'order_expired', ts, clientOrderId: id, reason: rep.reason });
      default:
        assertNever(rep);
    }
  }

  private _fill(
    o: OrderState,
    qty: number,
    price: number,
    liquidity: Liquidity,
    fee: number | null,
    feeAsset: string | null,
    venueSaysFilled: boolean,
  ): void {
    const r = o.request;
    const inst = this._state.instruments.get(r.symbol) as Instrument;
    let capped = false;
    if (r.reduceOnly) {
      // A reduce-only order holds no funds: it fills only what the position can still give.
      const room = this._reduceRoom(r.side, inst);
      if (qty > room) {
        capped = true;
        qty = room;
      }
      if (qty <= QTY_EPSILON * r.qty) {
        this._emit({
          type: 'order_cancelled',
          ts: this._now(),
          clientOrderId: r.clientOrderId,
          reason: 'reduce_only: nothing left to reduce',
        });
        return;
      }
    }
    const leaves = r.qty - o.executedQty - qty;
    const done = !capped && (venueSaysFilled || leaves <= QTY_EPSILON * r.qty);
    this._emit({
      type: 'order_filled',
      ts: this._now(),
      clientOrderId: r.clientOrderId,
      symbol: r.symbol,
      side: r.side,
      status: done ? 'FILLED' : 'PARTIALLY_FILLED',
      qty,
      price,
      fee: fee ?? feeFor(this._config.fees, liquidity, price, qty),
      feeAsset: (feeAsset as Asset | null) ?? inst.quote,
      liquidity,
    });
    if (this._config.reportChanges !== false) {
      this._out.push({
        type: 'position_reported',
        ts: this._now(),
        position: this._positionView(r.symbol),
      });
    }
    if (capped) {
      this._emit({
        type: 'order_cancelled',
        ts: this._now(),
        clientOrderId: r.clientOrderId,
        reason: 'reduce_only: position exhausted',
      });
    }
  }

  private _exec(x: ExecReport): void {
    const ts = this._now();
    const fail = (message: string) =>
      this._emit({ type: 'command_failed', ts, message, clientOrderId: x.clientOrderId });
    const o = this._state.orders.get(x.clientOrderId);
    if (o === undefined) return fail('unknown client_order_id');
    if (!isOpenStatus(o.status)) return fail(`order ${x.clientOrderId} is already ${o.status}`);
    const id = x.clientOrderId;
    switch (x.status) {
      case 'ACCEPTED':
        if (o.status !== 'NEW') return fail(`order ${id} is already ${o.status}`);
        return this._emit({
          type: 'order_accepted',
          ts,
          clientOrderId: id,
          venueOrderId: x.venueOrderId ?? id,
        });
      case 'PARTIALLY_FILLED':
      case 'FILLED': {
        const qty = x.fillQty as number;
        const price = x.fillPrice as number;
        const remaining = o.request.qty - o.executedQty;
        if (qty > remaining * (1 + 1e-9))
          return fail(`fill_qty ${fmt(qty)} exceeds remaining ${fmt(remaining)}`);
        const unaffordable = this._unaffordableFill(o, qty, price, x.fee, x.feeAsset);
        if (unaffordable !== null) return fail(unaffordable);
        if (o.status === 'NEW') {
          this._emit({
            type: 'order_accepted',
            ts,
            clientOrderId: id,
            venueOrderId: x.venueOrderId ?? id,
          });
        }
        const cur = this._state.orders.get(id) as OrderState;
        return this._fill(
          cur,
          qty,
          price,
          x.liquidity ?? 'TAKER',
          x.fee,
          x.feeAsset,
          x.status === 'FILLED',
        );
      }
      case 'CANCELLED':
        return this._emit({ type: 'order_cancelled', ts, clientOrderId: id, reason: x.reason });
      case 'REJECTED':
        return this._emit({
          type: 'order_rejected',
          ts,
          clientOrderId: id,
          reason: x.reason ?? 'rejected by venue',
        });
      case 'EXPIRED':
        return this._emit({
          type: 'order_expired',
          ts,
          clientOrderId: id,
          reason: x.reason ?? 'expired by venue',
        });
      default:
        assertNever(x.status);
    }
  }

  /**
   * A live fill must fit in what the order reserved plus the free balance; one that doesn't
   * contradicts our books (a report for someone else's order, or a bad price) and is refused so
   * reconciliation can sort it out, rather than driving a balance negative.
   */
  private _unaffordableFill(
    o: OrderState,
    qty: number,
    price: number,
    fee: number | null,
    feeAsset: string | null,
  ): string | null {
    const r = o.request;
    const inst = this._state.instruments.get(r.symbol) as Instrument;
    // Perpetuals settle P&L and margin instead of exchanging assets: the venue's word stands.
    if (inst.margin !== undefined) return null;
    const remaining = r.qty - o.executedQty;
    const release = o.reserved === null ? 0 : o.reserved.amount * Math.min(1, qty / remaining);
    const need = new Map<string, number>();
    const add = (a: string, n: number) => need.set(a, (need.get(a) ?? 0) + n);
    // What the fill brings in counts too: Binance takes a buy's fee out of the base it buys.
    if (r.side === 'BUY') {
      add(inst.quote, qty * price);
      add(inst.base, -qty);
    } else {
      add(inst.base, qty);
      add(inst.quote, -qty * price);
    }
    add(feeAsset ?? inst.quote, fee ?? feeFor(this._config.fees, 'TAKER', price, qty));
    for (const [a, n] of need) {
      if (n <= 0) continue;
      const have =
        (this._state.balances.get(a as Asset)?.free ?? 0) + (o.reserved?.asset === a ? release : 0);
      if (n > have * (1 + 1e-9) + 1e-12) {
        return `fill needs ${fmt(n)} ${a} but only ${fmt(have)} is reserved or free`;
      }
    }
    return null;
  }

  /** How much a reduce-only order may still fill: the position on the side it reduces, capped by free base on spot. */
  private _reduceRoom(side: 'BUY' | 'SELL', inst: Instrument): number {
    const pos = this._state.positions.get(inst.symbol)?.qty ?? 0;
    if (side === 'BUY') return Math.max(0, -pos);
    if (inst.margin !== undefined) return Math.max(0, pos);
    const freeBase = this._state.balances.get(inst.base)?.free ?? 0;
    return Math.max(0, Math.min(pos, freeBase));
  }

  /** Trips the kill switch on a breach: records it, then cancels every open order. */
  private _checkKillSwitch(): void {
    const breach = killSwitchBreach(this._state, this._config.risk);
    if (breach === null) return;
    const ts = this._now();
    this._emit({ type: 'kill_switch_tripped', ts, reason: breach });
    for (const id of [...this._state.openOrders]) this._venue.cancel(id, ts);
    const reports = this._venue.drain(ts);
    for (const rep of reports) this._applyReport(rep);
  }

  private _positionView(symbol: SymbolId): PositionView {
    const p = this._state.positions.get(symbol) ?? { symbol, qty: 0, avgPrice: 0, realizedPnl: 0 };
    const mark = this._state.marks.get(symbol) ?? null;
    const unrealizedPnl = mark === null || p.qty === 0 ? 0 : (mark - p.avgPrice) * p.qty;
    const margin = this._state.instruments.get(symbol)?.margin;
    // A literal, not a spread: this runs after every fill.
    return {
      symbol: p.symbol,
      qty: p.qty,
      avgPrice: p.avgPrice,
      realizedPnl: p.realizedPnl,
      unrealizedPnl,
      markPrice: mark,
      liquidationPrice: margin === undefined ? null : liquidationPrice(margin, p.qty, p.avgPrice),
    };
  }
}

function changesBalances(e: StateEvent): boolean {
  switch (e.type) {
    case 'funds_deposited':
    case 'order_filled':
      return true;
    case 'order_submitted':
      return e.reserved !== null;
    case 'order_cancelled':
    case 'order_expired':
    case 'order_rejected':
      return true;
    default:
      return false;
  }
}
