import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EngineChild } from './testing/engine-child';

const dir = mkdtempSync(join(tmpdir(), 'veloz-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ARGS = ['--risk', 'order_rate=off,max_open_orders=off', '--balances', 'USDT=100000000'];

describe('engine --stdio crash safety', () => {
  // Kill points vary per cycle; each cycle continues the same WAL.
  const killAfter = [37, 420, 1, 1500, 999];
  it('every order acknowledged before SIGKILL is there after restart, exactly once', async () => {
    const wal = join(dir, 'crash.wal');
    const acked = new Set<string>();
    let next = 0;
    for (const [cycle, after] of killAfter.entries()) {
      const e = new EngineChild(['--wal', wal, ...ARGS]);
      await e.waitFor((x) => x.type === 'engine_started');
      if (cycle === 0) e.send('MARKET BTCUSDT 50000');
      // A burst of orders in several writes, without waiting for answers.
      const burst: string[] = [];
      for (let i = 0; i < 3000; i++)
        burst.push(`ORDER BUY BTCUSDT 0.001 ${49_000 + (i % 50)} k${next++}`);
      for (let i = 0; i < burst.length; i += 250) e.send(...burst.slice(i, i + 250));
      const isAck = (x: { type: string; status?: unknown }) =>
        x.type === 'order_update' && x.status === 'ACCEPTED';
      await e.waitFor(() => e.events.filter(isAck).length >= after);
      e.kill('SIGKILL');
      const { signal } = await e.exited;
      expect(signal).toBe('SIGKILL');
      for (const x of e.events) if (isAck(x)) acked.add(x.client_order_id as string);

      const check = new EngineChild(['--wal', wal, ...ARGS]);
      check.send('QUERY ORDERS', 'QUERY ACCOUNT');
      check.end();
      await check.exited;
      const states = check.events.filter((x) => x.type === 'order_state');
      const ids = states.map((x) => x.client_order_id as string);
      expect(new Set(ids).size).toBe(ids.length); // nothing applied twice
      const byId = new Map(states.map((x) => [x.client_order_id as string, x]));
      for (const id of acked) expect(byId.get(id)?.status, id).toBe('ACCEPTED');
      // Locked funds equal the open orders' reservations: 0.001 × price each (fee 0).
      const locked = states.reduce((s, x) => s + 0.001 * (x.limit_price as number), 0);
      const account = check.events.find((x) => x.type === 'account');
      const balances = (account?.balances ?? []) as { asset: string; locked: number }[];
      const usdt = balances.find((b) => b.asset === 'USDT');
      expect(usdt?.locked).toBeCloseTo(locked, 6);
    }
    expect(acked.size).toBeGreaterThanOrEqual(killAfter.reduce((a, b) => a + b, 0));
  }, 120_000);
});
