// A scriptable in-memory exchange behind the VenueAdapter contract, for router tests: an order
// book keyed by client id, a stream that can drop reports while "disconnected", place and
// cancel results scripted per call (ok, rejected, unknown that did or did not land, held until
// released), and reconciliation snapshots taken from the book.
import type {
  ExecReport,
  LiveOrderRequest,
  VenueAdapter,
  VenueAdapterEvents,
  VenueBalance,
  VenueId,
  VenueOrder,
  VenueResult,
  VenueSnapshot,
} from '../../venue-adapter';

/** How the next `place` behaves. */
export type PlaceScript =
  | { readonly result: 'ok' }
  | { readonly result: 'rejected'; readonly reason: string }
  /** Times out: the order did (`landed`) or did not reach the book. */
  | { readonly result: 'unknown'; readonly landed: boolean }
  /** Books the order at once but returns (ok) only on `release()`: a slow reply. */
  | { readonly result: 'held' };

export type CancelScript =
  | { readonly result: 'ok' }
  | { readonly result: 'rejected'; readonly reason: string }
  | { readonly result: 'unknown'; readonly landed: boolean };

export class FakeVenueAdapter implements VenueAdapter {
  readonly venue: VenueId = 'binance';
  readonly book = new Map<string, VenueOrder>();
  balances: VenueBalance[] = [];
  /** Every call, in order, for assertions. */
  readonly placed: LiveOrderRequest[] = [];
  readonly cancelled: string[] = [];
  readonly queried: string[] = [];
  readonly placeScript: PlaceScript[] = [];
  readonly cancelScript: CancelScript[] = [];
  /** The stream tells ACCEPTED before `place` returns (a fast stream), as real venues often do. */
  streamAccepted = true;
  /** Report a cancel's CANCELLED on the stream right away. */
  streamCancelled = true;
  /** Reports the stream lost while disconnected (a reconnect may replay them). */
  readonly missed: ExecReport[] = [];
  private _events: VenueAdapterEvents | null = null;
  private _connected = false;
  private _seq = 0;
  private _release: (() => void)[] = [];

  async start(events: VenueAdapterEvents): Promise<void> {
    this._events = events;
    events.onConnection({ state: 'connecting' });
    this._connected = true;
    events.onConnection({ state: 'connected' });
    events.onReconciled(await this.reconcile());
  }

  async place(o: LiveOrderRequest): Promise<VenueResult> {
    this.placed.push(o);
    const script = this.placeScript.shift() ?? { result: 'ok' };
    await Promise.resolve();
    switch (script.result) {
      case 'rejected':
        return { ok: false, kind: 'rejected', reason: script.reason };
      case 'unknown':
        if (script.landed) this._land(o);
        return { ok: false, kind: 'unknown', reason: 'timeout after 3 attempts' };
      case 'held': {
        const vo = this._land(o);
        await new Promise<void>((r) => this._release.push(r));
        return { ok: true, venueOrderId: vo.venueOrderId };
      }
      case 'ok':
        return { ok: true, venueOrderId: this._land(o).venueOrderId };
    }
  }

  /** Lets every held `place` return. */
  release(): void {
    for (const r of this._release.splice(0)) r();
  }

  async cancel(clientOrderId: string): Promise<VenueResult> {
    this.cancelled.push(clientOrderId);
    const script = this.cancelScript.shift() ?? { result: 'ok' };
    await Promise.resolve();
    const o = this.book.get(clientOrderId);
    if (script.result === 'rejected') return { ok: false, kind: 'rejected', reason: script.reason };
    if (o === undefined || !isOpen(o)) {
      return { ok: false, kind: 'rejected', reason: 'Unknown order sent.' };
    }
    if (script.result === 'unknown' && !script.landed) {
      return { ok: false, kind: 'unknown', reason: 'timeout' };
    }
    this.book.set(clientOrderId, { ...o, status: 'CANCELLED' });
    if (this.streamCancelled) {
      this.report({
        kind: 'status',
        clientOrderId,
        status: 'CANCELLED',
        venueOrderId: o.venueOrderId,
        reason: 'cancelled by user',
        tsMs: 0,
      });
    }
    return script.result === 'ok'
      ? { ok: true, venueOrderId: o.venueOrderId }
      : { ok: false, kind: 'unknown', reason: 'timeout' };
  }

