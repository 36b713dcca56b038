// The typed face of one ccxt exchange: each call returns a Result whose error is a classified,
// credential-free VenueFailure, and whose value passed the validators in ccxt-parse.ts.
import { err, ok, type Result } from '../../../../engine-core/src/util';
import { parseRetryAfter, toVenueFailure, type VenueFailure } from './ccxt-errors';
import type { CcxtExchange } from './ccxt-exchange';
import {
  type ParsedBalance,
  type ParsedMarket,
  type ParsedOrder,
  type ParsedTrade,
  parseBalances,
  parseMarkets,
  parseOrder,
  parseOrders,
  parseTime,
  parseTrades,
} from './ccxt-parse';
import type { VenueProfile } from './venue-profile';

export type Outcome<T> = Result<T, VenueFailure>;

export interface NewOrder {
  readonly ccxtSymbol: string;
  readonly type: 'market' | 'limit';
  readonly side: 'buy' | 'sell';
  readonly amount: number;
  readonly price?: number;
  /** Venue params: the client id under the venue's name, time in force, post-only. */
  readonly params: Readonly<Record<string, unknown>>;
}

/** How far back a client-id scan looks (Coinbase), and how many orders it reads. */
const SCAN_LIMIT = 100;

export class VenueClient {
  constructor(
    private readonly _ex: CcxtExchange,
    private readonly _profile: VenueProfile,
    private readonly _secrets: readonly string[],
  ) {}

  loadMarkets(): Promise<Outcome<ParsedMarket[]>> {
    return this._call(() => this._ex.loadMarkets(), parseMarkets);
  }

  createOrder(o: NewOrder): Promise<Outcome<ParsedOrder | { readonly venueOrderId: string }>> {
    return this._call(
      () => this._ex.createOrder(o.ccxtSymbol, o.type, o.side, o.amount, o.price, { ...o.params }),
      // Some venues answer a create with the ids only (no status): keep just the id then.
      (raw) => {
        const idOnly = (raw as { id?: unknown } | null)?.id;
        try {
          return parseOrder(raw);
        } catch (e) {
          if (typeof idOnly === 'string' && idOnly !== '') return { venueOrderId: idOnly };
          throw e;
        }
      },
    );
  }

  cancelOrder(venueOrderId: string, ccxtSymbol: string): Promise<Outcome<true>> {
    return this._call(
      () => this._ex.cancelOrder(venueOrderId, ccxtSymbol),
      () => true as const,
    );
  }

  fetchOrder(venueOrderId: string, ccxtSymbol: string): Promise<Outcome<ParsedOrder>> {
    const params = this._profile.venue === 'bybit' ? { acknowledged: true } : {};
    return this._call(() => this._ex.fetchOrder(venueOrderId, ccxtSymbol, params), parseOrder);
  }

  /** The order with this client id, `null` when the venue does not know it. */
  async findByClientId(
    clientOrderId: string,
    ccxtSymbol: string,
  ): Promise<Outcome<ParsedOrder | null>> {
    const lookup = this._profile.lookup;
    switch (lookup.kind) {
      case 'fetch-order': {
        const r = await this._call(
          () => this._ex.fetchOrder('', ccxtSymbol, { [lookup.param]: clientOrderId }),
          parseOrder,
        );
        return !r.ok && r.error.code === 'not_found' ? ok(null) : r;
      }
      case 'open-then-closed': {
        const params = { [lookup.param]: clientOrderId };
        const open = await this._call(
          () => this._ex.fetchOpenOrders(ccxtSymbol, undefined, undefined, params),
          parseOrders,
        );
        if (!open.ok) return open;
        const hit = open.value.find((o) => o.clientOrderId === clientOrderId);
        if (hit !== undefined) return ok(hit);
        const closed = await this._call(
          () => this._ex.fetchClosedOrders(ccxtSymbol, undefined, undefined, params),
          parseOrders,
        );
        if (!closed.ok) return closed;
        return ok(closed.value.find((o) => o.clientOrderId === clientOrderId) ?? null);
      }
      case 'scan-orders': {
        const all = await this._call(
          () => this._ex.fetchOrders(ccxtSymbol, undefined, SCAN_LIMIT),
          parseOrders,
        );
        if (!all.ok) return all;
        return ok(all.value.find((o) => o.clientOrderId === clientOrderId) ?? null);
      }
    }
  }

  fetchOpenOrders(): Promise<Outcome<ParsedOrder[]>> {
    return this._call(() => this._ex.fetchOpenOrders(), parseOrders);
  }

  fetchMyTrades(ccxtSymbol: string, sinceMs: number | undefined): Promise<Outcome<ParsedTrade[]>> {
    return this._call(() => this._ex.fetchMyTrades(ccxtSymbol, sinceMs), parseTrades);
  }

  fetchBalances(): Promise<Outcome<ParsedBalance[]>> {
    return this._call(() => this._ex.fetchBalance(), parseBalances);
  }

  fetchTime(): Promise<Outcome<number>> {
    return this._call(() => this._ex.fetchTime(), parseTime);
  }

  async close(): Promise<void> {
    await this._ex.close();
  }

  /** Retry-After of the last reply; ccxt capitalises header names (`Retry-After`). */
  private _retryAfterMs(): number | undefined {
    const headers = this._ex.last_response_headers;
    if (typeof headers !== 'object' || headers === null) return undefined;
    for (const [name, value] of Object.entries(headers)) {
      if (name.toLowerCase() === 'retry-after') return parseRetryAfter(value, Date.now());
    }
    return undefined;
  }

  private async _call<T>(
    run: () => Promise<unknown>,
    parse: (raw: unknown) => T,
  ): Promise<Outcome<T>> {
    let raw: unknown;
    try {
      raw = await run();
    } catch (e) {
      return err(toVenueFailure(e, this._secrets, this._retryAfterMs()));
    }
    try {
      return ok(parse(raw));
    } catch (e) {
      // A reply we cannot read is as good as no reply: the order's fate is unknown.
      return err({ code: 'unknown', message: toVenueFailure(e, this._secrets).message });
    }
  }
}
