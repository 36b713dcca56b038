// Where the key that encrypts stored credentials comes from: a random key in a private key file
// (the default), or scrypt over VELOZ_MASTER_PASSWORD with a random salt per write.
import { randomBytes, scrypt } from 'node:crypto';
import { CredentialError } from './credential-error';
import { createPrivateFileExclusive, readPrivateFile } from './private-file';

export const KEY_BYTES = 32;

/** How a blob's key was made; recorded in the blob so reading picks the same way. */
export type KeyDerivation = 'keyfile' | 'scrypt';

export interface EncryptionKeySource {
  readonly kdf: KeyDerivation;
  /** A fresh salt for a write (scrypt), or null (key file). */
  newSalt(): Buffer | null;
  /** The AES-256 key for a blob written with `salt`. */
  key(salt: Buffer | null): Promise<Buffer>;
}

/**
 * A 32-byte random key in a 0600 file, created on first use. Anyone who can read the data dir
 * as this user can decrypt: it protects against copies of the credentials file alone (backups,
 * a stray upload), not against this account being compromised.
 */
export function keyFileSource(path: string): EncryptionKeySource {
  let cached: Promise<Buffer> | null = null;
  const load = async (): Promise<Buffer> => {
    let bytes = await readPrivateFile(path, 'credentials key file', 'key_unsafe');
    if (bytes === null) {
      await createPrivateFileExclusive(path, randomBytes(KEY_BYTES));
      bytes = await readPrivateFile(path, 'credentials key file', 'key_unsafe');
    }
    if (bytes === null || bytes.length !== KEY_BYTES) {
      throw new CredentialError('key_unsafe', `credentials key file ${path} is not a 32-byte key`);
    }
    return bytes;
  };
  return {
    kdf: 'keyfile',
    newSalt: () => null,
    key: () => {
      cached ??= load();
      // A failed load is not remembered: fixing the file's mode must not need a restart.
      cached.catch(() => {
        cached = null;
      });
      return cached;
    },
  };
}

/** scrypt cost parameters; the defaults take ~16 MiB and tens of milliseconds per derivation. */
export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 14, r: 8, p: 1 };

/** A key derived from a master password: nothing on disk can decrypt the blob by itself. */
export function passwordSource(
  password: string,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): EncryptionKeySource {
  return {
    kdf: 'scrypt',
    newSalt: () => randomBytes(16),
    key: (salt) =>
      new Promise((resolve, reject) => {
        if (salt === null) {
          reject(new CredentialError('stored_invalid', 'stored credentials have no salt'));
          return;
        }
        const maxmem = 256 * cost.N * cost.r + 1024 * 1024;
        scrypt(password, salt, KEY_BYTES, { ...cost, maxmem }, (e, key) =>
          e === null ? resolve(key) : reject(e),
        );
      }),
  };
}
