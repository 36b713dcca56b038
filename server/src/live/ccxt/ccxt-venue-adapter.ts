// VenueAdapter for OKX, Bybit and Coinbase Advanced Trade (spot) through ccxt. Orders carry the
// engine's client order id as the venue's own client id, so a request whose answer was lost is
// found again by that id before anything is re-sent: an order is never placed twice.
import type {
  ExecReport,
  LiveOrderRequest,
  VenueAdapter,
  VenueAdapterEvents,
  VenueCredentials,
  VenueOrder,
  VenueResult,
  VenueSnapshot,
} from '../venue-adapter';
import { isRetryable, type VenueFailure } from './ccxt-errors';
import { createCcxtExchange } from './ccxt-exchange';
import type { ParsedMarket, ParsedOrder } from './ccxt-parse';
import { type ExecSource, PollingExecSource } from './exec-source';
import { checkClientOrderId, orderShapeProblem } from './order-request';
import { trackOrder } from './order-tracker';
import { backoffMs, DEFAULT_RETRY, type RetryPolicy, sleep } from './retry';
import { SymbolMap } from './symbol-map';
import { type Outcome, VenueClient } from './venue-client';
import { type CcxtVenueId, VENUE_PROFILES, type VenueProfile } from './venue-profile';

export interface CcxtAdapterOptions {
  readonly venue: CcxtVenueId;
  readonly credentials: VenueCredentials;
  /** Overrides every URL ccxt uses for the venue (tests: a local fake). Default: ccxt's own. */
  readonly baseUrl?: string;
  /** ccxt's per-request timeout. Default 10 s. */
  readonly timeoutMs?: number;
  /** Interval of the execution-report poll. Default 1 s. */
  readonly pollIntervalMs?: number;
  readonly retry?: RetryPolicy;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => number;
  /** Replaces the polling report source (e.g. with a WebSocket one). */
  readonly execSource?: (client: VenueClient) => ExecSource;
}

/** Trades are read from a little before the placement time: clocks of venue and proxy differ. */
const CLOCK_MARGIN_MS = 5_000;

interface Ready {
  readonly client: VenueClient;
  readonly symbols: SymbolMap;
  readonly exec: ExecSource;
}

export class CcxtVenueAdapter implements VenueAdapter {
  readonly venue: CcxtVenueId;
  private readonly _profile: VenueProfile;
  private readonly _retry: RetryPolicy;
  private readonly _sleep: (ms: number) => Promise<void>;
  private readonly _random: () => number;
  private readonly _now: () => number;
  private _ready: Ready | undefined;
  private _events: VenueAdapterEvents | undefined;
  /** Client ids this adapter has acknowledged, with their venue ids. */
  private readonly _accepted = new Map<string, string>();
  private _failing = 0;

  constructor(private readonly _options: CcxtAdapterOptions) {
    this.venue = _options.venue;
    this._profile = VENUE_PROFILES[_options.venue];
    this._retry = _options.retry ?? DEFAULT_RETRY;
    this._sleep = _options.sleep ?? sleep;
    this._random = _options.random ?? Math.random;
    this._now = _options.now ?? Date.now;
  }

