import type { HttpGet, HttpResponse } from '../../../engine-core/src/market';

/** Options of `createNodeHttpGet`. */
export interface NodeHttpOptions {
  /** Default per-request timeout when the caller gives none (30 s). */
  readonly timeoutMs?: number;
  readonly userAgent?: string;
}

/** The message of an error and of its `cause` (Node's fetch says only "fetch failed"). */
function describeError(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause: unknown = e.cause;
  if (cause instanceof Error) {
    const code = 'code' in cause && typeof cause.code === 'string' ? ` ${cause.code}` : '';
    return `${e.message}:${code} ${cause.message}`;
  }
  return e.message;
}

/**
 * The Node `HttpGet`, on the global `fetch`. The timeout covers the whole reply, body included.
 * Rejects on abort, timeout (`timeout after N ms`) or a lost connection; resolves with any
 * HTTP status. Header names are lower-case.
 */
export function createNodeHttpGet(options: NodeHttpOptions = {}): HttpGet {
  const userAgent = options.userAgent ?? 'veloz';
  return async (url, init): Promise<HttpResponse> => {
    const timeoutMs = init.timeoutMs ?? options.timeoutMs ?? 30_000;
    const controller = new AbortController();
    let timedOut = false;
    const onAbort = (): void => controller.abort();
    init.signal?.addEventListener('abort', onAbort, { once: true });
    if (init.signal?.aborted === true) controller.abort();
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const res = await fetch(url, {
        signal: controller.signal,
        headers: { accept: 'application/json', 'user-agent': userAgent },
      });
      const body = await res.text();
      const headers: Record<string, string> = {};
      res.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      return { status: res.status, headers, body };
    } catch (e) {
      if (timedOut) throw new Error(`timeout after ${timeoutMs} ms`);
      if (init.signal?.aborted === true) throw new Error('aborted');
      throw new Error(describeError(e));
    } finally {
      clearTimeout(timer);
      init.signal?.removeEventListener('abort', onAbort);
    }
  };
}
