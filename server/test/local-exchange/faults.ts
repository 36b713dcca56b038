// Faults a test can inject into the local exchange, consumed request by request.

/** The next requests answer this 5xx; with `execute` the request is carried out first. */
interface ServerErrorFault {
  remaining: number;
  readonly status: 500 | 502 | 503;
  readonly execute: boolean;
}

/** Requests matching method + path are carried out but answered late (`afterMs`) or never. */
interface LostResponseFault {
  remaining: number;
  readonly method: string;
  readonly path: string;
  readonly afterMs: number | null;
}

export class Faults {
  latencyMs = 0;
  wsAvailable = true;
  clockSkewMs = 0;
  private _serverErrors: ServerErrorFault | null = null;
  private _rateLimited: { remaining: number; retryAfterSec: number } | null = null;
  private _lost: LostResponseFault | null = null;

  failNext(n: number, status: 500 | 502 | 503, execute: boolean): void {
    this._serverErrors = { remaining: n, status, execute };
  }

  rateLimitNext(n: number, retryAfterSec: number): void {
    this._rateLimited = { remaining: n, retryAfterSec };
  }

  loseNext(n: number, method: string, path: string, afterMs: number | null): void {
    this._lost = { remaining: n, method, path, afterMs };
  }

  takeServerError(): { status: 500 | 502 | 503; execute: boolean } | null {
    const f = this._serverErrors;
    if (!f || f.remaining <= 0) return null;
    f.remaining--;
    return { status: f.status, execute: f.execute };
  }

  takeRateLimit(): number | null {
    const f = this._rateLimited;
    if (!f || f.remaining <= 0) return null;
    f.remaining--;
    return f.retryAfterSec;
  }

  /** `undefined` when this response is delivered normally; else its delay (`null`: never). */
  takeLost(method: string, path: string): number | null | undefined {
    const f = this._lost;
    if (!f || f.remaining <= 0 || f.method !== method || f.path !== path) return undefined;
    f.remaining--;
    return f.afterMs;
  }
}
