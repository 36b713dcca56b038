import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type EngineEvent, EngineUnavailableError } from './engine-link';
import { EngineQueueFullError, EngineSupervisor, type EngineSupervisorOptions } from './supervisor';

const root = mkdtempSync(join(tmpdir(), 'veloz-supervisor-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const running: EngineSupervisor[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

let dirs = 0;
async function supervisor(o: Partial<EngineSupervisorOptions> = {}): Promise<EngineSupervisor> {
  const s = new EngineSupervisor({
    walDir: mkdtempSync(join(root, `${dirs++}-`)),
    venue: 'simulated',
    balances: { USDT: 100_000, BTC: 1 },
    risk: { order_rate: 'off', max_open_orders: 'off' },
    ...o,
  });
  running.push(s);
  await s.start();
  return s;
}

const pidOf = (s: EngineSupervisor): number => {
  const st = s.status();
  if (st.state !== 'running') throw new Error(`not running: ${JSON.stringify(st)}`);
  return st.pid;
};

async function until(pred: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1500 && !pred(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!pred()) throw new Error(`timed out waiting for ${what}`);
}

describe('EngineSupervisor: answers', () => {
  it('acknowledges an order with the status and venue order id the engine printed', async () => {
    const s = await supervisor();
    await s.tick('BTCUSDT', 50_000);
    const ack = await s.order({
      side: 'BUY',
      symbol: 'BTCUSDT',
      qty: 0.01,
      type: 'LIMIT',
      price: 49_000,
      clientOrderId: 'a1',
    });
    expect(ack).toEqual({ clientOrderId: 'a1', status: 'ACCEPTED', venueOrderId: 'SIM-1' });
    const dup = await s.order({
      side: 'BUY',
      symbol: 'BTCUSDT',
      qty: 0.01,
      type: 'LIMIT',
      price: 49_000,
      clientOrderId: 'a1',
    });
    expect(dup).toMatchObject({ status: 'REJECTED', reason: 'duplicate client_order_id' });
    const denied = await s.order({ side: 'BUY', symbol: 'BTCUSDT', qty: 100, type: 'MARKET' });
    expect(denied.status).toBe('REJECTED');
    expect(denied.reason).toBe('max_order_notional: 5000000 > 50000');
    expect(denied.clientOrderId).toMatch(/^[a-z0-9]+-[a-z0-9]+$/); // generated
    const bad = await s.order({ side: 'BUY', symbol: 'BTCUSDT', qty: 0.01, type: 'LIMIT' });
    expect(bad).toMatchObject({ status: 'REJECTED' }); // no price: the engine's own refusal
    expect(bad.reason).toMatch(/price/);
    await expect(
      s.order({ side: 'BUY', symbol: 'BTCUSDT', qty: 1, type: 'MARKET', clientOrderId: 'x y=1' }),
    ).rejects.toThrow(/client_order_id/);
  });

  it('answers cancels, queries and ticks with their own events', async () => {
    const s = await supervisor();
    await s.tick('BTCUSDT', 50_000);
    await s.order({
      side: 'BUY',
      symbol: 'BTCUSDT',
      qty: 0.1,
      type: 'LIMIT',
      price: 49_000,
      clientOrderId: 'r1',
    });
    await s.order({
      side: 'BUY',
      symbol: 'BTCUSDT',
      qty: 0.1,
      type: 'LIMIT',
      price: 48_000,
      clientOrderId: 'r2',
    });
    const fills = await s.tick('BTCUSDT', 48_900);
    expect(fills.filter((e) => e.type === 'fill').map((e) => e.client_order_id)).toEqual(['r1']);
    expect(await s.cancel('r2')).toMatchObject({ clientOrderId: 'r2', status: 'CANCELLED' });
    expect(await s.cancel('r1')).toMatchObject({ status: 'FILLED' }); // finished: its final status
    expect(await s.cancel('nope')).toMatchObject({
      status: 'REJECTED',
      reason: 'unknown client_order_id',
    });

    // Queries sent together, each answered by its own events only.
    const [orders, one, account, positions, unknown] = await Promise.all([
      s.query('ORDERS'),
      s.query({ order: 'r1' }),
      s.query('ACCOUNT'),
      s.query('POSITIONS'),
      s.query({ order: 'zz' }),
    ]);
    expect(orders.map((e) => [e.type, e.client_order_id, e.status])).toEqual([
      ['order_state', 'r1', 'FILLED'],
      ['order_state', 'r2', 'CANCELLED'],
    ]);
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ type: 'order_state', client_order_id: 'r1', executed_qty: 0.1 });
    expect(account).toHaveLength(1);
    const bal = account[0]?.balances as { asset: string; free: number; locked: number }[];
    expect(bal.find((b) => b.asset === 'USDT')).toEqual({ asset: 'USDT', free: 95_100, locked: 0 });
    expect(bal.find((b) => b.asset === 'BTC')).toEqual({ asset: 'BTC', free: 1.1, locked: 0 });
    expect(positions.map((e) => [e.type, e.symbol, e.qty])).toEqual([['position', 'BTCUSDT', 0.1]]);
    expect(unknown).toEqual([
      expect.objectContaining({ type: 'error', message: 'unknown client_order_id' }),
    ]);
  });

  it('feeds EXEC reports to an external venue and answers with what they produced', async () => {
    const s = await supervisor({ venue: 'external' });
    await s.tick('BTCUSDT', 50_000);
    const ack = await s.order({
      side: 'BUY',
      symbol: 'BTCUSDT',
      qty: 0.2,
      type: 'LIMIT',
      price: 49_000,
      clientOrderId: 'e1',
    });
    expect(ack).toEqual({ clientOrderId: 'e1', status: 'NEW' }); // the venue has yet to accept it
    const accepted = await s.exec({
      kind: 'status',
      clientOrderId: 'e1',
      status: 'ACCEPTED',
      venueOrderId: 'V9',
      tsMs: 1,
    });
    expect(accepted.map((e) => [e.type, e.status, e.venue_order_id])).toEqual([
      ['order_update', 'ACCEPTED', 'V9'],
    ]);
    const filled = await s.exec({
      kind: 'fill',
      clientOrderId: 'e1',
      status: 'PARTIALLY_FILLED',
      venueOrderId: 'V9',
      tradeId: 't1',
      fillQty: 0.05,
      fillPrice: 48_990,
      fee: 0.1,
      feeAsset: 'USDT',
      liquidity: 'MAKER',
      tsMs: 2,
    });
    expect(filled.map((e) => e.type)).toEqual(['fill', 'order_update', 'position', 'account']);
    expect(filled[0]).toMatchObject({ qty: 0.05, price: 48_990, fee: 0.1 });
    // A cancel the venue must confirm: acknowledged with the order's state, still open.
    expect(await s.cancel('e1')).toEqual({
      clientOrderId: 'e1',
      status: 'PARTIALLY_FILLED',
      venueOrderId: 'V9',
    });
    const wrong = await s.exec({
      kind: 'status',
      clientOrderId: 'nope',
      status: 'CANCELLED',
      tsMs: 3,
    });
    expect(wrong).toEqual([
      expect.objectContaining({ type: 'error', message: 'unknown client_order_id' }),
    ]);
    const spaced = await s.exec({
      kind: 'status',
      clientOrderId: 'e1',
      status: 'CANCELLED',
      reason: 'user asked',
      tsMs: 4,
    });
    expect(spaced.map((e) => [e.type, e.status, e.reason])).toEqual([
      ['order_update', 'CANCELLED', 'user asked'],
      ['account', undefined, undefined],
    ]);
  });

  it('publishes every event in order, without its own bookkeeping queries', async () => {
    const s = await supervisor();
    const seen: EngineEvent[] = [];
    const off = s.subscribe((e) => seen.push(e));
    await s.tick('BTCUSDT', 50_000);
    await s.order({
      side: 'SELL',
      symbol: 'BTCUSDT',
      qty: 0.1,
      type: 'MARKET',
      clientOrderId: 'm1',
    });
    expect(seen.map((e) => e.type)).toEqual([
      'market',
      'order_received',
      'order_update', // NEW
      'order_update', // ACCEPTED
      'fill',
      'order_update', // FILLED
      'position',
      'account',
    ]);
    off();
    await s.query('ACCOUNT');
    expect(seen).toHaveLength(8);
  });
});

