// The local exchange's matching engine: one reference price per symbol (set by the test), orders
// that rest and lock balance, fills that move balances and make trades. Binance's order rules
// (filters, LIMIT_MAKER, stops that would trigger immediately, FOK/IOC, duplicates) are checked
// here and answered with Binance's codes; the HTTP and stream layouts are elsewhere.
import { type Ledger, r8 } from './ledger';
import type {
  ExchangeEvent,
  ExError,
  ExecType,
  ExOrder,
  ExOrderType,
  ExSide,
  ExTif,
  ExTrade,
  SymbolSpec,
} from './types';

/** An order request after the REST layer has parsed it. */
export interface PlaceInput {
  readonly account: string;
  readonly symbol: string;
  readonly side: ExSide;
  readonly type: ExOrderType;
  readonly tif: ExTif | null;
  readonly qty: number;
  readonly price: number;
  readonly stopPrice: number;
  readonly clientOrderId: string;
}

export type PlaceOutcome =
  | { readonly ok: true; readonly order: Readonly<ExOrder>; readonly fills: readonly ExTrade[] }
  | { readonly ok: false; readonly error: ExError };

/** How an order is looked up (Binance: orderId or origClientOrderId). */
export type OrderRef = { readonly orderId: number } | { readonly clientOrderId: string };

export interface FeeRates {
  readonly maker: number;
  readonly taker: number;
}

const reject = (code: number, msg: string): { ok: false; error: ExError } => ({
  ok: false,
  error: { status: 400, code, msg },
});

/** Whether `v` is `min + k·step` for an integer k (to 1e-9 of a step). */
function onGrid(v: number, min: number, step: number): boolean {
  if (step <= 0) return true;
  const k = (v - min) / step;
  return Math.abs(k - Math.round(k)) < 1e-9;
}

const OPEN = new Set(['NEW', 'PARTIALLY_FILLED']);

export class MatchingEngine {
  private readonly _specs: Map<string, SymbolSpec>;
  private readonly _prices = new Map<string, number>();
  private readonly _liquidity = new Map<string, { cap: number; left: number }>();
  private readonly _orders: ExOrder[] = [];
  private readonly _trades: ExTrade[] = [];
  private _nextOrderId = 1000;
  private _nextTradeId = 5000;
  private _pieces = 1;

  constructor(
    specs: readonly SymbolSpec[],
    private readonly _ledger: Ledger,
    private readonly _now: () => number,
    private readonly _fees: FeeRates,
    private readonly _emit: (e: ExchangeEvent) => void,
  ) {
    this._specs = new Map(specs.map((s) => [s.symbol, s]));
  }

  spec(symbol: string): SymbolSpec | undefined {
    return this._specs.get(symbol);
  }

  specs(): SymbolSpec[] {
    return [...this._specs.values()];
  }

  /** Moves the reference price; resting orders that it crosses (or stops it triggers) execute. */
  setPrice(symbol: string, px: number): void {
    this._prices.set(symbol, px);
    const liq = this._liquidity.get(symbol);
    if (liq) liq.left = liq.cap;
    for (const o of this._orders) {
      if (o.symbol !== symbol || !OPEN.has(o.status)) continue;
      if (this._isStop(o) && !o.triggered) {
        if (!this._triggers(o, px)) continue;
        o.triggered = true;
        this._match(o, true);
      } else {
        this._match(o, false);
      }
    }
  }

  /** Caps the quantity that can trade per price update (`null`: unlimited). */
  setLiquidity(symbol: string, qtyPerTick: number | null): void {
    if (qtyPerTick === null) this._liquidity.delete(symbol);
    else this._liquidity.set(symbol, { cap: qtyPerTick, left: qtyPerTick });
  }

  /** The next execution (of any order) is delivered as `k` trades. */
  fillInPieces(k: number): void {
    this._pieces = Math.max(1, Math.floor(k));
  }

