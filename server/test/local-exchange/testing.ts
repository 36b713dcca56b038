// Fixtures and a minimal signed client for the local exchange's own tests. The signing here is
// written independently of the adapter's (tests cross-check one against the other).
import { createHmac } from 'node:crypto';
import { BTCUSDT_SPEC } from './symbols';
import type { AccountSpec, SymbolSpec } from './types';

/** Binance's documentation key pair (HMAC example). */
export const DOC_KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
export const DOC_SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';

export const BTCUSDT: SymbolSpec = BTCUSDT_SPEC;

export const account = (balances: Record<string, number>): AccountSpec => ({
  apiKey: DOC_KEY,
  apiSecret: DOC_SECRET,
  balances,
});

export interface SignedCall {
  readonly method: 'GET' | 'POST' | 'DELETE' | 'PUT';
  readonly path: string;
  /** Params sent in the query string (signed in this order). */
  readonly query?: Record<string, string>;
  /** Params sent in the body (signed after the query string). */
  readonly body?: Record<string, string>;
  readonly apiKey?: string | null;
  readonly secret?: string;
  /** Overrides the computed signature. */
  readonly signature?: string;
  readonly timestamp?: number;
  readonly signal?: AbortSignal;
}

/** Sends a signed request the way Binance's docs describe (timestamp last in the query). */
export async function signedFetch(
  baseUrl: string,
  c: SignedCall,
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const query = new URLSearchParams({ ...c.query });
  if (!c.body) query.set('timestamp', String(c.timestamp ?? Date.now()));
  const body = c.body ? new URLSearchParams({ ...c.body }) : null;
  if (body) body.set('timestamp', String(c.timestamp ?? Date.now()));
  const payload = query.toString() + (body ? body.toString() : '');
  const sig =
    c.signature ??
    createHmac('sha256', c.secret ?? DOC_SECRET)
      .update(payload)
      .digest('hex');
  if (body) body.set('signature', sig);
  else query.set('signature', sig);
  const headers: Record<string, string> = {};
  if (c.apiKey !== null) headers['X-MBX-APIKEY'] = c.apiKey ?? DOC_KEY;
  if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
  const res = await fetch(`${baseUrl}${c.path}?${query}`, {
    method: c.method,
    headers,
    ...(body ? { body: body.toString() } : {}),
    ...(c.signal ? { signal: c.signal } : {}),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // HTML error pages stay text.
  }
  return { status: res.status, body: parsed, headers: res.headers };
}
