export { BarVenue, type BarVenueConfig, type Trailing } from './bar-venue';
export { type BarPath, firstAtOrAbove, firstAtOrBelow, priceAt, setPath } from './intrabar-path';
