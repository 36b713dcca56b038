// Place, cancel and query on Binance without ever placing an order twice. An order request whose
// answer is lost (timeout, network error, 5xx) may have reached the matching engine, so before
// sending it again the adapter asks for it by its client id, and re-sends only on "does not exist"
// (-2013). When every attempt is used up, the result is `unknown`.
import type { LiveOrderRequest, VenueOrder, VenueResult } from '../venue-adapter';
import { backoffMs } from './backoff';
import { clientOrderIdProblem } from './client-order-id';
import { orderParams } from './order-params';
import {
  type BinanceOrder,
  type BinanceOrderStatus,
  parseCancel,
  parseNewOrder,
  parseOrder,
} from './parse';
import { describeOutcome, type RestClient, type RestOutcome } from './rest-client';
import { mayHaveExecuted, type RetryPolicy, sendWithRetry, TIMESTAMP_OUT_OF_WINDOW } from './retry';
import { prepareOrder, type SymbolRules } from './symbol-filters';

const ORDER_DOES_NOT_EXIST = -2013;
const UNKNOWN_ORDER_SENT = -2011;
const DUPLICATE_ORDER = 'Duplicate order sent.';

const STATUS: Readonly<Record<BinanceOrderStatus, VenueOrder['status']>> = {
  NEW: 'NEW',
  PENDING_NEW: 'NEW',
  PARTIALLY_FILLED: 'PARTIALLY_FILLED',
  FILLED: 'FILLED',
  CANCELED: 'CANCELLED',
  // Binance: "currently unused"; the order is still open until CANCELED.
  PENDING_CANCEL: 'NEW',
  REJECTED: 'REJECTED',
  EXPIRED: 'EXPIRED',
  EXPIRED_IN_MATCH: 'EXPIRED',
};

/** Binance's order in the contract's terms. */
export function venueOrder(o: BinanceOrder): VenueOrder {
  return {
    clientOrderId: o.clientOrderId,
    venueOrderId: String(o.orderId),
    symbol: o.symbol,
    side: o.side,
    qty: o.origQty,
    executedQty: o.executedQty,
    ...(o.price > 0 ? { price: o.price } : {}),
    status: STATUS[o.status],
  };
}

/** A read that failed for good (the venue could not be asked); its message names no secret. */
export class BinanceUnavailableError extends Error {
  override readonly name = 'BinanceUnavailableError';
}

type Lookup =
  | { readonly kind: 'found'; readonly order: BinanceOrder }
  | { readonly kind: 'absent' }
  | { readonly kind: 'failed'; readonly reason: string };

export class OrderCommands {
  constructor(
    private readonly _client: RestClient,
    private readonly _retry: RetryPolicy,
    private readonly _rules: (symbol: string) => SymbolRules | string,
  ) {}

  async place(o: LiveOrderRequest, beforeSend: () => void): Promise<VenueResult> {
    const rejected = (reason: string): VenueResult => ({ ok: false, kind: 'rejected', reason });
    const idProblem = clientOrderIdProblem(o.clientOrderId);
    if (idProblem) return rejected(idProblem);
    const rules = this._rules(o.symbol);
    if (typeof rules === 'string') return rejected(rules);
    const prepared = prepareOrder(o, rules);
    if (!prepared.ok) return rejected(prepared.reason);
    const params = orderParams(o, prepared.numbers);
    if (!params.ok) return rejected(params.reason);
    beforeSend();

    let maybeSent = false;
    let last = 'not sent';
    for (let attempt = 0; attempt < this._retry.maxAttempts; attempt++) {
      if (attempt > 0)
        await this._retry.sleep(backoffMs(attempt - 1, this._retry.backoff, this._retry.random));
      if (maybeSent) {
        const found = await this.lookup(o.clientOrderId, o.symbol, false);
        if (found.kind === 'found') return { ok: true, venueOrderId: String(found.order.orderId) };
        if (found.kind === 'failed') {
          last = found.reason;
          continue;
        }
        maybeSent = false;
      }
      const r = await this._client.send({
        method: 'POST',
        path: '/api/v3/order',
        params: params.params,
        signed: true,
        weight: 1,
        isOrder: true,
      });
      last = describeOutcome(r);
      if (r.kind === 'ok') {
        const p = parseNewOrder(r.text);
        if (p.ok) return { ok: true, venueOrderId: String(p.value.orderId) };
        // Placed, but the answer is unreadable: find the order by its id.
        last = p.error;
        maybeSent = true;
      } else if (r.kind === 'binance') {
        if (r.code === TIMESTAMP_OUT_OF_WINDOW) await this._client.syncTime();
        else if (r.msg === DUPLICATE_ORDER) maybeSent = true;
        else return rejected(`Binance ${r.code}: ${r.msg}`);
      } else if (mayHaveExecuted(r)) {
        maybeSent = true;
      }
    }
    if (maybeSent) {
      const found = await this.lookup(o.clientOrderId, o.symbol, false);
      if (found.kind === 'found') return { ok: true, venueOrderId: String(found.order.orderId) };
      if (found.kind === 'absent')
        return {
          ok: false,
          kind: 'unknown',
          reason: `not placed after ${this._retry.maxAttempts} attempts: ${last}`,
        };
    }
    return {
      ok: false,
      kind: 'unknown',
      reason: `no definite answer after ${this._retry.maxAttempts} attempts: ${last}`,
    };
  }