  place(i: PlaceInput): PlaceOutcome {
    const spec = this._specs.get(i.symbol);
    if (!spec) return reject(-1121, 'Invalid symbol.');
    const dup = this._orders.find(
      (o) => o.account === i.account && o.clientOrderId === i.clientOrderId && OPEN.has(o.status),
    );
    if (dup) return reject(-2010, 'Duplicate order sent.');
    if (i.qty < spec.minQty || i.qty > spec.maxQty || !onGrid(i.qty, spec.minQty, spec.stepSize)) {
      return reject(-1013, 'Filter failure: LOT_SIZE');
    }
    const hasLimit = i.type === 'LIMIT' || i.type === 'LIMIT_MAKER' || i.type === 'STOP_LOSS_LIMIT';
    const isStop = i.type === 'STOP_LOSS' || i.type === 'STOP_LOSS_LIMIT';
    for (const p of [hasLimit ? i.price : null, isStop ? i.stopPrice : null]) {
      if (p === null) continue;
      if (p < spec.minPrice || p > spec.maxPrice || !onGrid(p, 0, spec.tickSize)) {
        return reject(-1013, 'Filter failure: PRICE_FILTER');
      }
    }
    const last = this._prices.get(i.symbol);
    const refPx = hasLimit ? i.price : isStop ? i.stopPrice : last;
    if (refPx !== undefined && refPx * i.qty < spec.minNotional - 1e-12) {
      return reject(-1013, 'Filter failure: NOTIONAL');
    }
    if (isStop && last !== undefined && this._triggersAt(i.side, i.stopPrice, last)) {
      return reject(-2010, 'Stop price would trigger immediately.');
    }
    if (i.type === 'LIMIT_MAKER' && last !== undefined && this._crosses(i.side, i.price, last)) {
      return reject(-2010, 'Order would immediately match and take.');
    }
    const lockPx = i.side === 'BUY' ? (refPx ?? 0) : 0;
    const lockAsset = i.side === 'BUY' ? spec.quoteAsset : spec.baseAsset;
    const lockAmount = i.side === 'BUY' ? r8(i.qty * lockPx) : i.qty;
    if (!this._ledger.lock(i.account, lockAsset, lockAmount)) {
      return reject(-2010, 'Account has insufficient balance for requested action.');
    }
    const now = this._now();
    const order: ExOrder = {
      account: i.account,
      symbol: i.symbol,
      orderId: this._nextOrderId++,
      clientOrderId: i.clientOrderId,
      side: i.side,
      type: i.type,
      tif: i.tif,
      price: hasLimit ? i.price : 0,
      stopPrice: isStop ? i.stopPrice : 0,
      origQty: i.qty,
      executedQty: 0,
      cumQuote: 0,
      status: 'NEW',
      time: now,
      updateTime: now,
      triggered: false,
      lockPx,
      cancelClientOrderId: null,
    };
    this._orders.push(order);
    this._report(order, 'NEW', null);
    const before = this._trades.length;
    if (!isStop) this._match(order, true);
    return { ok: true, order, fills: this._trades.slice(before) };
  }

  cancel(account: string, symbol: string, ref: OrderRef, cancelId: string): PlaceOutcome {
    const o = this._find(account, symbol, ref);
    if (!o || !OPEN.has(o.status)) return reject(-2011, 'Unknown order sent.');
    o.cancelClientOrderId = cancelId;
    this._end(o, 'CANCELED');
    return { ok: true, order: o, fills: [] };
  }

  query(account: string, symbol: string, ref: OrderRef): Readonly<ExOrder> | null {
    return this._find(account, symbol, ref) ?? null;
  }

  openOrders(account: string, symbol?: string): Readonly<ExOrder>[] {
    return this._orders.filter(
      (o) => o.account === account && OPEN.has(o.status) && (!symbol || o.symbol === symbol),
    );
  }

  /** Every order of every account (tests count them). */
  allOrders(): readonly Readonly<ExOrder>[] {
    return this._orders;
  }

  trades(
    account: string,
    symbol: string,
    f: { orderId?: number; fromId?: number; limit: number },
  ): ExTrade[] {
    return this._trades
      .filter(
        (t) =>
          t.account === account &&
          t.symbol === symbol &&
          (f.orderId === undefined || t.orderId === f.orderId) &&
          (f.fromId === undefined || t.id >= f.fromId),
      )
      .slice(0, f.limit);
  }

  private _find(account: string, symbol: string, ref: OrderRef): ExOrder | undefined {
    for (let k = this._orders.length - 1; k >= 0; k--) {
      const o = this._orders[k] as ExOrder;
      if (o.account !== account || o.symbol !== symbol) continue;
      if ('orderId' in ref ? o.orderId === ref.orderId : o.clientOrderId === ref.clientOrderId) {
        return o;
      }
    }
    return undefined;
  }

  private _isStop(o: ExOrder): boolean {
    return o.type === 'STOP_LOSS' || o.type === 'STOP_LOSS_LIMIT';
  }

  private _triggersAt(side: ExSide, stop: number, px: number): boolean {
    return side === 'SELL' ? px <= stop : px >= stop;
  }

