import { describe, expect, it } from 'vitest';
import { createState } from '../../../../engine-core/src/engine/engine-state';
import {
  asset,
  clientOrderId,
  type OrderRequest,
  symbolId,
} from '../../../../engine-core/src/model';
import { validateOrder } from '../../../../engine-core/src/orders';
import { instrumentOf, stepDecimals } from './instrument-format';
import {
  checkTicket,
  shownError,
  shownOrderError,
  type TicketContext,
  type TicketTexts,
} from './ticket-validation';

const BTC = instrumentOf('BTCUSDT');
const DOGE = instrumentOf('DOGEUSDT');
const ETHBTC = instrumentOf('ETHBTC');
if (!BTC || !DOGE || !ETHBTC) throw new Error('known instruments changed');

const limit = (over: Partial<TicketTexts> = {}): TicketTexts => ({
  side: 'BUY',
  type: 'LIMIT',
  qty: '0.001',
  price: '50000',
  stopPrice: '',
  tif: 'GTC',
  postOnly: false,
  reduceOnly: false,
  ...over,
});
const ctx = (over: Partial<TicketContext> = {}): TicketContext => ({
  instrument: BTC,
  marketPrice: 50_000,
  position: 0,
  ...over,
});

describe('stepDecimals', () => {
  it('counts the decimals of a step as written', () => {
    expect([0.01, 0.00001, 1e-8, 0.5, 1, 10, 0.0001].map(stepDecimals)).toEqual([
      2, 5, 8, 1, 0, 0, 4,
    ]);
  });
});

