import { describe, expect, it } from 'vitest';
import { DEFAULT_DESK_BREAKER, readBreakerConfig } from './breaker-config';

describe('readBreakerConfig', () => {
  it('gives the documented defaults when nothing is set', () => {
    expect(readBreakerConfig({})).toEqual({ ok: true, value: DEFAULT_DESK_BREAKER });
    expect(DEFAULT_DESK_BREAKER).toEqual({
      maxLoss: null,
      lossWindowMs: 3_600_000,
      maxErrorRate: 0.5,
      errorWindowMs: 300_000,
      minOrdersForErrorRate: 5,
      staleAfterMs: null,
      coolDownMs: 300_000,
      probeOrders: 1,
    });
  });

  it('reads every variable, and "off" switches a limit off', () => {
    const r = readBreakerConfig({
      VELOZ_LIVE_MAX_LOSS: ' 250.5 ',
      VELOZ_LIVE_LOSS_WINDOW_MS: '600000',
      VELOZ_LIVE_MAX_ERROR_RATE: 'OFF',
      VELOZ_LIVE_ERROR_WINDOW_MS: '60000',
      VELOZ_LIVE_ERROR_MIN_ORDERS: '2',
      VELOZ_LIVE_BREAKER_COOL_DOWN_MS: '1500',
      VELOZ_LIVE_BREAKER_PROBES: '3',
    });
    expect(r).toEqual({
      ok: true,
      value: {
        maxLoss: 250.5,
        lossWindowMs: 600_000,
        maxErrorRate: null,
        errorWindowMs: 60_000,
        minOrdersForErrorRate: 2,
        staleAfterMs: null,
        coolDownMs: 1500,
        probeOrders: 3,
      },
    });
    expect(readBreakerConfig({ VELOZ_LIVE_MAX_ERROR_RATE: '0' })).toMatchObject({
      ok: true,
      value: { maxErrorRate: 0 },
    });
  });

  it('refuses bad values, naming each variable and what it takes', () => {
    const r = readBreakerConfig({
      VELOZ_LIVE_MAX_LOSS: '0',
      VELOZ_LIVE_MAX_ERROR_RATE: '1.5',
      VELOZ_LIVE_ERROR_MIN_ORDERS: '2.5',
      VELOZ_LIVE_BREAKER_COOL_DOWN_MS: '5m',
      VELOZ_LIVE_BREAKER_PROBES: 'off',
    });
    expect(r).toEqual({
      ok: false,
      message: [
        'VELOZ_LIVE_MAX_LOSS: must be a number > 0 or "off", got "0"',
        'VELOZ_LIVE_MAX_ERROR_RATE: must be a number >= 0 and <= 1 or "off", got "1.5"',
        'VELOZ_LIVE_ERROR_MIN_ORDERS: must be an integer >= 1 and <= 10000, got "2.5"',
        'VELOZ_LIVE_BREAKER_COOL_DOWN_MS: must be an integer >= 1 and <= 604800000, got "5m"',
        'VELOZ_LIVE_BREAKER_PROBES: must be an integer >= 1 and <= 100, got "off"',
      ].join('; '),
    });
    expect(readBreakerConfig({ VELOZ_LIVE_MAX_LOSS: '-5' }).ok).toBe(false);
    expect(readBreakerConfig({ VELOZ_LIVE_MAX_LOSS: 'Infinity' }).ok).toBe(false);
  });
});
