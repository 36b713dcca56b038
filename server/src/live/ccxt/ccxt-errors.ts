// ccxt's errors translated, at the boundary, into the closed set the adapter decides on: retry
// (`temporary`, `rate_limited`), give up with a precise reason, or treat as absent (`not_found`).
// Classified by the names on the prototype chain, so this module does not load ccxt itself.

/** What went wrong, as far as the adapter's decisions go. */
export type VenueFailureCode =
  | 'temporary'
  | 'rate_limited'
  | 'auth'
  | 'insufficient_funds'
  | 'invalid_order'
  | 'duplicate_client_id'
  | 'not_found'
  | 'unknown';

export interface VenueFailure {
  readonly code: VenueFailureCode;
  /** Readable, credential-free. */
  readonly message: string;
  /** From the venue's Retry-After when it sent one. */
  readonly retryAfterMs?: number;
}

/** Whether a failure may pass if the same request is sent again later. */
export function isRetryable(f: VenueFailure): boolean {
  return f.code === 'temporary' || f.code === 'rate_limited';
}

// Most specific first: OrderNotFound is an InvalidOrder, RateLimitExceeded a NetworkError.
const BY_CLASS: readonly (readonly [string, VenueFailureCode])[] = [
  ['OrderNotFound', 'not_found'],
  ['DuplicateOrderId', 'duplicate_client_id'],
  ['InsufficientFunds', 'insufficient_funds'],
  ['AuthenticationError', 'auth'],
  ['RateLimitExceeded', 'rate_limited'],
  ['DDoSProtection', 'rate_limited'],
  ['NetworkError', 'temporary'],
  ['InvalidOrder', 'invalid_order'],
  ['BadSymbol', 'invalid_order'],
  ['BadRequest', 'invalid_order'],
  ['OperationRejected', 'invalid_order'],
];

function classNames(e: object): string[] {
  const names: string[] = [];
  for (let p: object | null = Object.getPrototypeOf(e); p !== null; p = Object.getPrototypeOf(p)) {
    const ctor: unknown = (p as { constructor?: unknown }).constructor;
    if (typeof ctor === 'function' && ctor.name !== '') names.push(ctor.name);
  }
  return names;
}

/** Removes every occurrence of the given secrets (keys, secrets, passphrases) from a text. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[redacted]');
  return out;
}

/** Maps a thrown value from ccxt to a failure; `secrets` never appear in the message. */
export function toVenueFailure(
  e: unknown,
  secrets: readonly string[],
  retryAfterMs?: number,
): VenueFailure {
  const raw = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  // ccxt messages carry the venue's reply body; long ones are cut, secrets never kept.
  const message = redact(raw, secrets).slice(0, 300);
  if (typeof e !== 'object' || e === null) return { code: 'unknown', message };
  const names = classNames(e);
  for (const [name, code] of BY_CLASS) {
    if (names.includes(name)) {
      // Retry-After counts on any retryable reply (429 or 503): ccxt maps OKX's 429 to
      // ExchangeNotAvailable, so the class alone would lose the venue's request to wait.
      const retryable = code === 'rate_limited' || code === 'temporary';
      return retryable && retryAfterMs !== undefined
        ? { code, message, retryAfterMs }
        : { code, message };
    }
  }
  return { code: 'unknown', message };
}

/** Parses a Retry-After header (seconds or an HTTP date) into milliseconds from `nowMs`. */
export function parseRetryAfter(value: unknown, nowMs: number): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
