import { describe, expect, it } from 'vitest';
import { parseStreamEvent } from './stream-events';

const FILL = {
  type: 'fill',
  ts_ns: 1735732800500000000,
  client_order_id: 'w1',
  symbol: 'BTCUSDT',
  side: 'BUY',
  qty: 0.01,
  price: 49000,
  fee: 0.00001,
  fee_asset: 'BTC',
  liquidity: 'MAKER',
};

describe('parseStreamEvent', () => {
  it('types the engine events', () => {
    expect(
      parseStreamEvent('order_update', JSON.stringify({ client_order_id: 'a', status: 'FILLED' })),
    ).toEqual({
      ok: true,
      value: { type: 'order_update', clientOrderId: 'a', status: 'FILLED', reason: null },
    });
    const fill = parseStreamEvent('fill', JSON.stringify(FILL));
    expect(fill.ok && fill.value.type === 'fill' && fill.value.fill.price).toBe(49000);
    expect(parseStreamEvent('market', '{"symbol":"BTCUSDT","price":50000,"ts_ns":1}')).toEqual({
      ok: true,
      value: { type: 'market', symbol: 'BTCUSDT', price: 50000 },
    });
  });

  it('reads reset without data and router events as notices', () => {
    expect(parseStreamEvent('reset', '{"reason":"too_old"}')).toEqual({
      ok: true,
      value: { type: 'reset' },
    });
    expect(parseStreamEvent('warning', '{"message":"balance differs"}')).toEqual({
      ok: true,
      value: { type: 'notice', name: 'warning', text: 'balance differs' },
    });
  });

  it('words the router events, and keeps routine steps out of the notices', () => {
    const n = (name: string, o: unknown) => parseStreamEvent(name, JSON.stringify(o));
    expect(
      n('reconciliation', {
        venue: 'binance',
        resolved: ['a'],
        foreignOrders: [],
        balanceDifferences: [{}, {}],
      }),
    ).toEqual({
      ok: true,
      value: {
        type: 'notice',
        name: 'reconciliation',
        text: '1 order settled from the venue, 0 foreign orders, 2 balance differences',
      },
    });
    expect(
      n('connection', {
        venue: 'binance',
        state: { state: 'reconnecting', attempt: 2, reason: 'socket closed' },
      }),
    ).toMatchObject({ value: { text: 'reconnecting: socket closed' } });
    expect(n('kill_switch', { engaged: false, reason: null })).toMatchObject({
      value: { text: 'released' },
    });
    expect(
      n('breaker', {
        state: 'half_open',
        reason: 'loss_rate: realized loss 120 > 100 in 60000 ms',
      }),
    ).toMatchObject({
      value: {
        type: 'notice',
        name: 'breaker',
        text: 'half-open: loss_rate: realized loss 120 > 100 in 60000 ms',
      },
    });
    expect(n('breaker', { state: 'closed' })).toMatchObject({ value: { text: 'closed' } });
    expect(
      n('route_refused', { clientOrderId: 'x1', by: 'kill_switch', reason: 'kill switch engaged' }),
    ).toMatchObject({ value: { text: 'x1 refused (kill_switch): kill switch engaged' } });
    expect(n('routed', { clientOrderId: 'x1', venueOrderId: '5' })).toEqual({
      ok: true,
      value: { type: 'routine', name: 'routed' },
    });
  });

  it('says which event and field did not parse', () => {
    expect(parseStreamEvent('fill', '{"client_order_id":"a"}')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^fill: ts_ns: /),
    });
    expect(parseStreamEvent('order_update', 'not json')).toEqual({
      ok: false,
      message: 'order_update: data is not JSON',
    });
  });
});
