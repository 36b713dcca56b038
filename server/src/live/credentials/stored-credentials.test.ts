import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialError } from './credential-error';
import { keyFileSource, passwordSource } from './encryption-key';
import { EncryptedCredentialStore } from './stored-credentials';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const SECRET = 'S3cr3t/+=value-ABCDEFGHIJKLMNOP';
const KEY = 'api-key-0123456789abcdef';
const PASS = 'my-okx-passphrase';

/** Every spelling of a value that a careless writer could have put in a file. */
function encodings(v: string): string[] {
  const b = Buffer.from(v, 'utf8');
  return [
    v,
    b.toString('base64'),
    b.toString('base64url'),
    b.toString('hex'),
    b.toString('hex').toUpperCase(),
    Buffer.from(v, 'utf16le').toString('latin1'),
  ];
}

describe('EncryptedCredentialStore', () => {
  let dir: string;
  let path: string;
  let keyPath: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'veloz-sealed-'));
    path = join(dir, 'credentials.sealed.json');
    keyPath = join(dir, 'credentials.key');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const store = () => new EncryptedCredentialStore(path, keyFileSource(keyPath));

  it('round trip: what is put is read back, by a fresh instance too', async () => {
    await store().put('okx', { apiKey: KEY, apiSecret: SECRET, passphrase: PASS });
    await store().put('binance', { apiKey: 'k2', apiSecret: 's2' });
    const got = await store().read();
    expect(Object.fromEntries(got)).toEqual({
      okx: { apiKey: KEY, apiSecret: SECRET, passphrase: PASS },
      binance: { apiKey: 'k2', apiSecret: 's2' },
    });
  });

  it('the file and the key file are 0600; the key is created once', async () => {
    await store().put('binance', { apiKey: KEY, apiSecret: SECRET });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(keyPath)).mode & 0o777).toBe(0o600);
    const key1 = await readFile(keyPath);
    expect(key1.length).toBe(32);
    await store().put('bybit', { apiKey: 'k', apiSecret: 's' });
    expect(await readFile(keyPath)).toEqual(key1);
  });

  it('is encrypted: no encoding of any value is in the file; each write has a new IV', async () => {
    await store().put('okx', { apiKey: KEY, apiSecret: SECRET, passphrase: PASS });
    const first = await readFile(path, 'latin1');
    for (const v of [KEY, SECRET, PASS]) {
      for (const enc of encodings(v)) expect(first).not.toContain(enc);
    }
    const blob1 = JSON.parse(first);
    expect(blob1).toMatchObject({ v: 1, kdf: 'keyfile', salt: null });
    // Independent decryption with the key file's bytes: the format is what the docs say.
    const { createDecipheriv } = await import('node:crypto');
    const d = createDecipheriv(
      'aes-256-gcm',
      await readFile(keyPath),
      Buffer.from(blob1.iv, 'base64'),
    );
    d.setAAD(Buffer.from('veloz-credentials:v1:keyfile:'));
    d.setAuthTag(Buffer.from(blob1.tag, 'base64'));
    const plain = Buffer.concat([d.update(Buffer.from(blob1.ct, 'base64')), d.final()]);
    expect(JSON.parse(plain.toString())).toEqual({
      okx: { api_key: KEY, api_secret: SECRET, passphrase: PASS },
    });
    // Same content written again: a fresh IV, so a different ciphertext.
    await store().put('okx', { apiKey: KEY, apiSecret: SECRET, passphrase: PASS });
    const blob2 = JSON.parse(await readFile(path, 'utf8'));
    expect(blob2.iv).not.toBe(blob1.iv);
    expect(blob2.ct).not.toBe(blob1.ct);
  });

  it('any tampering is a clear error, never garbage', async () => {
    await store().put('binance', { apiKey: KEY, apiSecret: SECRET });
    const original = await readFile(path, 'utf8');
    const blob = JSON.parse(original);
    const flip = (b64: string, i: number) => {
      const b = Buffer.from(b64, 'base64');
      b[i % b.length] = (b[i % b.length] as number) ^ 0x01;
      return b.toString('base64');
    };
    const variants = [
      { ...blob, ct: flip(blob.ct, 0) },
      { ...blob, ct: flip(blob.ct, 17) },
      { ...blob, tag: flip(blob.tag, 3) },
      { ...blob, iv: flip(blob.iv, 11) },
      { ...blob, ct: Buffer.from(blob.ct, 'base64').subarray(1).toString('base64') },
      { ...blob, salt: 'AAAA' },
      { ...blob, v: 2 },
    ];
    const texts = [...variants.map((v) => JSON.stringify(v)), original.slice(0, 40), 'null'];
    for (const text of texts) {
      await writeFile(path, text, { mode: 0o600 });
      const e = await store()
        .read()
        .catch((x: unknown) => x);
      expect(e).toBeInstanceOf(CredentialError);
      expect((e as CredentialError).code).toBe('stored_tampered');
      expect((e as Error).message).toMatch(/failed authentication/);
    }
  });

  it('a replaced key file cannot read the old blob', async () => {
    await store().put('binance', { apiKey: KEY, apiSecret: SECRET });
    await writeFile(keyPath, Buffer.alloc(32, 7), { mode: 0o600 });
    await expect(store().read()).rejects.toThrow(/failed authentication/);
  });

  it('refuses a key file others can read', async () => {
    await store().put('binance', { apiKey: KEY, apiSecret: SECRET });
    await chmod(keyPath, 0o644);
    await expect(store().read()).rejects.toMatchObject({ code: 'key_unsafe' });
  });

  it('remove forgets one venue; the file goes with the last', async () => {
    await store().put('binance', { apiKey: KEY, apiSecret: SECRET });
    await store().put('bybit', { apiKey: 'k', apiSecret: 's' });
    await store().remove('binance');
    expect([...(await store().read()).keys()]).toEqual(['bybit']);
    await store().remove('bybit');
    await expect(stat(path)).rejects.toMatchObject({ code: 'ENOENT' });
    await store().remove('bybit');
  });

  it('concurrent puts on one instance all land (serialised read-modify-write)', async () => {
    const s = store();
    await Promise.all([
      s.put('binance', { apiKey: 'a', apiSecret: 'a' }),
      s.put('bybit', { apiKey: 'b', apiSecret: 'b' }),
      s.put('okx', { apiKey: 'c', apiSecret: 'c', passphrase: 'c' }),
    ]);
    expect([...(await s.read()).keys()].sort()).toEqual(['binance', 'bybit', 'okx']);
  });

  describe('with a master password', () => {
    const pw = (p: string) => new EncryptedCredentialStore(path, passwordSource(p, CHEAP));

    it('round trip, salt per write, no key file written', async () => {
      await pw('hunter2').put('binance', { apiKey: KEY, apiSecret: SECRET });
      const b1 = JSON.parse(await readFile(path, 'utf8'));
      await pw('hunter2').put('bybit', { apiKey: 'k', apiSecret: 's' });
      const b2 = JSON.parse(await readFile(path, 'utf8'));
      expect(b1.kdf).toBe('scrypt');
      expect(b1.salt).not.toBe(b2.salt);
      expect((await pw('hunter2').read()).get('binance')?.apiSecret).toBe(SECRET);
      await expect(stat(keyPath)).rejects.toMatchObject({ code: 'ENOENT' });
      for (const enc of encodings(SECRET)) expect(JSON.stringify(b2)).not.toContain(enc);
    });

    it('a wrong password fails authentication; a missing one says so', async () => {
      await pw('hunter2').put('binance', { apiKey: KEY, apiSecret: SECRET });
      await expect(pw('hunter3').read()).rejects.toMatchObject({ code: 'stored_tampered' });
      await expect(store().read()).rejects.toThrow(
        'stored credentials were encrypted with VELOZ_MASTER_PASSWORD: set it to read them',
      );
    });
  });
});
