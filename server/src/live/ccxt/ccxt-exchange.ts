// Builds the ccxt exchange object for a venue: ccxt's own endpoints by default, or every URL ccxt
// would use for that venue pointed at one base URL (a local fake). ccxt is imported lazily so the
// proxy pays its load cost (see measure-ccxt.ts) only when a ccxt venue is configured.
import type { VenueCredentials } from '../venue-adapter';
import { type CcxtVenueId, VENUE_PROFILES } from './venue-profile';

type Params = Record<string, unknown>;

/** The part of a ccxt exchange the adapter uses; every reply is `unknown` until parsed. */
export interface CcxtExchange {
  loadMarkets(): Promise<unknown>;
  createOrder(
    symbol: string,
    type: string,
    side: string,
    amount: number,
    price?: number,
    params?: Params,
  ): Promise<unknown>;
  cancelOrder(id: string, symbol?: string, params?: Params): Promise<unknown>;
  fetchOrder(id: string, symbol?: string, params?: Params): Promise<unknown>;
  fetchOpenOrders(
    symbol?: string,
    since?: number,
    limit?: number,
    params?: Params,
  ): Promise<unknown>;
  fetchClosedOrders(
    symbol?: string,
    since?: number,
    limit?: number,
    params?: Params,
  ): Promise<unknown>;
  fetchOrders(symbol?: string, since?: number, limit?: number, params?: Params): Promise<unknown>;
  fetchMyTrades(symbol?: string, since?: number, limit?: number, params?: Params): Promise<unknown>;
  fetchBalance(params?: Params): Promise<unknown>;
  fetchTime(params?: Params): Promise<unknown>;
  close(): Promise<unknown>;
  /** Headers of the last reply (ccxt keeps them), for Retry-After. */
  readonly last_response_headers: unknown;
}

export interface ExchangeOptions {
  /** Replaces the origin of every URL ccxt has for this venue, e.g. `http://127.0.0.1:8123`. */
  readonly baseUrl?: string;
  /** ccxt's per-request timeout. */
  readonly timeoutMs?: number;
}

/** Points every URL string under `urls.api` at `baseUrl` (ccxt templates like `{hostname}` too). */
export function rewriteUrls(api: unknown, baseUrl: string): void {
  if (typeof api !== 'object' || api === null) return;
  const record = api as Record<string, unknown>;
  for (const [k, v] of Object.entries(record)) {
    if (typeof v === 'string') record[k] = v.replace(/^https?:\/\/[^/]+/, baseUrl);
    else rewriteUrls(v, baseUrl);
  }
}

/** A ccxt exchange for the venue, with rate limiting on and remote extras off. */
export async function createCcxtExchange(
  venue: CcxtVenueId,
  credentials: VenueCredentials,
  options: ExchangeOptions = {},
): Promise<CcxtExchange> {
  const ccxt = await import('ccxt');
  const profile = VENUE_PROFILES[venue];
  const config = {
    apiKey: credentials.apiKey,
    secret: credentials.apiSecret,
    password: credentials.passphrase,
    enableRateLimit: true,
    timeout: options.timeoutMs ?? 10_000,
    // The currency list is not needed for spot orders and would be one more remote load.
    has: { fetchCurrencies: false },
    options: profile.ccxtOptions,
  };
  const exchange =
    venue === 'okx'
      ? new ccxt.okx(config)
      : venue === 'bybit'
        ? new ccxt.bybit(config)
        : new ccxt.coinbase(config);
  if (options.baseUrl !== undefined) rewriteUrls(exchange.urls.api, options.baseUrl);
  return exchange;
}
