// The server's CredentialSource: environment, then the credentials file, then keys stored from
// the UI. The first that has a venue wins: what the operator set outside the app (env, file)
// overrides what was typed into it, so a deployment's configuration is never shadowed by a
// stale UI entry. `store` still saves under env/file keys; they apply once those are removed.
import { join } from 'node:path';
import type { VenueCredentials, VenueId } from '../venue-adapter';
import { CredentialError } from './credential-error';
import type { CredentialOrigin, CredentialSource } from './credential-source';
import { type FileCredentials, loadCredentialsFile } from './credentials-file';
import { keyFileSource, passwordSource, type ScryptCost } from './encryption-key';
import { type Env, envCredentials } from './env-credentials';
import { RedactedCredentials } from './redacted-credentials';
import { EncryptedCredentialStore } from './stored-credentials';
import { needsPassphrase, VENUE_IDS } from './venues';

export interface LayeredCredentialOptions {
  /** The server's data directory: default credentials file, stored keys, key file. */
  readonly dataDir: string;
  readonly env: Env;
  /** scrypt cost for VELOZ_MASTER_PASSWORD (tests lower it). */
  readonly scryptCost?: ScryptCost;
}

/** File names inside the data dir. */
export const CREDENTIAL_FILES = {
  plain: 'credentials.json',
  sealed: 'credentials.sealed.json',
  key: 'credentials.key',
} as const;

function validate(venue: VenueId, c: VenueCredentials): VenueCredentials {
  const bad = (field: string) =>
    new CredentialError('invalid_credentials', `${venue}: ${field} must be non-empty, no spaces`);
  const okValue = (s: unknown) => typeof s === 'string' && /^\S+$/.test(s);
  if (!okValue(c.apiKey)) throw bad('apiKey');
  if (!okValue(c.apiSecret)) throw bad('apiSecret');
  if (needsPassphrase(venue)) {
    if (!okValue(c.passphrase)) throw bad('passphrase');
    return { apiKey: c.apiKey, apiSecret: c.apiSecret, passphrase: c.passphrase };
  }
  return { apiKey: c.apiKey, apiSecret: c.apiSecret };
}

/**
 * Credentials from `VELOZ_<VENUE>_API_KEY/_SECRET/_PASSPHRASE`, the 0600 file at
 * `VELOZ_CREDENTIALS_FILE` (or `<dataDir>/credentials.json`), and the sealed store (key from
 * `VELOZ_MASTER_PASSWORD` via scrypt when set, else from `<dataDir>/credentials.key`).
 * Everything it hands out is a `RedactedCredentials`.
 */
export class LayeredCredentialSource implements CredentialSource {
  private readonly _store: EncryptedCredentialStore;
  private readonly _filePath: string;
  private readonly _fileExplicit: boolean;

  constructor(private readonly _opts: LayeredCredentialOptions) {
    const named = _opts.env.VELOZ_CREDENTIALS_FILE?.trim();
    this._fileExplicit = named !== undefined && named !== '';
    this._filePath = this._fileExplicit
      ? (named as string)
      : join(_opts.dataDir, CREDENTIAL_FILES.plain);
    const password = _opts.env.VELOZ_MASTER_PASSWORD;
    const keys =
      password !== undefined && password !== ''
        ? passwordSource(password, _opts.scryptCost)
        : keyFileSource(join(_opts.dataDir, CREDENTIAL_FILES.key));
    this._store = new EncryptedCredentialStore(join(_opts.dataDir, CREDENTIAL_FILES.sealed), keys);
  }

  async get(venue: VenueId): Promise<VenueCredentials | null> {
    const found = await this._find(venue);
    return found === null ? null : new RedactedCredentials(found.credentials);
  }

  async origins(): Promise<Readonly<Record<VenueId, CredentialOrigin>>> {
    const out = {} as Record<VenueId, CredentialOrigin>;
    for (const venue of VENUE_IDS) out[venue] = (await this._find(venue))?.origin ?? 'absent';
    return out;
  }

  async store(venue: VenueId, credentials: VenueCredentials): Promise<void> {
    await this._store.put(venue, validate(venue, credentials));
  }

  async forget(venue: VenueId): Promise<void> {
    await this._store.remove(venue);
  }

  /** Layers are read lazily: a broken file does not matter to a venue the env covers. */
  private async _find(
    venue: VenueId,
  ): Promise<{ origin: CredentialOrigin; credentials: VenueCredentials } | null> {
    const env = envCredentials(this._opts.env, venue);
    if (env !== null) return { origin: 'env', credentials: env };
    const file: FileCredentials = await loadCredentialsFile(this._filePath, this._fileExplicit);
    const fromFile = file.get(venue);
    if (fromFile !== undefined) return { origin: 'file', credentials: fromFile };
    const stored = (await this._store.read()).get(venue);
    return stored === undefined ? null : { origin: 'stored', credentials: stored };
  }
}
