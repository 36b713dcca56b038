/**
 * The part of `AbortSignal` the core uses (the DOM and Node signals both fit), declared here
 * because engine-core compiles without DOM types.
 */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** An HTTP reply: status, headers with lower-case names, and the body as text. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Per-request settings of an `HttpGet`. */
export interface HttpGetInit {
  /** Aborts the request; the promise then rejects. */
  readonly signal?: AbortSignalLike;
  /** Rejects when no complete reply came within this many ms. */
  readonly timeoutMs?: number;
}

/**
 * Performs a GET. Resolves with any HTTP status (errors included); rejects only when no reply
 * came: connection refused or dropped, timeout, abort. Injected so that engine-core stays
 * platform-free (`server/src/data/node-http.ts` is the Node implementation).
 */
export type HttpGet = (url: string, init: HttpGetInit) => Promise<HttpResponse>;

/** Reads a header by case-insensitive name. */
export function headerValue(
  headers: Readonly<Record<string, string>>,
  name: string,
): string | undefined {
  const lower = name.toLowerCase();
  const direct = headers[lower];
  if (direct !== undefined) return direct;
  for (const key of Object.keys(headers)) if (key.toLowerCase() === lower) return headers[key];
  return undefined;
}
