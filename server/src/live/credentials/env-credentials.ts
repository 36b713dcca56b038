import type { VenueCredentials, VenueId } from '../venue-adapter';
import { CredentialError } from './credential-error';
import { needsPassphrase } from './venues';

/** The environment as read by the credential source (injected for tests). */
export type Env = Readonly<Record<string, string | undefined>>;

/** `VELOZ_<VENUE>_API_KEY` and friends. */
export function envNames(venue: VenueId): { key: string; secret: string; passphrase: string } {
  const p = `VELOZ_${venue.toUpperCase()}_API_`;
  return { key: `${p}KEY`, secret: `${p}SECRET`, passphrase: `${p}PASSPHRASE` };
}

/** An unset or blank variable counts as absent (`export X=` is a common way to unset). */
function read(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v === undefined || v === '' ? undefined : v;
}

/**
 * A venue's credentials from the environment: `null` when none of its variables is set; an
 * error naming the missing variables when only some are (a half-configured venue is a mistake
 * to report, not to skip silently).
 */
export function envCredentials(env: Env, venue: VenueId): VenueCredentials | null {
  const n = envNames(venue);
  const apiKey = read(env, n.key);
  const apiSecret = read(env, n.secret);
  const passphrase = read(env, n.passphrase);
  if (apiKey === undefined && apiSecret === undefined && passphrase === undefined) return null;
  const missing: string[] = [];
  if (apiKey === undefined) missing.push(n.key);
  if (apiSecret === undefined) missing.push(n.secret);
  if (needsPassphrase(venue) && passphrase === undefined) missing.push(n.passphrase);
  if (missing.length > 0) {
    throw new CredentialError('env_incomplete', `${venue}: ${missing.join(', ')} not set`);
  }
  return {
    apiKey: apiKey as string,
    apiSecret: apiSecret as string,
    ...(needsPassphrase(venue) ? { passphrase } : {}),
  };
}
