import { z } from 'zod';
import type { VenueCredentials, VenueId } from '../../live/venue-adapter';
import { fieldIssues, joinIssues, type Parsed } from './parse-result';

/** The venues, in the order the API lists them. */
export const VENUES: readonly [VenueId, ...VenueId[]] = ['binance', 'okx', 'bybit', 'coinbase'];

/** Venues whose API keys come with a passphrase. */
const NEEDS_PASSPHRASE: ReadonlySet<VenueId> = new Set<VenueId>(['okx', 'coinbase']);

/** A secret: printable ASCII, no spaces (a pasted newline or space is a mistake, not a key). */
const secret = (max: number) =>
  z
    .string({ error: 'expected a string' })
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `at most ${max} characters` })
    .regex(/^[\x21-\x7e]+$/, { error: 'printable characters only, no spaces' });

export const venueField = z
  .string({ error: 'expected a string' })
  .transform((s) => s.toLowerCase())
  .pipe(z.enum(VENUES, { error: `expected one of ${VENUES.join(', ')}` }));

const credentialsShape = z.strictObject({
  venue: venueField,
  api_key: secret(256),
  // Coinbase's secrets are PEM keys with newlines: any printable text there, newlines allowed.
  api_secret: z
    .string({ error: 'expected a string' })
    .min(1, { error: 'must not be empty' })
    .max(4096, { error: 'at most 4096 characters' }),
  passphrase: secret(256).optional(),
});

/** `POST /api/credentials`: keys entered in the UI, for the credential store. */
export interface CredentialsRequest {
  readonly venue: VenueId;
  readonly credentials: VenueCredentials;
}

export function parseCredentialsBody(body: unknown): Parsed<CredentialsRequest> {
  const r = credentialsShape.safeParse(body);
  if (!r.success) return { ok: false, message: joinIssues(fieldIssues(r.error)) };
  const { venue, api_key, api_secret, passphrase } = r.data;
  if (NEEDS_PASSPHRASE.has(venue) && passphrase === undefined) {
    return {
      ok: false,
      message: joinIssues([{ field: 'passphrase', reason: `required for ${venue}` }]),
    };
  }
  if (!NEEDS_PASSPHRASE.has(venue) && passphrase !== undefined) {
    return {
      ok: false,
      message: joinIssues([{ field: 'passphrase', reason: `not used by ${venue}` }]),
    };
  }
  return {
    ok: true,
    value: {
      venue,
      credentials: {
        apiKey: api_key,
        apiSecret: api_secret,
        ...(passphrase !== undefined && { passphrase }),
      },
    },
  };
}
