export { BarVenue, type BarVenueConfig, type Trailing } from './bar';
export { ExternalVenue } from './external-venue';
export type { MarketFeed, MarketUpdate } from './market-feed';
export { SimulatedVenue, type SimulatedVenueConfig } from './simulated/simulated-venue';
export type { Venue, VenueReport } from './venue';
