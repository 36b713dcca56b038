import { chmod, chown, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialError } from './credential-error';
import { loadCredentialsFile, parseCredentialsFile } from './credentials-file';

function errorOf(run: () => unknown): CredentialError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(CredentialError);
    return e as CredentialError;
  }
  throw new Error('expected a CredentialError');
}

describe('parseCredentialsFile', () => {
  it('reads each venue, the passphrase where it is used', () => {
    const text = JSON.stringify({
      binance: { api_key: 'bk', api_secret: 'bs' },
      okx: { api_key: 'ok', api_secret: 'os', passphrase: 'op' },
    });
    const got = parseCredentialsFile(text, 'f');
    expect(Object.fromEntries(got)).toEqual({
      binance: { apiKey: 'bk', apiSecret: 'bs' },
      okx: { apiKey: 'ok', apiSecret: 'os', passphrase: 'op' },
    });
  });

  it.each([
    [{ okx: { api_key: 'k', api_secret: 's' } }, 'f: okx.passphrase is required'],
    [{ binance: { api_key: 'k' } }, 'f: binance.api_secret must be a string'],
    [{ binance: { api_key: 'k', api_secret: 12345 } }, 'f: binance.api_secret must be a string'],
    [
      { binance: { api_key: '', api_secret: 's' } },
      'f: binance.api_key must be non-empty, without whitespace',
    ],
    [
      { binance: { api_key: 'a b', api_secret: 's' } },
      'f: binance.api_key must be non-empty, without whitespace',
    ],
    [{ binanse: { api_key: 'k', api_secret: 's' } }, 'f: the file unknown field "binanse"'],
    [{ bybit: { api_key: 'k', api_secret: 's', apikey: 'x' } }, 'f: bybit unknown field "apikey"'],
    [{ coinbase: 'k' }, 'f: coinbase must be an object'],
    [[1], 'f: the file must be an object'],
  ])('%j → %s', (data, message) => {
    expect(errorOf(() => parseCredentialsFile(JSON.stringify(data), 'f')).message).toBe(message);
  });

  it('bad JSON reports a position, not the text around it', () => {
    const e = errorOf(() => parseCredentialsFile('{"binance": {"api_key": SECRETVALUE}}', 'f'));
    expect(e.message).toMatch(/^f is not valid JSON( \(at character \d+\))?$/);
    expect(e.message).not.toContain('SECRET');
  });

  it('an unknown key that looks like key material is not echoed', () => {
    const secretish = 'Zx9Kq2LmN8vB4wR7tY1uI3oP5aS6dF0g';
    const e = errorOf(() => parseCredentialsFile(JSON.stringify({ [secretish]: 'x' }), 'f'));
    expect(e.message).toBe('f: the file unknown field (a key)');
  });

  it('fuzz: any input gives credentials or a CredentialError, never one that echoes a value', () => {
    const token = fc.string({ minLength: 8, maxLength: 40 }).filter((s) => s.trim().length >= 8);
    const leaf = fc.oneof(token, fc.integer(), fc.constant(null), fc.boolean());
    const entry = fc.dictionary(
      fc.constantFrom('api_key', 'api_secret', 'passphrase', 'apiKey', 'secret'),
      leaf,
    );
    const doc = fc.dictionary(
      fc.oneof(fc.constantFrom('binance', 'okx', 'bybit', 'coinbase', 'kraken'), token),
      fc.oneof(entry, leaf),
    );
    const text = fc.oneof(
      doc.map((d) => JSON.stringify(d)),
      doc.map((d) => JSON.stringify(d).slice(0, -3)),
      fc.string(),
    );
    fc.assert(
      fc.property(text, (t) => {
        const values = [...t.matchAll(/"([^"\\]{8,})"/g)].map((m) => m[1] as string);
        try {
          parseCredentialsFile(t, 'f');
        } catch (e) {
          expect(e).toBeInstanceOf(CredentialError);
          const msg = (e as Error).message;
          for (const v of values) {
            if (!/^[A-Za-z_]{1,24}$/.test(v)) expect(msg).not.toContain(v);
          }
        }
      }),
      { numRuns: 400, seed: 7 },
    );
  });
});

describe('loadCredentialsFile', () => {
  let dir: string;
  let path: string;
  const good = JSON.stringify({ bybit: { api_key: 'k', api_secret: 's' } });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'veloz-cred-'));
    path = join(dir, 'credentials.json');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads a 0600 file (and 0400)', async () => {
    await writeFile(path, good, { mode: 0o600 });
    expect((await loadCredentialsFile(path, false)).get('bybit')?.apiKey).toBe('k');
    await chmod(path, 0o400);
    expect((await loadCredentialsFile(path, false)).get('bybit')?.apiSecret).toBe('s');
  });

  it.each([0o644, 0o640, 0o604, 0o610, 0o601])('refuses mode %s', async (mode) => {
    await writeFile(path, good);
    await chmod(path, mode);
    const e = await loadCredentialsFile(path, false).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CredentialError);
    expect((e as CredentialError).code).toBe('file_unsafe');
    expect((e as Error).message).toBe(
      `refusing to read credentials file ${path}: it has mode 0${mode.toString(8)}; it must be 0600 or stricter (chmod 600)`,
    );
  });

  it.runIf(process.getuid?.() === 0)('refuses a file owned by another user', async () => {
    await writeFile(path, good, { mode: 0o600 });
    await chown(path, 4242, 4242);
    await expect(loadCredentialsFile(path, false)).rejects.toThrow(
      `refusing to read credentials file ${path}: it is owned by uid 4242, not by this process's user (uid 0)`,
    );
  });

  it('refuses a symlink', async () => {
    const real = join(dir, 'real.json');
    await writeFile(real, good, { mode: 0o600 });
    await symlink(real, path);
    await expect(loadCredentialsFile(path, false)).rejects.toThrow('is a symlink');
  });

  it('a missing default file is no credentials; a missing named file is an error', async () => {
    expect((await loadCredentialsFile(path, false)).size).toBe(0);
    await expect(loadCredentialsFile(path, true)).rejects.toThrow(
      `VELOZ_CREDENTIALS_FILE ${path} does not exist`,
    );
  });
});
