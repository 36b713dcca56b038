// AES-256-GCM sealing of the stored credentials: a random 96-bit IV per write, the 128-bit tag
// checked on every read, and the header (version, kdf, salt) bound in as associated data so
// that no part of the file can be changed without the read failing.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { CredentialError } from './credential-error';
import type { EncryptionKeySource, KeyDerivation } from './encryption-key';

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

const blobSchema = z.strictObject({
  v: z.literal(1),
  kdf: z.enum(['keyfile', 'scrypt']),
  salt: b64.nullable(),
  iv: b64,
  tag: b64,
  ct: b64,
});

type Blob = z.infer<typeof blobSchema>;

function aad(kdf: KeyDerivation, salt: string | null): Buffer {
  return Buffer.from(`veloz-credentials:v1:${kdf}:${salt ?? ''}`, 'utf8');
}

/** Encrypts `plaintext` into the file format (JSON text). */
export async function seal(plaintext: Buffer, keys: EncryptionKeySource): Promise<string> {
  const saltBytes = keys.newSalt();
  const salt = saltBytes === null ? null : saltBytes.toString('base64');
  const key = await keys.key(saltBytes);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(keys.kdf, salt));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const blob: Blob = {
    v: 1,
    kdf: keys.kdf,
    salt,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ct: ct.toString('base64'),
  };
  return `${JSON.stringify(blob)}\n`;
}

const TAMPERED =
  'stored credentials failed authentication: the file was modified or the key is not the one they were written with';

/** Canonical base64 only: a non-canonical spelling of the same bytes is a change too. */
function decode(s: string): Buffer | null {
  const b = Buffer.from(s, 'base64');
  return b.toString('base64') === s ? b : null;
}

/** Decrypts a sealed file; any change to any byte of it is an error, never garbage. */
export async function unseal(text: string, keys: EncryptionKeySource): Promise<Buffer> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new CredentialError('stored_tampered', TAMPERED);
  }
  const parsed = blobSchema.safeParse(data);
  if (!parsed.success) throw new CredentialError('stored_tampered', TAMPERED);
  const blob = parsed.data;
  if (blob.kdf !== keys.kdf) {
    throw new CredentialError(
      'stored_invalid',
      blob.kdf === 'scrypt'
        ? 'stored credentials were encrypted with VELOZ_MASTER_PASSWORD: set it to read them'
        : 'stored credentials were encrypted with the key file, not VELOZ_MASTER_PASSWORD: unset it to read them',
    );
  }
  const iv = decode(blob.iv);
  const tag = decode(blob.tag);
  const ct = decode(blob.ct);
  const salt = blob.salt === null ? null : (decode(blob.salt) ?? undefined);
  if (iv?.length !== 12 || tag?.length !== 16 || ct === null || salt === undefined) {
    throw new CredentialError('stored_tampered', TAMPERED);
  }
  const key = await keys.key(salt);
  try {
    const d = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
    d.setAAD(aad(blob.kdf, blob.salt));
    d.setAuthTag(tag);
    return Buffer.concat([d.update(ct), d.final()]);
  } catch {
    throw new CredentialError('stored_tampered', TAMPERED);
  }
}
