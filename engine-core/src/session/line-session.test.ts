import { describe, expect, it } from 'vitest';
import { makeEngine } from '../testing/engine-fixtures';
import { LineSession } from './line-session';

const run = (input: string) => {
  const { engine, clock } = makeEngine({ risk: { maxOrderNotional: 50_000, priceBand: 0.1 } });
  const session = new LineSession(engine, clock);
  session.takeBatch(); // drop the initial deposit
  const out: Record<string, unknown>[] = [];
  input.split('\n').forEach((line, i) => {
    session.handleLine(line, i + 1);
    for (const l of session.takeBatch().lines) out.push(JSON.parse(l));
  });
  return { out, engine };
};

describe('LineSession: the DESIGN §8 example session', () => {
  it('gives the documented events, in order', () => {
    const { out } = run(
      [
        'MARKET BTCUSDT 50000',
        'ORDER BUY BTCUSDT 0.01 49000 a1',
        'MARKET BTCUSDT 48900',
        'ORDER BUY BTCUSDT -1 49000 a2',
        'ORDER BUY BTCUSDT 0.01 49000 a1',
        'CANCEL zz',
        'CANCEL a1',
        'ORDER BUY BTCUSDT 1.2 50000 big',
      ].join('\n'),
    );
    const pick = (i: number, ...keys: string[]) =>
      Object.fromEntries(keys.map((k) => [k, out[i]?.[k]]));
    const types = out.map((e) => `${e.type}${e.status ? `:${e.status}` : ''}`);
    expect(types).toEqual([
      'market',
      'order_received',
      'order_update:NEW',
      'order_update:ACCEPTED',
      'account',
      'market',
      'fill',
      'order_update:FILLED',
      'position',
      'account',
      'error',
      'order_received',
      'order_update:REJECTED',
      'cancel_received',
      'order_update:REJECTED',
      'cancel_received',
      'order_update:FILLED',
      'order_received',
      'order_update:REJECTED', // a risk denial: recorded as REJECTED, never NEW
    ]);
    expect(pick(1, 'client_order_id')).toEqual({ client_order_id: 'a1' });
    expect(out[4]).toMatchObject({ balances: [{ asset: 'USDT', free: 9510, locked: 490 }] });
    expect(out[6]).toMatchObject({
      client_order_id: 'a1',
      qty: 0.01,
      price: 49000,
      liquidity: 'MAKER',
    });
    expect(out[10]).toMatchObject({ type: 'error', message: 'qty must be > 0', line: 4 });
    expect(out[12]).toMatchObject({
      client_order_id: 'a1',
      status: 'REJECTED',
      reason: 'duplicate client_order_id',
    });
    expect(out[14]).toMatchObject({
      client_order_id: 'zz',
      status: 'REJECTED',
      reason: 'unknown client_order_id',
    });
    expect(out[16]).toMatchObject({ client_order_id: 'a1', status: 'FILLED' });
    expect(out.at(-1)).toMatchObject({
      type: 'order_update',
      status: 'REJECTED',
      reason: 'max_order_notional: 60000 > 50000',
    });
  });

  it('writes ts_ns as exact integer nanoseconds', () => {
    const { engine, clock } = makeEngine({ startMs: 1_700_000_000_123 });
    const session = new LineSession(engine, clock);
    session.handleLine('MARKET BTCUSDT 50000 1700000000456', 1);
    const [line] = session.takeBatch().lines.slice(-1);
    expect(line).toContain('"ts_ns":1700000000456000000');
  });
});
