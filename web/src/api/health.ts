/** Result of one `GET /health` probe: `online` only when the server answered `{ ok: true }`. */
export type ServerHealth = 'online' | 'offline';

/** The subset of `fetch` this module needs, so tests can pass a fake. */
export type FetchLike = (input: string, init?: { signal?: AbortSignal }) => Promise<Response>;

/**
 * Asks the VeloZ server whether it is up. Network errors, non-2xx answers and unexpected
 * bodies all count as `offline`; an abort propagates as the usual `AbortError`.
 */
export async function fetchServerHealth(
  signal?: AbortSignal,
  fetchFn: FetchLike = (input, init) => fetch(input, init),
): Promise<ServerHealth> {
  try {
    const res = await fetchFn('/health', signal ? { signal } : {});
    if (!res.ok) return 'offline';
    const body: unknown = await res.json();
    return isOkBody(body) ? 'online' : 'offline';
  } catch (err) {
    if (signal?.aborted) throw err;
    return 'offline';
  }
}

function isOkBody(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { ok?: unknown }).ok === true;
}