  async cancel(clientOrderId: string, symbol: string): Promise<VenueResult> {
    const r = await sendWithRetry(
      this._client,
      {
        method: 'DELETE',
        path: '/api/v3/order',
        params: [
          ['symbol', symbol],
          ['origClientOrderId', clientOrderId],
        ],
        signed: true,
        weight: 1,
      },
      this._retry,
    );
    if (r.kind === 'ok') {
      const p = parseCancel(r.text);
      if (p.ok) return { ok: true, venueOrderId: String(p.value.orderId) };
    }
    if (r.kind === 'binance' && r.code !== UNKNOWN_ORDER_SENT) {
      return { ok: false, kind: 'rejected', reason: `Binance ${r.code}: ${r.msg}` };
    }
    // -2011, an unreadable answer, or no answer: the order itself says what happened (a cancel
    // retried after a lost answer finds its own work done).
    const found = await this.lookup(clientOrderId, symbol, true);
    if (found.kind === 'absent')
      return { ok: false, kind: 'rejected', reason: 'unknown order (Binance -2013)' };
    if (found.kind === 'failed')
      return { ok: false, kind: 'unknown', reason: `${describeOutcome(r)}; then ${found.reason}` };
    const o = found.order;
    if (o.status === 'CANCELED') return { ok: true, venueOrderId: String(o.orderId) };
    return { ok: false, kind: 'rejected', reason: `order is ${o.status}, not cancelable` };
  }

  async query(clientOrderId: string, symbol: string): Promise<VenueOrder | null> {
    const found = await this.lookup(clientOrderId, symbol, true);
    if (found.kind === 'failed')
      throw new BinanceUnavailableError(`query ${clientOrderId}: ${found.reason}`);
    return found.kind === 'found' ? venueOrder(found.order) : null;
  }

  /** GET /api/v3/order by client id; with `retry`, through the retry policy, else once. */
  async lookup(clientOrderId: string, symbol: string, retry: boolean): Promise<Lookup> {
    const req = {
      method: 'GET' as const,
      path: '/api/v3/order',
      params: [
        ['symbol', symbol],
        ['origClientOrderId', clientOrderId],
      ] as const,
      signed: true,
      weight: 4,
    };
    let r: RestOutcome = retry
      ? await sendWithRetry(this._client, req, this._retry)
      : await this._client.send(req);
    if (r.kind === 'binance' && r.code === TIMESTAMP_OUT_OF_WINDOW && !retry) {
      await this._client.syncTime();
      r = await this._client.send(req);
    }
    if (r.kind === 'binance' && r.code === ORDER_DOES_NOT_EXIST) return { kind: 'absent' };
    if (r.kind !== 'ok') return { kind: 'failed', reason: describeOutcome(r) };
    const p = parseOrder(r.text);
    return p.ok ? { kind: 'found', order: p.value } : { kind: 'failed', reason: p.error };
  }
}
