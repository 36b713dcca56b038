// The venue-agnostic heart of the local fakes: one account's balances and orders on spot markets,
// matched against a price the test sets. Each venue fake only translates its wire format to this.

export type FakeSide = 'buy' | 'sell';
export type FakeOrderStatus = 'open' | 'filled' | 'cancelled' | 'rejected';

export interface FakeInstrument {
  /** The venue's instrument id (`BTC-USDT`, `BTCUSDT`, `BTC-USD`). */
  readonly id: string;
  readonly base: string;
  readonly quote: string;
}

export interface FakeOrder {
  readonly venueOrderId: string;
  readonly clientOrderId: string;
  readonly instrument: FakeInstrument;
  readonly side: FakeSide;
  readonly type: 'market' | 'limit';
  readonly tif: 'GTC' | 'IOC' | 'FOK';
  readonly postOnly: boolean;
  readonly qty: number;
  readonly price: number | undefined;
  filled: number;
  /** Sum of qty × price over this order's fills. */
  filledQuote: number;
  fee: number;
  status: FakeOrderStatus;
  readonly createdMs: number;
  updatedMs: number;
}

export interface FakeTrade {
  readonly tradeId: string;
  readonly venueOrderId: string;
  readonly clientOrderId: string;
  readonly instrument: FakeInstrument;
  readonly side: FakeSide;
  readonly qty: number;
  readonly price: number;
  readonly fee: number;
  readonly feeAsset: string;
  readonly liquidity: 'maker' | 'taker';
  readonly tsMs: number;
}

export interface FakePlace {
  readonly clientOrderId: string;
  readonly instrumentId: string;
  readonly side: FakeSide;
  readonly type: 'market' | 'limit';
  readonly qty: number;
  readonly price?: number;
  readonly tif: 'GTC' | 'IOC' | 'FOK';
  readonly postOnly: boolean;
}

export type FakePlaceResult =
  | { readonly ok: true; readonly order: FakeOrder }
  | {
      readonly ok: false;
      readonly code: 'duplicate' | 'insufficient' | 'unknown_instrument' | 'invalid';
    };

/** Taker and maker fee rate, charged in the asset received. */
const FEE_RATE = 0.001;

/** One account on a spot venue. Quantities are plain numbers: the tests use exact binary values. */
export class FakeMarket {
  private readonly _instruments = new Map<string, FakeInstrument>();
  private readonly _prices = new Map<string, number>();
  private readonly _balances = new Map<string, { free: number; locked: number }>();
  private readonly _orders: FakeOrder[] = [];
  private readonly _trades: FakeTrade[] = [];
  private _nextId = 1;

  constructor(instruments: readonly FakeInstrument[], balances: Readonly<Record<string, number>>) {
    for (const i of instruments) this._instruments.set(i.id, i);
    for (const [asset, free] of Object.entries(balances))
      this._balances.set(asset, { free, locked: 0 });
  }

  instruments(): readonly FakeInstrument[] {
    return [...this._instruments.values()];
  }

  instrument(id: string): FakeInstrument | undefined {
    return this._instruments.get(id);
  }

  orders(): readonly FakeOrder[] {
    return this._orders;
  }

  trades(): readonly FakeTrade[] {
    return this._trades;
  }

  balances(): ReadonlyMap<string, { readonly free: number; readonly locked: number }> {
    return this._balances;
  }

  findByClientId(clientOrderId: string): FakeOrder | undefined {
    return this._orders.find((o) => o.clientOrderId === clientOrderId);
  }

  findByVenueId(venueOrderId: string): FakeOrder | undefined {
    return this._orders.find((o) => o.venueOrderId === venueOrderId);
  }

  /**
   * Sets the last price; resting limit orders that it crosses fill (as makers, at their limit),
   * each for at most `maxQtyPerOrder` when given, so a test can make partial fills.
   */
  setPrice(instrumentId: string, price: number, maxQtyPerOrder = Number.POSITIVE_INFINITY): void {
    this._prices.set(instrumentId, price);
    for (const o of this._orders) {
      if (o.status !== 'open' || o.instrument.id !== instrumentId || o.price === undefined)
        continue;
      const crosses = o.side === 'buy' ? price <= o.price : price >= o.price;
      if (crosses) this._fill(o, Math.min(o.qty - o.filled, maxQtyPerOrder), o.price, 'maker');
    }
  }

