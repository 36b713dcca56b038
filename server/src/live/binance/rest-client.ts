// One Binance REST round trip: signing (timestamp from the server-time offset, recvWindow), the
// rate limiter, a timeout, and the answer sorted into what callers act on. Credentials: the key
// goes only into the X-MBX-APIKEY header; the secret only into the HMAC. Neither is in an outcome.

import { parseErrorBody, parseServerTime } from './parse';
import type { RateLimiter } from './rate-limiter';
import { queryString, signQuery } from './sign';

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

export interface RestRequest {
  readonly method: HttpMethod;
  readonly path: string;
  readonly params?: readonly (readonly [string, string])[];
  readonly signed: boolean;
  /** Binance's weight of this request. */
  readonly weight: number;
  /** Counts against the ORDERS limits (new orders). */
  readonly isOrder?: boolean;
}

/**
 * What came back. `server`, `timeout` and `network` mean the request may have been carried out;
 * `throttled` (429/418) and `binance` (a 4xx with a code) mean it was not.
 */
export type RestOutcome =
  | { readonly kind: 'ok'; readonly text: string }
  | {
      readonly kind: 'binance';
      readonly status: number;
      readonly code: number;
      readonly msg: string;
    }
  | { readonly kind: 'throttled'; readonly status: 429 | 418; readonly retryAfterMs: number }
  | { readonly kind: 'server'; readonly status: number; readonly detail: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'network'; readonly detail: string };

export interface RestClientOptions {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly recvWindowMs: number;
  readonly timeoutMs: number;
  readonly fetch: typeof fetch;
  /** The local clock (ms). */
  readonly now: () => number;
}

/** A short description of an outcome for reasons and logs (never credentials). */
export function describeOutcome(o: RestOutcome): string {
  switch (o.kind) {
    case 'ok':
      return 'ok';
    case 'binance':
      return `Binance ${o.code}: ${o.msg}`;
    case 'throttled':
      return `HTTP ${o.status} (rate limited, retry after ${o.retryAfterMs} ms)`;
    case 'server':
      return `HTTP ${o.status}${o.detail ? `: ${o.detail}` : ''}`;
    case 'timeout':
      return 'no answer before the timeout';
    case 'network':
      return `network error: ${o.detail}`;
  }
}

export class RestClient {
  private _offsetMs = 0;

  constructor(
    private readonly _o: RestClientOptions,
    private readonly _limiter: RateLimiter,
  ) {}

  /** The server's clock as estimated from the last sync. */
  serverNow(): number {
    return this._o.now() + this._offsetMs;
  }

  /** Measures the server-time offset from /api/v3/time (half the round trip as its delay). */
  async syncTime(): Promise<RestOutcome> {
    const t0 = this._o.now();
    const r = await this.send({ method: 'GET', path: '/api/v3/time', signed: false, weight: 1 });
    if (r.kind !== 'ok') return r;
    const t1 = this._o.now();
    const p = parseServerTime(r.text);
    if (!p.ok) return { kind: 'server', status: 200, detail: p.error };
    this._offsetMs = Math.round(p.value.serverTime - (t0 + t1) / 2);
    return r;
  }

  /** One attempt. */
  async send(req: RestRequest): Promise<RestOutcome> {
    await this._limiter.acquire(req.weight, req.isOrder ? 1 : 0);
    const params = [...(req.params ?? [])];
    let query: string;
    if (req.signed) {
      params.push(
        ['recvWindow', String(this._o.recvWindowMs)],
        ['timestamp', String(Math.round(this.serverNow()))],
      );
      query = signQuery(params, this._o.apiSecret);
    } else {
      query = queryString(params);
    }
    const url = `${this._o.baseUrl}${req.path}${query ? `?${query}` : ''}`;
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), this._o.timeoutMs);
    let res: Response;
    let text: string;
    try {
      res = await this._o.fetch(url, {
        method: req.method,
        headers: req.signed ? { 'X-MBX-APIKEY': this._o.apiKey } : {},
        signal: ctl.signal,
      });
      text = await res.text();
    } catch (e) {
      if (ctl.signal.aborted) return { kind: 'timeout' };
      return { kind: 'network', detail: networkDetail(e) };
    } finally {
      clearTimeout(timer);
    }
    this._limiter.observe(res.headers);
    if (res.status === 429 || res.status === 418) {
      const retryAfterMs = retryAfter(res.headers.get('retry-after'), text, this.serverNow());
      this._limiter.pause(this.serverNow() + retryAfterMs);
      return { kind: 'throttled', status: res.status, retryAfterMs };
    }
    if (res.status >= 200 && res.status < 300) return { kind: 'ok', text };
    const body = parseErrorBody(text);
    if (res.status >= 500 || res.status === 408) {
      return {
        kind: 'server',
        status: res.status,
        detail: body.ok ? `${body.value.code} ${body.value.msg}` : '',
      };
    }
    if (body.ok)
      return { kind: 'binance', status: res.status, code: body.value.code, msg: body.value.msg };
    return {
      kind: 'binance',
      status: res.status,
      code: 0,
      msg: `HTTP ${res.status} without a Binance error body`,
    };
  }
}

/** Retry-After (seconds), or the ban end in a 418's message, or a minute. */
function retryAfter(header: string | null, text: string, serverNow: number): number {
  const sec = Number(header);
  if (header !== null && Number.isFinite(sec) && sec >= 0) return sec * 1000;
  const m = /banned until (\d{13})/.exec(text);
  if (m) return Math.max(0, Number(m[1]) - serverNow);
  return 60_000;
}

function networkDetail(e: unknown): string {
  if (!(e instanceof Error)) return 'unknown';
  const cause = (e as Error & { cause?: { code?: unknown } }).cause;
  const code = cause && typeof cause.code === 'string' ? ` (${cause.code})` : '';
  return `${e.message}${code}`;
}
