import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_TOKEN, BEARER, LAUNCH_TOKEN, ORIGIN, testApp } from '../testing/test-app';
import { SESSION_COOKIE } from './protected-paths';

/** Every API route, with the method it answers to. */
const API_ROUTES: readonly (readonly ['GET' | 'POST' | 'DELETE', string])[] = [
  ['GET', '/api/config'],
  ['GET', '/api/market'],
  ['GET', '/api/orders'],
  ['GET', '/api/orders_state'],
  ['GET', '/api/order_state?client_order_id=a1'],
  ['POST', '/api/order'],
  ['POST', '/api/cancel'],
  ['GET', '/api/account'],
  ['GET', '/api/positions'],
  ['GET', '/api/fills'],
  ['GET', '/api/execution/ping'],
  ['GET', '/api/stream'],
  ['GET', '/api/credentials'],
  ['POST', '/api/credentials'],
  ['DELETE', '/api/credentials/binance'],
  ['GET', '/metrics'],
];

function cookieOf(setCookie: string | string[] | undefined): string {
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (first === undefined) throw new Error('no set-cookie');
  return first;
}

describe('login by link and session cookie', () => {
  let app: FastifyInstance;
  beforeEach(async () => {
    app = await testApp();
  });
  afterEach(async () => {
    await app.close();
  });

  it('trades the launch token for an HttpOnly SameSite=Strict cookie and a redirect without it', async () => {
    const res = await app.inject({ method: 'GET', url: `/paper?x=1&token=${LAUNCH_TOKEN}&y=2` });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/paper?x=1&y=2');
    const cookie = cookieOf(res.headers['set-cookie']);
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43};`));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain(LAUNCH_TOKEN);

    const session = cookie.split(';')[0] ?? '';
    const api = await app.inject({
      method: 'GET',
      url: '/api/config',
      headers: { cookie: session },
    });
    expect(api.statusCode).toBe(200);
  });

  it('refuses the launch token the second time', async () => {
    const first = await app.inject({ method: 'GET', url: `/?token=${LAUNCH_TOKEN}` });
    expect(first.statusCode).toBe(302);
    const again = await app.inject({ method: 'GET', url: `/?token=${LAUNCH_TOKEN}` });
    expect(again.statusCode).toBe(401);
    expect(again.json()).toMatchObject({ error: 'authentication_required' });
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it('opens a session with the API token link as often as asked, each one its own', async () => {
    const a = await app.inject({ method: 'GET', url: `/?token=${API_TOKEN}` });
    const b = await app.inject({ method: 'GET', url: `/?token=${API_TOKEN}` });
    expect([a.statusCode, b.statusCode]).toEqual([302, 302]);
    expect(cookieOf(a.headers['set-cookie'])).not.toBe(cookieOf(b.headers['set-cookie']));
    expect(a.headers.location).toBe('/');
  });

  it('refuses a wrong token, a repeated token parameter and a near miss', async () => {
    const near = `${LAUNCH_TOKEN.slice(0, -1)}X`;
    for (const url of [
      '/?token=nope',
      `/?token=${near}`,
      `/?token=${LAUNCH_TOKEN}&token=${LAUNCH_TOKEN}`,
      '/?token=',
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
      expect(res.headers['set-cookie'], url).toBeUndefined();
    }
    // the launch token was not spent by the failures
    expect((await app.inject({ method: 'GET', url: `/?token=${LAUNCH_TOKEN}` })).statusCode).toBe(
      302,
    );
  });

  it('keeps the redirect on this server whatever the path looks like', async () => {
    for (const path of ['//evil.example/x', '/\\evil.example/x', '///evil.example']) {
      const res = await app.inject({ method: 'GET', url: `${path}?token=${API_TOKEN}` });
      expect(res.statusCode, path).toBe(302);
      const location = String(res.headers.location);
      expect(location, path).toMatch(/^\/[^/\\]/);
    }
  });

  it('does not take a token in an API URL (tokens belong in headers there)', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/config?token=${API_TOKEN}` });
    expect(res.statusCode).toBe(401);
  });

  it('ignores a forged or stale cookie', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/config',
      headers: { cookie: `${SESSION_COOKIE}=${'A'.repeat(43)}` },
    });
    expect(res.statusCode).toBe(401);
  });

  it('keeps sessions apart between two servers', async () => {
    const other = await testApp();
    const res = await app.inject({ method: 'GET', url: `/?token=${API_TOKEN}` });
    const session = cookieOf(res.headers['set-cookie']).split(';')[0] ?? '';
    const there = await other.inject({
      method: 'GET',
      url: '/api/config',
      headers: { cookie: session },
    });
    expect(there.statusCode).toBe(401);
    await other.close();
  });
});

describe('authentication of the API', () => {
  let app: FastifyInstance;
  beforeEach(async () => {
    app = await testApp();
  });
  afterEach(async () => {
    await app.close();
  });

  it('answers 401 authentication_required on every API route without credentials', async () => {
    for (const [method, url] of API_ROUTES) {
      const res = await app.inject({ method, url, headers: { origin: ORIGIN } });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.json(), `${method} ${url}`).toMatchObject({ error: 'authentication_required' });
    }
  });

  it('lets every API route past authentication with the bearer token', async () => {
    for (const [method, url] of API_ROUTES) {
      const res = await app.inject({ method, url, headers: BEARER });
      expect(res.statusCode, `${method} ${url}`).not.toBe(401);
      expect(res.statusCode, `${method} ${url}`).not.toBe(403);
    }
  });

  it('refuses a wrong bearer even when a valid session cookie comes with it', async () => {
    const login = await app.inject({ method: 'GET', url: `/?token=${API_TOKEN}` });
    const session = cookieOf(login.headers['set-cookie']).split(';')[0] ?? '';
    for (const authorization of [
      'Bearer nope',
      `Basic ${API_TOKEN}`,
      'Bearer',
      `Bearer ${API_TOKEN}x`,
    ]) {
      const res = await app.inject({
        method: 'GET',
        url: '/api/config',
        headers: { authorization, cookie: session },
      });
      expect(res.statusCode, authorization).toBe(401);
    }
  });

  it('takes the scheme in any case', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/config',
      headers: { authorization: `bearer ${API_TOKEN}` },
    });
    expect(res.statusCode).toBe(200);
  });

  it('covers an API route reached through a percent-encoded path', async () => {
    const res = await app.inject({ method: 'GET', url: '/%61pi/config' });
    expect(res.statusCode).toBe(401);
  });

  it('leaves /health open', async () => {
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
  });
});
