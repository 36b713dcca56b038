import { afterEach, describe, expect, it } from 'vitest';
import {
  fillsOf,
  type Harness,
  KEY,
  limitBuy,
  SECRET,
  sleep,
  startHarness,
  statusesOf,
  until,
} from './testing/adapter-harness';

const ordersAt = (h: Harness) => h.ex.controls.orders().length;

describe('BinanceSpotAdapter against the local exchange: faults', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('latency: slow answers within the timeout still place one order', async () => {
    h = await startHarness();
    h.ex.controls.setLatency(150);
    expect((await h.adapter.place(limitBuy('l1'))).ok).toBe(true);
    expect(ordersAt(h)).toBe(1);
    expect((await h.adapter.ping()).latencyMs).toBeGreaterThanOrEqual(150);
  });

  it('5xx then success: re-sent only after the venue says the order does not exist', async () => {
    h = await startHarness();
    h.ex.controls.failNext(2, 503);
    const r = await h.adapter.place(limitBuy('s1'));
    expect(r).toEqual({ ok: true, venueOrderId: String(h.ex.controls.orders()[0]?.orderId) });
    expect(ordersAt(h)).toBe(1);
    const calls = h.ex.controls.requests
      .filter((q) => q.path === '/api/v3/order')
      .map((q) => `${q.method} ${q.status}${q.code ? ` ${q.code}` : ''}`);
    // The second 503 hits the look-up, which is asked again before anything is re-sent.
    expect(calls).toEqual(['POST 503 -1001', 'GET 503 -1001', 'GET 400 -2013', 'POST 200']);
  });

  it('5xx after the order was carried out: found by its client id, never placed twice', async () => {
    h = await startHarness();
    h.ex.controls.failNext(1, 500, { execute: true });
    const r = await h.adapter.place(limitBuy('s2'));
    expect(r).toEqual({ ok: true, venueOrderId: String(h.ex.controls.orders()[0]?.orderId) });
    expect(ordersAt(h)).toBe(1);
  });

  it('lost response (executed, never answered): exactly one order at the exchange', async () => {
    h = await startHarness();
    h.ex.controls.loseNextResponses(1);
    const r = await h.adapter.place(limitBuy('x1'));
    expect(ordersAt(h)).toBe(1);
    expect(r).toEqual({ ok: true, venueOrderId: String(h.ex.controls.orders()[0]?.orderId) });
    // The answer that comes after the client's timeout changes nothing either.
    h.ex.controls.loseNextResponses(1, { afterMs: 600 });
    const r2 = await h.adapter.place(limitBuy('x2'));
    expect(r2.ok).toBe(true);
    expect(h.ex.controls.orders().map((o) => o.clientOrderId)).toEqual(['x1', 'x2']);
    await until(() => statusesOf(h.reports, 'x2').length === 1);
  });

  it('every attempt unanswered: unknown, and nothing at the exchange', async () => {
    h = await startHarness();
    h.ex.controls.failNext(100, 502);
    const r = await h.adapter.place(limitBuy('u1'));
    expect(r).toMatchObject({ ok: false, kind: 'unknown' });
    expect(ordersAt(h)).toBe(0);
  });

  it('429 with Retry-After: every request waits it out (no 418), then the order goes', async () => {
    h = await startHarness();
    h.ex.controls.rateLimitNext(1, 1);
    const r = await h.adapter.place(limitBuy('r1'));
    expect(r.ok).toBe(true);
    const log = h.ex.controls.requests;
    const i429 = log.findIndex((q) => q.status === 429);
    expect(i429).toBeGreaterThanOrEqual(0);
    expect(log.some((q) => q.status === 418)).toBe(false);
    expect((log[i429 + 1]?.at ?? 0) - (log[i429]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(ordersAt(h)).toBe(1);
  });

  it('request weight: requests are delayed to the next window instead of exceeding the limit', async () => {
    h = await startHarness({
      exchange: {
        rateLimits: [
          { rateLimitType: 'REQUEST_WEIGHT', interval: 'SECOND', intervalNum: 1, limit: 120 },
        ],
      },
    });
    // Each reconcile weighs 100 (openOrders 80 + account 20).
    for (let k = 0; k < 3; k++) await h.adapter.reconcile();
    const log = h.ex.controls.requests;
    expect(log.some((q) => q.status === 429 || q.status === 418)).toBe(false);
    // Binance's weights of what was sent, summed per one-second window of the exchange's clock.
    const weights: Record<string, number> = {
      '/api/v3/time': 1,
      '/api/v3/exchangeInfo': 20,
      '/api/v3/openOrders': 80,
      '/api/v3/account': 20,
    };
    const perSecond = new Map<number, number>();
    for (const q of log) {
      const s = Math.floor(q.at / 1000);
      perSecond.set(s, (perSecond.get(s) ?? 0) + (weights[q.path] ?? 0));
    }
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(120);
    // 1 + 20 + 4 × 100 = 421 in all: at least four windows.
    expect(perSecond.size).toBeGreaterThanOrEqual(4);
  });

  it('clock skew: a -1021 resyncs the server time and the order goes once', async () => {
    h = await startHarness({ beforeStart: (ex) => ex.controls.setClockSkew(30_000) });
    expect((await h.adapter.place(limitBuy('k1'))).ok).toBe(true);
    h.ex.controls.setClockSkew(-20_000);
    expect((await h.adapter.place(limitBuy('k2'))).ok).toBe(true);
    expect(h.ex.controls.requests.filter((q) => q.code === -1021)).toHaveLength(1);
    expect(h.ex.controls.orders().map((o) => o.clientOrderId)).toEqual(['k1', 'k2']);
  });

  it('dropped stream: reconnects, reconciles, and keeps reporting', async () => {
    h = await startHarness();
    expect(h.states).toEqual([{ state: 'connecting' }, { state: 'connected' }]);
    h.ex.controls.dropConnections();
    await until(() => h.states.filter((s) => s.state === 'connected').length === 2);
    expect(h.states[2]).toMatchObject({ state: 'reconnecting', attempt: 1 });
    expect(h.snapshots).toHaveLength(2);
    expect(h.ex.controls.wsAccepted()).toBe(2);
    await h.adapter.place(limitBuy('d1'));
    await until(() => statusesOf(h.reports, 'd1').includes('ACCEPTED'));
  });

  it('fills while disconnected are reported once after reconnecting; balances match the exchange', async () => {
    h = await startHarness();
    await h.adapter.place(limitBuy('f1'));
    await until(() => statusesOf(h.reports, 'f1').length === 1);
    h.ex.controls.setWsAvailable(false);
    h.ex.controls.dropConnections();
    await until(() => h.states.some((s) => s.state === 'reconnecting'));
    h.ex.controls.fillInPieces(2);
    h.ex.controls.setPrice('BTCUSDT', 18_900);
    await sleep(50);
    expect(fillsOf(h.reports, 'f1')).toHaveLength(0);
    h.ex.controls.setWsAvailable(true);
    await until(() => h.states.filter((s) => s.state === 'connected').length === 2);
    const trades = h.ex.controls.trades(KEY, 'BTCUSDT');
    const fills = fillsOf(h.reports, 'f1');
    expect(fills.map((f) => [f.tradeId, f.fillQty, f.fillPrice, f.fee, f.status])).toEqual(
      trades.map((t, k) => [
        String(t.id),
        t.qty,
        t.price,
        t.commission,
        k === 1 ? 'FILLED' : 'PARTIALLY_FILLED',
      ]),
    );
    const snapshot = h.snapshots.at(-1);
    const nonZero = h.ex.controls.balances(KEY).filter((b) => b.free !== 0 || b.locked !== 0);
    expect(snapshot?.balances).toEqual(nonZero);
    // USDT 10 000 − 0.1 × 19 000; BTC 0.1 − 0.0001 fee.
    expect(snapshot?.balances).toEqual([
      { asset: 'USDT', free: 8_100, locked: 0 },
      { asset: 'BTC', free: 0.0999, locked: 0 },
    ]);
    expect(snapshot?.openOrders).toEqual([]);
    // Another drop: nothing is reported twice.
    h.ex.controls.dropConnections();
    await until(() => h.states.filter((s) => s.state === 'connected').length === 3);
    expect(fillsOf(h.reports, 'f1')).toHaveLength(2);
    expect(statusesOf(h.reports, 'f1')).toEqual(['ACCEPTED', 'PARTIALLY_FILLED', 'FILLED']);
  });

  it('a cancel while disconnected is found by reconciliation (CANCELLED once)', async () => {
    h = await startHarness();
    await h.adapter.place(limitBuy('q1'));
    h.ex.controls.setWsAvailable(false);
    h.ex.controls.dropConnections();
    await until(() => h.states.some((s) => s.state === 'reconnecting'));
    expect((await h.adapter.cancel('q1', 'BTCUSDT')).ok).toBe(true);
    h.ex.controls.setWsAvailable(true);
    await until(() => h.states.filter((s) => s.state === 'connected').length === 2);
    expect(statusesOf(h.reports, 'q1')).toEqual(['ACCEPTED', 'CANCELLED']);
  });

  it('never puts the secret (or the key) in reasons, errors or logs', async () => {
    h = await startHarness();
    h.ex.controls.failNext(100, 503);
    const texts: string[] = [];
    const r = await h.adapter.place(limitBuy('z1'));
    if (!r.ok) texts.push(r.reason);
    await h.adapter
      .queryOrder('z1', 'BTCUSDT')
      .catch((e: Error) => texts.push(e.message, String(e.stack)));
    await h.adapter.reconcile().catch((e: Error) => texts.push(e.message));
    texts.push(...h.logs, ...h.states.map((s) => JSON.stringify(s)));
    expect(texts.length).toBeGreaterThan(2);
    for (const t of texts) {
      expect(t).not.toContain(SECRET);
      expect(t).not.toContain(KEY);
    }
  });
});
