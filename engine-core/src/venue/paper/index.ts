export { PaperVenue, type PaperVenueConfig } from './paper-venue';
export { type BookFill, walkBook } from './walk-book';
