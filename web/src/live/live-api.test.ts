import { describe, expect, it } from 'vitest';
import { HttpClient } from './http-client';
import { LiveApi } from './live-api';

/** A LiveApi whose server answers `body` to every call. */
const apiAnswering = (body: unknown, status = 200) =>
  new LiveApi(new HttpClient(async () => new Response(JSON.stringify(body), { status })));

const ORDER_STATE = {
  type: 'order_state',
  client_order_id: 'w1',
  status: 'ACCEPTED',
  symbol: 'BTCUSDT',
  side: 'BUY',
  order_qty: 0.01,
  limit_price: 49000,
  venue_order_id: '17',
  executed_qty: 0,
  avg_price: 0,
  reason: null,
  last_ts_ns: '1735732800123000000',
  order_type: 'LIMIT',
  stop: null,
  tif: 'GTC',
  triggered: false,
};

const FILL = {
  type: 'fill',
  ts_ns: 1735732800500000000,
  client_order_id: 'w1',
  symbol: 'BTCUSDT',
  side: 'BUY',
  qty: 0.01,
  price: 49000,
  fee: 0.00001,
  fee_asset: 'BTC',
  liquidity: 'MAKER',
};

describe('LiveApi answers', () => {
  it('reads the config, keeping only origins', async () => {
    const r = await apiAnswering({
      mode: 'live',
      venue: 'binance',
      symbols: ['BTCUSDT'],
      engine: 'running',
      credentials: { binance: 'env', okx: 'absent', kraken: 'env' },
      extra: 1,
    }).config();
    expect(r).toEqual({
      ok: true,
      value: {
        mode: 'live',
        venue: 'binance',
        symbols: ['BTCUSDT'],
        engine: 'running',
        credentials: { binance: 'env', okx: 'absent' },
      },
    });
    const offline = await apiAnswering({
      mode: 'offline',
      venue: null,
      symbols: [],
      engine: null,
      credentials: null,
    }).config();
    expect(offline.ok && offline.value.credentials).toBeNull();
    const origins = await apiAnswering({
      origins: { binance: 'stored', coinbase: 'absent' },
    }).credentials();
    expect(origins).toEqual({ ok: true, value: { binance: 'stored', coinbase: 'absent' } });
  });

  it('refuses a config whose credential origin is unknown, naming the field', async () => {
    const r = await apiAnswering({
      mode: 'live',
      symbols: [],
      credentials: { binance: 'sk-123' },
    }).config();
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('bad_response');
      expect(r.error.message).toMatch(/^credentials\.binance: /);
    }
  });

  it('reads the live status: the kill switch carries a reason only when engaged', async () => {
    const base = {
      armed: true,
      venue: 'binance',
      connection: { state: 'connected' },
    };
    const off = await apiAnswering({
      ...base,
      kill_switch: { engaged: false, reason: 'old' },
    }).live();
    expect(off.ok && off.value.killSwitch).toEqual({ engaged: false });
    expect(off.ok && off.value.connection).toEqual({
      state: 'connected',
      attempt: null,
      reason: null,
    });
    const on = await apiAnswering({
      ...base,
      kill_switch: { engaged: true, reason: 'manual' },
    }).live();
    expect(on.ok && on.value.killSwitch).toEqual({ engaged: true, reason: 'manual' });
    const bad = await apiAnswering({
      ...base,
      kill_switch: { engaged: true },
      connection: { state: 'up' },
    }).live();
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('connection.state');
  });

  it('reads the circuit breaker, and a server without one', async () => {
    const base = {
      armed: true,
      venue: 'binance',
      connection: { state: 'connected' },
      kill_switch: { engaged: true, reason: 'circuit_breaker: x' },
    };
    const limits = {
      max_loss: null,
      loss_window_ms: 3_600_000,
      max_error_rate: 0.5,
      error_window_ms: 300_000,
      min_orders: 5,
      cool_down_ms: 300_000,
      probe_orders: 1,
    };
    const open = await apiAnswering({
      ...base,
      breaker: {
        state: 'open',
        reason: 'error_rate: 3 of 5 orders failed, 0.6 > 0.5 in 300000 ms',
        trip: { code: 'error_rate', failed: 3, total: 5, limit: 0.5, window_ms: 300_000 },
        opened_at_ms: 1_000,
        probe_at_ms: 301_000,
        limits,
        persisted: false,
      },
    }).live();
    expect(open.ok && open.value.breaker).toEqual({
      state: 'open',
      reason: 'error_rate: 3 of 5 orders failed, 0.6 > 0.5 in 300000 ms',
      openedAtMs: 1_000,
      probeAtMs: 301_000,
      probes: null,
      window: null,
      limits: {
        maxLoss: null,
        lossWindowMs: 3_600_000,
        maxErrorRate: 0.5,
        errorWindowMs: 300_000,
        minOrders: 5,
        coolDownMs: 300_000,
        probeOrders: 1,
      },
      persisted: false,
    });
    const none = await apiAnswering(base).live();
    expect(none.ok && none.value.breaker).toBeNull();
    const bad = await apiAnswering({ ...base, breaker: { state: 'ajar', limits } }).live();
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('breaker.state');
  });

  it('reads orders bare or under `orders`, ts_ns as ms', async () => {
    const bare = await apiAnswering([ORDER_STATE]).orders();
    const wrapped = await apiAnswering({ orders: [ORDER_STATE] }).orders();
    expect(bare).toEqual(wrapped);
    expect(bare.ok && bare.value[0]).toEqual({
      clientOrderId: 'w1',
      status: 'ACCEPTED',
      symbol: 'BTCUSDT',
      side: 'BUY',
      qty: 0.01,
      price: 49000,
      stopPrice: null,
      type: 'LIMIT',
      tif: 'GTC',
      postOnly: false,
      reduceOnly: false,
      venueOrderId: '17',
      executedQty: 0,
      avgPrice: 0,
      reason: null,
      ts: 1735732800123,
    });
  });

  it('reads fills, balances (bare or under `account`) and positions', async () => {
    const f = await apiAnswering({ fills: [FILL] }).fills();
    expect(f.ok && f.value[0]).toMatchObject({
      ts: 1735732800500,
      feeAsset: 'BTC',
      liquidity: 'MAKER',
    });
    const balances = [{ asset: 'USDT', free: 9510, locked: 490 }];
    expect(await apiAnswering({ type: 'account', ts_ns: 1, balances }).account()).toEqual({
      ok: true,
      value: balances,
    });
    expect(await apiAnswering({ account: { balances } }).account()).toEqual({
      ok: true,
      value: balances,
    });
    const p = await apiAnswering([
      { symbol: 'BTCUSDT', qty: 0.01, avg_price: 49000, realized_pnl: 0, unrealized_pnl: 1 },
    ]).positions();
    expect(p.ok && p.value[0]).toEqual({
      symbol: 'BTCUSDT',
      qty: 0.01,
      avgPrice: 49000,
      realizedPnl: 0,
      unrealizedPnl: 1,
      liquidationPrice: null,
    });
  });

  it('tells a taken order from a refused one', async () => {
    expect(
      await apiAnswering({ ok: true, client_order_id: 'a1', venue_order_id: '9' }).order({
        side: 'BUY',
        symbol: 'BTCUSDT',
        qty: 1,
        type: 'MARKET',
      }),
    ).toEqual({
      ok: true,
      value: { ok: true, clientOrderId: 'a1', venueOrderId: '9', status: null },
    });
    const refused = await apiAnswering({
      ok: false,
      client_order_id: 'a2',
      reason: 'kill switch engaged',
    }).cancel('a2');
    expect(refused).toEqual({
      ok: true,
      value: { ok: false, clientOrderId: 'a2', reason: 'kill switch engaged' },
    });
  });

  it('turns a declined action ({ok: false, reason}) into a refused error', async () => {
    expect(await apiAnswering({ ok: false, reason: 'no keys for binance' }).arm('binance')).toEqual(
      {
        ok: false,
        error: { kind: 'refused', message: 'no keys for binance' },
      },
    );
    expect(await apiAnswering({ ok: true, venue: 'binance', origin: 'stored' }).disarm()).toEqual({
      ok: true,
      value: null,
    });
    const failed = await apiAnswering({
      armed: false,
      venue: 'binance',
      phase: 'failed',
      reason: 'venue unreachable',
      kill_switch: { engaged: false },
      connection: { state: 'closed' },
      credentials: 'env',
    }).live();
    expect(failed.ok && failed.value).toMatchObject({
      phase: 'failed',
      reason: 'venue unreachable',
    });
  });

  it('sends arm, kill switch and credentials bodies as the contract says', async () => {
    const sent: unknown[] = [];
    const api = new LiveApi(
      new HttpClient(async (_url, init) => {
        sent.push(JSON.parse(String(init.body)));
        return new Response('{}', { status: 200 });
      }),
    );
    await api.arm('binance');
    await api.disarm();
    await api.engageKillSwitch('manual');
    await api.releaseKillSwitch();
    expect(sent).toEqual([
      { armed: true, confirm: 'binance' },
      { armed: false },
      { engaged: true, reason: 'manual' },
      { engaged: false },
    ]);
  });
});
