import type { HttpGet, HttpResponse } from '../../../engine-core/src/market';

/** A call, so that TypeScript does not narrow `aborted` across awaits. */
const isAborted = (signal: { readonly aborted: boolean } | undefined): boolean =>
  signal?.aborted === true;

/** Default per-request timeout when the caller gives none. */
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The browser's `HttpGet`, on `fetch` (CORS; Binance's public endpoints allow any origin).
 * Resolves with any HTTP status; rejects when no reply came: the network is down, the host
 * refused, the request timed out (`timeout after N ms`) or was aborted. Header names are
 * lower-case (only the ones CORS exposes are visible).
 */
export function createFetchHttpGet(fetchImpl: typeof fetch = fetch): HttpGet {
  return async (url, init): Promise<HttpResponse> => {
    if (isAborted(init.signal)) throw new Error('aborted');
    const timeoutMs = init.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const controller = new AbortController();
    let timedOut = false;
    const onAbort = (): void => controller.abort();
    init.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const res = await fetchImpl(url, {
        signal: controller.signal,
        headers: { accept: 'application/json' },
        credentials: 'omit',
        cache: 'no-store',
      });
      const body = await res.text();
      const headers: Record<string, string> = {};
      res.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      return { status: res.status, headers, body };
    } catch (e) {
      if (timedOut) throw new Error(`timeout after ${timeoutMs} ms`);
      if (isAborted(init.signal)) throw new Error('aborted');
      throw e instanceof Error ? e : new Error(String(e));
    } finally {
      clearTimeout(timer);
      init.signal?.removeEventListener('abort', onAbort);
    }
  };
}
