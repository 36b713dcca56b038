import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineUnavailableError } from '../../engine-process/engine-link';
import { FakeCredentialSource } from '../testing/fake-credential-source';
import { FakeEngineLink } from '../testing/fake-engine-link';
import { BEARER, testApp } from '../testing/test-app';

const ORDER = { side: 'BUY', symbol: 'BTCUSDT', qty: 0.01, price: 49000, client_order_id: 'a1' };

describe('API routes over an EngineLink', () => {
  let app: FastifyInstance;
  let engine: FakeEngineLink;
  let credentials: FakeCredentialSource;
  let ping: { latencyMs: number } | Error;

  beforeEach(async () => {
    engine = new FakeEngineLink();
    credentials = new FakeCredentialSource();
    ping = { latencyMs: 12 };
    app = await testApp({
      engine,
      credentials,
      execution: {
        ping: async () => {
          if (ping instanceof Error) throw ping;
          return ping;
        },
      },
      info: { mode: 'paper', venue: 'binance', symbols: ['BTCUSDT'] },
    });
  });
  afterEach(async () => {
    await app.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url, headers: BEARER });
  const post = (url: string, payload: unknown) =>
    app.inject({ method: 'POST', url, headers: BEARER, payload: payload as object });

  it('POST /api/order hands the validated command to the engine and answers its ack', async () => {
    engine.onOrder = async (cmd) => ({
      clientOrderId: cmd.clientOrderId ?? '',
      status: 'ACCEPTED',
      venueOrderId: 'v-9',
    });
    const res = await post('/api/order', ORDER);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      ok: true,
      client_order_id: 'a1',
      status: 'ACCEPTED',
      venue_order_id: 'v-9',
    });
    expect(engine.orders).toEqual([
      {
        side: 'BUY',
        symbol: 'BTCUSDT',
        qty: 0.01,
        type: 'LIMIT',
        price: 49000,
        clientOrderId: 'a1',
      },
    ]);
  });

  it('POST /api/order answers an engine rejection as 200 ok:false with the reason', async () => {
    engine.onOrder = async () => ({
      clientOrderId: 'a1',
      status: 'REJECTED',
      reason: 'max_order_notional: 60000 > 50000',
    });
    const res = await post('/api/order', ORDER);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      ok: false,
      client_order_id: 'a1',
      status: 'REJECTED',
      reason: 'max_order_notional: 60000 > 50000',
    });
  });

  it('answers 503 execution_unavailable while the engine restarts', async () => {
    const down = async (): Promise<never> => {
      throw new EngineUnavailableError('engine restarting (attempt 2)');
    };
    engine.onOrder = down;
    engine.onCancel = down;
    engine.onQuery = down;
    for (const res of [
      await post('/api/order', ORDER),
      await post('/api/cancel', { client_order_id: 'a1' }),
      await get('/api/account'),
      await get('/api/orders_state'),
    ]) {
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({
        error: 'execution_unavailable',
        message: 'engine restarting (attempt 2)',
      });
    }
  });

  it('answers 500 internal_error for an unexpected failure, without its message', async () => {
    engine.onOrder = async () => {
      throw new Error('pipe broke: secret detail');
    };
    const res = await post('/api/order', ORDER);
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: 'internal_error', message: 'Internal server error' });
  });

  it('POST /api/cancel cancels by client id', async () => {
    const res = await post('/api/cancel', { client_order_id: 'a1', symbol: 'BTCUSDT' });
    expect(res.json()).toEqual({ ok: true, client_order_id: 'a1', status: 'CANCELLED' });
    expect(engine.cancels).toEqual(['a1']);
    engine.onCancel = async (id) => ({
      clientOrderId: id,
      status: 'REJECTED',
      reason: 'unknown client_order_id',
    });
    const unknown = await post('/api/cancel', { client_order_id: 'zz' });
    expect(unknown.json()).toMatchObject({ ok: false, reason: 'unknown client_order_id' });
  });

  it('GET /api/orders_state and /api/order_state query the engine', async () => {
    const a1 = { type: 'order_state', client_order_id: 'a1', status: 'ACCEPTED' };
    const a2 = { type: 'order_state', client_order_id: 'a2', status: 'FILLED' };
    engine.onQuery = async (q) => {
      if (q === 'ORDERS') return [{ type: 'query_received' }, a1, a2];
      if (typeof q === 'object' && q.order === 'a1') return [a1];
      return [{ type: 'error', message: 'unknown client_order_id' }];
    };
    expect((await get('/api/orders_state')).json()).toEqual({ orders: [a1, a2] });
    expect((await get('/api/order_state?client_order_id=a1')).json()).toEqual(a1);
    const missing = await get('/api/order_state?client_order_id=nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: 'not_found' });
    const bad = await get('/api/order_state');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({
      error: 'bad_params',
      message: 'client_order_id: expected a string',
    });
    expect(engine.queries).toEqual(['ORDERS', { order: 'a1' }, { order: 'nope' }]);
  });

  it('GET /api/account and /api/positions answer the engine events', async () => {
    const account = {
      type: 'account',
      ts_ns: '1',
      balances: [{ asset: 'USDT', free: 1, locked: 0 }],
    };
    const pos = { type: 'position', ts_ns: '1', symbol: 'BTCUSDT', qty: 0.01, avg_price: 1 };
    engine.onQuery = async (q) => (q === 'ACCOUNT' ? [account] : [pos]);
    expect((await get('/api/account')).json()).toEqual(account);
    expect((await get('/api/positions')).json()).toEqual({ positions: [pos] });
    engine.onQuery = async () => [{ type: 'error', message: 'no account yet' }];
    const failed = await get('/api/account');
    expect(failed.statusCode).toBe(502);
    expect(failed.json()).toEqual({ error: 'engine_error', message: 'no account yet' });
  });

  it('GET /api/market, /api/orders and /api/fills answer from the event stream', async () => {
    engine.emit({ type: 'market', symbol: 'BTCUSDT', price: 1, ts_ns: '1' });
    engine.emit({ type: 'market', symbol: 'BTCUSDT', price: 2, ts_ns: '2' });
    engine.emit({ type: 'market', symbol: 'ETHUSDT', price: 3, ts_ns: '3' });
    const update = { type: 'order_update', client_order_id: 'a1', status: 'ACCEPTED' };
    const fill = { type: 'fill', client_order_id: 'a1', qty: 1, price: 2 };
    engine.emit(update);
    engine.emit({ type: 'account', balances: [] });
    engine.emit(fill);
    expect((await get('/api/market')).json()).toEqual({
      market: {
        BTCUSDT: { type: 'market', symbol: 'BTCUSDT', price: 2, ts_ns: '2' },
        ETHUSDT: { type: 'market', symbol: 'ETHUSDT', price: 3, ts_ns: '3' },
      },
    });
    expect((await get('/api/orders')).json()).toEqual({ events: [update, fill] });
    expect((await get('/api/fills')).json()).toEqual({ fills: [fill] });
  });

  it('keeps only the most recent order events', async () => {
    await app.close();
    app = await testApp({ engine, sse: { recentSize: 3 } });
    for (let i = 0; i < 5; i++) engine.emit({ type: 'fill', client_order_id: `f${i}` });
    const ids = (await get('/api/fills'))
      .json()
      .fills.map((f: { client_order_id: string }) => f.client_order_id);
    expect(ids).toEqual(['f2', 'f3', 'f4']);
  });

  it('GET /api/config tells mode, venue, symbols, engine state and key origins, never keys', async () => {
    await credentials.store('binance', { apiKey: 'KEY-1234567890', apiSecret: 'SECRET-123456' });
    const res = await get('/api/config');
    expect(res.json()).toEqual({
      mode: 'paper',
      venue: 'binance',
      symbols: ['BTCUSDT'],
      engine: 'running',
      credentials: { binance: 'stored', okx: 'absent', bybit: 'absent', coinbase: 'absent' },
    });
    expect(res.body).not.toContain('KEY-1234567890');
  });

  it('credentials: stored through the source, never echoed, listed by origin, forgotten', async () => {
    const key = 'AKIA-REAL-LOOKING-KEY-42';
    const secret = 'very/secret+value=';
    const stored = await post('/api/credentials', {
      venue: 'okx',
      api_key: key,
      api_secret: secret,
      passphrase: 'pass-phrase-1',
    });
    expect(stored.statusCode).toBe(200);
    expect(stored.json()).toEqual({ ok: true, venue: 'okx', origin: 'stored' });
    for (const s of [key, secret, 'pass-phrase-1']) expect(stored.body).not.toContain(s);
    expect(await credentials.get('okx')).toEqual({
      apiKey: key,
      apiSecret: secret,
      passphrase: 'pass-phrase-1',
    });
    const list = await get('/api/credentials');
    expect(list.json()).toEqual({
      origins: { binance: 'absent', okx: 'stored', bybit: 'absent', coinbase: 'absent' },
    });
    expect(list.body).not.toContain(key);
    const gone = await app.inject({
      method: 'DELETE',
      url: '/api/credentials/okx',
      headers: BEARER,
    });
    expect(gone.json()).toEqual({ ok: true, venue: 'okx', origin: 'absent' });
    expect(await credentials.get('okx')).toBeNull();
    const bad = await app.inject({
      method: 'DELETE',
      url: '/api/credentials/kraken',
      headers: BEARER,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'bad_params' });
  });

  it('GET /api/execution/ping answers the venue latency, 503 when the venue fails', async () => {
    expect((await get('/api/execution/ping')).json()).toEqual({ ok: true, latency_ms: 12 });
    ping = new Error('ECONNRESET');
    const res = await get('/api/execution/ping');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ error: 'execution_unavailable' });
  });
});

describe('API routes without their collaborators', () => {
  it('answers 503 for credentials and ping when none are given', async () => {
    const app = await testApp({ engine: new FakeEngineLink(), execution: null });
    const ping = await app.inject({ method: 'GET', url: '/api/execution/ping', headers: BEARER });
    expect(ping.statusCode).toBe(503);
    expect(ping.json()).toMatchObject({ error: 'execution_unavailable' });
    const creds = await app.inject({ method: 'GET', url: '/api/credentials', headers: BEARER });
    expect(creds.statusCode).toBe(503);
    expect(creds.json()).toMatchObject({ error: 'credentials_unavailable' });
    await app.close();
  });

  it('unsubscribes from the engine when closed', async () => {
    const engine = new FakeEngineLink();
    const app = await testApp({ engine });
    expect(engine.subscribers).toBe(1);
    await app.close();
    expect(engine.subscribers).toBe(0);
  });
});
