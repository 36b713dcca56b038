import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineChild } from './testing/engine-child';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'veloz-stdio-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('engine --stdio', () => {
  it('speaks the DESIGN §8 example session and stops cleanly at EOF', async () => {
    const e = new EngineChild([]);
    e.send(
      'MARKET BTCUSDT 50000',
      'ORDER BUY BTCUSDT 0.01 49000 a1',
      'MARKET BTCUSDT 48900',
      'ORDER BUY BTCUSDT -1 49000 a2',
      'ORDER BUY BTCUSDT 0.01 49000 a1',
      'ORDER BUY BTCUSDT 1.2 50000 big',
    );
    e.end();
    const { code } = await e.exited;
    expect(code).toBe(0);
    const ev = e.events;
    expect(ev[0]).toMatchObject({ type: 'engine_started', mode: 'paper', venue: 'simulated' });
    expect(ev.at(-1)?.type).toBe('engine_stopped');
    const a1 = ev
      .filter((x) => x.client_order_id === 'a1')
      .map((x) => `${x.type}:${x.status ?? ''}`);
    expect(a1).toEqual([
      'order_received:',
      'order_update:NEW',
      'order_update:ACCEPTED',
      'fill:',
      'order_update:FILLED',
      'order_received:',
      'order_update:REJECTED',
    ]);
    const acc = ev.find((x) => x.type === 'account' && JSON.stringify(x).includes('"locked":490'));
    expect(acc).toMatchObject({ balances: [{ asset: 'USDT', free: 9510, locked: 490 }] });
    expect(ev.find((x) => x.type === 'fill')).toMatchObject({ qty: 0.01, price: 49000 });
    expect(ev.find((x) => x.type === 'error')).toMatchObject({
      message: 'qty must be > 0',
      line: 4,
    });
    expect(ev.find((x) => x.client_order_id === 'big' && x.status === 'REJECTED')).toMatchObject({
      reason: 'max_order_notional: 60000 > 50000',
    });
    // Every line is one JSON object, ts_ns an exact integer.
    for (const raw of e.rawLines) expect(raw).toMatch(/^\{"type":"[a-z_]+"(,"ts_ns":\d{19})?[,}]/);
  });

  it('answers malformed lines with an error and leaves the state unchanged', async () => {
    const e = new EngineChild([]);
    e.send(
      'QUERY ACCOUNT',
      'ORDER BUY',
      '{"cmd":"order"',
      'ORDER SELL BTCUSDT 1 NaN x',
      '\u0000\u0001garbage',
      'QUERY ACCOUNT',
    );
    e.end();
    await e.exited;
    // The first account line is the startup deposit; then one per QUERY ACCOUNT.
    const accounts = e.events.filter((x) => x.type === 'account').slice(1);
    expect(accounts).toHaveLength(2);
    expect(accounts[1]?.balances).toEqual(accounts[0]?.balances);
    expect(e.events.filter((x) => x.type === 'error').map((x) => x.line)).toEqual([2, 3, 4, 5]);
  });

  it('SIGTERM flushes, prints engine_stopped and exits 0', async () => {
    const e = new EngineChild(['--wal', join(dir, 'w.wal')]);
    await e.waitFor((x) => x.type === 'engine_started');
    e.send('MARKET BTCUSDT 50000');
    await e.waitFor((x) => x.type === 'market');
    e.kill('SIGTERM');
    const { code } = await e.exited;
    expect(code).toBe(0);
    expect(e.events.at(-1)?.type).toBe('engine_stopped');
  });

  it('restarting with the same --wal restores orders, balances and positions', async () => {
    const wal = join(dir, 'engine.wal');
    const first = new EngineChild(['--wal', wal, '--fee-bps', '10']);
    first.send(
      'MARKET BTCUSDT 50000',
      'ORDER BUY BTCUSDT 0.02 49900 buy1',
      'MARKET BTCUSDT 49800',
      'ORDER SELL BTCUSDT 0.01 51000 sell1',
      'ORDER BUY BTCUSDT 0.01 48000 rest1',
      'QUERY ORDERS',
      'QUERY ACCOUNT',
      'QUERY POSITIONS',
    );
    first.end();
    await first.exited;
    const snapshot = (ev: typeof first.events) => ({
      orders: ev.filter((x) => x.type === 'order_state').map(({ ts_ns: _, ...rest }) => rest),
      account: ev
        .filter((x) => x.type === 'account')
        .map(({ ts_ns: _, ...rest }) => rest)
        .at(-1),
      positions: ev
        .filter((x) => x.type === 'position')
        .map(({ ts_ns: _, unrealized_pnl: __, ...rest }) => rest)
        .at(-1),
    });
    const before = snapshot(first.events);
    expect(before.orders).toHaveLength(3);

    const second = new EngineChild(['--wal', wal, '--fee-bps', '10', '--balances', 'USDT=1']);
    second.send('QUERY ORDERS', 'QUERY ACCOUNT', 'QUERY POSITIONS');
    second.end();
    await second.exited;
    expect(second.events[0]).toMatchObject({ type: 'engine_started', recovered_orders: 3 });
    expect(snapshot(second.events)).toEqual(before);
    // The resting order still works after the restart.
    const third = new EngineChild(['--wal', wal, '--fee-bps', '10']);
    third.send('MARKET BTCUSDT 47990');
    third.end();
    await third.exited;
    expect(third.events.find((x) => x.type === 'fill')).toMatchObject({
      client_order_id: 'rest1',
      price: 48000,
    });
    expect(readFileSync(wal, 'utf8').length).toBeGreaterThan(0);
  });

  it('bad arguments exit 2 with one line', async () => {
    const e = new EngineChild(['--balances', 'USDT=abc']);
    const { code } = await e.exited;
    expect(code).toBe(2);
    expect(e.stderr.trim().split('\n')).toHaveLength(1);
    expect(e.stderr).toContain('--balances: bad entry "USDT=abc"');
  });
});