  async start(events: VenueAdapterEvents): Promise<void> {
    this._events = events;
    events.onConnection({ state: 'connecting' });
    const { credentials, baseUrl, timeoutMs } = this._options;
    const exchange = await createCcxtExchange(this.venue, credentials, {
      ...(baseUrl !== undefined ? { baseUrl } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    });
    const secrets = [credentials.apiKey, credentials.apiSecret, credentials.passphrase ?? ''];
    const client = new VenueClient(exchange, this._profile, secrets);
    const markets = await this._required('load markets', () => client.loadMarkets());
    const exec =
      this._options.execSource?.(client) ??
      new PollingExecSource(client, {
        intervalMs: this._options.pollIntervalMs ?? 1_000,
        now: this._now,
      });
    this._ready = { client, symbols: new SymbolMap(markets), exec };
    const snapshot = await this.reconcile();
    exec.start({
      onReport: (r) => events.onReport(r),
      onHealth: (failure) => void this._onHealth(failure),
    });
    events.onReconciled(snapshot);
    events.onConnection({ state: 'connected' });
  }

  async place(order: LiveOrderRequest): Promise<VenueResult> {
    const ready = this._ready;
    if (ready === undefined) return rejected('adapter not started');
    const known = this._accepted.get(order.clientOrderId);
    if (known !== undefined) return { ok: true, venueOrderId: known };
    const idProblem = checkClientOrderId(this._profile, order.clientOrderId);
    if (idProblem !== null) return rejected(idProblem);
    const market = ready.symbols.fromEngine(order.symbol);
    if (market === undefined) return rejected(`unknown symbol on ${this.venue}: ${order.symbol}`);
    const shapeProblem = orderShapeProblem(this._profile, order);
    if (shapeProblem !== null) return rejected(shapeProblem);

    let last = 'no attempt made';
    for (let attempt = 1; attempt <= this._retry.attempts; attempt++) {
      if (attempt > 1) {
        // The previous attempt may have reached the venue: look before sending again.
        const found = await ready.client.findByClientId(order.clientOrderId, market.symbol);
        if (!found.ok) {
          last = found.error.message;
          await this._backoff(attempt, found.error);
          continue;
        }
        if (found.value !== null) return this._adopt(order, market, found.value);
      }
      const created = await ready.client.createOrder(createArgs(this._profile, order, market));
      if (created.ok) return this._adopt(order, market, created.value);
      const f = created.error;
      if (!isRetryable(f)) {
        // After an earlier attempt, a refusal may be the venue seeing our id again (a duplicate
        // the lookup missed): look once more before calling it rejected.
        if (attempt > 1 || f.code === 'duplicate_client_id') {
          const found = await ready.client.findByClientId(order.clientOrderId, market.symbol);
          if (found.ok && found.value !== null) return this._adopt(order, market, found.value);
        }
        return rejected(`${f.code}: ${f.message}`);
      }
      last = f.message;
      if (attempt < this._retry.attempts) await this._backoff(attempt, f);
    }
    const found = await ready.client.findByClientId(order.clientOrderId, market.symbol);
    if (found.ok && found.value !== null) return this._adopt(order, market, found.value);
    return {
      ok: false,
      kind: 'unknown',
      reason: `no answer after ${this._retry.attempts} attempts: ${last}`,
    };
  }

  async cancel(clientOrderId: string, symbol: string): Promise<VenueResult> {
    const ready = this._ready;
    if (ready === undefined) return rejected('adapter not started');
    const market = ready.symbols.fromEngine(symbol);
    if (market === undefined) return rejected(`unknown symbol on ${this.venue}: ${symbol}`);
    let venueOrderId = this._accepted.get(clientOrderId);
    if (venueOrderId === undefined) {
      const found = await this._retrying(() =>
        ready.client.findByClientId(clientOrderId, market.symbol),
      );
      if (!found.ok) return failed(found.error);
      if (found.value === null) return rejected(`not_found: no order ${clientOrderId}`);
      venueOrderId = found.value.venueOrderId;
      this._track(clientOrderId, market, found.value);
    }
    const id = venueOrderId;
    const r = await this._retrying(() => ready.client.cancelOrder(id, market.symbol));
    return r.ok ? { ok: true, venueOrderId: id } : failed(r.error);
  }

  async queryOrder(clientOrderId: string, symbol: string): Promise<VenueOrder | null> {
    const ready = this._ensureReady();
    const market = ready.symbols.fromEngine(symbol);
    if (market === undefined) return null;
    const found = await this._retrying(() =>
      ready.client.findByClientId(clientOrderId, market.symbol),
    );
    if (!found.ok)
      throw new Error(`${this.venue} queryOrder: ${found.error.code}: ${found.error.message}`);
    return found.value === null ? null : toVenueOrder(found.value, ready.symbols, clientOrderId);
  }

  async reconcile(): Promise<VenueSnapshot> {
    const ready = this._ensureReady();
    const open = await this._required('open orders', () => ready.client.fetchOpenOrders());
    const balances = await this._required('balances', () => ready.client.fetchBalances());
    const openOrders: VenueOrder[] = [];
    for (const o of open) {
      const clientOrderId = o.clientOrderId ?? '';
      openOrders.push(toVenueOrder(o, ready.symbols, clientOrderId));
      // Orders left open by an earlier run keep being reported (the router drops repeated tradeIds).
      const market = ready.symbols.fromEngine(ready.symbols.toEngine(o.symbol));
      if (clientOrderId !== '' && market !== undefined) this._track(clientOrderId, market, o);
    }
    return { openOrders, balances, tsMs: this._now() };
  }

  async ping(): Promise<{ readonly latencyMs: number }> {
    const ready = this._ensureReady();
    const t0 = performance.now();
    const r = await ready.client.fetchTime();
    if (!r.ok) throw new Error(`${this.venue} ping: ${r.error.code}: ${r.error.message}`);
    return { latencyMs: performance.now() - t0 };
  }

  async close(): Promise<void> {
    const ready = this._ready;
    this._ready = undefined;
    if (ready !== undefined) {
      await ready.exec.stop();
      await ready.client.close();
    }
    this._events?.onConnection({ state: 'closed' });
  }

  private _adopt(
    order: LiveOrderRequest,
    market: ParsedMarket,
    venue: ParsedOrder | { readonly venueOrderId: string },
  ): VenueResult {
    const venueOrderId = venue.venueOrderId;
    if (!this._accepted.has(order.clientOrderId)) {
      this._accepted.set(order.clientOrderId, venueOrderId);
      const accepted: ExecReport = {
        kind: 'status',
        clientOrderId: order.clientOrderId,
        status: 'ACCEPTED',
        venueOrderId,
        tsMs: this._now(),
      };
      this._events?.onReport(accepted);
      const since =
        'timestamp' in venue && venue.timestamp !== undefined ? venue.timestamp : this._now();
      this._ready?.exec.track(
        trackOrder(
          order.clientOrderId,
          venueOrderId,
          market.symbol,
          order.qty,
          since - CLOCK_MARGIN_MS,
        ),
      );
    }
    return { ok: true, venueOrderId };
  }

  private _track(clientOrderId: string, market: ParsedMarket, o: ParsedOrder): void {
    if (o.status !== 'open') return;
    this._accepted.set(clientOrderId, o.venueOrderId);
    const since = (o.timestamp ?? this._now()) - CLOCK_MARGIN_MS;
    this._ready?.exec.track(
      trackOrder(clientOrderId, o.venueOrderId, market.symbol, o.amount, since),
    );
  }

  private async _onHealth(failure: string | null): Promise<void> {
    const events = this._events;
    if (events === undefined || this._ready === undefined) return;
    if (failure !== null) {
      this._failing++;
      events.onConnection({ state: 'reconnecting', attempt: this._failing, reason: failure });
      return;
    }
    if (this._failing === 0) return;
    // Back after failures: reconcile first, as the contract promises for every `connected`.
    try {
      const snapshot = await this.reconcile();
      this._failing = 0;
      events.onReconciled(snapshot);
      events.onConnection({ state: 'connected' });
    } catch {
      // Still failing; the next round reports it.
    }
  }

  private async _retrying<T>(run: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
    let r = await run();
    for (
      let attempt = 1;
      attempt < this._retry.attempts && !r.ok && isRetryable(r.error);
      attempt++
    ) {
      await this._backoff(attempt, r.error);
      r = await run();
    }
    return r;
  }

  private async _required<T>(what: string, run: () => Promise<Outcome<T>>): Promise<T> {
    const r = await this._retrying(run);
    if (!r.ok) throw new Error(`${this.venue} ${what}: ${r.error.code}: ${r.error.message}`);
    return r.value;
  }

  private _backoff(attempt: number, f: VenueFailure): Promise<void> {
    return this._sleep(backoffMs(this._retry, attempt, this._random, f.retryAfterMs));
  }

  private _ensureReady(): Ready {
    if (this._ready === undefined) throw new Error(`${this.venue} adapter not started`);
    return this._ready;
  }
}

function rejected(reason: string): VenueResult {
  return { ok: false, kind: 'rejected', reason };
}

/** A failure after retries: still retryable means the outcome is not known. */
function failed(f: VenueFailure): VenueResult {
  return isRetryable(f)
    ? { ok: false, kind: 'unknown', reason: `${f.code}: ${f.message}` }
    : rejected(`${f.code}: ${f.message}`);
}

function createArgs(profile: VenueProfile, order: LiveOrderRequest, market: ParsedMarket) {
  const params: Record<string, unknown> = { [profile.clientIdParam]: order.clientOrderId };
  if (order.type === 'MARKET') Object.assign(params, profile.marketBaseQtyParams);
  else {
    if (order.postOnly) params.postOnly = true;
    else if (order.tif !== 'GTC') params.timeInForce = order.tif;
  }
  return {
    ccxtSymbol: market.symbol,
    type: order.type === 'MARKET' ? ('market' as const) : ('limit' as const),
    side: order.side === 'BUY' ? ('buy' as const) : ('sell' as const),
    amount: order.qty,
    ...(order.type === 'LIMIT' && order.price !== undefined ? { price: order.price } : {}),
    params,
  };
}

function toVenueOrder(o: ParsedOrder, symbols: SymbolMap, clientOrderId: string): VenueOrder {
  const status: VenueOrder['status'] =
    o.status === 'open'
      ? o.filled > 0
        ? 'PARTIALLY_FILLED'
        : 'NEW'
      : o.status === 'closed'
        ? 'FILLED'
        : o.status === 'canceled'
          ? 'CANCELLED'
          : o.status === 'expired'
            ? 'EXPIRED'
            : 'REJECTED';
  return {
    clientOrderId: o.clientOrderId ?? clientOrderId,
    venueOrderId: o.venueOrderId,
    symbol: symbols.toEngine(o.symbol),
    side: o.side === 'buy' ? 'BUY' : 'SELL',
    qty: o.amount,
    executedQty: o.filled,
    ...(o.price !== undefined ? { price: o.price } : {}),
    status,
  };
}
