import { describe, expect, it } from 'vitest';
import { KILL_SWITCH_REASON, LiveRouter } from './live-router';
import { UNREACHABLE } from './resolve-from-venue';
import type { RouterEvent } from './router-events';
import { FakeVenueAdapter } from './testing/fake-venue-adapter';
import { InProcessEngineLink } from './testing/in-process-engine-link';

const FEE_BPS = 10;

async function setup(balances: Record<string, number> = { USDT: 10_000 }) {
  const link = new InProcessEngineLink({ balances, feeBps: FEE_BPS });
  await link.send('MARKET BTCUSDT 50000');
  const venue = new FakeVenueAdapter();
  const router = new LiveRouter({ engine: link, adapter: venue, now: () => 1_000 });
  const events: RouterEvent[] = [];
  router.onEvent((e) => events.push(e));
  await router.start();
  await router.idle();
  const buy = async (id: string, qty = 0.01, price = 49_000) => {
    const ack = await link.order({
      side: 'BUY',
      symbol: 'BTCUSDT',
      qty,
      price,
      type: 'LIMIT',
      clientOrderId: id,
    });
    await router.idle();
    return ack;
  };
  const settle = () => router.idle();
  const state = (id: string) => link.engine.state.orders.get(id as never);
  const balance = (a: string) => link.engine.balances().find((b) => b.asset === a);
  const execs = () =>
    link.sent.filter((l) => l.startsWith('{"cmd":"exec"')).map((l) => JSON.parse(l));
  const fillEvents = (id: string) =>
    link.printed.filter((e) => e.type === 'fill' && e.client_order_id === id);
  const warnings = (code?: string) =>
    events.filter(
      (e): e is Extract<RouterEvent, { type: 'warning' }> =>
        e.type === 'warning' && (code === undefined || e.code === code),
    );
  return { link, venue, router, events, buy, settle, state, balance, execs, fillEvents, warnings };
}

