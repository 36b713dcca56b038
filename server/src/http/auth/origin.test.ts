import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeEngineLink } from '../testing/fake-engine-link';
import { BEARER, ORIGIN, PORT, sessionCookie, testApp } from '../testing/test-app';
import { allowedHosts, isOwnOrigin } from './origin-check';

describe('isOwnOrigin', () => {
  const hosts = allowedHosts('192.168.1.5');

  it.each([
    ['http://127.0.0.1:8080', true],
    ['http://localhost:8080', true],
    ['http://LOCALHOST:8080', true],
    ['http://[::1]:8080', true],
    ['http://192.168.1.5:8080', true],
    ['http://127.0.0.1:8081', false],
    ['http://127.0.0.1', false],
    ['https://127.0.0.1:8080', false],
    ['http://evil.example:8080', false],
    ['http://127.0.0.1.evil.example:8080', false],
    ['http://127.0.0.1:8080/', false],
    ['http://user@127.0.0.1:8080', false],
    ['null', false],
    ['', false],
    ['file://', false],
  ])('%s → %s', (origin, ok) => {
    expect(isOwnOrigin(origin, hosts, 8080)).toBe(ok);
  });

  it('does not add a wildcard listen host', () => {
    expect(allowedHosts('0.0.0.0').has('0.0.0.0')).toBe(false);
    expect(allowedHosts('::').size).toBe(3);
  });

  it('accepts port 80 only when the server is on it', () => {
    expect(isOwnOrigin('http://localhost', allowedHosts(undefined), 80)).toBe(true);
  });
});

describe('Origin check on mutating calls', () => {
  let app: FastifyInstance;
  let engine: FakeEngineLink;
  let cookie: string;
  const order = { side: 'BUY', symbol: 'BTCUSDT', qty: 1, price: 100 };

  beforeAll(async () => {
    engine = new FakeEngineLink();
    app = await testApp({ engine });
    cookie = await sessionCookie(app);
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (headers: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/api/order', headers, payload: order });

  it('accepts the browser app: session cookie and its own Origin', async () => {
    const res = await post({ cookie, origin: ORIGIN });
    expect(res.statusCode).toBe(200);
    const local = await post({ cookie, origin: `http://localhost:${PORT}` });
    expect(local.statusCode).toBe(200);
  });

  it('refuses a session cookie without Origin', async () => {
    const before = engine.commandCount;
    const res = await post({ cookie });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: 'forbidden' });
    expect(engine.commandCount).toBe(before);
  });

  it('accepts a script: bearer token without Origin', async () => {
    const res = await post({ ...BEARER });
    expect(res.statusCode).toBe(200);
  });

  it.each([
    ['another site', 'http://evil.example'],
    ['another port on this host', `http://127.0.0.1:${PORT + 1}`],
    ['an opaque origin', 'null'],
    ['https', `https://127.0.0.1:${PORT}`],
  ])('refuses %s with a cookie, a bearer or nothing', async (_what, origin) => {
    const before = engine.commandCount;
    const variants: Record<string, string>[] = [
      { cookie, origin },
      { ...BEARER, origin },
      { origin },
    ];
    for (const headers of variants) {
      const res = await post(headers);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: 'forbidden' });
    }
    expect(engine.commandCount).toBe(before);
  });

  it('checks DELETE too', async () => {
    const res = await app.inject({
      method: 'DELETE',
      url: '/api/credentials/binance',
      headers: { cookie, origin: 'http://evil.example' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('does not need Origin on reads', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/orders', headers: { cookie } });
    expect(res.statusCode).toBe(200);
  });
});

describe('no CORS', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp({ engine: new FakeEngineLink() });
  });
  afterAll(async () => {
    await app.close();
  });

  const corsHeaders = (headers: Record<string, unknown>) =>
    Object.keys(headers).filter((h) => h.toLowerCase().startsWith('access-control-'));

  it('sends no Access-Control-* header on a preflight, with or without credentials', async () => {
    for (const extra of [{}, BEARER]) {
      const res = await app.inject({
        method: 'OPTIONS',
        url: '/api/order',
        headers: {
          ...extra,
          origin: 'http://evil.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, authorization',
        },
      });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(corsHeaders(res.headers)).toEqual([]);
    }
  });

  it('sends none on answers to a cross-origin read either', async () => {
    for (const origin of ['http://evil.example', ORIGIN]) {
      const res = await app.inject({
        method: 'GET',
        url: '/api/orders',
        headers: { ...BEARER, origin },
      });
      expect(res.statusCode).toBe(200);
      expect(corsHeaders(res.headers)).toEqual([]);
    }
  });
});
