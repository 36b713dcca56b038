// Binance's HMAC-SHA256 signing. REST: hex HMAC of the query string as sent. WebSocket API:
// hex HMAC of the params (but `signature`) sorted by name, joined as `k=v&…`.
import { createHmac } from 'node:crypto';

/** Hex HMAC-SHA256 of `payload` under `secret`. */
export function hmacSha256Hex(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

/** The query string of `params` in the order given (URL-encoded as Binance expects). */
export function queryString(params: readonly (readonly [string, string])[]): string {
  return params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

/** A signed REST query: `params…&signature=<hex>`. */
export function signQuery(params: readonly (readonly [string, string])[], secret: string): string {
  const q = queryString(params);
  return `${q}&signature=${hmacSha256Hex(secret, q)}`;
}

/** The signature of a WebSocket API request's params. */
export function signWsParams(
  params: Readonly<Record<string, string | number>>,
  secret: string,
): string {
  const payload = Object.keys(params)
    .sort()
    .map((k) => `${k}=${String(params[k])}`)
    .join('&');
  return hmacSha256Hex(secret, payload);
}
