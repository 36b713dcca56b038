import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BreakerConfig,
  type BreakerEvent,
  type BreakerState,
  breakerAdmits,
  breakerStep,
  initialBreaker,
} from './circuit-breaker';

const CONFIG: BreakerConfig = {
  maxLoss: 100,
  lossWindowMs: 60_000,
  maxErrorRate: 0.5,
  errorWindowMs: 10_000,
  minOrdersForErrorRate: 4,
  staleAfterMs: 5_000,
  coolDownMs: 30_000,
  probeOrders: 2,
};

const run = (events: BreakerEvent[], c = CONFIG, s0 = initialBreaker(0)): BreakerState =>
  events.reduce((s, e) => breakerStep(s, e, c), s0);
const md = (ts: number): BreakerEvent => ({ type: 'market_data', ts });
const pnl = (ts: number, amount: number): BreakerEvent => ({ type: 'realized_pnl', ts, amount });
const okAt = (ts: number): BreakerEvent => ({ type: 'order_succeeded', ts });
const failAt = (ts: number): BreakerEvent => ({ type: 'order_failed', ts, reason: 'rejected' });

describe('circuit breaker', () => {
  it('trips on realized loss within the window, not across it', () => {
    const tripped = run([md(0), pnl(1000, -60), md(2000), pnl(3000, -50)]);
    expect(tripped.status).toBe('open');
    expect(breakerAdmits(tripped, CONFIG)).toBe(
      'circuit_breaker: open (loss_rate: realized loss 110 > 100 in 60000 ms)',
    );
    // Same losses 61 s apart, market data flowing: the first has left the window.
    const events: BreakerEvent[] = [pnl(0, -60)];
    for (let t = 4000; t <= 61_000; t += 4000) events.push(md(t));
    events.push(md(61_500), pnl(61_500, -50));
    expect(run(events).status).toBe('closed');
    // Gains offset losses: the window holds net realized P&L.
    expect(run([pnl(0, -80), pnl(1, 30), pnl(2, -45)]).status).toBe('closed');
  });

  it('trips on the error rate once enough orders are decided', () => {
    const three = run([failAt(1), okAt(2), failAt(3)]);
    expect(three.status).toBe('closed');
    const four = breakerStep(three, failAt(4), CONFIG);
    expect(four.status === 'open' && four.reason).toEqual({
      code: 'error_rate',
      failed: 3,
      total: 4,
      limit: 0.5,
      windowMs: 10_000,
    });
  });

  it('trips on stale market data; stays open while stale; probes once fresh', () => {
    const stale = run([md(0), { type: 'clock', ts: 5001 }]);
    expect(stale.status === 'open' && stale.reason).toEqual({
      code: 'stale_market',
      stalenessMs: 5001,
      limit: 5000,
    });
    // Cool-down over but still no data: open.
    expect(breakerStep(stale, { type: 'clock', ts: 40_000 }, CONFIG).status).toBe('open');
    // Data again after the cool-down: half-open.
    const half = breakerStep(stale, md(40_000), CONFIG);
    expect(half.status).toBe('half_open');
  });

  it('half-open: limited probes; all succeed → closed, one fails → open again', () => {
    const opened = run([md(0), { type: 'trip', ts: 0, note: 'test' }]);
    expect(opened.status).toBe('open');
    expect(breakerStep(opened, md(29_999), CONFIG).status).toBe('open');
    const half = breakerStep(opened, md(30_000), CONFIG);
    expect(half.status).toBe('half_open');
    expect(breakerAdmits(half, CONFIG)).toBeNull();
    const sent2 = run(
      [
        { type: 'order_sent', ts: 30_001 },
        { type: 'order_sent', ts: 30_002 },
      ],
      CONFIG,
      half,
    );
    expect(breakerAdmits(sent2, CONFIG)).toMatch(
      /^circuit_breaker: half-open, 2 of 2 probe orders/,
    );
    const oneOk = breakerStep(sent2, okAt(30_003), CONFIG);
    expect(oneOk.status).toBe('half_open');
    expect(breakerStep(oneOk, okAt(30_004), CONFIG)).toEqual({
      status: 'closed',
      lastMarketTs: 30_000,
      pnl: [],
      outcomes: [],
    });
    const reopened = breakerStep(oneOk, failAt(30_004), CONFIG);
    expect(reopened).toMatchObject({
      status: 'open',
      openedAt: 30_004,
      reason: { code: 'probe_failed' },
    });
  });

  it('a manual reset closes it; null limits never trip', () => {
    const opened = run([{ type: 'trip', ts: 5, note: 'x' }]);
    expect(breakerStep(opened, { type: 'reset', ts: 6 }, CONFIG).status).toBe('closed');
    const off: BreakerConfig = { ...CONFIG, maxLoss: null, maxErrorRate: null, staleAfterMs: null };
    expect(
      run(
        [pnl(0, -1e9), failAt(1), failAt(2), failAt(3), failAt(4), { type: 'clock', ts: 1e9 }],
        off,
      ).status,
    ).toBe('closed');
  });

  it('legal transitions only, and the loss trip agrees with a plain window sum (property)', () => {
    const event = fc.oneof(
      fc.record({
        type: fc.constant('market_data' as const),
        dt: fc.integer({ min: 0, max: 3000 }),
      }),
      fc.record({
        type: fc.constant('realized_pnl' as const),
        dt: fc.integer({ min: 0, max: 20_000 }),
        amount: fc.integer({ min: -80, max: 40 }),
      }),
      fc.record({ type: fc.constant('order_sent' as const), dt: fc.constant(0) }),
      fc.record({
        type: fc.constant('order_succeeded' as const),
        dt: fc.integer({ min: 0, max: 2000 }),
      }),
      fc.record({
        type: fc.constant('order_failed' as const),
        dt: fc.integer({ min: 0, max: 2000 }),
      }),
      fc.record({ type: fc.constant('clock' as const), dt: fc.integer({ min: 0, max: 40_000 }) }),
    );
    const legal: Record<string, string[]> = {
      closed: ['closed', 'open'],
      open: ['open', 'half_open'],
      half_open: ['half_open', 'open', 'closed'],
    };
    fc.assert(
      fc.property(fc.array(event, { maxLength: 80 }), (steps) => {
        let s = initialBreaker(0);
        let ts = 0;
        let closedSince = 0; // plain model: realized P&L events since the breaker last closed
        let book: { ts: number; amount: number }[] = [];
        for (const st of steps) {
          ts += st.dt;
          const e: BreakerEvent =
            st.type === 'realized_pnl'
              ? { type: st.type, ts, amount: st.amount }
              : st.type === 'order_failed'
                ? { type: st.type, ts, reason: 'r' }
                : { type: st.type, ts };
          const next = breakerStep(s, e, CONFIG);
          expect(legal[s.status]).toContain(next.status);
          if (s.status !== 'closed' && next.status === 'closed') {
            closedSince = ts;
            book = [];
          }
          if (e.type === 'realized_pnl' && s.status === 'closed') {
            const all = [...book, { ts, amount: e.amount }].filter(
              (b) => b.ts > ts - CONFIG.lossWindowMs && b.ts >= closedSince,
            );
            const loss = -all.reduce((a, b) => a + b.amount, 0);
            const stale = ts - s.lastMarketTs > (CONFIG.staleAfterMs as number);
            if (!stale) expect(next.status === 'open').toBe(loss > (CONFIG.maxLoss as number));
            if (next.status === 'closed') book.push({ ts, amount: e.amount });
          }
          if (next.status === 'open') book = [];
          if (next.status === 'open') expect(breakerAdmits(next, CONFIG)).not.toBeNull();
          if (next.status === 'closed') expect(breakerAdmits(next, CONFIG)).toBeNull();
          s = next;
        }
      }),
    );
  });
});
