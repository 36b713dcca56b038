// The closed set of ways a call to the VeloZ server can fail, so the UI says what to do about
// each (sign in, fix a field, wait, retry later) instead of printing a status code.

/** Why an API call failed. `message` is always readable as it is. */
export type ApiError =
  /** 401: no session; the page explains how to open one. */
  | { readonly kind: 'auth'; readonly message: string }
  /** 400 bad_params: `field` is the server's `<field>: <reason>` lead, when there is one. */
  | { readonly kind: 'bad_params'; readonly field: string | null; readonly message: string }
  /** 429: wait `retryAfterSec` (from Retry-After) before trying again. */
  | {
      readonly kind: 'rate_limited';
      readonly retryAfterSec: number | null;
      readonly message: string;
    }
  /** 503 execution_unavailable: the engine or the venue is down; nothing was done. */
  | { readonly kind: 'unavailable'; readonly message: string }
  /** 403: the Origin check refused the call. */
  | { readonly kind: 'forbidden'; readonly message: string }
  /** Any other non-2xx answer, with the server's code when it sent one. */
  | {
      readonly kind: 'http';
      readonly status: number;
      readonly code: string | null;
      readonly message: string;
    }
  /** A 200 that says no (`{ok: false, reason}`): the request was fine, the server declined it. */
  | { readonly kind: 'refused'; readonly message: string }
  /** No answer at all (server down, connection refused). */
  | { readonly kind: 'network'; readonly message: string }
  /** A 2xx answer whose body does not have the expected shape (zod's issues in `message`). */
  | { readonly kind: 'bad_response'; readonly path: string; readonly message: string };

/** A call's outcome: errors are values (STYLE §2.5), never thrown. */
export type ApiResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: ApiError };

/** What the page tells a user who has no session. */
export const SIGN_IN_HINT =
  'Open the launch URL the server printed when it started (it contains ?token=…); it signs this browser in.';

/** One line for the UI. */
export function describeApiError(e: ApiError): string {
  switch (e.kind) {
    case 'auth':
      return `Not signed in: ${SIGN_IN_HINT}`;
    case 'rate_limited':
      return e.retryAfterSec === null
        ? `Too many requests: ${e.message}`
        : `Too many requests: retry in ${e.retryAfterSec} s (${e.message})`;
    case 'unavailable':
      return `Execution unavailable: ${e.message}`;
    case 'bad_params':
      return `Refused by the server: ${e.message}`;
    case 'forbidden':
      return `Forbidden: ${e.message}`;
    case 'http':
      return `HTTP ${e.status}${e.code ? ` ${e.code}` : ''}: ${e.message}`;
    case 'refused':
      return `Refused: ${e.message}`;
    case 'network':
      return `The server does not answer: ${e.message}`;
    case 'bad_response':
      return `Unexpected answer from ${e.path}: ${e.message}`;
  }
}

/** Retry-After as seconds (delta form; an HTTP date is turned into a delta from `now`). */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null || value.trim() === '') return null;
  const t = value.trim();
  if (/^\d+$/.test(t)) return Number(t);
  const at = Date.parse(t);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The JSON error body of DESIGN §9, when the answer carried one. */
interface ErrorBody {
  readonly error: string;
  readonly message: string;
}

function errorBody(body: unknown): ErrorBody | null {
  if (typeof body !== 'object' || body === null) return null;
  const { error, message } = body as { error?: unknown; message?: unknown };
  if (typeof error !== 'string') return null;
  return { error, message: typeof message === 'string' ? message : error };
}

/** Maps a non-2xx answer (status, its parsed body if JSON, Retry-After) to an ApiError. */
export function errorOfAnswer(
  status: number,
  body: unknown,
  retryAfter: string | null,
  now: number,
): ApiError {
  const b = errorBody(body);
  const message = b?.message ?? `status ${status}`;
  if (status === 401 || b?.error === 'authentication_required') return { kind: 'auth', message };
  if (status === 429 || b?.error === 'rate_limit_exceeded')
    return { kind: 'rate_limited', retryAfterSec: parseRetryAfter(retryAfter, now), message };
  if (b?.error === 'execution_unavailable' || (status === 503 && b === null))
    return { kind: 'unavailable', message };
  if (b?.error === 'bad_params') {
    const m = /^([A-Za-z0-9_.]+): /.exec(message);
    return { kind: 'bad_params', field: m?.[1] ?? null, message };
  }
  if (status === 403) return { kind: 'forbidden', message };
  return { kind: 'http', status, code: b?.error ?? null, message };
}
