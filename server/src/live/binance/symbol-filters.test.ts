import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LiveOrderRequest } from '../venue-adapter';
import { prepareOrder, type SymbolRules, toGrid } from './symbol-filters';

const RULES: SymbolRules = {
  symbol: 'BTCUSDT',
  baseAsset: 'BTC',
  quoteAsset: 'USDT',
  tickSize: '0.01000000',
  minPrice: 0.01,
  maxPrice: 1_000_000,
  stepSize: '0.00001000',
  minQty: 0.00001,
  maxQty: 9000,
  minNotional: 5,
  notionalAppliesToMarket: true,
};

const order = (o: Partial<LiveOrderRequest>): LiveOrderRequest => ({
  clientOrderId: 'a',
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  qty: 0.1,
  price: 20_000,
  tif: 'GTC',
  postOnly: false,
  ...o,
});

describe('symbol filters', () => {
  it('rounds by hand-checked cases', () => {
    expect(toGrid(0.3, '0.1', 'down')).toBe('0.3');
    expect(toGrid(0.123456, '0.00100000', 'down')).toBe('0.123');
    expect(toGrid(19_000.019, '0.01000000', 'down')).toBe('19000.01');
    expect(toGrid(19_000.011, '0.01000000', 'up')).toBe('19000.02');
    expect(toGrid(19_000.015, '0.01000000', 'nearest')).toBe('19000.02');
    expect(toGrid(12, '1.00000000', 'down')).toBe('12');
    expect(prepareOrder(order({ side: 'SELL', price: 19_000.001 }), RULES)).toEqual({
      ok: true,
      numbers: { quantity: '0.10000', price: '19000.01' },
    });
    expect(
      prepareOrder(order({ type: 'STOP_LIMIT', price: 19_000, stopPrice: 19_100.004 }), RULES),
    ).toEqual({
      ok: true,
      numbers: { quantity: '0.10000', price: '19000.00', stopPrice: '19100.00' },
    });
  });

  it('refuses with the rule and the numbers', () => {
    const reason = (o: Partial<LiveOrderRequest>) => {
      const r = prepareOrder(order(o), RULES);
      return r.ok ? null : r.reason;
    };
    expect(reason({ qty: 0.000004 })).toBe(
      'LOT_SIZE: qty 0.000004 rounds to 0.00000 at step 0.00001, below minQty 0.00001',
    );
    expect(reason({ qty: 10_000 })).toBe('LOT_SIZE: qty 10000.00000 > maxQty 9000');
    expect(reason({ qty: 0.0002, price: 20_000 })).toBe(
      'NOTIONAL: 0.00020 × 20000.00 = 4 < minNotional 5',
    );
    expect(reason({ price: 2_000_000 })).toBe(
      'PRICE_FILTER: price 2000000.00 outside [0.01, 1000000]',
    );
    expect(reason({ type: 'STOP', price: undefined })).toBe('STOP needs a stop price > 0');
    expect(reason({ qty: Number.NaN })).toBe('qty must be > 0 (got NaN)');
    // MARKET: no price to check the notional against (the venue checks its average price).
    expect(reason({ type: 'MARKET', price: undefined, qty: 0.0001 })).toBeNull();
  });

  it('a rounded quantity is on the step grid, never above the request, within one step of it', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.00001, max: 9000, noNaN: true }), (qty) => {
        const r = prepareOrder(order({ type: 'MARKET', price: undefined, qty }), RULES);
        if (!r.ok) return;
        const q = Number(r.numbers.quantity);
        const steps = Math.round(q / 0.00001);
        // Integer arithmetic on the step count: an independent check of the grid.
        expect(Math.abs(steps * 0.00001 - q)).toBeLessThan(1e-9);
        expect(q).toBeLessThanOrEqual(qty + 1e-9);
        expect(qty - q).toBeLessThan(0.00001 + 1e-9);
      }),
    );
  });

  it('a buy limit never rounds up, a sell limit never rounds down', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 100_000, noNaN: true }), fc.boolean(), (price, buy) => {
        const r = prepareOrder(order({ price, side: buy ? 'BUY' : 'SELL' }), RULES);
        if (!r.ok) return;
        const p = Number(r.numbers.price);
        if (buy) expect(p).toBeLessThanOrEqual(price + 1e-9);
        else expect(p).toBeGreaterThanOrEqual(price - 1e-9);
        expect(Math.abs(p - price)).toBeLessThan(0.01 + 1e-9);
      }),
    );
  });
});
