import { describe, expect, it } from 'vitest';
import { createState } from '../../../engine-core/src/engine';
import { KNOWN_INSTRUMENTS } from '../../../engine-core/src/instruments';
import { asset, clientOrderId, symbolId } from '../../../engine-core/src/model';
import type { TicketOrder } from './paper-api';
import { nextTicketNumber, ticketId, ticketRequest } from './paper-orders';

const BTC = symbolId('BTCUSDT');
const base = { side: 'BUY', qty: 0.5, tif: 'GTC', postOnly: false, reduceOnly: false } as const;

describe('ticket orders', () => {
  it('numbers go on after the highest ticket id the engine knows', () => {
    const s = createState(asset('USDT'), KNOWN_INSTRUMENTS, 1000);
    expect(nextTicketNumber(s)).toBe(1);
    for (const id of ['t3', 'st-9', 't12', 'x40', 't7'])
      s.orders.set(clientOrderId(id), {} as never);
    expect(nextTicketNumber(s)).toBe(13);
    expect(ticketId(13)).toBe('t13');
  });

  it('requests get the id and symbol and only the fields their type has', () => {
    const r = ticketRequest({ ...base, type: 'LIMIT', price: 100 }, ticketId(1), BTC);
    expect(r).toEqual({
      ok: true,
      value: { ...base, type: 'LIMIT', price: 100, clientOrderId: 't1', symbol: 'BTCUSDT' },
    });
    const sneaky = { ...base, type: 'MARKET', clientOrderId: 'x', symbol: 'ETHUSDT', price: 5 };
    expect(ticketRequest(sneaky as TicketOrder, ticketId(2), BTC)).toEqual({
      ok: true,
      value: { ...base, type: 'MARKET', clientOrderId: 't2', symbol: 'BTCUSDT' },
    });
  });

  it.each([
    [{ ...base, side: 'HOLD', type: 'MARKET' }, 'side: BUY or SELL'],
    [{ ...base, qty: 0, type: 'MARKET' }, 'qty: must be a number > 0'],
    [{ ...base, qty: Number.NaN, type: 'MARKET' }, 'qty: must be a number > 0'],
    [{ ...base, tif: 'DAY', type: 'MARKET' }, 'tif: GTC, IOC or FOK'],
    [{ ...base, type: 'LIMIT' }, 'price: must be a number > 0'],
    [{ ...base, type: 'STOP' }, 'stop price: must be a number > 0'],
    [{ ...base, type: 'STOP_LIMIT', stopPrice: 5 }, 'price: must be a number > 0'],
    [{ ...base, type: 'ICEBERG' }, 'type: MARKET, LIMIT, STOP or STOP_LIMIT'],
  ])('refuses a malformed ticket (%j)', (t, error) => {
    expect(ticketRequest(t as unknown as TicketOrder, ticketId(1), BTC)).toEqual({
      ok: false,
      error,
    });
  });
});
