// The credentials file: JSON, one entry per venue, validated field by field. Errors name the
// field at fault and never echo a value (a misplaced secret must not end up in a log).
import { z } from 'zod';
import type { VenueCredentials, VenueId } from '../venue-adapter';
import { CredentialError } from './credential-error';
import { readPrivateFile } from './private-file';
import { needsPassphrase, VENUE_IDS } from './venues';

/** The credentials a file holds, by venue. */
export type FileCredentials = ReadonlyMap<VenueId, VenueCredentials>;

const secret = z.string().trim().regex(/^\S+$/);

const entry = z.strictObject({
  api_key: secret,
  api_secret: secret,
  passphrase: secret.optional(),
});

const schema = z.strictObject({
  binance: entry.optional(),
  okx: entry.optional(),
  bybit: entry.optional(),
  coinbase: entry.optional(),
});

/** A key name is echoed only when it looks like a field name, never like key material. */
function safeName(key: PropertyKey): string {
  return typeof key === 'string' && /^[A-Za-z_]{1,24}$/.test(key) ? `"${key}"` : '(a key)';
}

/** Our own wording per issue: zod's messages may quote the input. */
function issueText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'object' ? 'must be an object' : `must be a ${issue.expected}`;
    case 'invalid_format':
      return 'must be non-empty, without whitespace';
    case 'unrecognized_keys':
      return `unknown field ${issue.keys.map(safeName).join(', ')}`;
    default:
      return 'is invalid';
  }
}

function where(path: readonly PropertyKey[]): string {
  return path.length === 0 ? 'the file' : path.map((p) => String(p)).join('.');
}

/**
 * Parses the credentials file's text: `{"<venue>": {"api_key", "api_secret", "passphrase"?}}`
 * for venues among binance, okx, bybit, coinbase; okx and coinbase need the passphrase.
 */
export function parseCredentialsFile(text: string, name: string): FileCredentials {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    // JSON.parse's message quotes the text around the error: keep only the position.
    const at = /position (\d+)/.exec((e as Error).message)?.[1];
    const pos = at === undefined ? '' : ` (at character ${at})`;
    throw new CredentialError('file_invalid', `${name} is not valid JSON${pos}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${where(i.path)} ${issueText(i)}`);
    throw new CredentialError('file_invalid', `${name}: ${issues.join('; ')}`);
  }
  const out = new Map<VenueId, VenueCredentials>();
  for (const venue of VENUE_IDS) {
    const e = parsed.data[venue];
    if (e === undefined) continue;
    if (needsPassphrase(venue) && e.passphrase === undefined) {
      throw new CredentialError('file_invalid', `${name}: ${venue}.passphrase is required`);
    }
    out.set(venue, {
      apiKey: e.api_key,
      apiSecret: e.api_secret,
      ...(needsPassphrase(venue) ? { passphrase: e.passphrase } : {}),
    });
  }
  return out;
}

/**
 * Reads the credentials file if it is private (0600 or stricter, ours). A missing file is no
 * credentials when the path is the default one, and an error when the user named it.
 */
export async function loadCredentialsFile(
  path: string,
  explicit: boolean,
): Promise<FileCredentials> {
  const bytes = await readPrivateFile(path, 'credentials file', 'file_unsafe');
  if (bytes === null) {
    if (explicit) {
      throw new CredentialError('file_missing', `VELOZ_CREDENTIALS_FILE ${path} does not exist`);
    }
    return new Map();
  }
  return parseCredentialsFile(bytes.toString('utf8'), `credentials file ${path}`);
}