describe('LiveRouter: placing', () => {
  it('place → ACCEPTED → partial fills → FILLED reaches the engine once, books as computed', async () => {
    const s = await setup();
    await s.buy('a1', 0.01, 49_000);
    expect(s.venue.placed).toEqual([
      {
        clientOrderId: 'a1',
        symbol: 'BTCUSDT',
        side: 'BUY',
        type: 'LIMIT',
        qty: 0.01,
        price: 49_000,
        tif: 'GTC',
        postOnly: false,
      },
    ]);
    expect(s.state('a1')?.status).toBe('ACCEPTED');
    expect(s.state('a1')?.venueOrderId).toBe('V1');
    s.venue.fill('a1', 0.004, 49_000, 0.196);
    s.venue.fill('a1', 0.006, 48_990, 0.29394);
    await s.settle();
    const o = s.state('a1');
    expect(o?.status).toBe('FILLED');
    expect(o?.executedQty).toBeCloseTo(0.01, 12);
    expect(s.fillEvents('a1').map((e) => [e.qty, e.price, e.fee])).toEqual([
      [0.004, 49_000, 0.196],
      [0.006, 48_990, 0.29394],
    ]);
    // Independent arithmetic: cash out = Σ qty × price + Σ fee; the reserve (at the limit) is released.
    const spent = 0.004 * 49_000 + 0.006 * 48_990 + 0.196 + 0.29394;
    expect(s.balance('USDT')?.free).toBeCloseTo(10_000 - spent, 6);
    expect(s.balance('USDT')?.locked).toBeCloseTo(0, 9);
    expect(s.balance('BTC')?.free).toBeCloseTo(0.01, 12);
    // One ACCEPTED exec (the stream's ACCEPTED, which came first, was dropped), two fills.
    expect(s.execs().map((x) => x.status)).toEqual(['ACCEPTED', 'PARTIALLY_FILLED', 'FILLED']);
    expect(s.venue.placed).toHaveLength(1);
    expect(s.events).toContainEqual({ type: 'routed', clientOrderId: 'a1', venueOrderId: 'V1' });
  });

  it('passes the order type, stop, tif and post-only from the engine echo', async () => {
    const s = await setup();
    await s.link.order({
      side: 'BUY',
      symbol: 'BTCUSDT',
      qty: 0.01,
      price: 49_000,
      type: 'LIMIT',
      tif: 'IOC',
      postOnly: true,
      clientOrderId: 'p1',
    });
    await s.link.order({
      side: 'BUY',
      symbol: 'BTCUSDT',
      qty: 0.01,
      price: 51_500,
      stop: 51_000,
      type: 'STOP_LIMIT',
      clientOrderId: 'p2',
    });
    await s.link.order({
      side: 'BUY',
      symbol: 'BTCUSDT',
      qty: 0.001,
      type: 'MARKET',
      clientOrderId: 'p3',
    });
    await s.settle();
    expect(s.venue.placed).toEqual([
      {
        clientOrderId: 'p1',
        symbol: 'BTCUSDT',
        side: 'BUY',
        type: 'LIMIT',
        qty: 0.01,
        price: 49_000,
        tif: 'IOC',
        postOnly: true,
      },
      {
        clientOrderId: 'p2',
        symbol: 'BTCUSDT',
        side: 'BUY',
        type: 'STOP_LIMIT',
        qty: 0.01,
        price: 51_500,
        stopPrice: 51_000,
        tif: 'GTC',
        postOnly: false,
      },
      {
        clientOrderId: 'p3',
        symbol: 'BTCUSDT',
        side: 'BUY',
        type: 'MARKET',
        qty: 0.001,
        tif: 'GTC',
        postOnly: false,
      },
    ]);
  });

  it('orders the engine refuses never reach the venue; a duplicate id does not touch the original', async () => {
    const s = await setup();
    await s.buy('a1');
    const dup = await s.buy('a1');
    expect(dup.status).toBe('REJECTED');
    const denied = await s.link.order({
      side: 'BUY',
      symbol: 'BTCUSDT',
      qty: 1,
      price: 49_000,
      type: 'LIMIT',
      clientOrderId: 'big',
    });
    await s.settle();
    expect(denied.status).toBe('REJECTED');
    expect(s.venue.placed.map((o) => o.clientOrderId)).toEqual(['a1']);
    s.venue.fill('a1', 0.01, 49_000);
    await s.settle();
    expect(s.state('a1')?.status).toBe('FILLED');
  });

  it('venue rejection → engine REJECTED with the venue reason, reserve released', async () => {
    const s = await setup();
    s.venue.placeScript.push({ result: 'rejected', reason: 'Filter failure: PRICE_FILTER' });
    await s.buy('r1');
    expect(s.state('r1')?.status).toBe('REJECTED');
    expect(s.state('r1')?.reason).toBe('Filter failure: PRICE_FILTER');
    expect(s.balance('USDT')).toEqual({ asset: 'USDT', free: 10_000, locked: 0 });
  });

  it('unknown result, order landed → the query finds it: ACCEPTED, placed once', async () => {
    const s = await setup();
    s.venue.streamAccepted = false;
    s.venue.placeScript.push({ result: 'unknown', landed: true });
    await s.buy('u1');
    expect(s.venue.placed).toHaveLength(1);
    expect(s.venue.queried).toEqual(['u1']);
    expect(s.state('u1')?.status).toBe('ACCEPTED');
    expect(s.state('u1')?.venueOrderId).toBe('V1');
    s.venue.fill('u1', 0.01, 49_000);
    await s.settle();
    expect(s.state('u1')?.status).toBe('FILLED');
  });

  it('unknown result, order never landed → REJECTED venue unreachable, never placed again', async () => {
    const s = await setup();
    s.venue.placeScript.push({ result: 'unknown', landed: false });
    await s.buy('u2');
    expect(s.venue.placed).toHaveLength(1);
    expect(s.venue.queried).toEqual(['u2']);
    expect(s.state('u2')?.status).toBe('REJECTED');
    expect(s.state('u2')?.reason).toBe(UNREACHABLE);
    expect(s.balance('USDT')).toEqual({ asset: 'USDT', free: 10_000, locked: 0 });
    // A later reconnect does not resurrect it.
    s.venue.disconnect();
    await s.venue.reconnect({ replay: true });
    await s.settle();
    expect(s.venue.placed).toHaveLength(1);
  });

  it('reports that arrive while the place is slow wait for it, then apply in order', async () => {
    const s = await setup();
    s.venue.placeScript.push({ result: 'held' });
    s.venue.streamAccepted = false;
    await s.link.order({
      side: 'BUY',
      symbol: 'BTCUSDT',
      qty: 0.01,
      price: 49_000,
      type: 'LIMIT',
      clientOrderId: 'h1',
    });
    await new Promise((r) => setImmediate(r));
    expect(s.venue.placed).toHaveLength(1);
    // The order is in the book before place returns; the stream already has a fill.
    const vo = s.venue.book.get('h1');
    expect(vo).toBeDefined();
    s.venue.fill('h1', 0.003, 49_000);
    await new Promise((r) => setImmediate(r));
    expect(s.state('h1')?.status).toBe('NEW');
    s.venue.release();
    await s.settle();
    expect(s.execs().map((x) => x.status)).toEqual(['ACCEPTED', 'PARTIALLY_FILLED']);
    expect(s.state('h1')?.executedQty).toBeCloseTo(0.003, 12);
  });
});

