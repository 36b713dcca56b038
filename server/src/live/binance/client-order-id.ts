// Binance accepts `newClientOrderId` matching ^[\.A-Z\:/a-z0-9_-]{1,36}$; the engine's id is sent
// as-is (it is the idempotency key), so an id outside that pattern is refused before sending.

const PATTERN = /^[.A-Z:/a-z0-9_-]{1,36}$/;

/** `null` when Binance accepts the id, else why not. */
export function clientOrderIdProblem(id: string): string | null {
  if (PATTERN.test(id)) return null;
  if (id.length === 0 || id.length > 36) {
    return `client_order_id must be 1 to 36 characters for Binance (got ${id.length})`;
  }
  return 'client_order_id may only contain letters, digits and . : / _ - for Binance';
}
