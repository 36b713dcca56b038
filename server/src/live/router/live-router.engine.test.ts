// One run against the real stdio engine process (EngineSupervisor, --venue external, file WAL):
// the router's reading of the engine and its EXEC lines hold outside the in-process fake too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../engine-process/engine-link';
import { EngineSupervisor } from '../../engine-process/supervisor';
import { parseAccount } from './engine-wire';
import { LiveRouter } from './live-router';
import type { RouterEvent } from './router-events';
import { FakeVenueAdapter } from './testing/fake-venue-adapter';

const root = mkdtempSync(join(tmpdir(), 'veloz-router-engine-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Waits for a condition that depends on the child's output (bounded; no time is asserted). */
async function until(pred: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1500 && !pred(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!pred()) throw new Error(`timed out waiting for ${what}`);
}

describe('LiveRouter with the real engine process', () => {
  it('routes, books fills once, cancels, and a restarted router skips what the engine has', async () => {
    const engine = new EngineSupervisor({
      walDir: mkdtempSync(join(root, 'wal-')),
      venue: 'external',
      balances: { USDT: 10_000 },
      feeBps: 10,
    });
    await engine.start();
    try {
      const printed: EngineEvent[] = [];
      engine.subscribe((e) => printed.push(e));
      await engine.tick('BTCUSDT', 50_000);
      const venue = new FakeVenueAdapter();
      const router = new LiveRouter({ engine, adapter: venue });
      const events: RouterEvent[] = [];
      router.onEvent((e) => events.push(e));
      await router.start();
      const order = (id: string) =>
        engine.order({
          side: 'BUY',
          symbol: 'BTCUSDT',
          qty: 0.01,
          price: 49_000,
          type: 'LIMIT',
          clientOrderId: id,
        });
      const stateOf = async (id: string) =>
        (await engine.query({ order: id })).find((e) => e.type === 'order_state');

      expect((await order('i1')).status).toBe('NEW');
      await until(() => events.some((e) => e.type === 'routed'), 'the order to be routed');
      await router.idle();
      expect(await stateOf('i1')).toMatchObject({ status: 'ACCEPTED', venue_order_id: 'V1' });

      const t1 = venue.fill('i1', 0.004, 49_000, 0.196);
      venue.report(t1);
      await router.idle();
      expect(await stateOf('i1')).toMatchObject({
        status: 'PARTIALLY_FILLED',
        executed_qty: 0.004,
      });

      await order('i2');
      await until(() => events.filter((e) => e.type === 'routed').length === 2, 'i2 routed');
      await router.idle();
      await engine.cancel('i2');
      await until(() => venue.cancelled.includes('i2'), 'the cancel to reach the venue');
      await router.idle();
      expect(await stateOf('i2')).toMatchObject({ status: 'CANCELLED' });

      // A new router (as after a server restart) on the same engine; the venue replays t1.
      await router.stop();
      const venue2 = new FakeVenueAdapter();
      for (const [k, v] of venue.book) venue2.book.set(k, v);
      const start2 = venue2.start.bind(venue2);
      venue2.start = async (ev) => {
        ev.onReport(t1);
        return start2(ev);
      };
      const router2 = new LiveRouter({ engine, adapter: venue2 });
      await router2.start();
      await router2.idle();
      venue2.fill('i1', 0.006, 48_990, 0.29394);
      await router2.idle();
      expect(await stateOf('i1')).toMatchObject({ status: 'FILLED', executed_qty: 0.01 });
      expect(printed.filter((e) => e.type === 'fill').map((e) => e.qty)).toEqual([0.004, 0.006]);
      const usdt = (await engine.query('ACCOUNT'))
        .map(parseAccount)
        .find((b) => b !== null)
        ?.find((b) => b.asset === 'USDT');
      expect(usdt?.free).toBeCloseTo(
        10_000 - (0.004 * 49_000 + 0.006 * 48_990 + 0.196 + 0.29394),
        6,
      );
      expect(usdt?.locked).toBeCloseTo(0, 9);
      expect(venue.placed.length + venue2.placed.length).toBe(2);
      await router2.stop();
    } finally {
      await engine.stop();
    }
  });
});