describe('EngineSupervisor: backpressure', () => {
  it('stops writing while the engine does not read, and refuses commands past the limit', async () => {
    const s = await supervisor({ maxPending: 10_000 });
    await s.tick('BTCUSDT', 50_000);
    const pid = pidOf(s);
    process.kill(pid, 'SIGSTOP'); // the engine reads nothing more
    const acks: Promise<unknown>[] = [];
    let refused = 0;
    // 12 000 orders of ~110 bytes: 1.3 MB, far more than the socket pair to the child (~400 kB)
    // and stdin's buffer take.
    const pad = 'x'.repeat(50);
    for (let i = 0; i < 12_000; i++) {
      const p = s.order({
        side: 'BUY',
        symbol: 'BTCUSDT',
        qty: 0.001,
        type: 'LIMIT',
        price: 40_000 + (i % 1000),
        clientOrderId: `bp${i}${pad}`,
      });
      acks.push(
        p.catch((e: unknown) => {
          if (!(e instanceof EngineQueueFullError)) throw e;
          refused++;
          return null;
        }),
      );
    }
    await new Promise((r) => setImmediate(r)); // the writes happen in a microtask
    const st = s.stats();
    process.kill(pid, 'SIGCONT');
    expect(refused).toBe(2_000);
    expect(st.pending).toBe(10_000);
    // Most commands still wait in the queue, not in stdin's buffer: writing stopped at 'drain'.
    expect(st.queued).toBeGreaterThan(3_000);
    expect(st.peakStdinBuffered).toBeLessThanOrEqual(16 * 1024 + 64 * 1024);
    const done = await Promise.all(acks);
    expect(done.filter((a) => a !== null)).toHaveLength(10_000);
    expect(s.stats()).toMatchObject({ pending: 0, queued: 0 });
    const orders = await s.query('ORDERS');
    expect(orders).toHaveLength(10_000);
  });
});