describe('checkTicket', () => {
  it('accepts a limit order on the filters and builds it', () => {
    const c = checkTicket(limit(), ctx());
    expect(c.errors).toEqual({});
    expect(c.orderError).toBeNull();
    // 0.001 × 50 000 = 50 USDT
    expect(c.notional).toBeCloseTo(50, 9);
    expect(c.order).toEqual({
      type: 'LIMIT',
      side: 'BUY',
      qty: 0.001,
      price: 50_000,
      tif: 'GTC',
      postOnly: false,
      reduceOnly: false,
    });
  });

  it('names the tick size and the two nearest prices for a price off the tick', () => {
    const c = checkTicket(limit({ price: '50000.005' }), ctx());
    expect(c.errors.price).toBe(
      'Price 50000.005 is not a multiple of the tick size 0.01: use 50000.00 or 50000.01',
    );
    expect(c.order).toBeNull();
    // DOGE: tick 0.00001 → 0.123456 lies between 0.12345 and 0.12346.
    const d = checkTicket(limit({ qty: '100', price: '0.123456' }), ctx({ instrument: DOGE }));
    expect(d.errors.price).toBe(
      'Price 0.123456 is not a multiple of the tick size 0.00001: use 0.12345 or 0.12346',
    );
  });

  it('accepts prices whose float division is noisy (0.29 / 0.01 = 28.999…)', () => {
    expect(0.29 / 0.01).not.toBe(29);
    const c = checkTicket(limit({ qty: '20', price: '0.29' }), ctx({ instrument: DOGE }));
    expect(c.errors).toEqual({});
  });

  it('checks the quantity: number, > 0, min qty, lot size with the nearest lots', () => {
    expect(checkTicket(limit({ qty: '' }), ctx()).errors.qty).toBe('Enter a qty');
    expect(checkTicket(limit({ qty: 'abc' }), ctx()).errors.qty).toBe('Qty "abc" is not a number');
    expect(checkTicket(limit({ qty: '1e-3' }), ctx()).errors.qty).toBe(
      'Qty "1e-3" is not a number',
    );
    expect(checkTicket(limit({ qty: '0' }), ctx()).errors.qty).toBe('Qty must be more than 0');
    expect(checkTicket(limit({ qty: '0.000005' }), ctx()).errors.qty).toBe(
      'Qty 0.000005 is below the minimum 0.00001 BTC',
    );
    expect(checkTicket(limit({ qty: '0.000015' }), ctx()).errors.qty).toBe(
      'Qty 0.000015 is not a multiple of the lot size 0.00001: use 0.00001 or 0.00002',
    );
    // DOGE lot 1: 10.5 → 10 or 11.
    expect(
      checkTicket(limit({ qty: '10.5', price: '0.1' }), ctx({ instrument: DOGE })).errors.qty,
    ).toBe('Qty 10.5 is not a multiple of the lot size 1: use 10 or 11');
  });

  it('checks min notional at the limit price, inclusive', () => {
    // 0.0001 × 40 000 = 4 < 5
    const low = checkTicket(limit({ qty: '0.0001', price: '40000' }), ctx());
    expect(low.orderError).toBe('Notional 4.00 USDT (0.0001 × 40000) is below the minimum 5 USDT');
    expect(low.order).toBeNull();
    // 0.0001 × 50 000 = 5: exactly the minimum is allowed
    const at = checkTicket(limit({ qty: '0.0001', price: '50000' }), ctx());
    expect(at.orderError).toBeNull();
    expect(at.order).not.toBeNull();
    // ETHBTC: 0.001 × 0.05 = 0.00005 BTC < 0.0001 BTC
    const eb = checkTicket(limit({ qty: '0.001', price: '0.05' }), ctx({ instrument: ETHBTC }));
    expect(eb.orderError).toBe(
      'Notional 0.00005 BTC (0.001 × 0.05) is below the minimum 0.0001 BTC',
    );
  });

  it('checks a market order at the market price, and refuses it without one', () => {
    const m = limit({ type: 'MARKET', qty: '0.0001', price: '' });
    expect(checkTicket(m, ctx({ marketPrice: 45_000 })).orderError).toBe(
      'Notional 4.50 USDT (0.0001 × at the market price 45000) is below the minimum 5 USDT',
    );
    expect(checkTicket(m, ctx({ marketPrice: null })).orderError).toBe(
      'No market price yet: wait for the feed before sending a market order',
    );
    const ok = checkTicket({ ...m, qty: '0.01' }, ctx({ marketPrice: 45_000 }));
    expect(ok.order).toEqual({
      type: 'MARKET',
      side: 'BUY',
      qty: 0.01,
      tif: 'GTC',
      postOnly: false,
      reduceOnly: false,
    });
  });

  it('asks for the stop price of stops and both prices of stop-limits', () => {
    const stop = checkTicket(limit({ type: 'STOP', price: '', stopPrice: '' }), ctx());
    expect(stop.errors).toEqual({ stopPrice: 'Enter a stop price' });
    const sl = checkTicket(limit({ type: 'STOP_LIMIT', price: '', stopPrice: '49000.001' }), ctx());
    expect(sl.errors).toEqual({
      price: 'Enter a price',
      stopPrice:
        'Stop price 49000.001 is not a multiple of the tick size 0.01: use 49000.00 or 49000.01',
    });
    const good = checkTicket(
      limit({ type: 'STOP_LIMIT', price: '48990', stopPrice: '49000', side: 'SELL' }),
      ctx(),
    );
    expect(good.order).toMatchObject({ type: 'STOP_LIMIT', price: 48_990, stopPrice: 49_000 });
    // A stop's notional is checked at the stop price: 0.0001 × 49 000 = 4.9 < 5.
    const small = checkTicket(limit({ type: 'STOP', qty: '0.0001', stopPrice: '49000' }), ctx());
    expect(small.orderError).toMatch(/^Notional 4.90 USDT/);
  });

  it('takes post-only for GTC limit orders only', () => {
    expect(checkTicket(limit({ postOnly: true }), ctx()).order?.postOnly).toBe(true);
    expect(
      checkTicket(limit({ postOnly: true, type: 'STOP', stopPrice: '49000' }), ctx()).errors,
    ).toEqual({ postOnly: 'Post-only is for LIMIT orders only' });
    expect(checkTicket(limit({ postOnly: true, tif: 'IOC' }), ctx()).errors).toEqual({
      tif: 'A post-only order rests on the book: use GTC',
    });
  });

  it('checks reduce-only against the position', () => {
    const sell = limit({ side: 'SELL', qty: '0.5', reduceOnly: true });
    expect(checkTicket(sell, ctx()).errors.reduceOnly).toBe(
      'Reduce-only: there is no position to reduce',
    );
    expect(checkTicket(sell, ctx({ position: 0.3 })).errors.reduceOnly).toBe(
      'Reduce-only: qty 0.5 is more than the position 0.3',
    );
    expect(checkTicket({ ...sell, side: 'BUY' }, ctx({ position: 0.5 })).errors.reduceOnly).toBe(
      'Reduce-only: a BUY cannot reduce a long position of 0.5',
    );
    expect(checkTicket(sell, ctx({ position: 0.5 })).order?.reduceOnly).toBe(true);
    expect(checkTicket({ ...sell, side: 'BUY' }, ctx({ position: -0.5 })).errors).toEqual({});
  });

  it('agrees with the engine: what the ticket accepts, validateOrder accepts', () => {
    const state = createState(asset('USDT'), [BTC, DOGE, ETHBTC], 1000);
    const cases: [TicketTexts, TicketContext][] = [
      [limit(), ctx()],
      [limit({ qty: '0.0001', price: '50000' }), ctx()],
      [limit({ qty: '0.00003', price: '250000.07' }), ctx()],
      [limit({ qty: '7', price: '0.71429' }), ctx({ instrument: DOGE })],
      [limit({ qty: '0.0029', price: '0.03449' }), ctx({ instrument: ETHBTC })],
      [limit({ type: 'STOP_LIMIT', stopPrice: '60000.1', price: '60000.2' }), ctx()],
    ];
    for (const [t, c] of cases) {
      const order = checkTicket(t, c).order;
      expect(order, JSON.stringify(t)).not.toBeNull();
      if (order === null) continue;
      const r = {
        ...order,
        clientOrderId: clientOrderId('t-1'),
        symbol: symbolId(c.instrument.symbol),
      } as OrderRequest;
      // The engine's reference price: the limit, else the stop, else the market.
      const ref =
        'price' in order ? order.price : 'stopPrice' in order ? order.stopPrice : c.marketPrice;
      expect(validateOrder(r, c.instrument, ref ?? 0, state)).toBeNull();
    }
  });
});

