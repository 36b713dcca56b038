import { err, ok, type Result } from '../util/result';
import { ABORTED, raceAbort, waitUnlessAborted } from './abortable';
import { type AbortSignalLike, type HttpGet, type HttpResponse, headerValue } from './http-get';
import { WeightBudget } from './weight-budget';

/** Why a download failed: `code` says whether retrying later can help. */
export interface DownloadError {
  readonly code:
    | 'bad_request' // the arguments or the exchange's 4xx: fix the request
    | 'cancelled' // the AbortSignal fired
    | 'unavailable' // 5xx or no reply, still after every retry: try later
    | 'rate_limited' // 429/418 with a wait longer than allowed
    | 'malformed' // a reply that is not the documented layout
    | 'cache'; // the KlineCache failed
  readonly message: string;
}

/** Retry and rate-limit settings of a `KlineRequester`. */
export interface RequesterSettings {
  readonly http: HttpGet;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
  readonly signal?: AbortSignalLike;
  readonly budget: WeightBudget;
  /** Weight of one request (GET /api/v3/klines: 2). */
  readonly requestWeight: number;
  /** Retries after a 5xx or a missing reply, and after each 429/418 (default 5). */
  readonly maxRetries: number;
  /** First backoff; doubles on each retry (default 1000 ms). */
  readonly retryBaseMs: number;
  /** Backoff cap (default 30 s). */
  readonly maxBackoffMs: number;
  /** Longest `Retry-After` honoured; longer ones fail with `rate_limited` (default 10 min). */
  readonly maxRetryAfterMs: number;
  readonly requestTimeoutMs: number;
}

/** Wait when a 429/418 comes without `Retry-After`. */
const DEFAULT_RETRY_AFTER_MS = 60_000;

const cancelled = (): { ok: false; error: DownloadError } =>
  err({ code: 'cancelled', message: 'download cancelled' });

/** True once the signal fired (a call, so that TypeScript does not narrow it between awaits). */
const isAborted = (signal: AbortSignalLike | undefined): boolean => signal?.aborted === true;

/** Short excerpt of a body, for messages. */
const excerpt = (body: string): string =>
  JSON.stringify(body.length > 200 ? `${body.slice(0, 200)}…` : body);

/**
 * GETs one URL politely: waits for the weight budget, honours `Retry-After` on 429/418, retries
 * 5xx and missing replies with exponential backoff (base × 2^k, capped), and stops at once when
 * the signal aborts. Resolves with the 200 body or a `DownloadError`; never rejects.
 */
export class KlineRequester {
  /** HTTP requests sent so far. */
  requests = 0;
  private readonly _s: RequesterSettings;

  constructor(settings: RequesterSettings) {
    this._s = settings;
  }

  /** The body of a 200 reply to `url`. */
  async get(url: string): Promise<Result<string, DownloadError>> {
    const s = this._s;
    // Counted apart: a 429 does not lengthen the backoff of a later 5xx.
    let failures = 0;
    let limited = 0;
    for (;;) {
      if (isAborted(s.signal)) return cancelled();
      const delay = s.budget.delayBefore(s.now(), s.requestWeight);
      if (!(await waitUnlessAborted(s.sleep, delay, s.signal))) return cancelled();
      s.budget.spend(s.now(), s.requestWeight);
      this.requests++;
      let reply: HttpResponse | typeof ABORTED;
      try {
        reply = await raceAbort(
          s.http(url, { signal: s.signal, timeoutMs: s.requestTimeoutMs }),
          s.signal,
        );
      } catch (e) {
        if (isAborted(s.signal)) return cancelled();
        const problem = `no reply (${e instanceof Error ? e.message : String(e)})`;
        if (++failures > s.maxRetries) return this._giveUp(url, problem, failures);
        if (!(await this._backoff(failures))) return cancelled();
        continue;
      }
      if (reply === ABORTED) return cancelled();
      const used = Number(headerValue(reply.headers, 'x-mbx-used-weight-1m'));
      if (Number.isFinite(used)) s.budget.observe(s.now(), used);
      if (reply.status === 200) return ok(reply.body);
      if (reply.status === 429 || reply.status === 418) {
        const wait = retryAfterMs(headerValue(reply.headers, 'retry-after'));
        const what = `HTTP ${reply.status}${reply.status === 418 ? ' (IP banned)' : ''}`;
        if (wait > s.maxRetryAfterMs) {
          return err({
            code: 'rate_limited',
            message: `GET ${url}: ${what}, Retry-After ${wait / 1000} s is longer than the ${s.maxRetryAfterMs / 1000} s allowed`,
          });
        }
        if (++limited > s.maxRetries) return this._giveUp(url, what, limited, 'rate_limited');
        s.budget.blockUntil(s.now() + wait);
        continue;
      }
      if (reply.status >= 500) {
        const problem = `HTTP ${reply.status} ${excerpt(reply.body)}`;
        if (++failures > s.maxRetries) return this._giveUp(url, problem, failures);
        if (!(await this._backoff(failures))) return cancelled();
        continue;
      }
      return err({
        code: 'bad_request',
        message: `GET ${url}: HTTP ${reply.status} ${binanceMessage(reply.body)}`,
      });
    }
  }

