import { describe, expect, it } from 'vitest';
import { asset, symbolId } from '../../../../engine-core/src/model';
import { checkTicket, type TicketTexts } from '../paper/ticket-validation';
import { orderBody } from './order-body';

const BTC = {
  symbol: symbolId('BTCUSDT'),
  base: asset('BTC'),
  quote: asset('USDT'),
  tickSize: 0.01,
  lotSize: 0.00001,
  minQty: 0.00001,
  minNotional: 5,
};

const ticket = (patch: Partial<TicketTexts>): TicketTexts => ({
  side: 'BUY',
  type: 'LIMIT',
  qty: '0.001',
  price: '49000',
  stopPrice: '',
  tif: 'GTC',
  postOnly: false,
  reduceOnly: false,
  ...patch,
});

/** The body of a ticket that passes the Paper page's checks. */
function bodyOf(t: TicketTexts) {
  const c = checkTicket(t, { instrument: BTC, marketPrice: 50000, position: 0 });
  if (c.order === null)
    throw new Error(`ticket refused: ${JSON.stringify(c.errors)} ${c.orderError}`);
  return orderBody('BTCUSDT', c.order);
}

describe('orderBody', () => {
  it('sends only the prices each type takes', () => {
    expect(bodyOf(ticket({ postOnly: true }))).toEqual({
      side: 'BUY',
      symbol: 'BTCUSDT',
      qty: 0.001,
      type: 'LIMIT',
      price: 49000,
      tif: 'GTC',
      post_only: true,
      reduce_only: false,
    });
    expect(bodyOf(ticket({ type: 'MARKET', side: 'SELL', price: '' }))).toEqual({
      side: 'SELL',
      symbol: 'BTCUSDT',
      qty: 0.001,
      type: 'MARKET',
      tif: 'GTC',
      reduce_only: false,
    });
    expect(bodyOf(ticket({ type: 'STOP', price: '', stopPrice: '51000' }))).toMatchObject({
      type: 'STOP',
      stop: 51000,
    });
    expect(bodyOf(ticket({ type: 'STOP', price: '', stopPrice: '51000' }))).not.toHaveProperty(
      'price',
    );
    expect(
      bodyOf(ticket({ type: 'STOP_LIMIT', stopPrice: '51000', price: '51100' })),
    ).toMatchObject({
      type: 'STOP_LIMIT',
      stop: 51000,
      price: 51100,
    });
  });
});
