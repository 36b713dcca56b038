// Checks an engine order against what this adapter can send to the venue, before any request:
// a refusal here names the rule, and the venue never sees an order it would have to reject.
import type { LiveOrderRequest } from '../venue-adapter';
import type { VenueProfile } from './venue-profile';

/** `null` when the client order id fits the venue's rule; the reason otherwise. */
export function checkClientOrderId(profile: VenueProfile, clientOrderId: string): string | null {
  return profile.clientIdPattern.test(clientOrderId)
    ? null
    : `client order id ${JSON.stringify(clientOrderId.slice(0, 80))} does not fit ${profile.clientIdRule}`;
}

/** `null` when the order's type, prices and quantity can be sent; the reason otherwise. */
export function orderShapeProblem(profile: VenueProfile, o: LiveOrderRequest): string | null {
  if (!(Number.isFinite(o.qty) && o.qty > 0)) return `qty must be > 0, got ${o.qty}`;
  switch (o.type) {
    case 'STOP':
    case 'STOP_LIMIT':
      return `${o.type} orders are not supported by the ${profile.venue} adapter (spot MARKET and LIMIT only)`;
    case 'MARKET':
      if (o.side === 'BUY' && !profile.marketBuyInBase) {
        return `MARKET BUY sized in the base asset is not supported on ${profile.venue} through ccxt; use a LIMIT order`;
      }
      if (o.postOnly) return 'a MARKET order cannot be post-only';
      return null;
    case 'LIMIT':
      if (o.price === undefined || !(Number.isFinite(o.price) && o.price > 0)) {
        return `LIMIT needs a price > 0, got ${o.price}`;
      }
      if (o.postOnly && o.tif !== 'GTC') return `post-only needs GTC, got ${o.tif}`;
      return null;
  }
}
