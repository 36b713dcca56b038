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

describe('LineSession output for a host', () => {
  const input = ['MARKET BTCUSDT 50000', 'ORDER BUY BTCUSDT 0.01 49000 a1', 'bad', 'CANCEL a1'];

  it('takeOutput gives the lines of takeBatch as UTF-8 bytes; state events only when collected', () => {
    const a = makeEngine();
    const b = makeEngine();
    const lines = new LineSession(a.engine, a.clock);
    const bytes = new LineSession(b.engine, b.clock, { collectStateEvents: false });
    input.forEach((line, i) => {
      lines.handleLine(line, i + 1);
      bytes.handleLine(line, i + 1);
    });
    const batch = lines.takeBatch();
    const output = bytes.takeOutput();
    expect(new TextDecoder().decode(output.bytes)).toBe(batch.lines.map((l) => `${l}\n`).join(''));
    expect(batch.lines).toHaveLength(9);
    expect(batch.stateEvents.map((e) => e.type)).toEqual([
      'market_updated',
      'order_submitted',
      'order_accepted',
      'order_cancelled',
    ]);
    expect(output.stateEvents).toEqual([]);
    expect(bytes.takeOutput().bytes).toHaveLength(0);
  });

  it('writes later batches into released output buffers, never into handed-out ones', () => {
    const { engine, clock } = makeEngine();
    const session = new LineSession(engine, clock);
    const decode = (b: Uint8Array) => new TextDecoder().decode(b);
    session.handleLine('QUERY ACCOUNT', 1);
    const first = session.takeOutput().bytes;
    session.releaseOutput(first); // written out: its memory may serve a later batch
    session.handleLine('QUERY POSITIONS', 2);
    const second = session.takeOutput().bytes;
    const secondText = decode(second);
    session.handleLine('QUERY ORDERS', 3);
    const third = session.takeOutput().bytes;
    expect(third.buffer).toBe(first.buffer);
    expect(second.buffer).not.toBe(first.buffer);
    expect(decode(second)).toBe(secondText);
    expect(JSON.parse(decode(third))).toMatchObject({ type: 'query_received', what: 'orders' });
  });
});
