import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { BEARER, testApp } from './testing/test-app';

const INDEX_HTML = '<!doctype html><html><head><title>VeloZ</title></head><body></body></html>';

describe('buildApp', () => {
  let dir: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'veloz-static-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX_HTML);
    writeFileSync(join(dir, 'assets', 'main-abc123.js'), 'console.log("hi");');
    app = await buildApp({ staticDir: dir });
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers GET /health with {ok:true}', async () => {
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual({ ok: true });
  });

  it('answers an unknown /api route with 401 to a stranger (routes stay unlisted)', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/nope?x=1',
      headers: { accept: 'text/html,application/json' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toMatchObject({ error: 'authentication_required' });
  });

  it('serves index.html at /', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toBe(INDEX_HTML);
  });

  it('sends the isolation and hardening headers on pages, assets and errors alike', async () => {
    for (const url of ['/', '/health', '/api/nope', '/?token=wrong']) {
      const res = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(res.headers['cross-origin-opener-policy'], url).toBe('same-origin');
      expect(res.headers['cross-origin-embedder-policy'], url).toBe('require-corp');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
    }
  });

  it('serves hashed assets as immutable', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/main-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.body).toBe('console.log("hi");');
  });

  it('falls back to index.html for a client-side route', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/backtest/runs',
      headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toBe(INDEX_HTML);
  });

  it('does not hide a missing asset behind index.html', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/assets/gone.js',
      headers: { accept: '*/*' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'not_found' });
  });
});

describe('buildApp without a static dir', () => {
  it('serves /health and JSON 404s only', async () => {
    const app = await buildApp();
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.json()).toEqual({ ok: true });
    const page = await app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(404);
    expect(page.json()).toMatchObject({ error: 'not_found' });
    await app.close();
  });

  it('locks the API when no tokens are given (nobody was told the random ones)', async () => {
    const app = await buildApp();
    const res = await app.inject({ method: 'GET', url: '/api/config', headers: BEARER });
    expect(res.statusCode).toBe(401);
    await app.close();
  });

  it('answers an unknown /api route with a 404 JSON error once authenticated', async () => {
    const app = await testApp();
    const res = await app.inject({ method: 'GET', url: '/api/nope?x=1', headers: BEARER });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'not_found', message: 'No route for GET /api/nope' });
    await app.close();
  });

  it('answers engine routes with 503 execution_unavailable when no engine is attached', async () => {
    const app = await testApp();
    const order = { side: 'BUY', symbol: 'BTCUSDT', qty: 1 };
    const post = await app.inject({
      method: 'POST',
      url: '/api/order',
      headers: BEARER,
      payload: order,
    });
    expect(post.statusCode).toBe(503);
    expect(post.json()).toMatchObject({ error: 'execution_unavailable' });
    for (const url of ['/api/market', '/api/orders', '/api/account', '/api/stream']) {
      const res = await app.inject({ method: 'GET', url, headers: BEARER });
      expect(res.statusCode, url).toBe(503);
      expect(res.json(), url).toMatchObject({ error: 'execution_unavailable' });
    }
    const config = await app.inject({ method: 'GET', url: '/api/config', headers: BEARER });
    expect(config.json()).toEqual({
      mode: 'offline',
      venue: null,
      symbols: [],
      engine: null,
      credentials: null,
    });
    await app.close();
  });

  it('maps a malformed JSON body to a bad_json error that does not quote the body', async () => {
    const app = await testApp();
    const res = await app.inject({
      method: 'POST',
      url: '/api/order',
      headers: { ...BEARER, 'content-type': 'application/json' },
      payload: '{"side":"SECRETSIDE',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'bad_json', message: 'body: not valid JSON' });
    await app.close();
  });
});