  async queryOrder(clientOrderId: string): Promise<VenueOrder | null> {
    this.queried.push(clientOrderId);
    await Promise.resolve();
    return this.book.get(clientOrderId) ?? null;
  }

  async reconcile(): Promise<VenueSnapshot> {
    return {
      openOrders: [...this.book.values()].filter(isOpen),
      balances: this.balances,
      tsMs: 0,
    };
  }

  async ping(): Promise<{ readonly latencyMs: number }> {
    return { latencyMs: 1 };
  }

  async close(): Promise<void> {
    this._connected = false;
    this._events?.onConnection({ state: 'closed' });
  }

  /** Fills part of a booked order at the venue and streams the fill (or misses it). */
  fill(clientOrderId: string, qty: number, price: number, fee = 0): ExecReport {
    const o = this.book.get(clientOrderId);
    if (o === undefined || !isOpen(o)) throw new Error(`fake venue: ${clientOrderId} not open`);
    const executedQty = o.executedQty + qty;
    const done = executedQty >= o.qty - 1e-12;
    this.book.set(clientOrderId, {
      ...o,
      executedQty,
      status: done ? 'FILLED' : 'PARTIALLY_FILLED',
    });
    const r: ExecReport = {
      kind: 'fill',
      clientOrderId,
      status: done ? 'FILLED' : 'PARTIALLY_FILLED',
      venueOrderId: o.venueOrderId,
      tradeId: `${o.venueOrderId}:${o.executedQty}`,
      fillQty: qty,
      fillPrice: price,
      fee,
      feeAsset: 'USDT',
      liquidity: 'MAKER',
      tsMs: 0,
    };
    this.report(r);
    return r;
  }

  /** Streams a report now, or loses it while disconnected. */
  report(r: ExecReport): void {
    if (this._connected) this._events?.onReport(r);
    else this.missed.push(r);
  }

  /** Puts an order in the book that nobody here placed (another app, the exchange's UI). */
  addForeign(o: VenueOrder): void {
    this.book.set(o.clientOrderId, o);
  }

  disconnect(reason = 'socket closed'): void {
    this._connected = false;
    this._events?.onConnection({ state: 'reconnecting', attempt: 1, reason });
  }

  /** Reconnects; replays the missed reports first when asked, then reconciles. */
  async reconnect(opts: { replay: boolean }): Promise<void> {
    const events = this._events;
    if (events === null) throw new Error('fake venue: not started');
    if (opts.replay) for (const r of this.missed) events.onReport(r);
    this.missed.length = 0;
    this._connected = true;
    events.onConnection({ state: 'connected' });
    events.onReconciled(await this.reconcile());
  }

  private _land(o: LiveOrderRequest): VenueOrder {
    const existing = this.book.get(o.clientOrderId);
    // Client ids are idempotency keys at real venues: a second place would be refused.
    if (existing !== undefined) return existing;
    const vo: VenueOrder = {
      clientOrderId: o.clientOrderId,
      venueOrderId: `V${++this._seq}`,
      symbol: o.symbol,
      side: o.side,
      qty: o.qty,
      executedQty: 0,
      status: 'NEW',
      ...(o.price !== undefined ? { price: o.price } : {}),
    };
    this.book.set(o.clientOrderId, vo);
    if (this.streamAccepted) {
      this.report({
        kind: 'status',
        clientOrderId: o.clientOrderId,
        status: 'ACCEPTED',
        venueOrderId: vo.venueOrderId,
        tsMs: 0,
      });
    }
    return vo;
  }
}

function isOpen(o: VenueOrder): boolean {
  return o.status === 'NEW' || o.status === 'PARTIALLY_FILLED';
}
