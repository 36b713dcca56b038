import { describe, expect, it } from 'vitest';
import { CredentialError } from './credential-error';
import { envCredentials, envNames } from './env-credentials';

describe('envCredentials', () => {
  it('reads key and secret; the passphrase only where the venue uses one', () => {
    const env = {
      VELOZ_BINANCE_API_KEY: 'bk',
      VELOZ_BINANCE_API_SECRET: 'bs',
      VELOZ_BINANCE_API_PASSPHRASE: 'ignored',
      VELOZ_OKX_API_KEY: 'ok',
      VELOZ_OKX_API_SECRET: 'os',
      VELOZ_OKX_API_PASSPHRASE: 'op',
    };
    expect(envCredentials(env, 'binance')).toEqual({ apiKey: 'bk', apiSecret: 'bs' });
    expect(envCredentials(env, 'okx')).toEqual({ apiKey: 'ok', apiSecret: 'os', passphrase: 'op' });
    expect(envCredentials(env, 'bybit')).toBeNull();
  });

  it('names follow VELOZ_<VENUE>_API_*', () => {
    expect(envNames('coinbase')).toEqual({
      key: 'VELOZ_COINBASE_API_KEY',
      secret: 'VELOZ_COINBASE_API_SECRET',
      passphrase: 'VELOZ_COINBASE_API_PASSPHRASE',
    });
  });

  it('blank variables count as unset', () => {
    expect(envCredentials({ VELOZ_BYBIT_API_KEY: '  ', VELOZ_BYBIT_API_SECRET: '' }, 'bybit')).toBe(
      null,
    );
  });

  it('a half-set venue is an error naming the missing variables, not the set values', () => {
    const secret = 'sEcReT-value-123';
    const run = () => envCredentials({ VELOZ_COINBASE_API_SECRET: secret }, 'coinbase');
    expect(run).toThrow(CredentialError);
    expect(run).toThrow('coinbase: VELOZ_COINBASE_API_KEY, VELOZ_COINBASE_API_PASSPHRASE not set');
    try {
      run();
    } catch (e) {
      expect(String((e as Error).message)).not.toContain(secret);
      expect((e as CredentialError).code).toBe('env_incomplete');
    }
  });

  it('OKX without the passphrase is refused', () => {
    expect(() =>
      envCredentials({ VELOZ_OKX_API_KEY: 'k', VELOZ_OKX_API_SECRET: 's' }, 'okx'),
    ).toThrow('okx: VELOZ_OKX_API_PASSPHRASE not set');
  });
});
