import { type Session, SessionTable } from './session-table';
import { digestOf, matchesDigest } from './tokens';

/** The secrets the server starts with (main.ts makes them; tests fix them). */
export interface AuthSecrets {
  /** Long-lived, for scripts (`Authorization: Bearer …`); also opens a browser session by link. */
  readonly apiToken: string;
  /** One-time, printed in the launch URL; `null` when the server prints none. */
  readonly launchToken: string | null;
}

/** Who made a request: a browser session (cookie) or a script (bearer token). */
export type Principal =
  | { readonly kind: 'session'; readonly session: Session }
  | { readonly kind: 'bearer' };

/**
 * The server's authentication state: the API token's digest, the launch token's (until spent)
 * and the session table. Every comparison goes through digests and `timingSafeEqual`.
 */
export class AuthState {
  private readonly apiDigest: Buffer;
  private launchDigest: Buffer | null;
  readonly sessions: SessionTable;

  constructor(secrets: AuthSecrets, now: () => number, maxSessions?: number) {
    this.apiDigest = digestOf(secrets.apiToken);
    this.launchDigest = secrets.launchToken === null ? null : digestOf(secrets.launchToken);
    this.sessions = new SessionTable(now, maxSessions);
  }

  /**
   * Trades a token from a link for a session: the launch token once (then it is spent), the API
   * token any number of times (as Jupyter's token). `null` for anything else.
   */
  login(token: string): { cookie: string; session: Session } | null {
    const launch = this.launchDigest;
    if (launch !== null && matchesDigest(token, launch)) {
      this.launchDigest = null;
      return this.sessions.open();
    }
    if (matchesDigest(token, this.apiDigest)) return this.sessions.open();
    return null;
  }

  isApiToken(token: string): boolean {
    return matchesDigest(token, this.apiDigest);
  }

  /** Whether the launch token is still unused. */
  get launchPending(): boolean {
    return this.launchDigest !== null;
  }
}