describe('shownError / shownOrderError', () => {
  it('shows a text field’s error once it has text, a flag’s at once, and all after a send attempt', () => {
    const blank = limit({ qty: '', price: '' });
    const c = checkTicket(blank, ctx());
    expect(c.errors.qty).toBeTruthy();
    expect(shownError(c, blank, false, 'qty')).toBeNull();
    expect(shownError(c, blank, true, 'qty')).toBe(c.errors.qty);
    const typed = limit({ qty: 'abc' });
    const d = checkTicket(typed, ctx());
    expect(shownError(d, typed, false, 'qty')).toBe(d.errors.qty);
    expect(shownError(d, typed, false, 'price')).toBeNull();
    const reduce = limit({ reduceOnly: true });
    const r = checkTicket(reduce, ctx({ position: 0 }));
    expect(r.errors.reduceOnly).toBeTruthy();
    expect(shownError(r, reduce, false, 'reduceOnly')).toBe(r.errors.reduceOnly);
  });

  it('shows the whole-order error once a quantity is typed, or after a send attempt', () => {
    const small = limit({ qty: '0.00001' });
    const c = checkTicket(small, ctx());
    expect(c.orderError).toBeTruthy();
    expect(shownOrderError(c, small, false)).toBe(c.orderError);
    const blank = limit({ qty: '' });
    const b = { ...c, orderError: 'x' };
    expect(shownOrderError(b, blank, false)).toBeNull();
    expect(shownOrderError(b, blank, true)).toBe('x');
  });
});
