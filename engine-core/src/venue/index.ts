export { BarVenue, type BarVenueConfig, type Trailing } from './bar';
export { ExternalVenue } from './external-venue';
export type {
  BookTickerUpdate,
  DepthUpdate,
  FeedStatus,
  KlineUpdate,
  MarketFeed,
  MarketUpdate,
  MarketUpdateKind,
  StatusUpdate,
  TradeUpdate,
} from './market-feed';
export { type BookFill, PaperVenue, type PaperVenueConfig, walkBook } from './paper';
export { SimulatedVenue, type SimulatedVenueConfig } from './simulated/simulated-venue';
export type { Venue, VenueReport } from './venue';
