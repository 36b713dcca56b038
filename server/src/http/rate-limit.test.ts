import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeEngineLink } from './testing/fake-engine-link';
import { BEARER, ORIGIN, sessionCookie, testApp } from './testing/test-app';

const WINDOW_MS = 60_000;

describe('rate limits', () => {
  let app: FastifyInstance;
  afterEach(async () => {
    await app.close();
  });

  it('answers 429 rate_limit_exceeded with Retry-After in seconds past the limit', async () => {
    app = await testApp({ rateLimit: { max: 3, orderMax: 2, windowMs: WINDOW_MS } });
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) {
      codes.push(
        (await app.inject({ method: 'GET', url: '/api/config', headers: BEARER })).statusCode,
      );
    }
    expect(codes).toEqual([200, 200, 200]);
    const res = await app.inject({ method: 'GET', url: '/api/config', headers: BEARER });
    expect(res.statusCode).toBe(429);
    expect(res.json()).toMatchObject({ error: 'rate_limit_exceeded' });
    const retry = Number(res.headers['retry-after']);
    expect(Number.isInteger(retry)).toBe(true);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(WINDOW_MS / 1000);
  });

  it('counts each session, the bearer and each address apart', async () => {
    app = await testApp({ rateLimit: { max: 2, orderMax: 2, windowMs: WINDOW_MS } });
    const a = await sessionCookie(app);
    const b = await sessionCookie(app);
    const get = (headers: Record<string, string>) =>
      app.inject({ method: 'GET', url: '/api/config', headers });
    for (let i = 0; i < 2; i++) expect((await get({ cookie: a })).statusCode).toBe(200);
    expect((await get({ cookie: a })).statusCode).toBe(429);
    expect((await get({ cookie: b })).statusCode).toBe(200);
    expect((await get(BEARER)).statusCode).toBe(200);
  });

  it('gives orders a tighter bucket of their own', async () => {
    const engine = new FakeEngineLink();
    app = await testApp({ engine, rateLimit: { max: 100, orderMax: 2, windowMs: WINDOW_MS } });
    const order = { side: 'BUY', symbol: 'BTCUSDT', qty: 1 };
    const post = () =>
      app.inject({ method: 'POST', url: '/api/order', headers: BEARER, payload: order });
    expect((await post()).statusCode).toBe(200);
    expect((await post()).statusCode).toBe(200);
    const third = await post();
    expect(third.statusCode).toBe(429);
    expect(third.headers['retry-after']).toBeDefined();
    expect(engine.orders).toHaveLength(2);
    // reads are still in the wide bucket
    expect(
      (await app.inject({ method: 'GET', url: '/api/orders', headers: BEARER })).statusCode,
    ).toBe(200);
  });

  it('does not limit the web app files, /health or the login link', async () => {
    app = await testApp({ rateLimit: { max: 1, orderMax: 1, windowMs: WINDOW_MS } });
    for (let i = 0; i < 5; i++) {
      expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
      const page = await app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(404); // no static dir here: a 404, never a 429
    }
    for (let i = 0; i < 3; i++) await sessionCookie(app);
  });

  it('counts refusals in /metrics', async () => {
    app = await testApp({ rateLimit: { max: 2, orderMax: 1, windowMs: WINDOW_MS } });
    const cookie = await sessionCookie(app);
    for (let i = 0; i < 4; i++) {
      await app.inject({ method: 'GET', url: '/api/config', headers: { cookie, origin: ORIGIN } });
    }
    const metrics = await app.inject({ method: 'GET', url: '/metrics', headers: BEARER });
    expect(metrics.body).toMatch(/^veloz_rate_limited_total 2$/m);
  });
});