  place(p: FakePlace): FakePlaceResult {
    const instrument = this._instruments.get(p.instrumentId);
    if (instrument === undefined) return { ok: false, code: 'unknown_instrument' };
    if (this.findByClientId(p.clientOrderId) !== undefined) return { ok: false, code: 'duplicate' };
    if (!(p.qty > 0) || (p.type === 'limit' && !(p.price !== undefined && p.price > 0))) {
      return { ok: false, code: 'invalid' };
    }
    const last = this._prices.get(instrument.id);
    const refPrice = p.type === 'limit' ? p.price : last;
    if (refPrice === undefined) return { ok: false, code: 'invalid' };
    const lockAsset = p.side === 'buy' ? instrument.quote : instrument.base;
    const lockQty = p.side === 'buy' ? p.qty * refPrice : p.qty;
    const bal = this._balances.get(lockAsset);
    if (bal === undefined || bal.free < lockQty) return { ok: false, code: 'insufficient' };
    const marketable =
      last !== undefined &&
      (p.type === 'market' || (p.side === 'buy' ? last <= refPrice : last >= refPrice));
    bal.free -= lockQty;
    bal.locked += lockQty;
    const now = Date.now();
    const order: FakeOrder = {
      venueOrderId: String(100000 + this._nextId++),
      clientOrderId: p.clientOrderId,
      instrument,
      side: p.side,
      type: p.type,
      tif: p.tif,
      postOnly: p.postOnly,
      qty: p.qty,
      price: p.price,
      filled: 0,
      filledQuote: 0,
      fee: 0,
      status: 'open',
      createdMs: now,
      updatedMs: now,
    };
    this._orders.push(order);
    // A post-only order that would take is accepted and cancelled at once (OKX, Bybit).
    if (marketable && last !== undefined && !p.postOnly) {
      this._fill(order, order.qty, p.type === 'market' ? last : refPrice, 'taker');
    }
    if (
      order.status === 'open' &&
      (p.type === 'market' || p.tif !== 'GTC' || (p.postOnly && marketable))
    ) {
      this._close(order);
    }
    return { ok: true, order };
  }

  cancel(order: FakeOrder): boolean {
    if (order.status !== 'open') return false;
    this._close(order);
    return true;
  }

  private _close(order: FakeOrder): void {
    order.status = 'cancelled';
    order.updatedMs = Date.now();
    this._unlockRest(order);
  }

  private _unlockRest(order: FakeOrder): void {
    const { base, quote } = order.instrument;
    const rest = order.qty - order.filled;
    const asset = order.side === 'buy' ? quote : base;
    const refPrice = order.price ?? this._prices.get(order.instrument.id) ?? 0;
    const qty = order.side === 'buy' ? rest * refPrice : rest;
    const bal = this._balance(asset);
    const released = Math.min(qty, bal.locked);
    bal.locked -= released;
    bal.free += released;
  }

  private _fill(order: FakeOrder, qty: number, price: number, liquidity: 'maker' | 'taker'): void {
    if (!(qty > 0)) return;
    const { base, quote } = order.instrument;
    const gotAsset = order.side === 'buy' ? base : quote;
    const gotQty = order.side === 'buy' ? qty : qty * price;
    const fee = gotQty * FEE_RATE;
    const paidAsset = order.side === 'buy' ? quote : base;
    const lockedPerUnit = order.side === 'buy' ? (order.price ?? price) : 1;
    const paid = this._balance(paidAsset);
    // A buy locked at its limit pays the fill price; the difference goes back to free.
    paid.locked -= qty * lockedPerUnit;
    if (order.side === 'buy') paid.free += qty * (lockedPerUnit - price);
    const got = this._balance(gotAsset);
    got.free += gotQty - fee;
    order.filled += qty;
    order.filledQuote += qty * price;
    order.fee += fee;
    order.updatedMs = Date.now();
    this._trades.push({
      tradeId: `t${this._nextId++}`,
      venueOrderId: order.venueOrderId,
      clientOrderId: order.clientOrderId,
      instrument: order.instrument,
      side: order.side,
      qty,
      price,
      fee,
      feeAsset: gotAsset,
      liquidity,
      tsMs: order.updatedMs,
    });
    if (order.filled >= order.qty) order.status = 'filled';
  }

  private _balance(asset: string): { free: number; locked: number } {
    let b = this._balances.get(asset);
    if (b === undefined) {
      b = { free: 0, locked: 0 };
      this._balances.set(asset, b);
    }
    return b;
  }
}
