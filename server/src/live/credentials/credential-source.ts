// Where the proxy's exchange keys come from, as seen by the rest of the server. Values never leave
// this boundary except into an adapter: the API reports only where a venue's keys came from.
import type { VenueCredentials, VenueId } from '../venue-adapter';

/** Where a venue's credentials were found; `absent` when nowhere. */
export type CredentialOrigin = 'env' | 'file' | 'stored' | 'absent';

export interface CredentialSource {
  /** The credentials of a venue for an adapter; `null` when there are none. */
  get(venue: VenueId): Promise<VenueCredentials | null>;
  /** Safe to show anywhere: the origin per venue, never a key. */
  origins(): Promise<Readonly<Record<VenueId, CredentialOrigin>>>;
  /** Keys entered once in the UI: stored server-side, encrypted at rest. */
  store(venue: VenueId, credentials: VenueCredentials): Promise<void>;
  /** Forgets keys entered in the UI (env and file keys stay where the user put them). */
  forget(venue: VenueId): Promise<void>;
}