describe('LiveRouter: reports', () => {
  it('duplicate reports are dropped: fills by trade id, statuses by state', async () => {
    const s = await setup();
    await s.buy('d1');
    const f1 = s.venue.fill('d1', 0.004, 49_000);
    s.venue.report(f1);
    s.venue.report(f1);
    s.venue.report({
      kind: 'status',
      clientOrderId: 'd1',
      status: 'ACCEPTED',
      venueOrderId: 'V1',
      tsMs: 0,
    });
    await s.settle();
    expect(s.fillEvents('d1')).toHaveLength(1);
    expect(s.state('d1')?.executedQty).toBeCloseTo(0.004, 12);
    const dropped = s.events.filter((e) => e.type === 'report_dropped');
    expect(dropped).toEqual([
      { type: 'report_dropped', clientOrderId: 'd1', why: 'duplicate' }, // the stream's first ACCEPTED
      { type: 'report_dropped', clientOrderId: 'd1', why: 'duplicate' },
      { type: 'report_dropped', clientOrderId: 'd1', why: 'duplicate' },
      { type: 'report_dropped', clientOrderId: 'd1', why: 'duplicate' },
    ]);
    s.venue.fill('d1', 0.006, 49_000);
    s.venue.report({ kind: 'status', clientOrderId: 'd1', status: 'CANCELLED', tsMs: 0 });
    await s.settle();
    expect(s.state('d1')?.status).toBe('FILLED');
    expect(s.events.at(-1)).toEqual({
      type: 'report_dropped',
      clientOrderId: 'd1',
      why: 'order_finished',
    });
  });

  it('a report for an order the engine does not know is dropped with a warning', async () => {
    const s = await setup();
    s.venue.report({ kind: 'status', clientOrderId: 'ghost', status: 'CANCELLED', tsMs: 0 });
    await s.settle();
    expect(s.warnings('report_for_unknown_order')).toHaveLength(1);
    expect(s.link.sent.some((l) => l.includes('ghost'))).toBe(false);
  });

  it('a fill the engine cannot take (restarting) is not marked seen: a replay delivers it', async () => {
    const s = await setup();
    await s.buy('e1');
    s.link.unavailable = true;
    const f = s.venue.fill('e1', 0.004, 49_000);
    await s.settle();
    expect(s.warnings('exec_failed')).toHaveLength(1);
    s.link.unavailable = false;
    s.venue.report(f);
    s.venue.report(f);
    await s.settle();
    expect(s.fillEvents('e1')).toHaveLength(1);
    expect(s.state('e1')?.executedQty).toBeCloseTo(0.004, 12);
  });
});