describe('EngineSupervisor: restarts', () => {
  it('delivers events to subscribers in order across a restart', async () => {
    const s = await supervisor({ restart: { initialDelayMs: 10 } });
    const seen: EngineEvent[] = [];
    s.subscribe((e) => seen.push(e));
    await s.tick('BTCUSDT', 50_000);
    await s.order({
      side: 'BUY',
      symbol: 'BTCUSDT',
      qty: 0.01,
      type: 'LIMIT',
      price: 49_000,
      clientOrderId: 'k1',
    });
    const first = pidOf(s);
    process.kill(first, 'SIGKILL');
    await until(() => s.status().state === 'restarting', 'restarting');
    expect(s.status()).toMatchObject({
      state: 'restarting',
      attempt: 1,
      lastExit: 'signal SIGKILL',
    });
    // Commands sent while it restarts wait for the new engine.
    const ack = s.order({
      side: 'BUY',
      symbol: 'BTCUSDT',
      qty: 0.01,
      type: 'LIMIT',
      price: 48_000,
      clientOrderId: 'k2',
    });
    expect(await ack).toMatchObject({ status: 'ACCEPTED' });
    expect(pidOf(s)).not.toBe(first);
    const types = seen.map((e) => e.type);
    const restartAt = types.lastIndexOf('engine_started');
    expect(restartAt).toBeGreaterThan(0);
    expect(seen[restartAt]?.recovered_orders).toBe(1);
    expect(types.slice(0, restartAt)).toContain('order_received'); // k1 before, k2 after
    expect(seen.slice(restartAt).find((e) => e.type === 'order_received')?.client_order_id).toBe(
      'k2',
    );
    expect(seen.slice(0, restartAt).some((e) => e.client_order_id === 'k2')).toBe(false);
  });

  it('stops gracefully: answered what it read, then refuses', async () => {
    const s = await supervisor();
    await s.tick('BTCUSDT', 50_000);
    const acks = Array.from({ length: 50 }, (_, i) =>
      s.order({
        side: 'BUY',
        symbol: 'BTCUSDT',
        qty: 0.001,
        type: 'LIMIT',
        price: 49_000,
        clientOrderId: `g${i}`,
      }),
    );
    await Promise.all(acks);
    await s.stop();
    expect(s.status()).toEqual({ state: 'stopped' });
    await expect(s.query('ACCOUNT')).rejects.toBeInstanceOf(EngineUnavailableError);
  });
});
