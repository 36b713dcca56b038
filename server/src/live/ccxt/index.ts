// The ccxt venue adapters' public face: the adapter, its options and the venues it serves.
export { type CcxtAdapterOptions, CcxtVenueAdapter } from './ccxt-venue-adapter';
export type { ExecSource, ExecSourceEvents } from './exec-source';
export type { RetryPolicy } from './retry';
export type { VenueClient } from './venue-client';
export type { CcxtVenueId } from './venue-profile';