describe('LiveRouter: cancels', () => {
  it('engine CANCEL → venue cancel → CANCELLED report → engine CANCELLED, reserve back', async () => {
    const s = await setup();
    await s.buy('c1');
    expect(s.balance('USDT')?.locked).toBeGreaterThan(0);
    await s.link.cancel('c1');
    await s.settle();
    expect(s.venue.cancelled).toEqual(['c1']);
    expect(s.state('c1')?.status).toBe('CANCELLED');
    expect(s.balance('USDT')).toEqual({ asset: 'USDT', free: 10_000, locked: 0 });
    expect(s.events).toContainEqual({ type: 'cancel_sent', clientOrderId: 'c1' });
  });

  it('a cancel of a partly filled order keeps the fill and frees the rest', async () => {
    const s = await setup();
    await s.buy('c2', 0.01, 49_000);
    s.venue.fill('c2', 0.004, 49_000, 0);
    await s.settle();
    await s.link.cancel('c2');
    await s.settle();
    expect(s.state('c2')?.status).toBe('CANCELLED');
    expect(s.balance('USDT')?.free).toBeCloseTo(10_000 - 0.004 * 49_000, 6);
    expect(s.balance('USDT')?.locked).toBeCloseTo(0, 9);
  });

  it('a cancel the venue refuses (already filled) leaves the order to its fill report', async () => {
    const s = await setup();
    await s.buy('c3');
    s.venue.cancelScript.push({ result: 'rejected', reason: 'Order already filled' });
    await s.link.cancel('c3');
    await s.settle();
    expect(s.warnings('cancel_failed').map((w) => w.message)).toEqual(['c3: Order already filled']);
    expect(s.state('c3')?.status).toBe('ACCEPTED');
  });

  it('a cancel with an unknown result is settled by a query', async () => {
    const s = await setup();
    await s.buy('c4');
    s.venue.streamCancelled = false;
    s.venue.cancelScript.push({ result: 'unknown', landed: true });
    await s.link.cancel('c4');
    await s.settle();
    expect(s.venue.queried).toEqual(['c4']);
    expect(s.state('c4')?.status).toBe('CANCELLED');
  });
});

