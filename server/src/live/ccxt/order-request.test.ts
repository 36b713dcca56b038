import { describe, expect, it } from 'vitest';
import type { LiveOrderRequest } from '../venue-adapter';
import { checkClientOrderId, orderShapeProblem } from './order-request';
import { backoffMs } from './retry';
import { SymbolMap } from './symbol-map';
import { VENUE_PROFILES } from './venue-profile';

const limit: LiveOrderRequest = {
  clientOrderId: 'a1',
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  qty: 1,
  price: 10,
  tif: 'GTC',
  postOnly: false,
};

describe('order-request', () => {
  it("checks each venue's client id rule", () => {
    const { okx, bybit, coinbase } = VENUE_PROFILES;
    expect(checkClientOrderId(okx, 'a'.repeat(32))).toBeNull();
    expect(checkClientOrderId(okx, 'a'.repeat(33))).toMatch(/OKX clOrdId/);
    expect(checkClientOrderId(okx, 'with-dash')).toMatch(/does not fit/);
    expect(checkClientOrderId(bybit, 'with-dash_1')).toBeNull();
    expect(checkClientOrderId(bybit, 'x'.repeat(37))).toMatch(/Bybit orderLinkId/);
    expect(checkClientOrderId(coinbase, '0b8f3c1e-7a4d-4a8e-9c1f-2d3b4c5d6e7f')).toBeNull();
    expect(checkClientOrderId(coinbase, '')).toMatch(/does not fit/);
  });

  it('refuses what it cannot send', () => {
    const p = VENUE_PROFILES.okx;
    expect(orderShapeProblem(p, limit)).toBeNull();
    expect(orderShapeProblem(p, { ...limit, type: 'STOP' })).toMatch(/not supported/);
    expect(orderShapeProblem(p, { ...limit, price: undefined })).toMatch(/LIMIT needs a price/);
    expect(orderShapeProblem(p, { ...limit, qty: 0 })).toMatch(/qty must be > 0/);
    expect(orderShapeProblem(p, { ...limit, postOnly: true, tif: 'IOC' })).toMatch(
      /post-only needs GTC/,
    );
    expect(orderShapeProblem(VENUE_PROFILES.coinbase, { ...limit, type: 'MARKET' })).toMatch(
      /MARKET BUY/,
    );
    expect(
      orderShapeProblem(VENUE_PROFILES.coinbase, { ...limit, type: 'MARKET', side: 'SELL' }),
    ).toBeNull();
  });

  it('maps symbols both ways; ambiguous names resolve to nothing', () => {
    const m = new SymbolMap([
      { symbol: 'BTC/USDT', id: 'BTC-USDT', base: 'BTC', quote: 'USDT' },
      { symbol: 'AB/CD', id: 'AB-CD', base: 'AB', quote: 'CD' },
      { symbol: 'ABC/D', id: 'ABC-D', base: 'ABC', quote: 'D' },
    ]);
    expect(m.fromEngine('BTCUSDT')?.id).toBe('BTC-USDT');
    expect(m.toEngine('BTC/USDT')).toBe('BTCUSDT');
    expect(m.fromEngine('ABCD')).toBeUndefined();
    expect(m.fromEngine('ETHUSDT')).toBeUndefined();
  });

  it('backoff grows, is capped, and honours Retry-After', () => {
    const policy = { attempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffMs(policy, 1, () => 1)).toBe(100);
    expect(backoffMs(policy, 3, () => 1)).toBe(400);
    expect(backoffMs(policy, 9, () => 1)).toBe(1000);
    expect(backoffMs(policy, 1, () => 0)).toBe(50);
    expect(backoffMs(policy, 1, () => 1, 3000)).toBe(3000);
  });
});
