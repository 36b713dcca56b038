import type { CredentialOrigin, CredentialSource } from '../../live/credentials/credential-source';
import type { VenueCredentials, VenueId } from '../../live/venue-adapter';

/** A CredentialSource in memory, for tests. */
export class FakeCredentialSource implements CredentialSource {
  readonly stored = new Map<VenueId, VenueCredentials>();

  async get(venue: VenueId): Promise<VenueCredentials | null> {
    return this.stored.get(venue) ?? null;
  }

  async origins(): Promise<Readonly<Record<VenueId, CredentialOrigin>>> {
    const o = (v: VenueId): CredentialOrigin => (this.stored.has(v) ? 'stored' : 'absent');
    return { binance: o('binance'), okx: o('okx'), bybit: o('bybit'), coinbase: o('coinbase') };
  }

  async store(venue: VenueId, credentials: VenueCredentials): Promise<void> {
    this.stored.set(venue, credentials);
  }

  async forget(venue: VenueId): Promise<void> {
    this.stored.delete(venue);
  }
}