describe('LiveRouter: reconciliation', () => {
  it('an order filled while disconnected (trades lost) is settled: FILLED at its price, once', async () => {
    const s = await setup();
    await s.buy('m1', 0.01, 49_000);
    s.venue.disconnect();
    s.venue.fill('m1', 0.01, 49_000);
    await s.venue.reconnect({ replay: false });
    await s.settle();
    expect(s.venue.queried).toEqual(['m1']);
    expect(s.state('m1')?.status).toBe('FILLED');
    expect(s.state('m1')?.executedQty).toBeCloseTo(0.01, 12);
    expect(s.warnings('fill_reconstructed')).toHaveLength(1);
    const rec = s.events.filter((e) => e.type === 'reconciliation').at(-1);
    expect(rec).toMatchObject({ resolved: ['m1'] });
    // The trade turning up late changes nothing.
    for (const r of s.venue.missed) s.venue.report(r);
    await s.settle();
    expect(s.fillEvents('m1')).toHaveLength(1);
  });

  it('a partial fill missed while disconnected comes back by replay, once', async () => {
    const s = await setup();
    await s.buy('m2', 0.01, 49_000);
    const first = s.venue.fill('m2', 0.002, 49_000);
    s.venue.disconnect();
    s.venue.fill('m2', 0.003, 48_900);
    await s.settle();
    expect(s.state('m2')?.executedQty).toBeCloseTo(0.002, 12);
    // The venue replays everything it has for the order; only the lost trade is new.
    s.venue.missed.unshift(first);
    await s.venue.reconnect({ replay: true });
    await s.settle();
    expect(s.fillEvents('m2').map((e) => [e.qty, e.price])).toEqual([
      [0.002, 49_000],
      [0.003, 48_900],
    ]);
    expect(s.warnings('fill_gap')).toEqual([]);
  });

  it('an open order the venue executed further, without the trades yet: a warning, no guess', async () => {
    const s = await setup();
    await s.buy('m3');
    s.venue.disconnect();
    s.venue.fill('m3', 0.004, 49_000);
    await s.venue.reconnect({ replay: false });
    await s.settle();
    expect(s.state('m3')?.executedQty).toBe(0);
    expect(s.warnings('fill_gap').map((w) => w.message)).toEqual([
      'm3: venue executed 0.004, engine 0; waiting for the fills',
    ]);
  });

  it('cancelled at the venue while disconnected → CANCELLED; a partial fill first is booked', async () => {
    const s = await setup();
    await s.buy('m4', 0.01, 49_000);
    s.venue.disconnect();
    s.venue.fill('m4', 0.004, 49_000);
    await s.venue.cancel('m4');
    await s.venue.reconnect({ replay: false });
    await s.settle();
    expect(s.state('m4')?.status).toBe('CANCELLED');
    expect(s.state('m4')?.executedQty).toBeCloseTo(0.004, 12);
    expect(s.balance('BTC')?.free).toBeCloseTo(0.004, 12);
    expect(s.balance('USDT')?.locked).toBeCloseTo(0, 9);
  });

  it('a foreign open order is reported, never cancelled; balance differences are reported, not applied', async () => {
    const s = await setup();
    s.venue.addForeign({
      clientOrderId: 'web_123',
      venueOrderId: 'X9',
      symbol: 'ETHUSDT',
      side: 'SELL',
      qty: 1,
      executedQty: 0,
      status: 'NEW',
      price: 4000,
    });
    s.venue.balances = [
      { asset: 'USDT', free: 10_000, locked: 0 },
      { asset: 'ETH', free: 0, locked: 1 },
    ];
    s.venue.disconnect();
    await s.venue.reconnect({ replay: true });
    await s.settle();
    expect(s.warnings('foreign_order')).toHaveLength(1);
    expect(s.venue.cancelled).toEqual([]);
    const rec = s.events.filter((e) => e.type === 'reconciliation').at(-1);
    expect(rec).toEqual({
      type: 'reconciliation',
      venue: 'binance',
      tsMs: 0,
      resolved: [],
      foreignOrders: [s.venue.book.get('web_123')],
      balanceDifferences: [
        {
          asset: 'ETH',
          engine: { free: 0, locked: 0 },
          venue: { free: 0, locked: 1 },
          totalDiff: 1,
        },
      ],
    });
    expect(s.balance('ETH')).toBeUndefined();
    // The kill switch leaves it alone too.
    await s.router.engageKillSwitch('test');
    expect(s.venue.cancelled).toEqual([]);
  });
});

describe('LiveRouter: kill switch', () => {
  it('cancels every open order at the venue and refuses new ones until released', async () => {
    const s = await setup();
    await s.buy('k1');
    await s.buy('k2', 0.02, 48_000);
    s.venue.fill('k2', 0.005, 48_000);
    await s.settle();
    await s.router.engageKillSwitch('manual stop');
    await s.settle();
    expect(s.router.killSwitch()).toEqual({ engaged: true, reason: 'manual stop', sinceMs: 1_000 });
    expect(s.venue.cancelled.sort()).toEqual(['k1', 'k2']);
    expect(s.state('k1')?.status).toBe('CANCELLED');
    expect(s.state('k2')?.status).toBe('CANCELLED');
    await s.buy('k3');
    expect(s.venue.placed.map((o) => o.clientOrderId)).toEqual(['k1', 'k2']);
    expect(s.state('k3')?.status).toBe('REJECTED');
    expect(s.state('k3')?.reason).toBe(KILL_SWITCH_REASON);
    s.router.releaseKillSwitch();
    expect(s.router.killSwitch()).toEqual({ engaged: false });
    await s.buy('k4');
    expect(s.state('k4')?.status).toBe('ACCEPTED');
    expect(s.events.filter((e) => e.type === 'kill_switch').map((e) => e.engaged)).toEqual([
      true,
      false,
    ]);
  });

  it('an order whose place was on its way when engaged is cancelled once it lands', async () => {
    const s = await setup();
    s.venue.placeScript.push({ result: 'held' });
    await s.link.order({
      side: 'BUY',
      symbol: 'BTCUSDT',
      qty: 0.01,
      price: 49_000,
      type: 'LIMIT',
      clientOrderId: 'k5',
    });
    await new Promise((r) => setImmediate(r));
    const engaged = s.router.engageKillSwitch('stop');
    s.venue.release();
    await engaged;
    await s.settle();
    expect(s.venue.cancelled).toEqual(['k5']);
    expect(s.state('k5')?.status).toBe('CANCELLED');
  });

  it("the engine's own kill switch (risk) engages the router's", async () => {
    const s = await setup();
    await s.buy('k6');
    // Simulate the engine printing its kill switch line, as it does on a risk breach.
    (s.router as unknown as { _onEngineEvent(e: unknown): void })._onEngineEvent({
      type: 'kill_switch',
      reason: 'max_drawdown: 0.31 > 0.3',
    });
    await s.settle();
    expect(s.router.killSwitch()).toMatchObject({
      engaged: true,
      reason: 'engine: max_drawdown: 0.31 > 0.3',
    });
    expect(s.venue.cancelled).toEqual(['k6']);
  });
});

