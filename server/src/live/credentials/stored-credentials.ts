// Keys entered once in the UI, kept in one sealed (AES-256-GCM) private file in the data dir.
import { unlink } from 'node:fs/promises';
import type { VenueCredentials, VenueId } from '../venue-adapter';
import { type FileCredentials, parseCredentialsFile } from './credentials-file';
import type { EncryptionKeySource } from './encryption-key';
import { readPrivateFile, writePrivateFileAtomic } from './private-file';
import { seal, unseal } from './sealed-blob';
import { VENUE_IDS } from './venues';

/** The plaintext layout is the credentials file's, so one validator serves both. */
function toPlaintext(all: FileCredentials): Buffer {
  const out: Record<string, Record<string, string>> = {};
  for (const venue of VENUE_IDS) {
    const c = all.get(venue);
    if (c === undefined) continue;
    out[venue] = { api_key: c.apiKey, api_secret: c.apiSecret };
    if (c.passphrase !== undefined) out[venue].passphrase = c.passphrase;
  }
  return Buffer.from(JSON.stringify(out), 'utf8');
}

/**
 * The encrypted store. Writes are read-modify-write of the whole file, one at a time (a chain),
 * each with a fresh IV (and salt, with a password), then an atomic rename.
 */
export class EncryptedCredentialStore {
  private _chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly _path: string,
    private readonly _keys: EncryptionKeySource,
  ) {}

  /** Every stored venue's credentials (empty when nothing was stored). */
  read(): Promise<FileCredentials> {
    return this._serial(() => this._read());
  }

  put(venue: VenueId, credentials: VenueCredentials): Promise<void> {
    return this._serial(async () => {
      const all = new Map(await this._read());
      all.set(venue, credentials);
      await writePrivateFileAtomic(this._path, await seal(toPlaintext(all), this._keys));
    });
  }

  /** Removes a venue; the file goes when it would be empty. */
  remove(venue: VenueId): Promise<void> {
    return this._serial(async () => {
      const all = new Map(await this._read());
      if (!all.delete(venue)) return;
      if (all.size === 0) {
        await unlink(this._path).catch((e: NodeJS.ErrnoException) => {
          if (e.code !== 'ENOENT') throw e;
        });
        return;
      }
      await writePrivateFileAtomic(this._path, await seal(toPlaintext(all), this._keys));
    });
  }

  private async _read(): Promise<FileCredentials> {
    const bytes = await readPrivateFile(this._path, 'stored credentials', 'file_unsafe');
    if (bytes === null) return new Map();
    const plain = await unseal(bytes.toString('utf8'), this._keys);
    return parseCredentialsFile(plain.toString('utf8'), 'stored credentials');
  }

  private _serial<T>(job: () => Promise<T>): Promise<T> {
    const run = this._chain.then(job, job);
    this._chain = run.catch(() => {});
    return run;
  }
}
