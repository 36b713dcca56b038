import type { VenueId } from '../venue-adapter';

/** Every venue the proxy knows, in a fixed order (for origins and files). */
export const VENUE_IDS: readonly VenueId[] = ['binance', 'okx', 'bybit', 'coinbase'];

/** OKX and Coinbase sign requests with a passphrase as well as the key and secret. */
export function needsPassphrase(venue: VenueId): boolean {
  return venue === 'okx' || venue === 'coinbase';
}
