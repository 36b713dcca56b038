import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Env } from './env-credentials';
import { CREDENTIAL_FILES, LayeredCredentialSource } from './layered-credential-source';

describe('LayeredCredentialSource', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'veloz-layers-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const source = (env: Env = {}) =>
    new LayeredCredentialSource({ dataDir: dir, env, scryptCost: { N: 1024, r: 8, p: 1 } });
  const writeFileCreds = (data: unknown, mode = 0o600) =>
    writeFile(join(dir, CREDENTIAL_FILES.plain), JSON.stringify(data), { mode });

  it('nothing anywhere: every origin absent, get null', async () => {
    const s = source();
    expect(await s.origins()).toEqual({
      binance: 'absent',
      okx: 'absent',
      bybit: 'absent',
      coinbase: 'absent',
    });
    expect(await s.get('binance')).toBeNull();
  });

  it('precedence env > file > stored, venue by venue', async () => {
    await writeFileCreds({
      binance: { api_key: 'file-k', api_secret: 'file-s' },
      bybit: { api_key: 'file-k', api_secret: 'file-s' },
    });
    const env = { VELOZ_BINANCE_API_KEY: 'env-k', VELOZ_BINANCE_API_SECRET: 'env-s' };
    const s = source(env);
    for (const v of ['binance', 'bybit'] as const) {
      await s.store(v, { apiKey: 'stored-k', apiSecret: 'stored-s' });
    }
    await s.store('coinbase', { apiKey: 'stored-k', apiSecret: 'stored-s', passphrase: 'p' });
    expect(await s.origins()).toEqual({
      binance: 'env',
      okx: 'absent',
      bybit: 'file',
      coinbase: 'stored',
    });
    expect((await s.get('binance'))?.apiKey).toBe('env-k');
    expect((await s.get('bybit'))?.apiKey).toBe('file-k');
    expect((await s.get('coinbase'))?.passphrase).toBe('p');
    // Forgetting the stored keys leaves env and file alone; a shadowed entry goes too.
    await s.forget('coinbase');
    await s.forget('bybit');
    expect(await s.origins()).toMatchObject({ binance: 'env', bybit: 'file', coinbase: 'absent' });
  });

  it('VELOZ_CREDENTIALS_FILE names the file', async () => {
    const other = join(dir, 'elsewhere.json');
    await writeFile(
      other,
      JSON.stringify({ okx: { api_key: 'k', api_secret: 's', passphrase: 'p' } }),
      {
        mode: 0o600,
      },
    );
    expect((await source({ VELOZ_CREDENTIALS_FILE: other }).origins()).okx).toBe('file');
    await expect(
      source({ VELOZ_CREDENTIALS_FILE: join(dir, 'missing.json') }).get('okx'),
    ).rejects.toThrow('does not exist');
  });

  it('a 0644 credentials file is refused with the reason', async () => {
    await writeFileCreds({ bybit: { api_key: 'k', api_secret: 's' } });
    await chmod(join(dir, CREDENTIAL_FILES.plain), 0o644);
    await expect(source().get('bybit')).rejects.toThrow(/mode 0644; it must be 0600 or stricter/);
    // A venue set in the env does not need the file at all.
    const env = { VELOZ_BYBIT_API_KEY: 'k', VELOZ_BYBIT_API_SECRET: 's' };
    expect((await source(env).get('bybit'))?.apiKey).toBe('k');
  });

  it('what get returns hides its values', async () => {
    const s = source({ VELOZ_BYBIT_API_KEY: 'visible-key-1', VELOZ_BYBIT_API_SECRET: 'hidden-2' });
    const c = await s.get('bybit');
    expect(JSON.stringify(c)).not.toContain('hidden-2');
    expect(inspect(c)).not.toContain('hidden-2');
    expect(JSON.stringify(await s.origins())).not.toContain('visible-key-1');
  });

  it('store validates: passphrase required for OKX, no blanks; errors carry no value', async () => {
    const s = source();
    await expect(s.store('okx', { apiKey: 'k', apiSecret: 'secret-xyz' })).rejects.toThrow(
      'okx: passphrase must be non-empty, no spaces',
    );
    await expect(s.store('binance', { apiKey: 'k', apiSecret: 'has space' })).rejects.toThrow(
      /^binance: apiSecret must be non-empty, no spaces$/,
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('with VELOZ_MASTER_PASSWORD no key file is created', async () => {
    const s = source({ VELOZ_MASTER_PASSWORD: 'correct horse' });
    await s.store('binance', { apiKey: 'k', apiSecret: 's' });
    expect(
      (await source({ VELOZ_MASTER_PASSWORD: 'correct horse' }).get('binance'))?.apiSecret,
    ).toBe('s');
    expect(await readdir(dir)).toEqual([CREDENTIAL_FILES.sealed]);
  });
});