describe('LiveRouter: restart', () => {
  it('a restarted router forwards only the trades the engine does not have', async () => {
    const s = await setup();
    await s.buy('r1', 0.01, 49_000);
    const t1 = s.venue.fill('r1', 0.002, 49_000);
    const t2 = s.venue.fill('r1', 0.003, 48_950);
    await s.settle();
    await s.router.stop();
    // A new router on the same engine; its adapter replays the order's trades on connect
    // (t1, t2: the engine has them, the new router has never seen their ids), then streams t3.
    const venue2 = new FakeVenueAdapter();
    for (const [k, v] of s.venue.book) venue2.book.set(k, v);
    const router2 = new LiveRouter({ engine: s.link, adapter: venue2, now: () => 2_000 });
    const origStart = venue2.start.bind(venue2);
    venue2.start = async (events) => {
      events.onReport(t1);
      events.onReport(t2);
      return origStart(events);
    };
    const events2: RouterEvent[] = [];
    router2.onEvent((e) => events2.push(e));
    await router2.start();
    await router2.idle();
    expect(s.fillEvents('r1')).toHaveLength(2);
    expect(events2.filter((e) => e.type === 'report_dropped')).toEqual([
      { type: 'report_dropped', clientOrderId: 'r1', why: 'already_executed' },
      { type: 'report_dropped', clientOrderId: 'r1', why: 'already_executed' },
    ]);
    venue2.fill('r1', 0.005, 48_900);
    await router2.idle();
    expect(s.fillEvents('r1').map((e) => e.qty)).toEqual([0.002, 0.003, 0.005]);
    expect(s.state('r1')?.status).toBe('FILLED');
    expect(venue2.placed).toEqual([]);
  });

  it('without a replay, a restarted router still forwards new trades (snapshot agrees)', async () => {
    const s = await setup();
    await s.buy('r2', 0.01, 49_000);
    s.venue.fill('r2', 0.004, 49_000);
    await s.settle();
    await s.router.stop();
    const venue2 = new FakeVenueAdapter();
    for (const [k, v] of s.venue.book) venue2.book.set(k, v);
    const router2 = new LiveRouter({ engine: s.link, adapter: venue2, now: () => 2_000 });
    await router2.start();
    await router2.idle();
    venue2.fill('r2', 0.006, 49_000);
    await router2.idle();
    expect(s.fillEvents('r2').map((e) => e.qty)).toEqual([0.004, 0.006]);
    expect(s.state('r2')?.status).toBe('FILLED');
  });

  it('a NEW order left by a crash before it was placed is refused, never placed', async () => {
    const link = new InProcessEngineLink({ balances: { USDT: 10_000 } });
    await link.send('MARKET BTCUSDT 50000');
    await link.order({
      side: 'BUY',
      symbol: 'BTCUSDT',
      qty: 0.01,
      price: 49_000,
      type: 'LIMIT',
      clientOrderId: 'n1',
    });
    const venue = new FakeVenueAdapter();
    const router = new LiveRouter({ engine: link, adapter: venue });
    await router.start();
    await router.idle();
    expect(venue.placed).toEqual([]);
    expect(venue.queried).toEqual(['n1']);
    expect(link.engine.state.orders.get('n1' as never)?.status).toBe('REJECTED');
  });
});
