import { digestOf, newSecret } from './tokens';

/** A browser session, found by the digest of its cookie value. */
export interface Session {
  /** Hex prefix of the digest: a stable, non-secret name for rate limits and logs. */
  readonly key: string;
  readonly createdMs: number;
}

/**
 * Server-side sessions: the cookie carries a random id, the table keeps only its SHA-256, so
 * neither a lookup's timing nor a dump of the table gives a usable cookie. Bounded: past
 * `maxSessions` the oldest is dropped (its browser logs in again with the API token link).
 */
export class SessionTable {
  private readonly byDigest = new Map<string, Session>();

  constructor(
    private readonly now: () => number,
    private readonly maxSessions = 256,
  ) {}

  /** Opens a session; returns the cookie value (the only copy of the secret). */
  open(): { cookie: string; session: Session } {
    const cookie = newSecret();
    const hex = digestOf(cookie).toString('hex');
    const session: Session = { key: hex.slice(0, 16), createdMs: this.now() };
    this.byDigest.set(hex, session);
    while (this.byDigest.size > this.maxSessions) {
      const oldest = this.byDigest.keys().next();
      if (oldest.done) break;
      this.byDigest.delete(oldest.value);
    }
    return { cookie, session };
  }

  find(cookie: string): Session | null {
    return this.byDigest.get(digestOf(cookie).toString('hex')) ?? null;
  }

  get size(): number {
    return this.byDigest.size;
  }
}