  private _triggers(o: ExOrder, px: number): boolean {
    return this._triggersAt(o.side, o.stopPrice, px);
  }

  private _crosses(side: ExSide, limit: number, px: number): boolean {
    return side === 'BUY' ? px <= limit : px >= limit;
  }

  /** Executes what it can of `o` at the current price; `taking` when it arrives (or triggers). */
  private _match(o: ExOrder, taking: boolean): void {
    const px = this._prices.get(o.symbol);
    const marketLike = o.type === 'MARKET' || o.type === 'STOP_LOSS';
    const remaining = r8(o.origQty - o.executedQty);
    let avail = 0;
    if (px !== undefined && (marketLike || this._crosses(o.side, o.price, px))) {
      const liq = this._liquidity.get(o.symbol);
      avail = Math.min(remaining, liq ? liq.left : remaining);
    }
    const allOrNothing = o.tif === 'FOK' && taking;
    if (allOrNothing && avail < remaining) {
      this._end(o, 'EXPIRED');
      return;
    }
    if (avail > 0 && px !== undefined) {
      const liq = this._liquidity.get(o.symbol);
      if (liq) liq.left = r8(liq.left - avail);
      this._fill(o, avail, taking || marketLike ? px : o.price, !(taking || marketLike));
    }
    const left = r8(o.origQty - o.executedQty) > 0;
    if (left && (marketLike || (taking && (o.tif === 'IOC' || o.tif === 'FOK')))) {
      this._end(o, 'EXPIRED');
    }
  }

  private _fill(o: ExOrder, qty: number, px: number, maker: boolean): void {
    const spec = this._specs.get(o.symbol) as SymbolSpec;
    const k = this._pieces;
    this._pieces = 1;
    const stepQty = Math.floor(qty / k / spec.stepSize + 1e-9) * spec.stepSize;
    const parts: number[] = [];
    for (let j = 0; j < k - 1 && stepQty > 0; j++) parts.push(r8(stepQty));
    parts.push(r8(qty - parts.reduce((a, b) => a + b, 0)));
    const rate = maker ? this._fees.maker : this._fees.taker;
    for (const q of parts) {
      const now = this._now();
      const quote = r8(q * px);
      const buy = o.side === 'BUY';
      const commission = r8(buy ? q * rate : quote * rate);
      if (buy) {
        this._ledger.removeLocked(o.account, spec.quoteAsset, r8(q * o.lockPx));
        this._ledger.addFree(o.account, spec.quoteAsset, r8(q * o.lockPx - quote));
        this._ledger.addFree(o.account, spec.baseAsset, r8(q - commission));
      } else {
        this._ledger.removeLocked(o.account, spec.baseAsset, q);
        this._ledger.addFree(o.account, spec.quoteAsset, r8(quote - commission));
      }
      const trade: ExTrade = {
        id: this._nextTradeId++,
        symbol: o.symbol,
        orderId: o.orderId,
        account: o.account,
        price: px,
        qty: q,
        quoteQty: quote,
        commission,
        commissionAsset: buy ? spec.baseAsset : spec.quoteAsset,
        time: now,
        isBuyer: buy,
        isMaker: maker,
      };
      this._trades.push(trade);
      o.executedQty = r8(o.executedQty + q);
      o.cumQuote = r8(o.cumQuote + quote);
      o.status = o.executedQty >= o.origQty - 1e-12 ? 'FILLED' : 'PARTIALLY_FILLED';
      o.updateTime = now;
      this._report(o, 'TRADE', trade);
    }
  }

  /** Cancels or expires `o`, unlocking what it still held. */
  private _end(o: ExOrder, status: 'CANCELED' | 'EXPIRED'): void {
    const spec = this._specs.get(o.symbol) as SymbolSpec;
    const rem = r8(o.origQty - o.executedQty);
    if (o.side === 'BUY') this._ledger.unlock(o.account, spec.quoteAsset, r8(rem * o.lockPx));
    else this._ledger.unlock(o.account, spec.baseAsset, rem);
    o.status = status;
    o.updateTime = this._now();
    this._report(o, status, null);
  }

  private _report(o: ExOrder, execType: ExecType, trade: ExTrade | null): void {
    const ts = this._now();
    this._emit({
      kind: 'execution',
      account: o.account,
      // A snapshot: the order moves on before a listener may look at it.
      order: { ...o },
      execType,
      trade,
      rejectReason: 'NONE',
      ts,
    });
    const assets = this._ledger.takeTouched(o.account);
    if (assets.length > 0) this._emit({ kind: 'balances', account: o.account, assets, ts });
  }
}
