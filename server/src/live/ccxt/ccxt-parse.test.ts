import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError, parseBalances, parseMarkets, parseOrder, parseTrades } from './ccxt-parse';

const order = {
  id: '123',
  clientOrderId: 'abc1',
  symbol: 'BTC/USDT',
  side: 'buy',
  status: 'open',
  amount: 0.5,
  filled: 0.25,
  price: 49000,
  timestamp: 1_700_000_000_000,
};

describe('ccxt-parse', () => {
  it('reads a ccxt order', () => {
    expect(parseOrder(order)).toEqual({
      venueOrderId: '123',
      clientOrderId: 'abc1',
      symbol: 'BTC/USDT',
      side: 'buy',
      status: 'open',
      amount: 0.5,
      filled: 0.25,
      price: 49000,
      timestamp: 1_700_000_000_000,
    });
  });

  it('refuses an order filled beyond its amount, an unknown status, a missing id', () => {
    expect(() => parseOrder({ ...order, filled: 0.6 })).toThrow(ParseError);
    expect(() => parseOrder({ ...order, status: 'pending' })).toThrow(/status/);
    expect(() => parseOrder({ ...order, id: undefined })).toThrow(/id/);
  });

  it('trades: fee as a positive cost, maker/taker, numeric ids as strings', () => {
    const [t] = parseTrades([
      {
        id: 7,
        order: '123',
        symbol: 'BTC/USDT',
        amount: 0.1,
        price: 10,
        timestamp: 5,
        takerOrMaker: 'maker',
        fee: { cost: -0.01, currency: 'USDT' },
      },
    ]);
    expect(t).toEqual({
      tradeId: '7',
      venueOrderId: '123',
      symbol: 'BTC/USDT',
      amount: 0.1,
      price: 10,
      timestamp: 5,
      fee: 0.01,
      feeAsset: 'USDT',
      liquidity: 'MAKER',
    });
  });

  it('balances: per asset, locked from used or total - free, the summary keys skipped', () => {
    const b = parseBalances({
      info: {},
      free: { BTC: 1 },
      used: {},
      total: {},
      timestamp: 1,
      BTC: { free: 1, used: 0.5, total: 1.5 },
      ETH: { free: 2, used: null, total: 3 },
    });
    expect(b).toEqual([
      { asset: 'BTC', free: 1, locked: 0.5 },
      { asset: 'ETH', free: 2, locked: 1 },
    ]);
  });

  it('markets: spot and active only; derivatives skipped before validation', () => {
    const m = parseMarkets({
      a: {
        symbol: 'BTC/USDT',
        id: 'BTC-USDT',
        base: 'BTC',
        quote: 'USDT',
        spot: true,
        active: true,
      },
      b: { symbol: 'x', id: 'BTC-USD-SWAP', base: null, quote: 'USD', spot: false },
      c: {
        symbol: 'ETH/USDT',
        id: 'ETH-USDT',
        base: 'ETH',
        quote: 'USDT',
        spot: true,
        active: false,
      },
    });
    expect(m).toEqual([{ symbol: 'BTC/USDT', id: 'BTC-USDT', base: 'BTC', quote: 'USDT' }]);
  });

  // Whatever ccxt hands over, the parsers either return well-formed values or throw ParseError:
  // never another exception, never a NaN or a negative quantity let through.
  it('fuzz: arbitrary input gives a valid value or a ParseError', () => {
    const anyValue = fc.anything({ withNullPrototype: true, withBigInt: true, maxDepth: 3 });
    const nearOrder = fc.record({
      id: fc.oneof(fc.string(), fc.integer(), fc.constant(undefined)),
      clientOrderId: fc.oneof(fc.string(), fc.constant(null)),
      symbol: fc.string(),
      side: fc.constantFrom('buy', 'sell', 'BUY', ''),
      status: fc.constantFrom('open', 'closed', 'canceled', 'expired', 'rejected', 'new'),
      amount: fc.oneof(fc.double(), fc.constant(null)),
      filled: fc.oneof(fc.double(), fc.constant(undefined)),
      price: fc.oneof(fc.double(), fc.constant(null)),
      timestamp: fc.oneof(fc.double(), fc.constant(undefined)),
    });
    fc.assert(
      fc.property(fc.oneof(anyValue, nearOrder), (raw) => {
        try {
          const o = parseOrder(raw);
          expect(Number.isFinite(o.amount) && o.amount >= 0).toBe(true);
          expect(o.filled >= 0 && o.filled <= o.amount * (1 + 1e-9)).toBe(true);
          expect(o.venueOrderId.length).toBeGreaterThan(0);
        } catch (e) {
          expect(e).toBeInstanceOf(ParseError);
        }
        for (const parse of [parseTrades, parseBalances, parseMarkets]) {
          try {
            parse(raw);
          } catch (e) {
            expect(e).toBeInstanceOf(ParseError);
          }
        }
      }),
      { seed: 7, numRuns: 2000 },
    );
  });

  it('fuzz: trades lists of near-valid entries', () => {
    const trade = fc.record({
      id: fc.oneof(fc.string(), fc.integer()),
      order: fc.oneof(fc.string(), fc.integer()),
      symbol: fc.string(),
      amount: fc.double(),
      price: fc.double(),
      timestamp: fc.double(),
      takerOrMaker: fc.constantFrom('maker', 'taker', null, 'x'),
      fee: fc.oneof(fc.constant(null), fc.record({ cost: fc.double(), currency: fc.string() })),
    });
    fc.assert(
      fc.property(fc.array(trade, { maxLength: 4 }), (raw) => {
        try {
          for (const t of parseTrades(raw)) {
            expect(t.amount > 0 && t.price > 0 && Number.isFinite(t.fee) && t.fee >= 0).toBe(true);
            expect(t.tradeId.length).toBeGreaterThan(0);
          }
        } catch (e) {
          expect(e).toBeInstanceOf(ParseError);
        }
      }),
      { seed: 11, numRuns: 1000 },
    );
  });
});
