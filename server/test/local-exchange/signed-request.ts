// How Binance authenticates a SIGNED request: the X-MBX-APIKEY header names the account; the
// `signature` is HMAC-SHA256 (hex) of the total params (query string, then the body, as sent,
// without the signature itself); `timestamp` must be within `recvWindow` (default 5000, max
// 60000) behind the server's time and less than 1000 ms ahead of it.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ExError } from './types';

/** The parts of an HTTP request that signing looks at. */
export interface RawRequest {
  /** The raw query string, without `?`. */
  readonly query: string;
  /** The raw body (application/x-www-form-urlencoded), `''` when none. */
  readonly body: string;
  readonly apiKey: string | undefined;
}

export type AuthOutcome =
  | { readonly ok: true; readonly apiKey: string; readonly params: URLSearchParams }
  | { readonly ok: false; readonly error: ExError };

const API_KEY_FORMAT = /^[A-Za-z0-9]{64}$/;

const fail = (status: number, code: number, msg: string): AuthOutcome => ({
  ok: false,
  error: { status, code, msg },
});

/** Binance's -1102 for a missing parameter. */
export const missingParam = (name: string): ExError => ({
  status: 400,
  code: -1102,
  msg: `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`,
});

function withoutSignature(raw: string): string {
  return raw
    .split('&')
    .filter((p) => p !== '' && !p.startsWith('signature='))
    .join('&');
}

function hmacHex(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

function sameHex(a: string, b: string): boolean {
  // HMAC signatures are case-insensitive at Binance.
  const x = Buffer.from(a.toLowerCase());
  const y = Buffer.from(b.toLowerCase());
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Checks an API key against the accounts: -2014 (bad format) or -2015 (unknown). */
export function checkApiKey(
  apiKey: string | undefined,
  secrets: ReadonlyMap<string, string>,
): { ok: true; secret: string } | { ok: false; error: ExError } {
  if (apiKey === undefined || !API_KEY_FORMAT.test(apiKey)) {
    return { ok: false, error: { status: 401, code: -2014, msg: 'API-key format invalid.' } };
  }
  const secret = secrets.get(apiKey);
  if (secret === undefined) {
    return {
      ok: false,
      error: { status: 401, code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' },
    };
  }
  return { ok: true, secret };
}

/** The timestamp/recvWindow rule; `null` when the request is in time. */
export function checkTimestamp(
  timestamp: string | null | undefined,
  recvWindow: string | null | undefined,
  serverNow: number,
): ExError | null {
  const ts = Number(timestamp);
  if (!timestamp || !Number.isFinite(ts)) return missingParam('timestamp');
  const win = recvWindow ? Number(recvWindow) : 5000;
  if (!Number.isFinite(win) || win <= 0) return missingParam('recvWindow');
  if (win > 60_000) return { status: 400, code: -1131, msg: 'recvWindow must be less than 60000' };
  if (ts >= serverNow + 1000) {
    return {
      status: 400,
      code: -1021,
      msg: "Timestamp for this request was 1000ms ahead of the server's time.",
    };
  }
  if (serverNow - ts > win) {
    return {
      status: 400,
      code: -1021,
      msg: 'Timestamp for this request is outside of the recvWindow.',
    };
  }
  return null;
}

/** Verifies a SIGNED REST request. */
export function verifySigned(
  req: RawRequest,
  secrets: ReadonlyMap<string, string>,
  serverNow: number,
): AuthOutcome {
  const key = checkApiKey(req.apiKey, secrets);
  if (!key.ok) return { ok: false, error: key.error };
  const params = new URLSearchParams(req.query);
  for (const [k, v] of new URLSearchParams(req.body)) params.append(k, v);
  const signature = params.get('signature');
  if (!signature) return fail(400, -1102, missingParam('signature').msg);
  const payload = withoutSignature(req.query) + withoutSignature(req.body);
  if (!sameHex(hmacHex(key.secret, payload), signature)) {
    return fail(400, -1022, 'Signature for this request is not valid.');
  }
  const late = checkTimestamp(params.get('timestamp'), params.get('recvWindow'), serverNow);
  if (late) return { ok: false, error: late };
  return { ok: true, apiKey: req.apiKey as string, params };
}

/** Verifies a WebSocket API signed request: params sorted by name, `k=v` joined by `&`. */
export function verifyWsSigned(
  params: Readonly<Record<string, unknown>>,
  secrets: ReadonlyMap<string, string>,
  serverNow: number,
): { ok: true; apiKey: string } | { ok: false; error: ExError } {
  const apiKey = typeof params.apiKey === 'string' ? params.apiKey : undefined;
  const key = checkApiKey(apiKey, secrets);
  if (!key.ok) return key;
  const signature = params.signature;
  if (typeof signature !== 'string' || signature === '')
    return { ok: false, error: missingParam('signature') };
  const payload = Object.keys(params)
    .filter((k) => k !== 'signature')
    .sort()
    .map((k) => `${k}=${String(params[k])}`)
    .join('&');
  if (!sameHex(hmacHex(key.secret, payload), signature)) {
    return {
      ok: false,
      error: { status: 400, code: -1022, msg: 'Signature for this request is not valid.' },
    };
  }
  const str = (v: unknown): string | undefined =>
    typeof v === 'number' || typeof v === 'string' ? String(v) : undefined;
  const late = checkTimestamp(str(params.timestamp), str(params.recvWindow), serverNow);
  if (late) return { ok: false, error: late };
  return { ok: true, apiKey: apiKey as string };
}
