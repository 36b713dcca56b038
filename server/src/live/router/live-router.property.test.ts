// Random delivery orders against the real engine: whatever the venue's stream does (repeats,
// losses while disconnected, replays on reconnect), the engine ends with exactly the venue's
// executed quantity per order, each trade booked once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExecReport } from '../venue-adapter';
import { LiveRouter } from './live-router';
import { FakeVenueAdapter } from './testing/fake-venue-adapter';
import { InProcessEngineLink } from './testing/in-process-engine-link';

type Step =
  | { readonly kind: 'fill'; readonly order: number; readonly lots: number }
  | { readonly kind: 'repeat'; readonly pick: number }
  | { readonly kind: 'disconnect' }
  | { readonly kind: 'reconnect'; readonly replay: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('fill' as const),
      order: fc.nat(2),
      lots: fc.integer({ min: 1, max: 4 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('repeat' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'disconnect' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('reconnect' as const), replay: fc.boolean() }),
  },
);

const IDS = ['o0', 'o1', 'o2'];
const LOT = 0.001;

describe('LiveRouter property', () => {
  it('engine executed qty = venue executed qty, each trade once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) => {
        const link = new InProcessEngineLink({ balances: { USDT: 100_000 } });
        await link.send('MARKET BTCUSDT 50000');
        const venue = new FakeVenueAdapter();
        const router = new LiveRouter({ engine: link, adapter: venue, now: () => 0 });
        await router.start();
        for (const id of IDS) {
          await link.order({
            side: 'BUY',
            symbol: 'BTCUSDT',
            qty: 0.01,
            price: 49_000,
            type: 'LIMIT',
            clientOrderId: id,
          });
        }
        await router.idle();
        const sent: ExecReport[] = [];
        let connected = true;
        for (const s of steps) {
          if (s.kind === 'fill') {
            const id = IDS[s.order] as string;
            const vo = venue.book.get(id);
            if (vo === undefined || vo.status === 'FILLED') continue;
            const lots = Math.min(s.lots, Math.round((vo.qty - vo.executedQty) / LOT));
            sent.push(venue.fill(id, lots * LOT, 49_000));
          } else if (s.kind === 'repeat') {
            if (sent.length > 0 && connected)
              venue.report(sent[s.pick % sent.length] as ExecReport);
          } else if (s.kind === 'disconnect') {
            if (connected) venue.disconnect();
            connected = false;
          } else if (!connected) {
            await venue.reconnect({ replay: s.replay });
            connected = true;
          }
          await router.idle();
        }
        // The venue finally replays what it has not delivered.
        if (!connected) await venue.reconnect({ replay: true });
        for (const r of venue.missed.splice(0)) venue.report(r);
        await router.idle();
        for (const id of IDS) {
          const vo = venue.book.get(id);
          const o = link.engine.state.orders.get(id as never);
          expect(o?.executedQty).toBeCloseTo(vo?.executedQty ?? -1, 9);
          if (vo?.status === 'FILLED') expect(o?.status).toBe('FILLED');
        }
        // No trade booked twice: the engine's fills never exceed the venue's distinct trades.
        const trades = new Set(sent.map((r) => (r.kind === 'fill' ? r.tradeId : '')));
        expect(link.printed.filter((e) => e.type === 'fill').length).toBeLessThanOrEqual(
          trades.size,
        );
        expect(venue.placed).toHaveLength(IDS.length);
      }),
      { numRuns: 60, seed: 2024 },
    );
  });
});
