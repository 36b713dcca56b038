// Binance spot as a VenueAdapter: signed REST for orders and reconciliation, the WebSocket API
// user-data stream for execution reports. Composition only: signing, limits, idempotent orders,
// the stream and the report translation live in their own modules.
import WebSocket from 'ws';
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
import { type BackoffPolicy, backoffMs, sleep } from './backoff';
import { BinanceUnavailableError, OrderCommands, venueOrder } from './order-commands';
import { OrderTracker } from './order-tracker';
import {
  type ExchangeInfo,
  parseAccount,
  parseExchangeInfo,
  parseMyTrades,
  parseOpenOrders,
} from './parse';
import { RateLimiter } from './rate-limiter';
import { describeOutcome, RestClient, type RestRequest } from './rest-client';
import { type RetryPolicy, sendWithRetry } from './retry';
import type { SymbolRules } from './symbol-filters';
import { UserStream } from './user-stream';

export interface BinanceSpotOptions {
  readonly credentials: VenueCredentials;
  /** REST base (default https://api.binance.com). */
  readonly restUrl?: string;
  /** WebSocket API (default wss://ws-api.binance.com:443/ws-api/v3). */
  readonly wsApiUrl?: string;
  /** Symbols to load rules for (default: every symbol of exchangeInfo). */
  readonly symbols?: readonly string[];
  readonly recvWindowMs?: number;
  /** Per REST request (default 10 000 ms). */
  readonly requestTimeoutMs?: number;
  /** Attempts per command, the first included (default 5). */
  readonly maxAttempts?: number;
  readonly retryBackoff?: BackoffPolicy;
  readonly reconnectBackoff?: BackoffPolicy;
  readonly staleAfterMs?: number;
  readonly fetch?: typeof fetch;
  readonly createWebSocket?: (url: string) => WebSocket;
  readonly now?: () => number;
  readonly random?: () => number;
  /** Where adapter problems are told (never with credentials); default: stderr. */
  readonly log?: (line: string) => void;
}

export const BINANCE_REST_URL = 'https://api.binance.com';
export const BINANCE_WS_API_URL = 'wss://ws-api.binance.com:443/ws-api/v3';

export class BinanceSpotAdapter implements VenueAdapter {
  readonly venue = 'binance' as const;
  private readonly _client: RestClient;
  private readonly _limiter: RateLimiter;
  private readonly _retry: RetryPolicy;
  private readonly _commands: OrderCommands;
  private readonly _tracker = new OrderTracker();
  private readonly _now: () => number;
  private readonly _log: (line: string) => void;
  private _info: ExchangeInfo | null = null;
  private _stream: UserStream | null = null;
  private _events: VenueAdapterEvents | null = null;

  constructor(private readonly _o: BinanceSpotOptions) {
    this._now = _o.now ?? Date.now;
    this._log = _o.log ?? ((line) => process.stderr.write(`binance: ${line}\n`));
    this._limiter = new RateLimiter(() => this._client.serverNow(), sleep);
    this._client = new RestClient(
      {
        baseUrl: _o.restUrl ?? BINANCE_REST_URL,
        apiKey: _o.credentials.apiKey,
        apiSecret: _o.credentials.apiSecret,
        recvWindowMs: _o.recvWindowMs ?? 5000,
        timeoutMs: _o.requestTimeoutMs ?? 10_000,
        fetch: _o.fetch ?? fetch,
        now: this._now,
      },
      this._limiter,
    );
    this._retry = {
      maxAttempts: _o.maxAttempts ?? 5,
      backoff: _o.retryBackoff ?? { baseMs: 200, maxMs: 5_000 },
      random: _o.random ?? Math.random,
      sleep,
    };
    this._commands = new OrderCommands(this._client, this._retry, (s) => this._rules(s));
  }

  async start(events: VenueAdapterEvents): Promise<void> {
    this._events = events;
    await this._loadVenue();
    this._stream = new UserStream(
      {
        url: this._o.wsApiUrl ?? BINANCE_WS_API_URL,
        apiKey: this._o.credentials.apiKey,
        apiSecret: this._o.credentials.apiSecret,
        serverNow: () => this._client.serverNow(),
        random: this._retry.random,
        reconnect: this._o.reconnectBackoff ?? { baseMs: 500, maxMs: 30_000 },
        createWebSocket:
          this._o.createWebSocket ?? ((url) => new WebSocket(url, { perMessageDeflate: false })),
        staleAfterMs: this._o.staleAfterMs ?? 60_000,
      },
      {
        onFrame: (f) => {
          if (f.kind === 'execution') this._emit(this._tracker.onExecution(f.report));
        },
        onSubscribed: async () => {
          const snapshot = await this.reconcile();
          events.onReconciled(snapshot);
        },
        onState: (s) => events.onConnection(s),
        onBadFrame: (e) => this._log(`skipped a stream frame: ${e}`),
      },
    );
    await this._stream.start();
  }