  /** Sleeps before retry number `failures`; false when aborted meanwhile. */
  private _backoff(failures: number): Promise<boolean> {
    const s = this._s;
    const ms = Math.min(s.maxBackoffMs, s.retryBaseMs * 2 ** (failures - 1));
    return waitUnlessAborted(s.sleep, ms, s.signal);
  }

  private _giveUp(
    url: string,
    problem: string,
    attempts: number,
    code: DownloadError['code'] = 'unavailable',
  ): { ok: false; error: DownloadError } {
    return err({ code, message: `GET ${url}: ${problem}, after ${attempts} attempts` });
  }
}

/** `Retry-After` in ms: seconds as Binance sends them; the default when absent or unreadable. */
function retryAfterMs(header: string | undefined): number {
  const seconds = header === undefined ? Number.NaN : Number(header.trim());
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : DEFAULT_RETRY_AFTER_MS;
}

/** Binance's `{"code":-1121,"msg":"Invalid symbol."}` as text, else an excerpt of the body. */
function binanceMessage(body: string): string {
  try {
    const j: unknown = JSON.parse(body);
    if (typeof j === 'object' && j !== null && 'code' in j && 'msg' in j) {
      return `Binance error ${String(j.code)}: ${String(j.msg)}`;
    }
  } catch {
    // not JSON: fall through
  }
  return excerpt(body);
}

/** The request settings a Binance download takes (klines, aggTrades). */
export interface PoliteGetOptions {
  readonly http: HttpGet;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
  readonly signal?: AbortSignalLike;
  /** Request weight allowed per minute (the download's default applies when absent). */
  readonly weightBudget?: number;
  /** Weight of one request (the endpoint's, by default). */
  readonly requestWeight?: number;
  /** Retries per request after 5xx, no reply or 429/418 (default 5). */
  readonly maxRetries?: number;
  /** First retry backoff, doubling (default 1000 ms, capped at 30 s). */
  readonly retryBaseMs?: number;
  /** Longest `Retry-After` to wait for (default 10 min). */
  readonly maxRetryAfterMs?: number;
  /** Per-request timeout handed to `http` (default 30 s). */
  readonly requestTimeoutMs?: number;
}

/** A requester from a download's options, with its endpoint's weight and budget by default. */
export function politeRequester(
  o: PoliteGetOptions,
  defaults: { readonly weightBudget: number; readonly requestWeight: number },
): KlineRequester {
  return new KlineRequester({
    http: o.http,
    sleep: o.sleep,
    now: o.now,
    signal: o.signal,
    budget: new WeightBudget(o.weightBudget ?? defaults.weightBudget),
    requestWeight: o.requestWeight ?? defaults.requestWeight,
    maxRetries: o.maxRetries ?? 5,
    retryBaseMs: o.retryBaseMs ?? 1000,
    maxBackoffMs: 30_000,
    maxRetryAfterMs: o.maxRetryAfterMs ?? 600_000,
    requestTimeoutMs: o.requestTimeoutMs ?? 30_000,
  });
}

/** Runs a cache operation, turning a rejection into a `cache` error. */
export async function cacheCall<T>(
  what: string,
  f: () => Promise<T>,
): Promise<Result<T, DownloadError>> {
  try {
    return ok(await f());
  } catch (e) {
    return err({
      code: 'cache',
      message: `cache ${what}: ${e instanceof Error ? e.message : String(e)}`,
    });
  }
}