  place(order: LiveOrderRequest): Promise<VenueResult> {
    return this._commands.place(order, () =>
      this._tracker.track(order.clientOrderId, order.symbol),
    );
  }

  cancel(clientOrderId: string, symbol: string): Promise<VenueResult> {
    return this._commands.cancel(clientOrderId, symbol);
  }

  queryOrder(clientOrderId: string, symbol: string): Promise<VenueOrder | null> {
    return this._commands.query(clientOrderId, symbol);
  }

  /**
   * The venue's truth: first the fills the stream may have missed for orders not known to be
   * finished (reported once each, by trade id), then open orders and balances.
   */
  async reconcile(): Promise<VenueSnapshot> {
    for (const { clientOrderId, symbol } of this._tracker.unfinished()) {
      const found = await this._commands.lookup(clientOrderId, symbol, true);
      if (found.kind === 'absent') {
        this._tracker.forget(clientOrderId);
        continue;
      }
      if (found.kind === 'failed')
        throw new BinanceUnavailableError(`order ${clientOrderId}: ${found.reason}`);
      const o = found.order;
      const trades =
        o.executedQty > 0
          ? await this._read(
              {
                method: 'GET',
                path: '/api/v3/myTrades',
                params: [
                  ['symbol', symbol],
                  ['orderId', String(o.orderId)],
                  // Binance's maximum page; an order with more trades than this is not paged.
                  ['limit', '1000'],
                ],
                signed: true,
                weight: 5,
              },
              parseMyTrades,
            )
          : [];
      const updateTs = Math.round(this._client.serverNow());
      this._emit(this._tracker.onReconciled(clientOrderId, { ...o, updateTs }, trades));
    }
    const open = await this._read(
      { method: 'GET', path: '/api/v3/openOrders', signed: true, weight: 80 },
      parseOpenOrders,
    );
    const account = await this._read(
      {
        method: 'GET',
        path: '/api/v3/account',
        params: [['omitZeroBalances', 'true']],
        signed: true,
        weight: 20,
      },
      parseAccount,
    );
    return {
      openOrders: open.map(venueOrder),
      balances: account.balances,
      tsMs: Math.round(this._client.serverNow()),
    };
  }

  async ping(): Promise<{ readonly latencyMs: number }> {
    const t0 = this._now();
    const r = await this._client.send({
      method: 'GET',
      path: '/api/v3/ping',
      signed: false,
      weight: 1,
    });
    if (r.kind !== 'ok') throw new BinanceUnavailableError(`ping: ${describeOutcome(r)}`);
    return { latencyMs: this._now() - t0 };
  }

  async close(): Promise<void> {
    this._stream?.close();
    this._stream = null;
  }

  private _emit(reports: readonly ExecReport[]): void {
    for (const r of reports) this._events?.onReport(r);
  }

  private _rules(symbol: string): SymbolRules | string {
    const r = this._info?.symbols.get(symbol);
    if (!r) return `unknown symbol ${symbol} (not in Binance's exchangeInfo)`;
    return 'unusable' in r ? r.unusable : r;
  }

  /** Server time and exchangeInfo (rules, rate limits), with retries. */
  private async _loadVenue(): Promise<void> {
    let synced = await this._client.syncTime();
    for (let k = 1; k < this._retry.maxAttempts && synced.kind !== 'ok'; k++) {
      await sleep(backoffMs(k - 1, this._retry.backoff, this._retry.random));
      synced = await this._client.syncTime();
    }
    if (synced.kind !== 'ok')
      throw new BinanceUnavailableError(`server time: ${describeOutcome(synced)}`);
    const symbols = this._o.symbols;
    this._info = await this._read(
      {
        method: 'GET',
        path: '/api/v3/exchangeInfo',
        params: symbols && symbols.length > 0 ? [['symbols', JSON.stringify(symbols)]] : [],
        signed: false,
        weight: 20,
      },
      parseExchangeInfo,
    );
    this._limiter.configure(this._info.rateLimits);
  }

  /** A read through the retry policy, parsed; any failure is a BinanceUnavailableError. */
  private async _read<T>(
    req: RestRequest,
    parse: (text: string) => { ok: true; value: T } | { ok: false; error: string },
  ): Promise<T> {
    const r = await sendWithRetry(this._client, req, this._retry);
    if (r.kind !== 'ok') throw new BinanceUnavailableError(`${req.path}: ${describeOutcome(r)}`);
    const p = parse(r.text);
    if (!p.ok) throw new BinanceUnavailableError(p.error);
    return p.value;
  }
}
